import { describe, expect, it } from 'vitest';
import { Pop3CommandParser } from '../src/index';
import type { QuirkSink } from '../src/quirks';
import { splitTokens } from '../src/tokens';
import { bytes, feed, ofType } from './event-helpers';

interface Quirk {
  code: string;
  message: string;
  offset: number;
}

/** Splits `text` (at stream offset 100) and returns the tokens as strings, their ranges and the quirks. */
function split(text: string, max?: number) {
  const quirks: Quirk[] = [];
  const sink: QuirkSink = { quirk: (code, message, offset) => void quirks.push({ code, message, offset }) };
  const ranges = splitTokens(bytes(text), 100, sink, max);
  return { tokens: ranges.map((t) => text.slice(t.start, t.end)), ranges, quirks };
}

const extraSpace = (offset: number): Quirk => ({
  code: 'EXTRA_SPACE',
  message: 'more than one space between fields',
  offset,
});

describe('splitTokens (RFC 1939 §3: fields separated by a single SP)', () => {
  it('single spaces: no quirk', () => {
    expect(split('a bc d')).toEqual({
      tokens: ['a', 'bc', 'd'],
      ranges: [
        { start: 0, end: 1 },
        { start: 2, end: 4 },
        { start: 5, end: 6 },
      ],
      quirks: [],
    });
  });

  it('an empty line has no fields and no quirk', () => {
    expect(split('')).toEqual({ tokens: [], ranges: [], quirks: [] });
  });

  it('runs of spaces: one EXTRA_SPACE, at the first extra space, however many runs', () => {
    expect(split('a  b   c  d')).toEqual({
      tokens: ['a', 'b', 'c', 'd'],
      ranges: [
        { start: 0, end: 1 },
        { start: 3, end: 4 },
        { start: 7, end: 8 },
        { start: 10, end: 11 },
      ],
      quirks: [extraSpace(102)],
    });
  });

  it('leading spaces are skipped and reported at the start', () => {
    expect(split('  a b')).toMatchObject({ tokens: ['a', 'b'], quirks: [extraSpace(100)] });
  });

  it('a trailing space makes no empty field', () => {
    expect(split('a b ')).toMatchObject({ tokens: ['a', 'b'], quirks: [extraSpace(104)] });
    expect(split('a b   ')).toMatchObject({ tokens: ['a', 'b'], quirks: [extraSpace(104)] });
  });

  it('only spaces: no field, one quirk', () => {
    expect(split('   ')).toEqual({ tokens: [], ranges: [], quirks: [extraSpace(100)] });
  });

  describe('with max (listings: the last field runs to the end of the line)', () => {
    it('the last field keeps inner spaces and loses trailing ones, reported where they start', () => {
      expect(split('1 some text  ', 2)).toEqual({
        tokens: ['1', 'some text'],
        ranges: [
          { start: 0, end: 1 },
          { start: 2, end: 11 },
        ],
        quirks: [extraSpace(111)],
      });
    });

    it('no trailing space: no quirk', () => {
      expect(split('1 some text', 2)).toEqual({
        tokens: ['1', 'some text'],
        ranges: [
          { start: 0, end: 1 },
          { start: 2, end: 11 },
        ],
        quirks: [],
      });
    });

    it('fewer fields than max', () => {
      expect(split('1 2', 3)).toMatchObject({ tokens: ['1', '2'], quirks: [] });
    });

    it('max 1: the whole line, leading and trailing spaces reported once', () => {
      expect(split(' a b ', 1)).toEqual({
        tokens: ['a b'],
        ranges: [{ start: 1, end: 4 }],
        quirks: [extraSpace(100)],
      });
    });

    it('a double space before the last field', () => {
      expect(split('1  x y', 2)).toMatchObject({ tokens: ['1', 'x y'], quirks: [extraSpace(102)] });
    });
  });
});

describe('spacing in command lines', () => {
  // Hand-typed telnet sessions and some scripted clients double or trail spaces.
  it('double spaces between arguments: both arguments parsed, one warning', () => {
    const events = feed(new Pop3CommandParser(), bytes('NOOP\r\nTOP  1  2\r\n'));
    expect(ofType(events, 'warning')).toEqual([{ type: 'warning', ...extraSpace(10) }]);
    expect(ofType(events, 'command').map((e) => e.command)).toEqual([
      { name: 'NOOP' },
      { name: 'TOP', msg: 1, lines: 2 },
    ]);
  });

  it('a trailing space after the argument is no extra argument', () => {
    const events = feed(new Pop3CommandParser(), bytes('LIST 1 \r\n'));
    expect(ofType(events, 'warning')).toEqual([{ type: 'warning', ...extraSpace(7) }]);
    expect(ofType(events, 'command').map((e) => e.command)).toEqual([{ name: 'LIST', msg: 1 }]);
  });

  it('strict mode refuses spacing quirks', () => {
    expect(() => feed(new Pop3CommandParser({ strict: true }), bytes('LIST  1\r\n'))).toThrow(
      expect.objectContaining({
        code: 'BAD_SYNTAX',
        offset: 5,
        message: expect.stringMatching(/\[EXTRA_SPACE\]/),
      }),
    );
  });
});
