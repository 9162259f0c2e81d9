import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, parseDecimal, parseDecimalString } from '../src/index';
import { caught } from './caught';
import { bytes } from './chunking';

describe('parseDecimal', () => {
  it('parses digits in a byte range', () => {
    expect(parseDecimal(bytes('1234'))).toBe(1234);
    expect(parseDecimal(bytes('+OK 2 320'), 4, 5)).toBe(2);
    expect(parseDecimal(bytes('+OK 2 320'), 6)).toBe(320);
    expect(parseDecimal(bytes('007'))).toBe(7);
    expect(parseDecimal(bytes('0'))).toBe(0);
  });

  it('accepts 2^53 - 1 and refuses 2^53 with NUMBER_OVERFLOW', () => {
    expect(parseDecimal(bytes('9007199254740991'))).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseDecimal(bytes('0009007199254740991'))).toBe(Number.MAX_SAFE_INTEGER);
    const err = caught(() => parseDecimal(bytes('9007199254740992'), 0, 16, 'imap'));
    expect(err.code).toBe('NUMBER_OVERFLOW');
    expect(err.protocol).toBe('imap');
    expect(caught(() => parseDecimal(bytes('99999999999999999999999'))).code).toBe('NUMBER_OVERFLOW');
  });

  it('refuses empty ranges and non-digits with BAD_NUMBER and a stream offset', () => {
    expect(caught(() => parseDecimal(bytes(''))).code).toBe('BAD_NUMBER');
    expect(caught(() => parseDecimal(bytes('12'), 1, 1)).code).toBe('BAD_NUMBER');
    for (const bad of ['-1', '+1', ' 1', '1 ', '1e3', '0x1', '1.0', '١']) {
      expect(caught(() => parseDecimal(bytes(bad))).code).toBe('BAD_NUMBER');
    }
    const err = caught(() => parseDecimal(bytes('12a4'), 0, 4, 'pop3', 1000));
    expect(err.offset).toBe(1002);
    expect(err.message).toMatch(/0x61/);
  });

  it('agrees with BigInt for any digit string', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,20}$/), (digits) => {
        const exact = BigInt(digits);
        if (exact <= BigInt(Number.MAX_SAFE_INTEGER)) {
          expect(parseDecimal(bytes(digits))).toBe(Number(exact));
          expect(parseDecimalString(digits)).toBe(Number(exact));
        } else {
          expect(caught(() => parseDecimal(bytes(digits))).code).toBe('NUMBER_OVERFLOW');
          expect(caught(() => parseDecimalString(digits)).code).toBe('NUMBER_OVERFLOW');
        }
      }),
    );
  });

  it('throws only ParseError for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (b) => {
        try {
          expect(Number.isSafeInteger(parseDecimal(b))).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
        }
      }),
    );
  });
});

describe('parseDecimalString', () => {
  it('parses and refuses like parseDecimal', () => {
    expect(parseDecimalString('4294967295')).toBe(4294967295);
    expect(caught(() => parseDecimalString('')).code).toBe('BAD_NUMBER');
    expect(caught(() => parseDecimalString('12x')).offset).toBe(2);
    expect(caught(() => parseDecimalString('18446744073709551615', 'imap')).code).toBe('NUMBER_OVERFLOW');
  });
});
