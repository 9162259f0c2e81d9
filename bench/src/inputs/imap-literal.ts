import { mailText } from '../input';
import { concatBytes } from './concat';
import { digestPieces } from './digest';
import type { BenchInput, ImapExpected } from './types';

/** The UID the literal suite's FETCH carries. */
export const LITERAL_UID = 42;

/**
 * imap-literal: one message fetched whole, the response a client sees for
 * `UID FETCH 42 BODY[]`:
 *
 *     * 1 FETCH (UID 42 BODY[] {n}\r\n<n bytes of mail>)\r\n
 *     A1 OK FETCH completed\r\n
 */
export function imapLiteralInput(size: number, seed = 1): BenchInput<ImapExpected> {
  const literal = mailText(size, seed);
  const bytes = concatBytes([
    `* 1 FETCH (UID ${LITERAL_UID} BODY[] {${size}}\r\n`,
    literal,
    ')\r\nA1 OK FETCH completed\r\n',
  ]);
  return {
    bytes,
    items: 2,
    expected: {
      responses: 2,
      tagged: 1,
      fetches: 1,
      uidSum: LITERAL_UID,
      sizeSum: 0,
      leafParts: 0,
      bodyLength: size,
      bodyDigest: digestPieces([literal]),
    },
  };
}
