/**
 * The `date` of SEARCH (RFC 3501 §9: `date-day "-" date-month "-" date-year`, optionally in
 * double quotes), e.g. `1-Feb-1994`. No time, no zone.
 */

import { invalidArgument } from './string-forms';
import type { SearchDate } from './types';

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_UPPER = MONTH_NAMES.map((m) => m.toUpperCase());

/** Days in `month` (1-12) of `year`; setUTCFullYear, not Date.UTC, which reads 0-99 as 19xx. */
function daysIn(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

export function isValidSearchDate(d: SearchDate): boolean {
  return (
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.year >= 0 &&
    d.year <= 9999 &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysIn(d.year, d.month)
  );
}

export function formatSearchDate(d: SearchDate): string {
  if (!isValidSearchDate(d)) invalidArgument(`invalid search date ${JSON.stringify(d)}`);
  return `${d.day}-${MONTH_NAMES[d.month - 1]}-${String(d.year).padStart(4, '0')}`;
}

/** `1-Feb-1994` / `01-feb-1994`; null if malformed. */
export function parseSearchDate(text: string): SearchDate | null {
  const m = /^([0-9]{1,2})-([A-Za-z]{3})-([0-9]{4})$/.exec(text);
  if (m === null) return null;
  const month = MONTHS_UPPER.indexOf((m[2] as string).toUpperCase()) + 1;
  const d = { year: Number(m[3]), month, day: Number(m[1]) };
  return month > 0 && isValidSearchDate(d) ? d : null;
}
