import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyMutation,
  chunked,
  concatBytes,
  deepNesting,
  hugeNumber,
  interestingCuts,
  mutated,
  smtpReply,
  utf8,
} from '../src/index';
import { hex } from './helpers';

describe('chunked', () => {
  it('chunks concatenate to the input, none empty unless the input is', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }).chain((b) => chunked(b).map((chunks) => ({ b, chunks }))),
        ({ b, chunks }) => {
          expect(hex(concatBytes(chunks))).toBe(hex(b));
          if (b.length > 0) expect(chunks.every((c) => c.length > 0)).toBe(true);
        },
      ),
    );
  });

  it('produces 1-byte chunks, splits inside CRLF and inside a literal count', () => {
    const b = utf8('* 1 FETCH (BODY[] {12}\r\nhello world!)\r\n');
    const samples = fc.sample(chunked(b), 300);
    expect(samples.some((cs) => cs.every((c) => c.length === 1))).toBe(true);
    const ends = (cs: Uint8Array[]) => {
      const out: number[] = [];
      let at = 0;
      for (const c of cs) {
        at += c.length;
        out.push(at);
      }
      return out;
    };
    const crlfInside = b.indexOf(0x0a); // a cut here separates CR from LF
    const countInside = b.indexOf(0x7b) + 2; // between '1' and '2' of {12}
    expect(samples.some((cs) => ends(cs).includes(crlfInside))).toBe(true);
    expect(samples.some((cs) => ends(cs).includes(countInside))).toBe(true);
    expect(interestingCuts(b)).toContain(countInside);
  });
});

describe('mutations', () => {
  it('each mutation kind edits as documented', () => {
    const b = utf8('250 ok\r\n');
    expect(hex(applyMutation(b, { kind: 'truncate', at: 3 }))).toBe(hex(utf8('250')));
    expect(hex(applyMutation(b, { kind: 'crlf-to-lf', at: 0 }))).toBe(hex(utf8('250 ok\n')));
    expect(hex(applyMutation(b, { kind: 'duplicate-crlf', at: 0 }))).toBe(hex(utf8('250 ok\r\n\r\n')));
    expect(hex(applyMutation(b, { kind: 'set', at: 0, byte: 0 }))).toBe(hex(utf8('\x0050 ok\r\n')));
    expect(hex(applyMutation(b, { kind: 'insert', at: 3, token: utf8('-') }))).toBe(hex(utf8('250- ok\r\n')));
    expect(hex(applyMutation(b, { kind: 'delete', at: 0, length: 4 }))).toBe(hex(utf8('ok\r\n')));
  });

  it('mutated valid traffic differs from it most of the time', () => {
    const samples = fc.sample(
      smtpReply().chain((w) => mutated(w.bytes).map((m) => hex(m) !== hex(w.bytes))),
      200,
    );
    expect(samples.filter(Boolean).length).toBeGreaterThan(150);
  });

  it('deep nesting and huge numbers are what they say', () => {
    for (const b of fc.sample(deepNesting('* 1 FETCH ', 100), 20)) {
      const text = new TextDecoder().decode(b);
      expect(text.split('(').length).toBe(text.split(')').length);
      expect(text).toMatch(/^\* 1 FETCH \(+NIL\)+\r\n$/);
    }
    expect(fc.sample(hugeNumber, 50).every((n) => /^[0-9]+$/.test(n))).toBe(true);
  });
});
