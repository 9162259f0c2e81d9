import { describe, expect, it } from 'vitest';
import { decodeLatin1, decodeUtf8, encodeLatin1, isValidUtf8 } from '../src/index';

describe('text edges', () => {
  it('names the refused code point in at least four upper-case hex digits', () => {
    // U+0100 is the first code point past Latin-1.
    expect(() => encodeLatin1('\u00ff\u0100')).toThrow(RangeError);
    expect(() => encodeLatin1('\u00ff\u0100')).toThrow(
      /^encodeLatin1: character U\+0100 at index 1 is not Latin-1$/,
    );
    expect(() => encodeLatin1('\ud83d\ude00')).toThrow(/character U\+D83D at index 0 is not Latin-1/);
  });

  it('encodes U+00FF and the empty string', () => {
    expect(encodeLatin1('\u00ff')).toEqual(Uint8Array.of(0xff));
    expect(encodeLatin1('')).toEqual(new Uint8Array(0));
  });

  it('decodes Latin-1 across the 8192-byte batch boundary without losing or adding bytes', () => {
    for (const n of [0, 8191, 8192, 8193, 16384]) {
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) b[i] = i & 0xff;
      const s = decodeLatin1(b);
      expect(s.length).toBe(n);
      if (n > 0) {
        expect(s.charCodeAt(n - 1)).toBe((n - 1) & 0xff);
        expect(s.charCodeAt(8191 < n ? 8191 : 0)).toBe(8191 < n ? 0xff : 0);
      }
    }
  });

  it('keeps a leading BOM and replaces bad UTF-8 with U+FFFD', () => {
    expect(decodeUtf8(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe('\ufeffA');
    expect(decodeUtf8(Uint8Array.of(0x41, 0xff, 0x42))).toBe('A\ufffdB');
    expect(isValidUtf8(Uint8Array.of(0xef, 0xbb, 0xbf))).toBe(true);
    expect(isValidUtf8(Uint8Array.of(0xc0, 0x80))).toBe(false); // overlong NUL (RFC 3629 §3)
  });
});
