/**
 * Text <-> bytes without Node APIs. Decoders never throw: mail carries 8-bit bytes in
 * places where the RFCs promise ASCII, and a parser must still be able to show them.
 */

// `ignoreBOM: true` keeps a leading U+FEFF in the output: protocol bytes are decoded as
// they are, never silently shortened.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const utf8FatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** Most arguments handed to `String.fromCharCode` at once (stays far below engine limits). */
const CHAR_CODE_BATCH = 8192;

/** UTF-8 bytes to a string; malformed sequences become U+FFFD. Never throws. */
export function decodeUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/** True if `bytes` is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8FatalDecoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Bytes to a string, one code point per byte (ISO-8859-1: byte 0xE9 is U+00E9). Never
 * throws. Unlike `new TextDecoder('latin1')`, which the WHATWG Encoding standard maps to
 * windows-1252, bytes 0x80-0x9F stay U+0080-U+009F, so the mapping is reversible.
 */
export function decodeLatin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += CHAR_CODE_BATCH) {
    const part = bytes.subarray(i, i + CHAR_CODE_BATCH);
    out += String.fromCharCode.apply(null, part as unknown as number[]);
  }
  return out;
}

/** A string to UTF-8 bytes (lone surrogates become U+FFFD, as `TextEncoder` does). */
export function encodeUtf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/**
 * A string of code points U+0000-U+00FF to one byte each (the inverse of `decodeLatin1`).
 * Throws `RangeError` for a code point above U+00FF: that is a caller bug, not bad input.
 */
export function encodeLatin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) {
      throw new RangeError(
        `encodeLatin1: character U+${c.toString(16).toUpperCase().padStart(4, '0')} at index ${i} is not Latin-1`,
      );
    }
    out[i] = c;
  }
  return out;
}
