/**
 * Which wire form an argument takes (RFC 3501 §4.3, §9; RFC 9051 §4.3):
 * - an atom when the grammar allows one (astring, list-mailbox, flag) and every byte is an
 *   atom character (7-bit only: RFC 9051 atoms stay ASCII even with UTF8=ACCEPT);
 * - a quoted string for short text without CR, LF or NUL, 7-bit unless UTF8=ACCEPT is
 *   enabled (RFC 6855 §3: then UTF-8 may be quoted), `"` and `\` escaped;
 * - a literal otherwise. NUL fits only in a literal8 (RFC 3516), which exists only where the
 *   grammar has one (APPEND data, METADATA values): elsewhere it is refused.
 * Every refusal is ParseError INVALID_ARGUMENT naming the argument: a serializer must never
 * let a value inject a command.
 */
import { isValidUtf8, ParseError } from '@mailwire/core';
import { ASTRING, ATOM, TAG } from '../lexer/char-classes';
import type { FragmentWriter } from './fragment-writer';

const encoder = new TextEncoder();

/** Longest text sent as a quoted string; longer text goes as a literal. */
export const MAX_QUOTED_LENGTH = 1024;

export function invalidArgument(message: string): never {
  throw new ParseError({ protocol: 'imap', code: 'INVALID_ARGUMENT', message });
}

/** Refuses lone UTF-16 surrogates: they have no UTF-8 form and would be silently replaced. */
export function checkWellFormed(value: string, what: string): void {
  if (typeof value !== 'string') invalidArgument(`${what} must be a string`);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const d = value.charCodeAt(i + 1);
    if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
      i++;
      continue;
    }
    invalidArgument(`${what} contains a lone UTF-16 surrogate at index ${i}`);
  }
}

function allIn(bytes: Uint8Array, cls: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  for (let i = 0; i < bytes.length; i++) if (cls[bytes[i] as number] !== 1) return false;
  return true;
}

/** True if every character of `text` is in `cls` (and there is at least one). */
export function isToken(text: string, cls: Uint8Array): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f || cls[c] !== 1) return false;
  }
  return true;
}

/** Writes an atom of class `cls` or refuses. */
export function writeAtom(w: FragmentWriter, value: string, what: string, cls: Uint8Array = ATOM): void {
  if (typeof value !== 'string' || !isToken(value, cls)) {
    invalidArgument(`${what} must be a non-empty atom, got ${JSON.stringify(value)}`);
  }
  w.s(value);
}

export function checkTag(tag: string): void {
  if (typeof tag !== 'string' || !isToken(tag, TAG)) {
    invalidArgument(`tag must be 1 or more ASTRING-CHAR except "+", got ${JSON.stringify(tag)}`);
  }
}

/** A flag: `\Name` or a keyword atom (RFC 3501 §9 flag). */
export function writeFlag(w: FragmentWriter, flag: string): void {
  if (typeof flag === 'string' && flag.charCodeAt(0) === 0x5c && isToken(flag.slice(1), ATOM)) {
    w.s(flag);
    return;
  }
  writeAtom(w, flag, 'flag');
}

export function writeFlagList(w: FragmentWriter, flags: readonly string[]): void {
  w.s('(');
  flags.forEach((f, i) => {
    if (i > 0) w.s(' ');
    writeFlag(w, f);
  });
  w.s(')');
}

function isQuotable(bytes: Uint8Array, utf8: boolean): boolean {
  if (bytes.length > MAX_QUOTED_LENGTH) return false;
  let eight = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x0d || b === 0x0a || b === 0) return false;
    if (b > 0x7f) {
      if (!utf8) return false;
      eight = true;
    }
  }
  // RFC 9051 §9 QUOTED-CHAR: 8-bit only as whole UTF-8 sequences.
  return !eight || isValidUtf8(bytes);
}

function writeQuoted(w: FragmentWriter, bytes: Uint8Array): void {
  let needsEscape = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x22 || b === 0x5c) {
      needsEscape = true;
      break;
    }
  }
  if (!needsEscape) {
    w.s('"').b(bytes).s('"');
    return;
  }
  const out = new Uint8Array(bytes.length * 2);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x22 || b === 0x5c) out[o++] = 0x5c;
    out[o++] = b;
  }
  w.s('"').b(out.subarray(0, o)).s('"');
}

/**
 * A `string`: quoted when it can be, else a literal. `binaryOk`: the grammar allows a
 * literal8 here, so NUL is sent as `~{n}` (else refused).
 */
export function writeStringBytes(w: FragmentWriter, bytes: Uint8Array, what: string, binaryOk = false): void {
  // RFC 6855 §3 / RFC 9051 §4.3: UTF-8 in quoted strings once UTF8=ACCEPT is enabled.
  if (isQuotable(bytes, w.options.utf8Accept === true)) {
    writeQuoted(w, bytes);
    return;
  }
  if (bytes.indexOf(0) >= 0) {
    if (!binaryOk) invalidArgument(`${what} contains NUL, which no IMAP string can carry`);
    w.literal(bytes, true);
    return;
  }
  w.literal(bytes);
}

export function writeString(w: FragmentWriter, value: string, what: string): void {
  checkWellFormed(value, what);
  writeStringBytes(w, encoder.encode(value), what);
}

/** An `astring` (or list-mailbox with `cls` = LIST_CHAR): atom if possible, else a string. */
export function writeAstring(
  w: FragmentWriter,
  value: string,
  what: string,
  cls: Uint8Array = ASTRING,
): void {
  checkWellFormed(value, what);
  const bytes = encoder.encode(value);
  // "NIL" is a valid astring atom, but quoting it spares servers that read it as nil.
  if (allIn(bytes, cls) && value.toUpperCase() !== 'NIL') {
    w.s(value);
    return;
  }
  writeStringBytes(w, bytes, what);
}

export function writeNstring(w: FragmentWriter, value: string | null, what: string): void {
  if (value === null) w.s('NIL');
  else writeString(w, value, what);
}
