/**
 * sequence-set / uid-set (RFC 3501 §9, RFC 4315 §4): `1:3,5,7:*`. `*` is represented as 0
 * (never a valid message number or UID), ranges keep their wire order.
 */
import type { Reader } from './lexer/reader';
import type { NumberSet } from './types';

function setNumber(r: Reader): number {
  if (r.is(0x2a)) {
    r.p++;
    return 0;
  }
  return r.nzNumber();
}

export function readNumberSet(r: Reader): NumberSet {
  const out: NumberSet = [];
  for (;;) {
    const a = setNumber(r);
    if (r.is(0x3a)) {
      r.p++;
      out.push([a, setNumber(r)]);
    } else {
      out.push(a);
    }
    r.count(out.length);
    if (!r.is(0x2c)) return out;
    r.p++;
  }
}

export function formatNumberSet(set: NumberSet): string {
  let s = '';
  for (let i = 0; i < set.length; i++) {
    const v = set[i] as number | [number, number];
    if (i > 0) s += ',';
    s += typeof v === 'number' ? num(v) : `${num(v[0])}:${num(v[1])}`;
  }
  return s;
}

function num(n: number): string {
  return n === 0 ? '*' : String(n);
}
