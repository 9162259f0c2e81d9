/**
 * Mailbox names in modified UTF-7 (RFC 3501 §5.1.3): printable ASCII stands for itself
 * except `&`, which starts a base64 run (alphabet with `,` for `/`, no padding) of UTF-16
 * code units closed by `-`; `&-` is `&`. Decoding is lenient by design: a name that is not
 * valid modified UTF-7 (e.g. raw UTF-8 from a server with UTF8=ACCEPT, RFC 6855) is kept as
 * it was sent.
 */
import { asciiUpper } from '@mailwire/core';
import type { MailboxName } from './types';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,';
const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_VALUE[B64.charCodeAt(i)] = i;

/** Decodes modified UTF-7; returns null if `text` is not valid modified UTF-7. */
export function decodeModifiedUtf7(text: string): string | null {
  if (text.indexOf('&') < 0) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c > 0x7e) return null;
    }
    return text;
  }
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return null;
    if (c !== 0x26) {
      const amp = text.indexOf('&', i);
      const stop = amp < 0 ? n : amp;
      for (let k = i; k < stop; k++) {
        const d = text.charCodeAt(k);
        if (d < 0x20 || d > 0x7e) return null;
      }
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    const close = text.indexOf('-', i + 1);
    if (close < 0) return null;
    if (close === i + 1) {
      out += '&';
      i = close + 1;
      continue;
    }
    let bits = 0;
    let acc = 0;
    let units = '';
    for (let k = i + 1; k < close; k++) {
      const ch = text.charCodeAt(k);
      const v = ch < 128 ? (B64_VALUE[ch] as number) : -1;
      if (v < 0) return null;
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 16) {
        bits -= 16;
        const unit = (acc >> bits) & 0xffff;
        if (unit >= 0x20 && unit <= 0x7e) return null;
        units += String.fromCharCode(unit);
        acc &= (1 << bits) - 1;
      }
    }
    // leftover bits must be zero padding, and a run must not encode plain ASCII (RFC 3501 §5.1.3)
    if (bits >= 6 || acc !== 0 || units.length === 0) return null;
    out += units;
    i = close + 1;
  }
  return out;
}

/** Encodes a name to modified UTF-7. */
export function encodeModifiedUtf7(name: string): string {
  let out = '';
  let i = 0;
  const n = name.length;
  while (i < n) {
    const c = name.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) {
      out += c === 0x26 ? '&-' : name[i];
      i++;
      continue;
    }
    let j = i;
    while (j < n) {
      const d = name.charCodeAt(j);
      if (d >= 0x20 && d <= 0x7e) break;
      j++;
    }
    let acc = 0;
    let bits = 0;
    let run = '&';
    for (let k = i; k < j; k++) {
      acc = (acc << 16) | name.charCodeAt(k);
      bits += 16;
      while (bits >= 6) {
        bits -= 6;
        run += B64[(acc >> bits) & 0x3f];
      }
      acc &= (1 << bits) - 1;
    }
    if (bits > 0) run += B64[(acc << (6 - bits)) & 0x3f];
    out += `${run}-`;
    i = j;
  }
  return out;
}

/**
 * A wire mailbox name to `MailboxName`: INBOX in any case is INBOX (RFC 3501 §5.1). The case
 * rule is ASCII only: Unicode upper-casing would make a UTF-8 "ınbox" (dotless i) INBOX.
 */
export function mailboxName(raw: string): MailboxName {
  if (raw.length === 5 && asciiUpper(raw) === 'INBOX') return { name: 'INBOX', raw };
  return { name: decodeModifiedUtf7(raw) ?? raw, raw };
}
