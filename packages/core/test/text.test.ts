import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLatin1, decodeUtf8, encodeLatin1, encodeUtf8, isValidUtf8 } from '../src/index';

describe('UTF-8', () => {
  it('decodes valid UTF-8 and keeps a leading BOM', () => {
    expect(decodeUtf8(Uint8Array.of(0x63, 0x61, 0x66, 0xc3, 0xa9))).toBe('café');
    expect(decodeUtf8(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe('\ufeffA');
    expect(decodeUtf8(new Uint8Array(0))).toBe('');
  });

  it('never throws: bad sequences become U+FFFD', () => {
    expect(decodeUtf8(Uint8Array.of(0x41, 0xff, 0x42))).toBe('A\ufffdB');
    expect(decodeUtf8(Uint8Array.of(0xc0, 0xaf))).toBe('\ufffd\ufffd'); // overlong '/'
    expect(decodeUtf8(Uint8Array.of(0xed, 0xa0, 0x80))).toBe('\ufffd\ufffd\ufffd'); // surrogate
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        expect(typeof decodeUtf8(b)).toBe('string');
      }),
    );
  });

  it('validates UTF-8', () => {
    expect(isValidUtf8(encodeUtf8('grüße ☃ 😀'))).toBe(true);
    expect(isValidUtf8(new Uint8Array(0))).toBe(true);
    expect(isValidUtf8(Uint8Array.of(0xe2, 0x98))).toBe(false); // truncated
    expect(isValidUtf8(Uint8Array.of(0xf4, 0x90, 0x80, 0x80))).toBe(false); // > U+10FFFF
    expect(isValidUtf8(Uint8Array.of(0xc0, 0x80))).toBe(false); // overlong NUL
  });

  it('round-trips strings without lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const b = encodeUtf8(s);
        expect(isValidUtf8(b)).toBe(true);
        expect(decodeUtf8(b)).toBe(s);
      }),
    );
  });
});

describe('Latin-1', () => {
  it('maps every byte to the same code point (0x80-0x9F included, unlike windows-1252)', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = decodeLatin1(all);
    expect(text.length).toBe(256);
    for (let i = 0; i < 256; i++) expect(text.charCodeAt(i)).toBe(i);
    expect(decodeLatin1(Uint8Array.of(0x80))).toBe('\u0080');
    expect(encodeLatin1(text)).toEqual(all);
  });

  it('round-trips arbitrary bytes, including inputs longer than one batch', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        expect(encodeLatin1(decodeLatin1(b))).toEqual(b);
      }),
    );
    const big = new Uint8Array(20_000).map((_, i) => i & 0xff);
    expect(encodeLatin1(decodeLatin1(big))).toEqual(big);
  });

  it('refuses code points above U+00FF with a RangeError naming them', () => {
    expect(() => encodeLatin1('ok\u20ac')).toThrow(RangeError);
    expect(() => encodeLatin1('ok\u20ac')).toThrow(/U\+20AC at index 2/);
  });
});
