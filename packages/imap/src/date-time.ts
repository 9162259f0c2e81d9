/**
 * date-time (RFC 3501 §9): `"dd-Mon-yyyy hh:mm:ss +zzzz"`, day space-padded or not.
 * Parsed byte by byte into a Date (UTC instant) with the zone kept.
 */
import { internAscii } from './lexer/token-cache';
import type { ImapDateTime } from './types';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
export const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/**
 * Midnight UTC of a day, as `Date.UTC(year, month, day)` but without its reading of the years
 * 0-99 as 1900-1999: date-year is 4DIGIT (RFC 3501 §9), so "0050" is the year 50. NaN for a
 * day the month does not have (31-Feb-1996: Date.UTC would roll it over to 2 March).
 */
function utcDay(year: number, month: number, day: number): number {
  const d = new Date(0);
  const ms = d.setUTCFullYear(year, month, day);
  return d.getUTCDate() === day ? ms : Number.NaN;
}

function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

/** Parses the text of a date-time (without the quotes); null if malformed. */
export function parseDateTime(text: string): ImapDateTime | null {
  let s = text;
  if (s.length === 25)
    s = `0${s}`; // day without padding
  else if (s.length === 26 && s.charCodeAt(0) === 0x20) s = `0${s.slice(1)}`; // space-padded day
  if (s.length !== 26) return null;
  const day = two(s, 0);
  if (s[2] !== '-' || s[6] !== '-' || s[11] !== ' ' || s[14] !== ':' || s[17] !== ':' || s[20] !== ' ') {
    return null;
  }
  const month = MONTHS.indexOf(s.slice(3, 6).toUpperCase());
  const y1 = two(s, 7);
  const y2 = two(s, 9);
  const hh = two(s, 12);
  const mm = two(s, 15);
  const ss = two(s, 18);
  const sign = s[21];
  const zh = two(s, 22);
  const zm = two(s, 24);
  if (day < 1 || day > 31 || month < 0 || y1 < 0 || y2 < 0 || hh < 0 || hh > 23 || mm < 0 || mm > 59) {
    return null;
  }
  if (ss < 0 || ss > 60 || (sign !== '+' && sign !== '-') || zh < 0 || zm < 0 || zm > 59) return null;
  const zoneMinutes = (sign === '-' ? -1 : 1) * (zh * 60 + zm);
  const utc =
    utcDay(y1 * 100 + y2, month, day) + hh * 3_600_000 + mm * 60_000 + ss * 1000 - zoneMinutes * 60_000;
  const date = new Date(utc);
  if (Number.isNaN(date.getTime())) return null;
  return { date, zone: s.slice(21, 26), zoneMinutes };
}

const enum Ch {
  Zero = 0x30,
  Space = 0x20,
  Dash = 0x2d,
  Colon = 0x3a,
  Plus = 0x2b,
}

/** The month (0-11) of an upper-cased 3-letter name packed as a 24-bit number, or -1. */
function monthOf(code: number): number {
  switch (code) {
    case 0x4a414e: // JAN
      return 0;
    case 0x464542: // FEB
      return 1;
    case 0x4d4152: // MAR
      return 2;
    case 0x415052: // APR
      return 3;
    case 0x4d4159: // MAY
      return 4;
    case 0x4a554e: // JUN
      return 5;
    case 0x4a554c: // JUL
      return 6;
    case 0x415547: // AUG
      return 7;
    case 0x534550: // SEP
      return 8;
    case 0x4f4354: // OCT
      return 9;
    case 0x4e4f56: // NOV
      return 10;
    case 0x444543: // DEC
      return 11;
    default:
      return -1;
  }
}

/** Upper-cases an ASCII letter (anything else unchanged), as `toUpperCase` does for 7-bit text. */
function up(c: number): number {
  return c >= 0x61 && c <= 0x7a ? c - 0x20 : c;
}

// The last day computed by Date.UTC: a mailbox listing repeats the same few days.
let lastYear = -1;
let lastMonth = -1;
let lastDay = -1;
let lastDayMs = 0;
// The last zone: its text follows from sign and digits (checked), so those identify it.
let lastZoneKey = -1;
let lastZone = '';

