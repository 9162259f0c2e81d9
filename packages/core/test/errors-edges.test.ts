import { describe, expect, it } from 'vitest';
import { EXCERPT_LENGTH, isParseError, ParseError, printableExcerpt } from '../src/index';

const u8 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('printableExcerpt boundaries', () => {
  it('cuts a string only when it is longer than max', () => {
    expect(printableExcerpt('abc', 3)).toBe('abc');
    expect(printableExcerpt('abcd', 3)).toBe('abc…');
    expect(printableExcerpt('a'.repeat(EXCERPT_LENGTH))).toBe('a'.repeat(EXCERPT_LENGTH));
    expect(printableExcerpt('a'.repeat(EXCERPT_LENGTH + 1))).toBe(`${'a'.repeat(EXCERPT_LENGTH)}…`);
  });

  it('cuts bytes only when there are more than max', () => {
    expect(printableExcerpt(u8('abc'), 3)).toBe('abc');
    expect(printableExcerpt(u8('abcd'), 3)).toBe('abc…');
    expect(printableExcerpt(new Uint8Array(EXCERPT_LENGTH).fill(0x62))).toBe('b'.repeat(EXCERPT_LENGTH));
    expect(printableExcerpt(new Uint8Array(EXCERPT_LENGTH + 1).fill(0x62))).toBe(
      `${'b'.repeat(EXCERPT_LENGTH)}…`,
    );
  });

  it('counts max in input bytes: escapes do not shorten the excerpt', () => {
    expect(printableExcerpt(u8('\r\n\r\n'), 2)).toBe('\\r\\n…');
    expect(printableExcerpt('\r\n\r\n', 4)).toBe('\\r\\n\\r\\n');
  });

  it('keeps space and tilde (the ends of printable ASCII) and escapes the bytes just outside', () => {
    expect(printableExcerpt(Uint8Array.of(0x1f, 0x20, 0x7e, 0x7f))).toBe('\\x1f ~\\x7f');
    expect(printableExcerpt('\u001f ~\u007f')).toBe('\\x1f ~\\x7f');
  });

  it('escapes code units above 0xFF as four hex digits, zero-padded', () => {
    expect(printableExcerpt('\u0100')).toBe('\\u0100');
    expect(printableExcerpt('\u0394x')).toBe('\\u0394x');
    // an astral character is two UTF-16 code units
    expect(printableExcerpt('\u{1f600}')).toBe('\\ud83d\\ude00');
  });
});

describe('ParseError message and identity', () => {
  it('names offset 0 (the very first byte) in the message', () => {
    const err = new ParseError({ protocol: 'smtp', code: 'BAD_SYNTAX', message: 'bad greeting', offset: 0 });
    expect(err.offset).toBe(0);
    expect(err.message).toBe('smtp: bad greeting at byte 0 [BAD_SYNTAX]');
  });

  it('leaves out a negative offset and an empty excerpt', () => {
    const err = new ParseError({
      protocol: 'imap',
      code: 'UNEXPECTED_EOF',
      message: 'stream ended',
      offset: -1,
      excerpt: '',
    });
    expect(err.message).toBe('imap: stream ended [UNEXPECTED_EOF]');
    expect(err.excerpt).toBe('');
  });

  it('cuts the excerpt in the message to EXCERPT_LENGTH input bytes', () => {
    const err = new ParseError({
      protocol: 'pop3',
      code: 'LINE_TOO_LONG',
      message: 'line too long',
      offset: 5,
      excerpt: new Uint8Array(100).fill(0x78),
    });
    expect(err.excerpt).toBe(`${'x'.repeat(EXCERPT_LENGTH)}…`);
    expect(err.message).toBe(
      `pop3: line too long at byte 5 near "${'x'.repeat(EXCERPT_LENGTH)}…" [LINE_TOO_LONG]`,
    );
  });

  it('is branded with the registry symbol "mailwire.ParseError" (shared by every copy and version of core)', () => {
    const err = new ParseError({ protocol: 'core', code: 'BAD_SYNTAX', message: 'x' });
    const brand = Symbol.for('mailwire.ParseError');
    expect((err as unknown as Record<symbol, unknown>)[brand]).toBe(true);
    // An error built by another published version of core carries the same registry key.
    const other = Object.defineProperty(new Error('other copy'), brand, { value: true });
    expect(other instanceof ParseError).toBe(true);
    expect(isParseError(other)).toBe(true);
  });

  it('isParseError is false (and does not throw) for undefined and other non-objects', () => {
    // `throw undefined` is legal JavaScript: a catch block may hand it to isParseError.
    expect(isParseError(undefined)).toBe(false);
    expect(isParseError(0)).toBe(false);
    expect(isParseError(Symbol.for('mailwire.ParseError'))).toBe(false);
    const thrown: unknown = undefined;
    expect(thrown instanceof ParseError).toBe(false);
  });
});
