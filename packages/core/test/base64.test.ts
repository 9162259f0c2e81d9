import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, ParseError } from '../src/index';
import { bytes, str } from './chunking';

function badBase64(text: string): ParseError {
  try {
    decodeBase64(text, 'sasl');
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('base64', () => {
  it('encodes and decodes the RFC 4648 §10 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, coded] of vectors) {
      expect(encodeBase64(bytes(plain))).toBe(coded);
      expect(str(decodeBase64(coded))).toBe(plain);
    }
  });

  it('decodes a SASL PLAIN initial response (RFC 4616 §4 example)', () => {
    expect(str(decodeBase64('AHRpbQB0YW5zdGFhZnRhbnN0YWFm'))).toBe('\0tim\0tanstaaftanstaaf');
  });

  it('uses the standard alphabet including + and /', () => {
    expect(encodeBase64(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe('+/+/');
    expect(Array.from(decodeBase64('+/+/'))).toEqual([0xfb, 0xff, 0xbf]);
  });

  it('round-trips arbitrary bytes and matches Node Buffer as an oracle', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        const text = encodeBase64(data);
        expect(text).toBe(Buffer.from(data).toString('base64'));
        expect(decodeBase64(text)).toEqual(data);
      }),
    );
  });

  it('rejects a length that is not a multiple of 4', () => {
    const err = badBase64('Zm9vY');
    expect(err.code).toBe('BAD_BASE64');
    expect(err.protocol).toBe('sasl');
    expect(err.message).toMatch(/length 5 is not a multiple of 4/);
    expect(badBase64('Zg').code).toBe('BAD_BASE64'); // missing padding
  });

  it('rejects characters outside the alphabet and names them with their index', () => {
    const space = badBase64('Zm9v YmFy');
    expect(space.code).toBe('BAD_BASE64');
    const inner = badBase64('Zm9v*mFy');
    expect(inner.message).toMatch(/character '\*' \(U\+002A\) at index 4 is not in the alphabet/);
    expect(inner.offset).toBe(4);
    expect(badBase64('Zm9-').message).toMatch(/'-'/); // URL-safe alphabet is not base64
    expect(badBase64('Zm9_').message).toMatch(/'_'/);
    expect(badBase64('Zm9\u00e9').message).toMatch(/U\+00E9/);
    expect(badBase64('Zm\r\n').message).toMatch(/U\+000D at index 2/);
  });

  it('rejects padding that is not at the end', () => {
    expect(badBase64('Zg==Zg==').message).toMatch(/padding '=' at index 2 is not at the end/);
    expect(badBase64('Z===').message).toMatch(/padding '=' at index 1/);
    expect(badBase64('====').message).toMatch(/padding '=' at index 0/);
    expect(badBase64('Zm=v').message).toMatch(/padding '=' at index 2/);
  });

  it('rejects non-zero bits before the padding (RFC 4648 §3.5: one encoding per value)', () => {
    expect(badBase64('Zh==').message).toMatch(/non-zero bits before the padding "=="/);
    expect(badBase64('Zm9=').message).toMatch(/non-zero bits before the padding "="/);
    expect(str(decodeBase64('Zg=='))).toBe('f');
  });

  it('throws only ParseError for any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        try {
          const out = decodeBase64(text);
          // Whatever it accepts is canonical: it re-encodes to the same text.
          expect(encodeBase64(out)).toBe(text);
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
          expect((e as ParseError).code).toBe('BAD_BASE64');
        }
      }),
    );
  });

  it('encodes large inputs (longer than one fromCharCode batch)', () => {
    const data = new Uint8Array(100_000).map((_, i) => (i * 31) & 0xff);
    const text = encodeBase64(data);
    expect(text.length).toBe(133_336);
    expect(decodeBase64(text)).toEqual(data);
  });
});
