/**
 * date-time (RFC 3501 §9, RFC 9051 §9) at its edges, through every way the package reads one:
 * the exported `parseDateTime` (text), INTERNALDATE as a quoted string (parsed from its bytes)
 * and INTERNALDATE as a literal (parsed as text by the response parser). The two readers must
 * agree on every input ("same rules, same result").
 *
 *   date-time  = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
 *   date-day-fixed = (SP DIGIT) / 2DIGIT     ; the server form; this package also takes
 *                                            ; a bare 1-digit day (25 characters)
 *   date-month = "Jan" / "Feb" / ... / "Dec"  ; case-insensitive, as all IMAP string literals
 *   date-year  = 4DIGIT
 *   time       = 2DIGIT ":" 2DIGIT ":" 2DIGIT
 *   zone       = ("+" / "-") 4DIGIT           ; hhmm east of Greenwich
 */
import { describe, expect, it } from 'vitest';
import { type FetchResponse, type ImapDateTime, ImapResponseParser, parseDateTime } from '../src/index';
import { enc, kinds, parse } from './helpers';

/** `* 1 FETCH (INTERNALDATE ` is 24 bytes: a malformed date-time is reported at its quote. */
const DATE_AT = 24;

function dt(iso: string, zone: string, zoneMinutes: number): ImapDateTime {
  return { date: new Date(iso), zone, zoneMinutes };
}

/** The INTERNALDATE of a one-response stream, asserting there is nothing else. */
function internalDate(input: string): ImapDateTime {
  const evs = parse(input, { strict: true });
  expect(kinds(evs)).toEqual(['response']);
  const r = evs[0]?.type === 'response' ? (evs[0].response as FetchResponse) : undefined;
  const item = r?.items[0];
  if (item?.name !== 'INTERNALDATE') throw new Error(`no INTERNALDATE in ${input}`);
  expect(r?.items).toHaveLength(1);
  return item.date;
}

const quoted = (text: string): string => `* 1 FETCH (INTERNALDATE "${text}")\r\n`;
const literal = (text: string): string => `* 1 FETCH (INTERNALDATE {${enc(text).length}}\r\n${text})\r\n`;

/** Expects `text` to be read as `want` by all three readers. */
function accepts(text: string, want: ImapDateTime): void {
  expect(parseDateTime(text), `parseDateTime ${JSON.stringify(text)}`).toEqual(want);
  expect(internalDate(quoted(text)), `quoted ${JSON.stringify(text)}`).toEqual(want);
  expect(internalDate(literal(text)), `literal ${JSON.stringify(text)}`).toEqual(want);
}

