/**
 * The state of the selected mailbox (RFC 3501 §6.3.1, §7.3, §7.4.1; RFC 7162 HIGHESTMODSEQ),
 * built from the untagged data of SELECT/EXAMINE and kept up to date from later responses.
 */
import type { NumberSet, ResponseCode } from '../types';

export interface SelectedMailbox {
  /** The name given to SELECT/EXAMINE. */
  name: string;
  /** EXAMINE, or `[READ-ONLY]` in the tagged OK. */
  readOnly: boolean;
  /** Message count (`* n EXISTS`, minus each EXPUNGE and VANISHED UID). */
  exists: number;
  /** `* n RECENT` (RFC 3501; absent in IMAP4rev2). */
  recent: number;
  uidValidity: number | null;
  uidNext: number | null;
  /** `* FLAGS (...)`. */
  flags: string[];
  /** `[PERMANENTFLAGS (...)]`, null if the server sent none. */
  permanentFlags: string[] | null;
  /** `[HIGHESTMODSEQ n]` (RFC 7162); null if none (or `[NOMODSEQ]`). */
  highestModSeq: bigint | null;
  /** `[NOMODSEQ]`: the mailbox does not support mod-sequences. */
  noModSeq: boolean;
  /** `[UNSEEN n]`: the first unseen message's number (RFC 3501). */
  unseen: number | null;
}

export function emptyMailbox(name: string, readOnly: boolean): SelectedMailbox {
  return {
    name,
    readOnly,
    exists: 0,
    recent: 0,
    uidValidity: null,
    uidNext: null,
    flags: [],
    permanentFlags: null,
    highestModSeq: null,
    noModSeq: false,
    unseen: null,
  };
}

/** Applies a response code of an untagged or tagged status response; true if it changed something. */
export function applyCode(m: SelectedMailbox, code: ResponseCode): boolean {
  switch (code.name) {
    case 'UIDVALIDITY':
      m.uidValidity = code.value;
      return true;
    case 'UIDNEXT':
      m.uidNext = code.value;
      return true;
    case 'UNSEEN':
      m.unseen = code.value;
      return true;
    case 'PERMANENTFLAGS':
      m.permanentFlags = code.flags;
      return true;
    case 'HIGHESTMODSEQ':
      m.highestModSeq = code.value;
      m.noModSeq = false;
      return true;
    case 'NOMODSEQ':
      m.highestModSeq = null;
      m.noModSeq = true;
      return true;
    case 'READ-ONLY':
      m.readOnly = true;
      return true;
    case 'READ-WRITE':
      m.readOnly = false;
      return true;
    default:
      return false;
  }
}

/** Number of UIDs in a set (a VANISHED list never holds `*`). */
export function countNumberSet(set: NumberSet): number {
  let n = 0;
  for (const v of set) n += typeof v === 'number' ? 1 : Math.abs(v[1] - v[0]) + 1;
  return n;
}
