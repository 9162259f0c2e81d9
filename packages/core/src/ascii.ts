/**
 * ASCII-only case handling. Protocol keywords (SMTP verbs, IMAP atoms, POP3 commands) are
 * case-insensitive in ASCII only (RFC 5234 §2.3); `toLowerCase()` would apply locale and
 * Unicode rules (e.g. U+0130, U+212A 'K') and is never used on protocol tokens.
 */

function foldByte(b: number): number {
  return b >= 0x61 && b <= 0x7a ? b - 0x20 : b;
}

/**
 * True if `bytes[start..end)` equals `upper` ignoring ASCII case. `upper` is meant to be an
 * upper-case ASCII literal such as `'EHLO'`; lower-case letters in it are folded too.
 * Out-of-range `start`/`end` give `false`.
 */
export function asciiEqualsIgnoreCase(bytes: Uint8Array, start: number, end: number, upper: string): boolean {
  if (start < 0 || end > bytes.length || end - start !== upper.length) return false;
  for (let i = 0; i < upper.length; i++) {
    if (foldByte(bytes[start + i] as number) !== foldByte(upper.charCodeAt(i))) return false;
  }
  return true;
}

/** True if the bytes at `start` begin with `prefix`, ignoring ASCII case. */
export function asciiStartsWithIgnoreCase(bytes: Uint8Array, start: number, prefix: string): boolean {
  return asciiEqualsIgnoreCase(bytes, start, start + prefix.length, prefix);
}

/** Lower-cases A-Z only; every other character is left as is (no locale, no Unicode rules). */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => {
    let out = '';
    for (let i = 0; i < m.length; i++) out += String.fromCharCode(m.charCodeAt(i) + 0x20);
    return out;
  });
}

/** Upper-cases a-z only; every other character is left as is (no locale, no Unicode rules). */
export function asciiUpper(s: string): string {
  return s.replace(/[a-z]+/g, (m) => {
    let out = '';
    for (let i = 0; i < m.length; i++) out += String.fromCharCode(m.charCodeAt(i) - 0x20);
    return out;
  });
}