/** Expects `text` to be refused by all three readers: null, or a BAD_SYNTAX error. */
function rejects(text: string): void {
  expect(parseDateTime(text), `parseDateTime ${JSON.stringify(text)}`).toBeNull();
  for (const [how, input] of [
    ['quoted', quoted(text)],
    ['literal', literal(text)],
  ] as const) {
    const evs = parse(input);
    expect(kinds(evs), `${how} ${JSON.stringify(text)}`).toEqual(['error:BAD_SYNTAX']);
    const err = evs[0]?.type === 'error' ? evs[0].error : undefined;
    expect(err?.message).toMatch(/malformed date-time/);
    // reported where the value starts: the opening quote, or the literal's "{" (the literal
    // moves the reader to the next line; the offset was once counted from that line)
    expect(err?.offset, `${how} ${JSON.stringify(text)}`).toBe(DATE_AT);
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

describe('date-time: month names (RFC 3501 §9 date-month)', () => {
  it('every month, in title, upper and lower case, is its own month', () => {
    MONTHS.forEach((name, i) => {
      const iso = `2024-${String(i + 1).padStart(2, '0')}-15T12:34:56.000Z`;
      // RFC 3501 §9 (2): "all alphabetic characters are case-insensitive" unless noted
      for (const spelled of [name, name.toUpperCase(), name.toLowerCase()]) {
        accepts(`15-${spelled}-2024 12:34:56 +0000`, dt(iso, '+0000', 0));
      }
    });
  });
  it('a mixed-case name is a month too; a near miss is not', () => {
    accepts('15-sEp-2024 12:34:56 +0000', dt('2024-09-15T12:34:56Z', '+0000', 0));
    accepts('15-dEC-2024 12:34:56 +0000', dt('2024-12-15T12:34:56Z', '+0000', 0));
    for (const bad of ['Foo', 'Ja ', 'Jum', 'Dez', 'Mai', 'J-n']) {
      rejects(`15-${bad}-2024 12:34:56 +0000`);
    }
  });
  it('a non-ASCII month is refused (read as text: the quoted string is not 7-bit)', () => {
    expect(parseDateTime('15-Jän-2024 12:34:56 +0000')).toBeNull();
    const evs = parse(quoted('15-Jän-2024 12:34:56 +0000'));
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
  });
});

describe('date-time: the day (date-day-fixed = (SP DIGIT) / 2DIGIT)', () => {
  it('two digits, space-padded, and a bare one digit (25 characters) all read the same', () => {
    const want = dt('1996-07-07T09:44:25Z', '-0700', -420);
    accepts('07-Jul-1996 02:44:25 -0700', want);
    accepts(' 7-Jul-1996 02:44:25 -0700', want);
    // lenient: a 1-digit day without its space (the date-day = 1*2DIGIT of SEARCH dates,
    // RFC 3501 §9, written where date-day-fixed belongs) is read as if space-padded
    accepts('7-Jul-1996 02:44:25 -0700', want);
  });
  it('days 1, 9, 10, 19, 20, 29, 30 and 31 are taken', () => {
    for (const d of [1, 9, 10, 19, 20, 29, 30, 31]) {
      const dd = String(d).padStart(2, '0');
      accepts(`${dd}-Jan-2024 00:00:00 +0000`, dt(`2024-01-${dd}T00:00:00Z`, '+0000', 0));
    }
  });
  it('days 0 and 32 are refused, in every padding', () => {
    for (const text of [
      '00-Jan-2024 00:00:00 +0000',
      ' 0-Jan-2024 00:00:00 +0000',
      '0-Jan-2024 00:00:00 +0000',
      '32-Jan-2024 00:00:00 +0000',
      '99-Jan-2024 00:00:00 +0000',
    ]) {
      rejects(text);
    }
  });
  it('a day with a non-digit is refused', () => {
    for (const day of ['2/', '1A', 'A1', '/1', '1:', '1 ', 'x', ' ', '  ']) {
      // `2/` is 19 and `1A` is 27 if the characters were taken as digits blindly
      rejects(`${day}-Jan-2024 00:00:00 +0000`);
    }
  });
  it('a day the month does not have is refused, not rolled into the next month as Date.UTC does', () => {
    for (const day of [
      '31-Apr-2024',
      '31-Jun-2024',
      '30-Feb-2024',
      '29-Feb-2023',
      '29-Feb-1900',
      '31-Nov-0001',
    ]) {
      rejects(`${day} 00:00:00 +0000`);
    }
    // leap days (Gregorian: every 4th year, not every 100th, every 400th; year 0 is one)
    accepts('29-Feb-2024 00:00:00 +0000', dt('2024-02-29T00:00:00Z', '+0000', 0));
    accepts('29-Feb-2000 00:00:00 +0000', dt('2000-02-29T00:00:00Z', '+0000', 0));
    accepts('29-Feb-0000 00:00:00 +0000', dt('0000-02-29T00:00:00Z', '+0000', 0));
    accepts('31-Dec-2023 00:00:00 +0000', dt('2023-12-31T00:00:00Z', '+0000', 0));
  });
});

describe('date-time: the year (date-year = 4DIGIT)', () => {
  it('the years 2000, 1999, 9999 and 0000', () => {
    accepts('01-Jan-2000 00:00:00 +0000', dt('2000-01-01T00:00:00Z', '+0000', 0));
    accepts('31-Dec-1999 23:59:59 +0000', dt('1999-12-31T23:59:59Z', '+0000', 0));
    accepts('31-Dec-9999 23:59:59 +0000', dt('9999-12-31T23:59:59Z', '+0000', 0));
    accepts('01-Jan-0000 00:00:00 +0000', dt('0000-01-01T00:00:00Z', '+0000', 0));
  });
  it('a year below 100 is that year, not 19xx (the 2-digit rule of Date.UTC does not apply)', () => {
    accepts('01-Jan-0050 00:00:00 +0000', dt('0050-01-01T00:00:00Z', '+0000', 0));
    accepts('29-Feb-0096 12:00:00 -0100', dt('0096-02-29T13:00:00Z', '-0100', -60));
  });
  it('a year with a non-digit is refused', () => {
    // `20A4` would be 2174, `209/` 2089, `209A` 2107 and `/024` or `20/4` a year before 2000
    // if the characters were taken as digits blindly
    for (const year of ['20A4', '209/', '209A', 'A024', '/024', '2/24', '20/4', '202 ', '+024']) {
      rejects(`01-Jan-${year} 00:00:00 +0000`);
    }
  });
});

describe('date-time: the time (time = 2DIGIT ":" 2DIGIT ":" 2DIGIT)', () => {
  it('00:00:00 and 23:59:59 are the first and last second of the day', () => {
    accepts('05-Mar-2024 00:00:00 +0000', dt('2024-03-05T00:00:00Z', '+0000', 0));
    accepts('05-Mar-2024 23:59:59 +0000', dt('2024-03-05T23:59:59Z', '+0000', 0));
    accepts('05-Mar-2024 10:20:30 +0000', dt('2024-03-05T10:20:30Z', '+0000', 0));
  });
  it('second 60 is a leap second (RFC 5322 §3.3): a Date has none, so it is the next second', () => {
    accepts('31-Dec-2016 23:59:60 +0000', dt('2017-01-01T00:00:00Z', '+0000', 0));
  });
  it('hour 24, minute 60 and second 61 are refused', () => {
    rejects('05-Mar-2024 24:00:00 +0000');
    rejects('05-Mar-2024 00:60:00 +0000');
    rejects('05-Mar-2024 00:00:61 +0000');
  });
  it('a time field with a non-digit is refused', () => {
    for (const time of ['/0:00:00', '0A:00:00', '00:/0:00', '00:0x:00', '00:00:/0', '00:00:5Z', '9 :00:00']) {
      rejects(`05-Mar-2024 ${time} +0000`);
    }
  });
});

describe('date-time: the zone (zone = ("+" / "-") 4DIGIT)', () => {
  it('the zone is kept as sent; zoneMinutes counts hours and minutes east of UTC', () => {
    accepts(' 7-Feb-2024 23:59:59 +0530', dt('2024-02-07T18:29:59Z', '+0530', 330));
    accepts(' 7-Feb-2024 23:59:59 -0330', dt('2024-02-08T03:29:59Z', '-0330', -210));
    accepts(' 7-Feb-2024 23:59:59 +0059', dt('2024-02-07T23:00:59Z', '+0059', 59));
  });
  it('the furthest zones in use, +1400 (Line Islands) and -1200 (Baker Island)', () => {
    accepts('01-Jan-2025 00:30:00 +1400', dt('2024-12-31T10:30:00Z', '+1400', 840));
    accepts('31-Dec-2024 23:30:00 -1200', dt('2025-01-01T11:30:00Z', '-1200', -720));
  });
  it('hours past any real zone are taken as the grammar allows (4DIGIT); minute 60 is not', () => {
    // RFC 3501 gives no range for zone hours, so a nonsense +9900 is kept, not guessed at
    accepts('01-Jan-2025 00:00:00 +9900', dt('2024-12-27T21:00:00Z', '+9900', 5940));
    rejects('01-Jan-2025 00:00:00 +0060');
    rejects('01-Jan-2025 00:00:00 -0099');
  });
  it('a zone without its sign or with a non-digit is refused', () => {
    for (const zone of ['x0700', ' 0700', '=0700', '+/000', '+A000', '+00/0', '+00A0', '+07 0']) {
      rejects(`17-Jul-1996 02:44:25 ${zone}`);
    }
  });
});

describe('date-time: its separators and its length', () => {
  it('each separator must be the one the grammar names', () => {
    for (const text of [
      '17/Jul-1996 02:44:25 -0700',
      '17-Jul/1996 02:44:25 -0700',
      '17-Jul-1996T02:44:25 -0700',
      '17-Jul-1996 02.44:25 -0700',
      '17-Jul-1996 02:44.25 -0700',
      '17-Jul-1996 02:44:25_-0700',
      // the same in the 1-digit form, where every position is one to the left
      '7/Jul-1996 02:44:25 -0700',
      '7-Jul-1996 02:44:25\t-0700',
    ]) {
      rejects(text);
    }
  });
  it('one character too many or too few is refused, whatever the padding', () => {
    for (const text of [
      '17-Jul-1996 02:44:25 -07000',
      ' 17-Jul-1996 02:44:25 -0700',
      '17-Jul-1996 02:44:25 -0700 ',
      '017-Jul-1996 02:44:25 -0700',
      '7-Jul-1996 02:44:25 -070',
      '-Jul-1996 02:44:25 -0700',
      '',
    ]) {
      rejects(text);
    }
  });
});

describe('date-time: a malformed INTERNALDATE in the response stream', () => {
  const bad = '* 1 FETCH (INTERNALDATE "32-Jul-1996 02:44:25 -0700")\r\n';
  it('lenient: an error event at the date, then the next response is read', () => {
    const evs = parse(`${bad}* 2 FETCH (INTERNALDATE "1-Aug-1996 00:00:00 +0000")\r\n`);
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX', 'response']);
    const err = evs[0]?.type === 'error' ? evs[0].error : undefined;
    expect(err?.offset).toBe(DATE_AT);
    expect(err?.message).toMatch(/malformed date-time/);
    const r = evs[1]?.type === 'response' ? (evs[1].response as FetchResponse) : undefined;
    expect(r?.items).toEqual([{ name: 'INTERNALDATE', date: dt('1996-08-01T00:00:00Z', '+0000', 0) }]);
  });
  it('strict: the ParseError is thrown, with the same code and offset', () => {
    const p = new ImapResponseParser({ strict: true });
    expect(() => p.push(enc(bad))).toThrow(expect.objectContaining({ code: 'BAD_SYNTAX', offset: DATE_AT }));
  });
  it('SAVEDATE reads its date-time the same way (RFC 8514)', () => {
    const evs = parse('* 1 FETCH (SAVEDATE " 9-Sep-2024 09:09:09 +0900")\r\n', { strict: true });
    const r = evs[0]?.type === 'response' ? (evs[0].response as FetchResponse) : undefined;
    expect(r?.items).toEqual([{ name: 'SAVEDATE', date: dt('2024-09-09T00:09:09Z', '+0900', 540) }]);
    expect(kinds(parse('* 1 FETCH (SAVEDATE "9-Sep-2024 09:09:09 +0960")\r\n'))).toEqual([
      'error:BAD_SYNTAX',
    ]);
  });
});
