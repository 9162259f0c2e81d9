import { asciiUpper } from '@mailwire/core';
import type { ResponseCode } from './types';

/**
 * RFC 2449 §8 extended response codes: `[` resp-level *("/" resp-level) `]` at the very
 * start of the text, resp-level = 1*rchar, rchar = %x21-2E / %x30-5C / %x5E-7F (printable,
 * no '/', no ']'). Codes are hierarchical: `SYS/TEMP` is `['SYS', 'TEMP']`.
 */

/** Codes registered for POP3 (RFC 2449 §8.1, RFC 3206, RFC 6856 §4). Compared in upper case. */
export const KNOWN_RESPONSE_CODES: readonly string[] = [
  'IN-USE',
  'LOGIN-DELAY',
  'SYS/TEMP',
  'SYS/PERM',
  'AUTH',
  'UTF8',
];

const LEFT = 0x5b; // [
const RIGHT = 0x5d; // ]
const SLASH = 0x2f; // /

function isRchar(b: number): boolean {
  return b >= 0x21 && b <= 0x7f && b !== SLASH && b !== RIGHT;
}

export interface ParsedCode {
  code: ResponseCode;
  /** Index in `text` where the human-readable text starts (after `]` and one space). */
  textStart: number;
}

/**
 * Reads a response code at the start of `text` (bytes after "+OK " / "-ERR "). Returns
 * undefined when the text does not start with a well-formed code: such text stays text
 * (a `[` that does not open a valid code is ordinary text, RFC 2449 §8).
 */
export function parseResponseCode(text: Uint8Array): ParsedCode | undefined {
  if (text[0] !== LEFT) return undefined;
  const parts: string[] = [];
  let levelStart = 1;
  let i = 1;
  for (; i < text.length; i++) {
    const b = text[i] as number;
    if (b === RIGHT || b === SLASH) {
      if (i === levelStart) return undefined; // empty level
      parts.push(String.fromCharCode(...text.subarray(levelStart, i)));
      levelStart = i + 1;
      if (b === RIGHT) break;
    } else if (!isRchar(b)) {
      return undefined;
    }
  }
  if (i >= text.length) return undefined; // no closing bracket
  const raw = parts.join('/');
  let textStart = i + 1;
  if (text[textStart] === 0x20) textStart++;
  return { code: { raw, parts, known: KNOWN_RESPONSE_CODES.includes(asciiUpper(raw)) }, textStart };
}

/** A code from its text form (`'SYS/TEMP'`), for serializers and tests. */
export function responseCode(raw: string): ResponseCode {
  return { raw, parts: raw.split('/'), known: KNOWN_RESPONSE_CODES.includes(asciiUpper(raw)) };
}

/** True if `raw` is a valid code body (the text between the brackets). */
export function isValidResponseCode(raw: string): boolean {
  if (raw.length === 0) return false;
  let levelLength = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === SLASH) {
      if (levelLength === 0) return false;
      levelLength = 0;
    } else if (isRchar(c)) {
      levelLength++;
    } else {
      return false;
    }
  }
  return levelLength > 0;
}
