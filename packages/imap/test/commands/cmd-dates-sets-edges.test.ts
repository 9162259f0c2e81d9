import { describe, expect, it } from 'vitest';
import {
  formatSearchDate,
  parseSearchDate,
  parseSequenceSet,
  type SearchDate,
} from '../../src/commands/index';
import { commands, kinds, parseAll, thrownBy } from './helpers';

// RFC 3501 §9: date = date-text / DQUOTE date-text DQUOTE; date-text = date-day "-" date-month
// "-" date-year; date-day = 1*2DIGIT; date-month = "Jan" / ... / "Dec"; date-year = 4DIGIT.
describe('SEARCH dates: what parseSearchDate refuses', () => {
  it('a day 0 is no day of any month (date-day is 1*2DIGIT, but the calendar starts at 1)', () => {
    expect(parseSearchDate('0-Jan-2023')).toBeNull();
    expect(parseSearchDate('00-Jan-2023')).toBeNull();
    expect(parseSearchDate('01-Jan-2023')).toEqual({ year: 2023, month: 1, day: 1 });
  });

  it('the whole text must be the date: nothing before the day, nothing after the year', () => {
    // three day digits: a search must not read 23-Jan-2023 out of it
    expect(parseSearchDate('123-Jan-2023')).toBeNull();
    expect(parseSearchDate('x1-Jan-2023')).toBeNull();
    // five year digits (date-year is exactly 4DIGIT)
    expect(parseSearchDate('1-Jan-20234')).toBeNull();
    expect(parseSearchDate('1-Jan-2023x')).toBeNull();
    expect(parseSearchDate('1-Jan-2023 ')).toBeNull();
  });

  it('malformed text is null, not an exception', () => {
    for (const bad of ['', 'garbage', '1-Jan-23', '1 Jan 2023', '1-January-2023', '-Jan-2023', '1-Jan-']) {
      expect(parseSearchDate(bad), bad).toBeNull();
    }
  });

  it('an unknown month name is null; month names are case-insensitive', () => {
    expect(parseSearchDate('1-Foo-2023')).toBeNull();
    expect(parseSearchDate('1-DEC-2023')).toEqual({ year: 2023, month: 12, day: 1 });
    expect(parseSearchDate('1-dEc-2023')).toEqual({ year: 2023, month: 12, day: 1 });
  });

  it('the first and last years of date-year', () => {
    expect(parseSearchDate('1-Jan-0000')).toEqual({ year: 0, month: 1, day: 1 });
    expect(parseSearchDate('31-Dec-9999')).toEqual({ year: 9999, month: 12, day: 31 });
  });

  it('through the command parser: a date with a fifth year digit or a day 0 is BAD_SYNTAX', () => {
    expect(kinds(parseAll('a SEARCH SINCE 1-Jan-20234\r\n'))).toEqual(['error:BAD_SYNTAX']);
    expect(kinds(parseAll('a SEARCH ON 0-Jan-2023\r\n'))).toEqual(['error:BAD_SYNTAX']);
    expect(kinds(parseAll('a SEARCH BEFORE 1-Foo-2023\r\n'))).toEqual(['error:BAD_SYNTAX']);
    expect(commands('a SEARCH SENTON "31-Dec-9999"\r\n')).toMatchObject([
      { name: 'SEARCH', criteria: [{ key: 'SENTON', date: { year: 9999, month: 12, day: 31 } }] },
    ]);
  });
});

