/**
 * date-time (RFC 3501 §9): `"dd-Mon-yyyy hh:mm:ss +zzzz"`, day space-padded or not.
 * Parsed byte by byte into a Date (UTC instant) with the zone kept.
 */
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
  const utc = Date.UTC(y1 * 100 + y2, month, day, hh, mm, ss) - zoneMinutes * 60_000;
  const date = new Date(utc);
  if (Number.isNaN(date.getTime())) return null;
  return { date, zone: s.slice(21, 26), zoneMinutes };
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
