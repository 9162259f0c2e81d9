import { dotStuff } from '@mailwire/core';
import fc from 'fast-check';
import { concatBytes, utf8, type Wire } from './wire';

/** Pieces a message body is built from: lines that look like terminators, dots, CR/LF runs, 8-bit, NUL. */
const PIECES: readonly Uint8Array[] = [
  '.',
  '..',
  '.\r\n',
  '\r\n.\r\n',
  '\r\n..\r\n',
  '\n.\n',
  '\r.\r',
  '\r\n',
  '\r\n\r\n',
  '\n',
  '\r',
  '\r\r\n',
  '\n\r',
  ' ',
  'From: a@example.com\r\n',
  'Subject: =?utf-8?q?x?=\r\n',
  'smørrebrød',
  '\0',
].map(utf8);

export interface MessageBodyOptions {
  /** Most pieces (default 40). */
  maxPieces?: number;
}

/**
 * Message bodies that stress dot-stuffing: lines of just ".", lines starting with "." or
 * "..", a would-be terminator inside the body, runs of CR and LF in every order (bare CR,
 * bare LF, LF CR), 8-bit and NUL bytes, mixed with random bytes.
 */
export function messageBody(options: MessageBodyOptions = {}): fc.Arbitrary<Uint8Array> {
  return fc
    .array(fc.oneof(fc.constantFrom(...PIECES), fc.uint8Array({ maxLength: 24 })), {
      maxLength: options.maxPieces ?? 40,
    })
    .map(concatBytes);
}

/** CRLF-normalised form of a body, as `dotStuff` then `dotUnstuff` give it back (a final CRLF added when missing). */
export function normaliseBody(body: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const x = body[i] as number;
    if (x === 0x0d) {
      out.push(0x0d, 0x0a);
      if (body[i + 1] === 0x0a) i++;
    } else if (x === 0x0a) out.push(0x0d, 0x0a);
    else out.push(x);
  }
  if (out.length > 0 && out[out.length - 1] !== 0x0a) out.push(0x0d, 0x0a);
  return Uint8Array.from(out);
}

/**
 * A body and its dot-stuffed transmission form (RFC 5321 §4.5.2, RFC 1939 §3): `value` is the
 * body as the receiver gets it back (line ends normalised to CRLF, final CRLF added), `bytes`
 * the stuffed body with its CRLF "." CRLF terminator.
 */
export function dotStuffedBody(options?: MessageBodyOptions): fc.Arbitrary<Wire<Uint8Array>> {
  return messageBody(options).map((body) => ({ value: normaliseBody(body), bytes: dotStuff(body) }));
}
