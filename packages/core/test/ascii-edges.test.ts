import { describe, expect, it } from 'vitest';
import { asciiEqualsIgnoreCase, asciiLower, asciiStartsWithIgnoreCase, asciiUpper } from '../src/index';
import { bytes } from './chunking';

describe('ASCII case edges', () => {
  it('folds the boundary letters a and z (RFC 5234 §2.3: ASCII case-insensitive)', () => {
    expect(asciiEqualsIgnoreCase(bytes('a'), 0, 1, 'A')).toBe(true);
    expect(asciiEqualsIgnoreCase(bytes('z'), 0, 1, 'Z')).toBe(true);
    expect(asciiEqualsIgnoreCase(bytes('data'), 0, 4, 'DATA')).toBe(true);
    expect(asciiEqualsIgnoreCase(bytes('auth'), 0, 4, 'AUTH')).toBe(true);
  });

  it('compares a range that does not start at 0', () => {
    expect(asciiEqualsIgnoreCase(bytes('A1 login'), 3, 8, 'LOGIN')).toBe(true);
    expect(asciiEqualsIgnoreCase(bytes('xEHLO'), 1, 5, 'EHLO')).toBe(true);
  });

  it('gives false for out-of-range positions even with an empty keyword', () => {
    const b = bytes('AB');
    expect(asciiEqualsIgnoreCase(b, -1, -1, '')).toBe(false);
    expect(asciiEqualsIgnoreCase(b, 3, 3, '')).toBe(false);
    expect(asciiEqualsIgnoreCase(b, 2, 2, '')).toBe(true); // the empty range at the end is in range
    expect(asciiEqualsIgnoreCase(b, 0, 0, '')).toBe(true);
    expect(asciiStartsWithIgnoreCase(b, 3, '')).toBe(false);
    expect(asciiStartsWithIgnoreCase(b, -1, '')).toBe(false);
  });

  it('gives false when the range is longer than the keyword, even if it starts with it', () => {
    expect(asciiEqualsIgnoreCase(bytes('EHLOX'), 0, 5, 'EHLO')).toBe(false);
    expect(asciiEqualsIgnoreCase(bytes('EHLO'), 0, 3, 'EHLO')).toBe(false);
  });

  it('changes the case of runs of letters mixed with other characters', () => {
    expect(asciiLower('AZaz@[`{ ABC-DEF')).toBe('azaz@[`{ abc-def');
    expect(asciiUpper('AZaz@[`{ abc-def')).toBe('AZAZ@[`{ ABC-DEF');
    expect(asciiLower('')).toBe('');
    expect(asciiUpper('')).toBe('');
  });
});
