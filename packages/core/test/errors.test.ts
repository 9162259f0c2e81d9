import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  EXCERPT_LENGTH,
  errorEvent,
  isParseError,
  ParseError,
  printableExcerpt,
  resolveLimits,
  warningEvent,
  withEventsBefore,
} from '../src/index';

describe('ParseError', () => {
  it('builds a message naming protocol, problem, offset, excerpt and code', () => {
    const err = new ParseError({
      protocol: 'smtp',
      code: 'BAD_SYNTAX',
      message: 'reply code is not three digits',
      offset: 42,
      excerpt: new TextEncoder().encode('2x0 OK\r\n'),
    });
    expect(err.message).toBe(
      'smtp: reply code is not three digits at byte 42 near "2x0 OK\\r\\n" [BAD_SYNTAX]',
    );
    expect(err.name).toBe('ParseError');
    expect(err.protocol).toBe('smtp');
    expect(err.code).toBe('BAD_SYNTAX');
    expect(err.offset).toBe(42);
    expect(err.excerpt).toBe('2x0 OK\\r\\n');
    expect(err.tag).toBeUndefined();
    expect(err).toBeInstanceOf(Error);
  });

  it('leaves out offset and excerpt when not given', () => {
    const err = new ParseError({ protocol: 'core', code: 'UNEXPECTED_EOF', message: 'stream ended' });
    expect(err.message).toBe('core: stream ended [UNEXPECTED_EOF]');
    expect(err.offset).toBe(-1);
    expect(err.excerpt).toBe('');
  });

  it('keeps the cause and the IMAP tag', () => {
    const cause = new Error('inner');
    const err = new ParseError({ protocol: 'imap', code: 'BAD_SYNTAX', message: 'x', tag: 'A001', cause });
    expect(err.cause).toBe(cause);
    expect(err.tag).toBe('A001');
  });

  it('escapes control and 8-bit bytes in excerpts and cuts them', () => {
    expect(printableExcerpt(Uint8Array.of(0x41, 0x0d, 0x0a, 0x09, 0x00, 0xff, 0x7f))).toBe(
      'A\\r\\n\\t\\x00\\xff\\x7f',
    );
    expect(printableExcerpt('caf\u00e9 \u2603\n')).toBe('caf\\xe9 \\u2603\\n');
    const long = new Uint8Array(200).fill(0x61);
    expect(printableExcerpt(long)).toBe(`${'a'.repeat(EXCERPT_LENGTH)}…`);
    expect(printableExcerpt('b'.repeat(100), 10)).toBe(`${'b'.repeat(10)}…`);
  });

  it('is instanceof across a structurally separate copy of the class (Symbol.for brand)', async () => {
    // A second, independently evaluated copy of errors.ts, as when a codec bundles core.
    const path = '../src/errors.ts?separate-copy';
    const copy = (await import(/* @vite-ignore */ path)) as typeof import('../src/errors');
    expect(copy.ParseError).not.toBe(ParseError);
    const foreign = new copy.ParseError({ protocol: 'pop3', code: 'BAD_SYNTAX', message: 'x' });
    expect(foreign instanceof ParseError).toBe(true);
    expect(isParseError(foreign)).toBe(true);
    const local = new ParseError({ protocol: 'pop3', code: 'BAD_SYNTAX', message: 'x' });
    expect(local instanceof copy.ParseError).toBe(true);
  });

  it('is not fooled by look-alikes without the brand', () => {
    const lookAlike = Object.assign(new Error('x'), {
      name: 'ParseError',
      code: 'BAD_SYNTAX',
      protocol: 'core',
    });
    expect(lookAlike instanceof ParseError).toBe(false);
    expect(isParseError(lookAlike)).toBe(false);
    expect(isParseError(null)).toBe(false);
    expect(isParseError('ParseError')).toBe(false);
    expect(new Error('x') instanceof ParseError).toBe(false);
  });

  it('serialises with toJSON (tag only when present)', () => {
    const err = new ParseError({
      protocol: 'imap',
      code: 'LITERAL_TOO_LARGE',
      message: 'big',
      offset: 7,
      tag: 'a1',
    });
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: 'ParseError',
      protocol: 'imap',
      code: 'LITERAL_TOO_LARGE',
      message: 'imap: big at byte 7 [LITERAL_TOO_LARGE]',
      offset: 7,
      excerpt: '',
      tag: 'a1',
    });
    const plain = new ParseError({ protocol: 'core', code: 'BAD_NUMBER', message: 'n' }).toJSON();
    expect('tag' in plain).toBe(false);
  });

  it('carries the events completed before it (strict mode), set once, as a copy', () => {
    const err = new ParseError({ protocol: 'smtp', code: 'BAD_SYNTAX', message: 'x' });
    expect(err.eventsBefore).toEqual([]);
    expect(withEventsBefore(err, [])).toBe(err);
    expect(err.eventsBefore).toEqual([]);
    const events = [{ type: 'reply' }];
    withEventsBefore(err, events);
    events.push({ type: 'later' });
    expect(err.eventsBefore).toEqual([{ type: 'reply' }]);
    // a rethrow through an outer layer keeps the first list
    withEventsBefore(err, [{ type: 'other' }]);
    expect(err.eventsBefore).toEqual([{ type: 'reply' }]);
    expect('eventsBefore' in err.toJSON()).toBe(false);
  });
});

describe('resolveLimits', () => {
  it('returns the defaults when nothing is overridden, as a fresh object', () => {
    const limits = resolveLimits(DEFAULT_LIMITS);
    expect(limits).toEqual(DEFAULT_LIMITS);
    expect(limits).not.toBe(DEFAULT_LIMITS);
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });

  it('applies overrides and ignores undefined values', () => {
    const limits = resolveLimits(DEFAULT_LIMITS, { maxLineLength: 1000, maxNestingDepth: 8 });
    expect(limits.maxLineLength).toBe(1000);
    expect(limits.maxNestingDepth).toBe(8);
    expect(limits.maxReplyLines).toBe(DEFAULT_LIMITS.maxReplyLines);
  });

  it('rejects limits that are not positive safe integers', () => {
    expect(() => resolveLimits(DEFAULT_LIMITS, { maxLineLength: 0 })).toThrow(RangeError);
    expect(() => resolveLimits(DEFAULT_LIMITS, { maxLineLength: -1 })).toThrow(/maxLineLength/);
    expect(() => resolveLimits(DEFAULT_LIMITS, { maxListItems: 1.5 })).toThrow(RangeError);
    expect(() => resolveLimits(DEFAULT_LIMITS, { maxPayloadSize: Number.NaN })).toThrow(RangeError);
    expect(() => resolveLimits(DEFAULT_LIMITS, { maxLiteralSize: 2 ** 53 })).toThrow(RangeError);
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_LIMITS.maxLineLength).toBe(65536);
    expect(DEFAULT_LIMITS.maxPayloadSize).toBe(64 * 1024 * 1024);
    expect(DEFAULT_LIMITS.maxLiteralSize).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('events', () => {
  it('builds warning and error events', () => {
    expect(warningEvent('BARE_LF', 'accepted a bare LF', 12)).toEqual({
      type: 'warning',
      code: 'BARE_LF',
      message: 'accepted a bare LF',
      offset: 12,
    });
    const error = new ParseError({ protocol: 'core', code: 'BAD_SYNTAX', message: 'x' });
    expect(errorEvent(error)).toEqual({ type: 'error', error });
  });
});
