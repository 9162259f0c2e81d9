/**
 * formatDateTime: the date-time text a client or server sends (RFC 3501 §9), written in the
 * value's own zone, with the day space-padded (date-day-fixed = (SP DIGIT) / 2DIGIT).
 */
import { describe, expect, it } from 'vitest';
import { formatDateTime, type ImapDateTime, MONTH_NAMES, parseDateTime } from '../src/index';

const at = (iso: string, zone = '+0000', zoneMinutes = 0): ImapDateTime => ({
  date: new Date(iso),
  zone,
  zoneMinutes,
});

const NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

describe('formatDateTime', () => {
  it('MONTH_NAMES are the twelve date-month names', () => {
    expect(MONTH_NAMES).toEqual(NAMES);
  });
  it('writes every month by its name', () => {
    NAMES.forEach((name, i) => {
      const mm = String(i + 1).padStart(2, '0');
      expect(formatDateTime(at(`2024-${mm}-15T12:00:00Z`))).toBe(`15-${name}-2024 12:00:00 +0000`);
    });
  });
  it('pads a day below 10 with a space, and each time field below 10 with a zero', () => {
    expect(formatDateTime(at('2024-09-09T09:09:09Z'))).toBe(' 9-Sep-2024 09:09:09 +0000');
    expect(formatDateTime(at('2024-04-01T00:00:00Z'))).toBe(' 1-Apr-2024 00:00:00 +0000');
  });
  it('leaves a day, hour, minute or second of 10 and more as it is', () => {
    expect(formatDateTime(at('2024-10-10T10:10:10Z'))).toBe('10-Oct-2024 10:10:10 +0000');
    expect(formatDateTime(at('2024-12-31T23:59:59Z'))).toBe('31-Dec-2024 23:59:59 +0000');
  });
  it('writes the year in four digits (date-year = 4DIGIT), zeros first below 1000', () => {
    expect(formatDateTime(at('0999-04-05T06:07:08Z'))).toBe(' 5-Apr-0999 06:07:08 +0000');
    expect(formatDateTime(at('0050-01-01T00:00:00Z'))).toBe(' 1-Jan-0050 00:00:00 +0000');
  });
  it('writes the local time of the zone, which may be another day, month or year', () => {
    expect(formatDateTime(at('2024-12-31T12:00:00Z', '+1400', 840))).toBe(' 1-Jan-2025 02:00:00 +1400');
    expect(formatDateTime(at('2024-03-01T06:00:00Z', '-1200', -720))).toBe('29-Feb-2024 18:00:00 -1200');
    expect(formatDateTime(at('2024-02-07T18:29:59Z', '+0530', 330))).toBe(' 7-Feb-2024 23:59:59 +0530');
  });
  it('what it writes parses back to the same value, early years included', () => {
    for (const text of [
      ' 1-Jan-0050 00:00:00 +0000',
      ' 5-Apr-0999 06:07:08 -0930',
      '10-Sep-2024 10:10:10 +0545',
      '31-Dec-9999 23:59:59 +1400',
    ]) {
      const parsed = parseDateTime(text);
      expect(parsed, text).not.toBeNull();
      if (parsed !== null) expect(formatDateTime(parsed)).toBe(text);
    }
  });
});