describe('SEARCH dates: what formatSearchDate refuses (a value that has no wire form)', () => {
  const base: SearchDate = { year: 2023, month: 1, day: 1 };

  // Each of these breaks exactly one rule; all the others hold, so each rule is checked alone.
  const bad: Array<[string, SearchDate]> = [
    ['a fractional year', { ...base, year: 2023.5 }],
    ['a fractional month', { ...base, month: 1.5 }],
    ['a fractional day', { ...base, day: 1.5 }],
    ['a negative year', { ...base, year: -1 }],
    ['a five-digit year', { ...base, year: 10000 }],
    ['month 0', { ...base, month: 0 }],
    ['month 13', { ...base, month: 13 }],
    ['day 0', { ...base, day: 0 }],
    ['a day past the end of the month', { ...base, day: 32 }],
  ];

  for (const [what, d] of bad) {
    it(`refuses ${what} with INVALID_ARGUMENT naming the date`, () => {
      const e = thrownBy(() => formatSearchDate(d));
      expect(e.code).toBe('INVALID_ARGUMENT');
      expect(e.protocol).toBe('imap');
      expect(e.message).toMatch(/invalid search date/);
      expect(e.message).toContain(`"year":${d.year}`);
    });
  }

  it('formats the bounds it accepts (years 0000-9999, day 1 to the last of the month)', () => {
    expect(formatSearchDate({ year: 9999, month: 12, day: 31 })).toBe('31-Dec-9999');
    expect(formatSearchDate({ year: 0, month: 1, day: 1 })).toBe('1-Jan-0000');
    expect(formatSearchDate({ year: 2023, month: 12, day: 1 })).toBe('1-Dec-2023');
  });
});

// RFC 3501 §9: sequence-set = (seq-number / seq-range) *("," sequence-set); seq-number =
// nz-number / "*"; nz-number = digit-nz *DIGIT (a 32-bit value); RFC 5182: "$".
describe('parseSequenceSet: the errors it throws', () => {
  it('NUMBER_OVERFLOW past 2^32-1, at the first digit of the number, offset -1 without a stream offset', () => {
    const e = thrownBy(() => parseSequenceSet('1,4294967296'));
    expect(e.code).toBe('NUMBER_OVERFLOW');
    expect(e.protocol).toBe('imap');
    expect(e.message).toMatch(/sequence number larger than 2\^32-1/);
    expect(e.offset).toBe(-1);
    expect(e.excerpt).toBe('1,4294967296');
  });

  it('NUMBER_OVERFLOW offset is the stream offset of the text plus the number start', () => {
    expect(thrownBy(() => parseSequenceSet('1,4294967296', 0)).offset).toBe(2);
    expect(thrownBy(() => parseSequenceSet('1,4294967296', 10)).offset).toBe(12);
    expect(thrownBy(() => parseSequenceSet('4294967296', 7)).offset).toBe(7);
  });

  it('BAD_SYNTAX for a zero or missing number, at its position', () => {
    const e = thrownBy(() => parseSequenceSet('1,0'));
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.protocol).toBe('imap');
    expect(e.message).toMatch(/expected a non-zero number or \* in a sequence set/);
    expect(e.offset).toBe(-1);
    expect(e.excerpt).toBe('1,0');
    expect(thrownBy(() => parseSequenceSet('1,0', 0)).offset).toBe(2);
    expect(thrownBy(() => parseSequenceSet('1,0', 10)).offset).toBe(12);
    // a missing range end: the number that should start at 2
    expect(thrownBy(() => parseSequenceSet('1:', 5)).offset).toBe(7);
    expect(thrownBy(() => parseSequenceSet('0', 3)).offset).toBe(3);
  });

  it('BAD_SYNTAX for a bad separator, at the bad character', () => {
    const e = thrownBy(() => parseSequenceSet('12;3'));
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.protocol).toBe('imap');
    expect(e.message).toMatch(/bad character in a sequence set/);
    expect(e.offset).toBe(-1);
    expect(thrownBy(() => parseSequenceSet('12;3', 0)).offset).toBe(2);
    expect(thrownBy(() => parseSequenceSet('12;3', 10)).offset).toBe(12);
    // the third ':' of 1:2:3 is where the set goes wrong
    expect(thrownBy(() => parseSequenceSet('1:2:3', 100)).offset).toBe(103);
  });

  it('through the command parser the code is kept', () => {
    expect(kinds(parseAll('a FETCH 1,4294967296 FLAGS\r\n'))).toEqual(['error:NUMBER_OVERFLOW']);
    expect(kinds(parseAll('a FETCH 1,0 FLAGS\r\n'))).toEqual(['error:BAD_SYNTAX']);
  });
});
