/**
 * RFC 2047 encoded-words (`=?charset?B|Q?text?=`), which ENVELOPE strings carry undecoded
 * (RFC 3501 §7.4.2 leaves them to the client). Charsets come from TextDecoder (WHATWG
 * Encoding Standard labels); an unknown charset or a malformed word is left as it is.
 */

type Decoder = InstanceType<typeof TextDecoder>;

const decoders = new Map<string, Decoder>();

function decoderFor(charset: string): Decoder | null {
  // RFC 2047 §2: the charset is a token (printable ASCII, no SPACE). TextDecoder would trim
  // ASCII whitespace and toLowerCase folds U+212A KELVIN SIGN to "k": neither is a token.
  // Only labels TextDecoder knows are cached, so this module-level cache stays bounded
  // whatever names the input carries.
  if (!/^[\x21-\x7e]+$/.test(charset)) return null;
  // RFC 2231 language suffix: charset*lang
  const star = charset.indexOf('*');
  const label = (star >= 0 ? charset.slice(0, star) : charset).toLowerCase();
  let d = decoders.get(label);
  if (d === undefined) {
    try {
      d = new TextDecoder(label);
    } catch {
      return null;
    }
    decoders.set(label, d);
  }
  return d;
}

function decodeB(text: string): Uint8Array | null {
  let t = text;
  if (t.length % 4 !== 0) t += '='.repeat((4 - (t.length % 4)) % 4);
  try {
    const bin = atob(t);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

function hex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

function decodeQ(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5f) out[o++] = 0x20;
    else if (c === 0x3d) {
      const a = hex(text.charCodeAt(i + 1));
      const b = hex(text.charCodeAt(i + 2));
      if (a < 0 || b < 0) return null;
      out[o++] = a * 16 + b;
      i += 2;
    } else if (c > 0xff) return null;
    else out[o++] = c;
  }
  return out.subarray(0, o);
}

interface Word {
  start: number;
  end: number;
  decoded: string;
}

/** The encoded-word starting at `start` (at "=?"), or null. */
function wordAt(s: string, start: number): Word | null {
  const q1 = s.indexOf('?', start + 2);
  if (q1 < 0) return null;
  const enc = s.charCodeAt(q1 + 1) | 0x20;
  if ((enc !== 0x62 && enc !== 0x71) || s.charCodeAt(q1 + 2) !== 0x3f) return null;
  const close = s.indexOf('?=', q1 + 3);
  if (close < 0) return null;
  const charset = s.slice(start + 2, q1);
  const text = s.slice(q1 + 3, close);
  if (text.indexOf(' ') >= 0) return null;
  const decoder = decoderFor(charset);
  if (decoder === null) return null;
  const bytes = enc === 0x62 ? decodeB(text) : decodeQ(text);
  if (bytes === null) return null;
  return { start, end: close + 2, decoded: decoder.decode(bytes) };
}

/**
 * Decodes the RFC 2047 encoded-words in `text`; whitespace between two adjacent encoded
 * words is dropped (RFC 2047 §6.2). Everything else is kept as is.
 */
export function decodeEncodedWords(text: string): string {
  let i = text.indexOf('=?');
  if (i < 0) return text;
  let out = '';
  let last = 0;
  let prevWordEnd = -1;
  while (i >= 0) {
    const w = wordAt(text, i);
    if (w === null) {
      i = text.indexOf('=?', i + 2);
      continue;
    }
    const between = text.slice(last, w.start);
    if (!(prevWordEnd === last && /^[ \t\r\n]*$/.test(between))) out += between;
    out += w.decoded;
    last = w.end;
    prevWordEnd = w.end;
    i = text.indexOf('=?', w.end);
  }
  return out + text.slice(last);
}
