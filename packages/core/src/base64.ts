import { type ErrorProtocol, ParseError } from './errors';
import { decodeLatin1 } from './text';

/**
 * Base64 (RFC 4648 §4, the standard alphabet with '=' padding), as SMTP AUTH, POP3 AUTH
 * and IMAP AUTHENTICATE carry SASL data. Table driven, no Node APIs, no `atob`.
 *
 * The decoder is strict, because a SASL exchange has exactly one right encoding and a
 * lenient decoder hides bugs and lets two peers disagree about the bytes:
 * - the length must be a multiple of 4 (padding is required, RFC 4648 §3.2);
 * - only A-Z a-z 0-9 + / and trailing '=' are allowed: no whitespace, no line breaks,
 *   no URL-safe '-' '_' (RFC 4648 §3.3: reject characters outside the alphabet);
 * - '=' only as the last one or two characters;
 * - the unused bits before the padding must be zero (RFC 4648 §3.5), so every byte
 *   string has exactly one accepted encoding.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 0x3d; // '='

const ENCODE = new Uint8Array(64);
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  const c = ALPHABET.charCodeAt(i);
  ENCODE[i] = c;
  DECODE[c] = i;
}

/** Base64 text of `bytes` (with padding, no line breaks). */
export function encodeBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const t = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = ENCODE[t >>> 18] as number;
    out[o++] = ENCODE[(t >>> 12) & 63] as number;
    out[o++] = ENCODE[(t >>> 6) & 63] as number;
    out[o++] = ENCODE[t & 63] as number;
  }
  const rest = n - i;
  if (rest === 1) {
    const t = (bytes[i] as number) << 16;
    out[o++] = ENCODE[t >>> 18] as number;
    out[o++] = ENCODE[(t >>> 12) & 63] as number;
    out[o++] = PAD;
    out[o++] = PAD;
  } else if (rest === 2) {
    const t = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out[o++] = ENCODE[t >>> 18] as number;
    out[o++] = ENCODE[(t >>> 12) & 63] as number;
    out[o++] = ENCODE[(t >>> 6) & 63] as number;
    out[o++] = PAD;
  }
  return decodeLatin1(out);
}

function bad(protocol: ErrorProtocol, message: string, text: string, at: number): ParseError {
  return new ParseError({
    protocol,
    code: 'BAD_BASE64',
    message,
    offset: at,
    excerpt: text.slice(Math.max(0, at - 8), at + 16),
  });
}

function describeChar(c: number): string {
  const hex = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return c >= 0x21 && c <= 0x7e ? `'${String.fromCharCode(c)}' (${hex})` : hex;
}

/**
 * The bytes encoded by `text` (strict RFC 4648, see above). The empty string decodes to no
 * bytes. Throws `ParseError` `BAD_BASE64` naming what was wrong; its offset is the index
 * of the offending character in `text`.
 */
export function decodeBase64(text: string, protocol: ErrorProtocol = 'core'): Uint8Array {
  const len = text.length;
  if (len % 4 !== 0) {
    throw bad(
      protocol,
      `base64 length ${len} is not a multiple of 4 (missing or extra characters)`,
      text,
      len,
    );
  }
  if (len === 0) return new Uint8Array(0);
  let pads = 0;
  if (text.charCodeAt(len - 1) === PAD) pads = text.charCodeAt(len - 2) === PAD ? 2 : 1;
  const body = len - pads;
  const out = new Uint8Array((len / 4) * 3 - pads);
  let o = 0;
  let acc = 0;
  for (let i = 0; i < body; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (DECODE[c] as number) : -1;
    if (v < 0) {
      if (c === PAD) {
        throw bad(protocol, `base64 padding '=' at index ${i} is not at the end`, text, i);
      }
      throw bad(
        protocol,
        `base64 character ${describeChar(c)} at index ${i} is not in the alphabet`,
        text,
        i,
      );
    }
    acc = (acc << 6) | v;
    if ((i & 3) === 3) {
      out[o++] = acc >>> 16;
      out[o++] = (acc >>> 8) & 0xff;
      out[o++] = acc & 0xff;
      acc = 0;
    }
  }
  if (pads === 2) {
    // acc holds 12 bits: 8 data bits and 4 that must be zero.
    if ((acc & 0x0f) !== 0) {
      throw bad(protocol, 'base64 has non-zero bits before the padding "==" (not canonical)', text, body - 1);
    }
    out[o++] = acc >>> 4;
  } else if (pads === 1) {
    // acc holds 18 bits: 16 data bits and 2 that must be zero.
    if ((acc & 0x03) !== 0) {
      throw bad(protocol, 'base64 has non-zero bits before the padding "=" (not canonical)', text, body - 1);
    }
    out[o++] = acc >>> 10;
    out[o++] = (acc >>> 2) & 0xff;
  }
  return out;
}
