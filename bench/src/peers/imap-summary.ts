import { digestPieces } from '../inputs/digest';
import type { ImapExpected } from '../inputs/types';

/**
 * What an IMAP peer adapter reports: counters filled while the peer's own parser runs,
 * and the BODY[] literal pieces exactly as the peer delivered them (digested by check()
 * only, outside the timed run).
 */
export interface ImapSummary {
  responses: number;
  tagged: number;
  fetches: number;
  uidSum: number;
  sizeSum: number;
  leafParts: number;
  /** BODY[] literal bytes, as Buffers or as binary strings (one char per byte). */
  body: (Uint8Array | string)[];
  /** How the peer was driven, when it differs from "incremental, socket chunks in". */
  note?: string;
}

export function emptyImapSummary(): ImapSummary {
  return { responses: 0, tagged: 0, fetches: 0, uidSum: 0, sizeSum: 0, leafParts: 0, body: [] };
}

/** Compares a summary with an input's expected result; returns what is wrong, or undefined. */
export function compareImap(got: ImapSummary, expected: ImapExpected): string | undefined {
  const bodyLength = got.body.reduce((n, p) => n + p.length, 0);
  const actual: ImapExpected = {
    responses: got.responses,
    tagged: got.tagged,
    fetches: got.fetches,
    uidSum: got.uidSum,
    sizeSum: got.sizeSum,
    leafParts: got.leafParts,
    bodyLength,
    bodyDigest: bodyLength === expected.bodyLength ? digestPieces(got.body) : '(length differs)',
  };
  const wrong = (Object.keys(expected) as (keyof ImapExpected)[]).filter((k) => actual[k] !== expected[k]);
  if (wrong.length === 0) return undefined;
  return wrong.map((k) => `${k} ${String(actual[k])}, expected ${String(expected[k])}`).join('; ');
}
