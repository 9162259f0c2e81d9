import { describe, expect, it } from 'vitest';
import { decodeXtext, encodeXtext } from '../src/index';
import { caught } from './caught';

// RFC 3461 §4: xchar = "!" (33) .. "~" (126) except "+" and "="; hexchar = "+" 2(uppercase hex).
describe('encodeXtext: the xchar range ends', () => {
  it('"!" (33) and "~" (126) stay as they are; the octets just outside are encoded', () => {
    expect(encodeXtext('!~')).toBe('!~');
    expect(encodeXtext(' ')).toBe('+20');
    expect(encodeXtext('\x7f')).toBe('+7F');
  });

  it('octets below 0x10 are two hex digits (zero-padded)', () => {
    expect(encodeXtext('a\tb')).toBe('a+09b');
    expect(encodeXtext('\0')).toBe('+00');
  });
});

describe('decodeXtext: what is refused', () => {
  it('"!" and "~" decode as themselves', () => {
    expect(decodeXtext('!~')).toBe('!~');
  });

  it('a bad "+XX" escape is BAD_SYNTAX naming the escape', () => {
    const err = caught(() => decodeXtext('id+G1'));
    expect(err.code).toBe('BAD_SYNTAX');
    expect(err.protocol).toBe('smtp');
    expect(err.message).toMatch(/^smtp: bad xtext "\+XX" escape/);
    expect(err.excerpt).toBe('id+G1');
  });

  it('space, controls and non-ASCII characters are not xchar: BAD_SYNTAX', () => {
    for (const text of ['a b', 'a\x00b', 'a\x7fb', 'café']) {
      const err = caught(() => decodeXtext(text, true));
      expect(err.code, text).toBe('BAD_SYNTAX');
      expect(err.protocol).toBe('smtp');
      expect(err.message).toMatch(/^smtp: character not allowed in xtext/);
    }
  });
});
