import { describe, expect, it } from 'vitest';
import { parseDecimal, parseDecimalString } from '../src/index';
import { caught } from './caught';
import { bytes } from './chunking';

describe('parseDecimal edges', () => {
  it('clamps a negative start and an end past the bytes to the bytes', () => {
    expect(parseDecimal(bytes('12'), -1)).toBe(12);
    expect(parseDecimal(bytes('12'), -5, 2)).toBe(12);
    expect(parseDecimal(bytes('12'), 0, 5)).toBe(12);
    expect(parseDecimal(bytes('x345'), 1, 99)).toBe(345);
  });

  it('reports an empty range as BAD_NUMBER at baseOffset + start, protocol core by default', () => {
    const err = caught(() => parseDecimal(bytes('abc 12'), 4, 4, undefined, 100));
    expect(err.code).toBe('BAD_NUMBER');
    expect(err.protocol).toBe('core');
    expect(err.offset).toBe(104);
    expect(err.message).toMatch(/^core: expected a decimal number, found nothing at byte 104/);
  });

  it('names the offending byte in two hex digits', () => {
    const tab = caught(() => parseDecimal(bytes('1\t2')));
    expect(tab.offset).toBe(1);
    expect(tab.message).toMatch(/expected a decimal digit, found byte 0x09 at byte 1/);
    const minus = caught(() => parseDecimal(bytes('-1'), 0, 2, 'smtp', 10));
    expect(minus.message).toMatch(/^smtp: expected a decimal digit, found byte 0x2d at byte 10/);
  });

  it('reports overflow at baseOffset + start of the number', () => {
    // 2^53 = 9007199254740992, one past Number.MAX_SAFE_INTEGER.
    const err = caught(() => parseDecimal(bytes('UID 9007199254740992'), 4, 20, 'imap', 50));
    expect(err.code).toBe('NUMBER_OVERFLOW');
    expect(err.offset).toBe(54);
    expect(err.message).toMatch(/number is larger than 2\^53 - 1/);
    expect(err.excerpt).toBe('9007199254740992');
  });
});

describe('parseDecimalString edges', () => {
  it('accepts exactly 2^53 - 1 and leading zeros, refuses 2^53', () => {
    expect(parseDecimalString('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseDecimalString('0009007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseDecimalString('0')).toBe(0);
    expect(parseDecimalString('000')).toBe(0);
    const err = caught(() => parseDecimalString('9007199254740992'));
    expect(err.code).toBe('NUMBER_OVERFLOW');
    expect(err.protocol).toBe('core');
    expect(err.offset).toBe(0);
    expect(err.message).toMatch(/^core: number is larger than 2\^53 - 1/);
  });

  it('refuses the empty string with a message, protocol core by default', () => {
    const err = caught(() => parseDecimalString(''));
    expect(err.code).toBe('BAD_NUMBER');
    expect(err.protocol).toBe('core');
    expect(err.message).toMatch(/^core: expected a decimal number, found nothing/);
  });

  it('refuses any non-digit with BAD_NUMBER naming its index', () => {
    for (const [text, at] of [
      ['12a', 2],
      ['-1', 0],
      ['1 ', 1],
      ['1/', 1], // '/' is 0x2f, just below '0'
      ['9:', 1], // ':' is 0x3a, just above '9'
    ] as const) {
      const err = caught(() => parseDecimalString(text, 'pop3'));
      expect(err.code).toBe('BAD_NUMBER');
      expect(err.protocol).toBe('pop3');
      expect(err.offset).toBe(at);
      expect(err.message).toMatch(new RegExp(`expected a decimal digit at index ${at}`));
    }
  });
});
