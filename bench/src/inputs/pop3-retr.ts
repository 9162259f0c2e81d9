import { dotStuff } from '@mailwire/core';
import { mailText } from '../input';
import { concatBytes } from './concat';
import { digestPieces } from './digest';
import type { BenchInput, Pop3Expected } from './types';

/**
 * pop3-retr: the server's answer to `RETR 1` for a message of exactly `size` bytes:
 * `+OK <size> octets\r\n`, the dot-stuffed message (RFC 1939 §3, built with core's dotStuff)
 * and the `.\r\n` terminator. The message is mail text whose last line ends in CRLF, so
 * unstuffing gives back exactly the original `size` bytes.
 */
export function pop3RetrInput(size: number, seed = 1): BenchInput<Pop3Expected> {
  const body = mailText(size, seed);
  if (size >= 3) {
    // end on a complete line without creating a bare CR ("\r\r\n") before the new CRLF
    if (body[size - 3] === 13) body[size - 3] = 0x78;
    body[size - 2] = 13;
    body[size - 1] = 10;
  }
  return {
    bytes: concatBytes([`+OK ${size} octets\r\n`, dotStuff(body)]),
    items: 1,
    expected: { bodyLength: size, bodyDigest: digestPieces([body]) },
  };
}
