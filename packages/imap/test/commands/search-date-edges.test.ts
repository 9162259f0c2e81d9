import { describe, expect, it } from 'vitest';
import { formatSearchDate, parseSearchDate } from '../../src/commands/index';
import { commands, kinds, parseAll } from './helpers';

// SEARCH dates (RFC 3501 §9 `date`: date-day "-" date-month "-" date-year, date-year = 4DIGIT):
// the calendar of the proleptic Gregorian years 0000-9999, leap days included, in the parser
// and the serializer alike.

describe('SEARCH dates: the calendar', () => {
  it('leap days exist in leap years only (every 4th year, not every 100th, every 400th)', () => {
    expect(parseSearchDate('29-Feb-2024')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseSearchDate('29-Feb-2000')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseSearchDate('29-Feb-2023')).toBeNull();
    expect(parseSearchDate('29-Feb-1900')).toBeNull();
  });

  it('the years 0000-0099 are those years, not 1900-1999 (year 0 is a leap year, 1900 is not)', () => {
    expect(parseSearchDate('29-Feb-0000')).toEqual({ year: 0, month: 2, day: 29 });
    expect(formatSearchDate({ year: 0, month: 2, day: 29 })).toBe('29-Feb-0000');
    expect(parseSearchDate('29-Feb-0004')).toEqual({ year: 4, month: 2, day: 29 });
    expect(parseSearchDate('29-Feb-0001')).toBeNull();
  });

  it('the last day of each month', () => {
    const last = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    names.forEach((m, i) => {
      const n = last[i] as number;
      expect(parseSearchDate(`${n}-${m}-2023`), m).toEqual({ year: 2023, month: i + 1, day: n });
      expect(parseSearchDate(`${n + 1}-${m}-2023`), m).toBeNull();
    });
  });

  it('through the command parser: a day the month lacks is an error, a leap day is a date', () => {
    expect(commands('a SEARCH SINCE 29-Feb-0000\r\n')).toMatchObject([
      { tag: 'a', name: 'SEARCH', criteria: [{ key: 'SINCE', date: { year: 0, month: 2, day: 29 } }] },
    ]);
    expect(kinds(parseAll('a SEARCH BEFORE 29-Feb-1900\r\n'))).toEqual(['error:BAD_SYNTAX']);
  });
});
