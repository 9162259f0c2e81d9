/**
 * Sequence sets (RFC 3501 §9 `sequence-set`, RFC 9051 §9, RFC 5182 `$`) as a typed value.
 *
 * `1:3,5,7:*` is `[[1, 3], 5, [7, '*']]`: items and range ends keep their wire order
 * (`4:2` is the same set as `2:4`, RFC 3501 §9 "seq-range", but a proxy must not rewrite it).
 * `normalizeSequenceSet` gives the canonical sorted, merged form; `sequenceSetContains`
 * answers membership given the largest number in use (what `*` stands for).
 */
import { ParseError } from '@mailwire/core';
import type { SequenceBound, SequenceItem, SequenceSet } from './types';

/** nz-number is a 32-bit unsigned value (RFC 3501 §9 "nz-number", "number"). */
export const MAX_NZ_NUMBER = 0xffff_ffff;

function invalid(message: string): never {
  throw new ParseError({ protocol: 'imap', code: 'INVALID_ARGUMENT', message });
}

function checkBound(b: SequenceBound): void {
  if (b === '*') return;
  if (!Number.isInteger(b) || b < 1 || b > MAX_NZ_NUMBER) {
    invalid(`sequence number must be an integer in 1..${MAX_NZ_NUMBER} or '*', got ${String(b)}`);
  }
}

function formatBound(b: SequenceBound): string {
  checkBound(b);
  return b === '*' ? '*' : String(b);
}

/** The wire form; throws ParseError INVALID_ARGUMENT for an empty set or a bad number. */
export function formatSequenceSet(set: SequenceSet): string {
  if (set === '$') return '$';
  if (!Array.isArray(set) || set.length === 0) invalid('a sequence set needs at least one item');
  let out = '';
  for (let i = 0; i < set.length; i++) {
    const item = set[i] as SequenceItem;
    if (i > 0) out += ',';
    out += typeof item === 'object' ? `${formatBound(item[0])}:${formatBound(item[1])}` : formatBound(item);
  }
  return out;
}

function syntax(message: string, text: string, at: number): never {
  throw new ParseError({ protocol: 'imap', code: 'BAD_SYNTAX', message, offset: at, excerpt: text });
}

/**
 * Parses `1:3,5,7:*` or `$`; throws ParseError BAD_SYNTAX (or NUMBER_OVERFLOW past 2^32-1).
 * `offset` is the offset of `text` in the stream, for the error.
 */
export function parseSequenceSet(text: string, offset = -1): SequenceSet {
  if (text === '$') return '$';
  const items: SequenceItem[] = [];
  let i = 0;
  const n = text.length;
  const bound = (): SequenceBound => {
    if (text.charCodeAt(i) === 0x2a) {
      i++;
      return '*';
    }
    const start = i;
    let v = 0;
    while (i < n) {
      const c = text.charCodeAt(i) - 0x30;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
      i++;
      if (v > MAX_NZ_NUMBER) {
        throw new ParseError({
          protocol: 'imap',
          code: 'NUMBER_OVERFLOW',
          message: 'sequence number larger than 2^32-1',
          offset: offset < 0 ? -1 : offset + start,
          excerpt: text,
        });
      }
    }
    if (i === start || text.charCodeAt(start) === 0x30) {
      syntax('expected a non-zero number or * in a sequence set', text, offset < 0 ? -1 : offset + start);
    }
    return v;
  };
  for (;;) {
    const a = bound();
    if (text.charCodeAt(i) === 0x3a) {
      i++;
      items.push([a, bound()]);
    } else {
      items.push(a);
    }
    if (i === n) return items;
    if (text.charCodeAt(i) !== 0x2c)
      syntax('bad character in a sequence set', text, offset < 0 ? -1 : offset + i);
    i++;
  }
}

/**
 * The canonical form: ranges ordered low to high, sorted, overlapping and adjacent ones
 * merged, single numbers as numbers. With `max`, `*` is replaced by it (RFC 3501 §9: `*` is
 * the largest number in use); without, `*` stays and sorts after every number. `$` is
 * returned as is (its value lives on the server).
 */
export function normalizeSequenceSet(set: SequenceSet, max?: number): SequenceSet {
  if (set === '$') return '$';
  const INF = Number.POSITIVE_INFINITY;
  const value = (b: SequenceBound): number => (b === '*' ? (max ?? INF) : b);
  const ranges: Array<[number, number]> = [];
  for (const item of set) {
    const a = value(typeof item === 'object' ? item[0] : item);
    const b = value(typeof item === 'object' ? item[1] : item);
    ranges.push(a <= b ? [a, b] : [b, a]);
  }
  ranges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && r[0] <= last[1] + 1) {
      if (r[1] > last[1]) last[1] = r[1];
    } else {
      merged.push([r[0], r[1]]);
    }
  }
  const out: SequenceItem[] = [];
  const bound = (v: number): SequenceBound => (v === INF ? '*' : v);
  for (const [a, b] of merged) out.push(a === b ? bound(a) : [bound(a), bound(b)]);
  return out;
}

/**
 * Whether message number / UID `n` is in the set, `*` standing for `max` (the largest one
 * in use; RFC 3501 §9: `*` in a range with a larger number still means the range up to it).
 * `$` cannot be answered here: ParseError INVALID_ARGUMENT.
 */
export function sequenceSetContains(set: SequenceSet, n: number, max: number): boolean {
  if (set === '$') invalid('the saved search result $ is known only to the server');
  for (const item of set) {
    const a = item === '*' ? max : typeof item === 'object' ? (item[0] === '*' ? max : item[0]) : item;
    const b = item === '*' ? max : typeof item === 'object' ? (item[1] === '*' ? max : item[1]) : item;
    if ((a <= b && a <= n && n <= b) || (b < a && b <= n && n <= a)) return true;
  }
  return false;
}
