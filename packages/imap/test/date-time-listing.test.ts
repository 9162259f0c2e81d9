/**
 * INTERNALDATE over a mailbox listing: many FETCH responses in one stream, their dates read
 * from the bytes one after the other. Each date must be its own, whichever date came before
 * it (dates that share a year, a month, a day or a zone with the previous one, or not).
 */
import { describe, expect, it } from 'vitest';
import type { FetchResponse, ImapDateTime } from '../src/index';
import { parse } from './helpers';

/** The INTERNALDATE of each response of `dates` sent as one listing, in order. */
function listing(dates: string[]): ImapDateTime[] {
  const input = dates.map((d, i) => `* ${i + 1} FETCH (UID ${100 + i} INTERNALDATE "${d}")\r\n`).join('');
  const out: ImapDateTime[] = [];
  for (const e of parse(input, { strict: true })) {
    if (e.type !== 'response') throw new Error(`unexpected ${e.type}`);
    const item = (e.response as FetchResponse).items[1];
    if (item?.name !== 'INTERNALDATE') throw new Error('no INTERNALDATE');
    out.push(item.date);
  }
  return out;
}

const iso = (dts: ImapDateTime[]): string[] => dts.map((d) => d.date.toISOString());

describe('INTERNALDATE in a listing: each date is its own', () => {
  it('dates that differ from the previous one only in the year, only in the month, only in the day', () => {
    expect(
      iso(
        listing([
          '01-Jan-2024 00:00:00 +0000',
          '01-Jan-2025 00:00:00 +0000', // the year only
          '01-Feb-2025 00:00:00 +0000', // the month only
          '02-Feb-2025 00:00:00 +0000', // the day only
          '02-Feb-2025 13:14:15 +0000', // the same day again, another time
          '01-Jan-2024 23:59:59 +0000', // back to the first day
          ' 1-Jan-2024 12:00:00 +0000', // the same day, space-padded
          '1-Jan-2024 12:00:01 +0000', // and unpadded
        ]),
      ),
    ).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2025-01-01T00:00:00.000Z',
      '2025-02-01T00:00:00.000Z',
      '2025-02-02T00:00:00.000Z',
      '2025-02-02T13:14:15.000Z',
      '2024-01-01T23:59:59.000Z',
      '2024-01-01T12:00:00.000Z',
      '2024-01-01T12:00:01.000Z',
    ]);
  });
  it('the same local day in different zones, and different days in the same zone', () => {
    const got = listing([
      '10-Oct-2024 10:00:00 +0200',
      '10-Oct-2024 10:00:00 -0200',
      '10-Oct-2024 10:00:00 +0230',
      '10-Oct-2024 10:00:00 +0002',
      '11-Oct-2024 10:00:00 +0002',
      '11-Nov-2024 10:00:00 +0002',
      '11-Nov-2023 10:00:00 -0000',
    ]);
    // (`|| 0`: the offset of "-0000" is zero, whatever the sign of that zero)
    expect(got.map((d) => [d.date.toISOString(), d.zone, d.zoneMinutes || 0])).toEqual([
      ['2024-10-10T08:00:00.000Z', '+0200', 120],
      ['2024-10-10T12:00:00.000Z', '-0200', -120],
      ['2024-10-10T07:30:00.000Z', '+0230', 150],
      ['2024-10-10T09:58:00.000Z', '+0002', 2],
      ['2024-10-11T09:58:00.000Z', '+0002', 2],
      ['2024-11-11T09:58:00.000Z', '+0002', 2],
      // "-0000" (RFC 5322 §3.3: local time, zone unknown) is kept as sent; its offset is zero
      ['2023-11-11T10:00:00.000Z', '-0000', 0],
    ]);
  });
  it('every month after every other: March is not April, December is not unknown', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const order = [...months.keys(), ...[...months.keys()].reverse()];
    const got = listing(order.map((i) => `28-${months[i]}-2023 06:00:00 +0000`));
    expect(iso(got)).toEqual(order.map((i) => `2023-${String(i + 1).padStart(2, '0')}-28T06:00:00.000Z`));
  });
});