/**
 * `parseDateTime` over 7-bit bytes `b[s..e)` (the quoted string's content), without making
 * a string of them: same rules, same result. Callers pass bytes below 0x80 only.
 */
export function parseDateTimeBytes(b: Uint8Array, s: number, e: number): ImapDateTime | null {
  const n = e - s;
  // `o + k` is the index of character k of the 26-character form; a day without padding
  // (25 bytes) or space-padded reads as zero-padded
  let o = s;
  let c0: number;
  if (n === 25) {
    o = s - 1;
    c0 = Ch.Zero;
  } else if (n === 26) {
    c0 = b[s] as number;
    if (c0 === Ch.Space) c0 = Ch.Zero;
  } else {
    return null;
  }
  const d1 = (b[o + 1] as number) - Ch.Zero;
  const d0 = c0 - Ch.Zero;
  const day = d0 < 0 || d0 > 9 || d1 < 0 || d1 > 9 ? -1 : d0 * 10 + d1;
  if (
    b[o + 2] !== Ch.Dash ||
    b[o + 6] !== Ch.Dash ||
    b[o + 11] !== Ch.Space ||
    b[o + 14] !== Ch.Colon ||
    b[o + 17] !== Ch.Colon ||
    b[o + 20] !== Ch.Space
  ) {
    return null;
  }
  const code = (up(b[o + 3] as number) << 16) | (up(b[o + 4] as number) << 8) | up(b[o + 5] as number);
  const month = monthOf(code);
  const y1 = twoAt(b, o + 7);
  const y2 = twoAt(b, o + 9);
  const hh = twoAt(b, o + 12);
  const mm = twoAt(b, o + 15);
  const ss = twoAt(b, o + 18);
  const sign = b[o + 21] as number;
  const zh = twoAt(b, o + 22);
  const zm = twoAt(b, o + 24);
  if (day < 1 || day > 31 || month < 0 || y1 < 0 || y2 < 0 || hh < 0 || hh > 23 || mm < 0 || mm > 59) {
    return null;
  }
  if (ss < 0 || ss > 60 || (sign !== Ch.Plus && sign !== Ch.Dash) || zh < 0 || zm < 0 || zm > 59) return null;
  const zoneMinutes = (sign === Ch.Dash ? -1 : 1) * (zh * 60 + zm);
  const year = y1 * 100 + y2;
  if (year !== lastYear || month !== lastMonth || day !== lastDay) {
    lastDayMs = utcDay(year, month, day);
    lastYear = year;
    lastMonth = month;
    lastDay = day;
  }
  // the same sum Date.UTC makes (MakeDate(MakeDay, MakeTime)), exact in integers
  const utc = lastDayMs + hh * 3_600_000 + mm * 60_000 + ss * 1000 - zoneMinutes * 60_000;
  const date = new Date(utc);
  if (Number.isNaN(date.getTime())) return null;
  const zoneKey = sign * 10000 + zh * 100 + zm;
  if (zoneKey !== lastZoneKey) {
    lastZone = internAscii(b, o + 21, o + 26);
    lastZoneKey = zoneKey;
  }
  return { date, zone: lastZone, zoneMinutes };
}

function twoAt(b: Uint8Array, i: number): number {
  const a = (b[i] as number) - Ch.Zero;
  const c = (b[i + 1] as number) - Ch.Zero;
  if (a < 0 || a > 9 || c < 0 || c > 9) return -1;
  return a * 10 + c;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Formats a date-time in its zone (`zoneMinutes`), day space-padded as RFC 3501 shows. */
export function formatDateTime(dt: ImapDateTime): string {
  const local = new Date(dt.date.getTime() + dt.zoneMinutes * 60_000);
  const day = local.getUTCDate();
  const year = String(local.getUTCFullYear()).padStart(4, '0');
  return `${day < 10 ? ` ${day}` : day}-${MONTH_NAMES[local.getUTCMonth()]}-${year} ${pad2(local.getUTCHours())}:${pad2(
    local.getUTCMinutes(),
  )}:${pad2(local.getUTCSeconds())} ${dt.zone}`;
}
