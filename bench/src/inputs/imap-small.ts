import { prng } from '../input';
import { concatBytes } from './concat';
import { digestPieces } from './digest';
import type { BenchInput, ImapExpected } from './types';

/**
 * imap-small: the answer to a flags/size/date sync of a large mailbox, `count` one-line
 * FETCH responses and the tagged OK:
 *
 *     * i FETCH (UID u FLAGS (\Seen $Label) RFC822.SIZE s INTERNALDATE "24-Nov-2026 10:00:00 +0000")
 *
 * UIDs increase with gaps (expunged messages), sizes vary like real mail; both are
 * deterministic for a given `seed`.
 */
export function imapSmallInput(count = 100_000, seed = 1): BenchInput<ImapExpected> {
  const rnd = prng(seed);
  const lines: string[] = [];
  let uid = 100;
  let uidSum = 0;
  let sizeSum = 0;
  for (let i = 1; i <= count; i++) {
    uid += 1 + Math.floor(rnd() * 3);
    const size = 800 + Math.floor(rnd() * rnd() * 2_000_000);
    uidSum += uid;
    sizeSum += size;
    lines.push(
      `* ${i} FETCH (UID ${uid} FLAGS (\\Seen $Label) RFC822.SIZE ${size} INTERNALDATE "24-Nov-2026 10:00:00 +0000")\r\n`,
    );
  }
  lines.push('A1 OK FETCH completed\r\n');
  return {
    bytes: concatBytes([lines.join('')]),
    items: count + 1,
    expected: {
      responses: count + 1,
      tagged: 1,
      fetches: count,
      uidSum,
      sizeSum,
      leafParts: 0,
      bodyLength: 0,
      bodyDigest: digestPieces([]),
    },
  };
}
