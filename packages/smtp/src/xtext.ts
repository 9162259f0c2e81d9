import { decodeLatin1, decodeUtf8, encodeUtf8, isValidUtf8, ParseError } from '@mailwire/core';

/**
 * xtext (RFC 3461 §4): the encoding of DSN's ENVID and ORCPT and of MAIL's AUTH= parameter.
 *
 *   xtext   = *( xchar / hexchar )
 *   xchar   = any ASCII CHAR between "!" (33) and "~" (126) inclusive, except "+" and "="
 *   hexchar = "+" 2(%x30-39 / %x41-46)   ; uppercase hex of one octet
 *
 * Text is encoded as UTF-8 octets, so non-ASCII characters become `+XX` sequences.
 */
export function encodeXtext(text: string): string {
  let out = '';
  for (const b of encodeUtf8(text)) {
    if (b >= 33 && b <= 126 && b !== 0x2b && b !== 0x3d) out += String.fromCharCode(b);
    else out += `+${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Decodes xtext. `lenient` also accepts lower-case hex digits (seen from some MUAs);
 * otherwise a bad `+XX` or a character outside xchar is a `ParseError` BAD_SYNTAX.
 * Decoded octets are read as UTF-8 when valid, else as Latin-1.
 */
export function decodeXtext(text: string, lenient = false): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2b) {
      const hex = text.slice(i + 1, i + 3);
      const ok = lenient ? /^[0-9A-Fa-f]{2}$/.test(hex) : /^[0-9A-F]{2}$/.test(hex);
      if (!ok)
        throw new ParseError({
          protocol: 'smtp',
          code: 'BAD_SYNTAX',
          message: 'bad xtext "+XX" escape',
          excerpt: text,
        });
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (c >= 33 && c <= 126 && c !== 0x3d) {
      bytes.push(c);
    } else {
      throw new ParseError({
        protocol: 'smtp',
        code: 'BAD_SYNTAX',
        message: 'character not allowed in xtext',
        excerpt: text,
      });
    }
  }
  const u8 = Uint8Array.from(bytes);
  return isValidUtf8(u8) ? decodeUtf8(u8) : decodeLatin1(u8);
}
