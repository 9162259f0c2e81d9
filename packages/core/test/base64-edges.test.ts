import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, type ParseError } from '../src/index';
import { caught } from './caught';
import { str } from './chunking';

function rejection(text: string, protocol?: 'core' | 'sasl'): ParseError {
  return caught(() => (protocol === undefined ? decodeBase64(text) : decodeBase64(text, protocol)));
}

describe('base64 edges', () => {
  it('reports errors as protocol "core" when no protocol is given', () => {
    const err = rejection('Zm9');
    expect(err.protocol).toBe('core');
    expect(err.code).toBe('BAD_BASE64');
    expect(err.message).toMatch(/^core: base64 length 3 is not a multiple of 4/);
    expect(err.offset).toBe(3);
  });

  it('refuses characters from U+0080 up (the decode table covers ASCII only)', () => {
    // U+0080 is the first code point past the table: it must not read as a valid digit.
    const err = rejection('\u0080AAA', 'sasl');
    expect(err.code).toBe('BAD_BASE64');
    expect(err.offset).toBe(0);
    expect(err.message).toMatch(/base64 character U\+0080 at index 0 is not in the alphabet/);
    const high = rejection('QUJ\u00e9');
    expect(high.offset).toBe(3);
    expect(high.message).toMatch(/base64 character U\+00E9 at index 3 is not in the alphabet/);
  });

  it('names printable ASCII characters with the character and control characters by code only', () => {
    // '!' (0x21) and '~' (0x7e) are the ends of the quoted, printable range.
    expect(rejection('!AAA').message).toMatch(/base64 character '!' \(U\+0021\) at index 0 is not/);
    expect(rejection('A~AA').message).toMatch(/base64 character '~' \(U\+007E\) at index 1 is not/);
    // A space (0x20), DEL (0x7f) and a CR are not quoted: the message shows their code only.
    expect(rejection('AA A').message).toMatch(/base64 character U\+0020 at index 2 is not/);
    expect(rejection('AAA\u007f').message).toMatch(/base64 character U\+007F at index 3 is not/);
    expect(rejection('AA\rA').message).toMatch(/base64 character U\+000D at index 2 is not/);
    // RFC 4648 §5 URL-safe alphabet is not accepted (§3.3: reject non-alphabet characters).
    expect(rejection('ab-_').message).toMatch(/base64 character '-' \(U\+002D\) at index 2 is not/);
  });

  it('keeps an excerpt from 8 characters before to 16 after the offending one', () => {
    const head = 'ABCDEFGHIJKLMNOPQRST'; // 20 characters, then the bad one at index 20
    const tail = 'abcdefghijklmnopqrstuvw'; // 23 characters: longer than the excerpt window
    const err = rejection(`${head}*${tail}`);
    expect(err.offset).toBe(20);
    expect(err.excerpt).toBe('MNOPQRST*abcdefghijklmno');
    // Near the start, the window is cut at index 0.
    const early = rejection('AB*DEFGHIJKLMNOPQRSTUVWXYZabcdef');
    expect(early.offset).toBe(2);
    expect(early.excerpt).toBe('AB*DEFGHIJKLMNOPQR');
  });

  it('points at the last data character when bits before "==" are not zero (RFC 4648 §3.5)', () => {
    // 'Zg==' is 'f'; 'Zh==' sets one of the 4 unused bits.
    expect(str(decodeBase64('Zg=='))).toBe('f');
    const err = rejection('Zh==', 'sasl');
    expect(err.code).toBe('BAD_BASE64');
    expect(err.offset).toBe(1);
    expect(err.message).toMatch(/non-zero bits before the padding "==" \(not canonical\)/);
    const later = rejection('Zm9vZh==');
    expect(later.offset).toBe(5);
  });

  it('points at the last data character when bits before "=" are not zero (RFC 4648 §3.5)', () => {
    // 'Zm8=' is 'fo'; 'Zm9=' sets one of the 2 unused bits.
    expect(str(decodeBase64('Zm8='))).toBe('fo');
    const err = rejection('Zm9=');
    expect(err.offset).toBe(2);
    expect(err.message).toMatch(/non-zero bits before the padding "=" \(not canonical\)/);
    const later = rejection('Zm9vZm9=');
    expect(later.offset).toBe(6);
  });

  it('encodes each tail length to exactly ceil(n / 3) * 4 characters', () => {
    expect(encodeBase64(Uint8Array.of())).toBe('');
    expect(encodeBase64(Uint8Array.of(0xff))).toBe('/w==');
    expect(encodeBase64(Uint8Array.of(0xff, 0xfe))).toBe('//4=');
    expect(encodeBase64(Uint8Array.of(0xff, 0xfe, 0xfd))).toBe('//79');
    expect(encodeBase64(Uint8Array.of(0, 0, 0, 0))).toBe('AAAAAA==');
    expect(encodeBase64(Uint8Array.of(0xfb, 0xef, 0xbe))).toBe('++++');
  });

  it('decodes each padding form to the exact byte count', () => {
    expect(decodeBase64('')).toEqual(new Uint8Array(0));
    expect(decodeBase64('AA==')).toEqual(Uint8Array.of(0));
    expect(decodeBase64('AAA=')).toEqual(Uint8Array.of(0, 0));
    expect(decodeBase64('AAAA')).toEqual(Uint8Array.of(0, 0, 0));
    expect(decodeBase64('+/+/')).toEqual(Uint8Array.of(0xfb, 0xff, 0xbf));
  });
});
