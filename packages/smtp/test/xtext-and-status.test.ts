import { ParseError } from '@mailwire/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeXtext,
  encodeXtext,
  formatEnhancedStatus,
  parseEnhancedStatus,
  stripEnhancedStatus,
} from '../src/index';

describe('xtext (RFC 3461 §4)', () => {
  it('encodes +, =, space, controls and non-ASCII as +XX', () => {
    expect(encodeXtext('a+b=c d')).toBe('a+2Bb+3Dc+20d');
    expect(encodeXtext('ü')).toBe('+C3+BC');
  });

  it('decodes; lower-case hex only in lenient mode (some MUAs)', () => {
    expect(decodeXtext('a+2Bb')).toBe('a+b');
    expect(() => decodeXtext('a+2bb')).toThrow(ParseError);
    expect(decodeXtext('a+2bb', true)).toBe('a+b');
    expect(() => decodeXtext('a+2')).toThrow(ParseError);
    expect(() => decodeXtext('a=b')).toThrow(ParseError);
  });

  it('round-trips every string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(decodeXtext(encodeXtext(s))).toBe(s);
      }),
    );
  });
});

describe('enhanced status codes', () => {
  it('strip and format', () => {
    const s = parseEnhancedStatus('4.7.1 Try again later');
    expect(stripEnhancedStatus('4.7.1 Try again later', s)).toBe('Try again later');
    expect(stripEnhancedStatus('Try again', undefined)).toBe('Try again');
    expect(formatEnhancedStatus({ class: 2, subject: 1, detail: 5 })).toBe('2.1.5');
  });

  it('round-trips every valid code', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2 as const, 4 as const, 5 as const),
        fc.nat({ max: 999 }),
        fc.nat({ max: 999 }),
        (c, s, d) => {
          const text = `${formatEnhancedStatus({ class: c, subject: s, detail: d })} text`;
          expect(parseEnhancedStatus(text, c * 100)).toMatchObject({ class: c, subject: s, detail: d });
        },
      ),
    );
  });
});
