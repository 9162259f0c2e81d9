import { imapSequenceSet } from '@mailwire/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatSequenceSet,
  normalizeSequenceSet,
  parseSequenceSet,
  type SequenceSet,
  sequenceSetContains,
} from '../../src/commands/index';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

describe('sequence sets', () => {
  it('parses ranges in any order, *, and $ (RFC 3501 §9, RFC 5182)', () => {
    expect(parseSequenceSet('1:3,5,7:*')).toEqual([[1, 3], 5, [7, '*']]);
    expect(parseSequenceSet('4:2,*,*:9')).toEqual([[4, 2], '*', ['*', 9]]);
    expect(parseSequenceSet('$')).toBe('$');
    expect(parseSequenceSet('4294967295')).toEqual([4294967295]);
  });

  it('refuses malformed sets', () => {
    for (const bad of ['', '0', '1,', ',1', '1::2', '1:', '01', 'a', '1:2:3', '$,1', ' 1']) {
      expect(
        codeOf(() => parseSequenceSet(bad)),
        bad,
      ).toBe('BAD_SYNTAX');
    }
    expect(codeOf(() => parseSequenceSet('4294967296'))).toBe('NUMBER_OVERFLOW');
  });

  it('formats and refuses what cannot be sent', () => {
    expect(formatSequenceSet([[1, 3], 5, [7, '*']])).toBe('1:3,5,7:*');
    expect(formatSequenceSet('$')).toBe('$');
    expect(codeOf(() => formatSequenceSet([]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => formatSequenceSet([0]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => formatSequenceSet([1.5]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => formatSequenceSet([[1, 2 ** 32]]))).toBe('INVALID_ARGUMENT');
  });

  it('round-trips text -> value -> text', () => {
    fc.assert(
      fc.property(imapSequenceSet, (set) => {
        const text = formatSequenceSet(set);
        expect(parseSequenceSet(text)).toEqual(set);
        expect(formatSequenceSet(parseSequenceSet(text))).toBe(text);
      }),
    );
  });

  it('normalises: sorted, merged, low:high; * sorts last or becomes max', () => {
    expect(normalizeSequenceSet([[7, 5], 1, 2, [3, 4], 9, ['*', 12]])).toEqual([[1, 7], 9, [12, '*']]);
    expect(normalizeSequenceSet([[7, 5], '*'], 6)).toEqual([[5, 7]]);
    expect(normalizeSequenceSet(['*', '*'])).toEqual(['*']);
    expect(normalizeSequenceSet('$')).toBe('$');
  });

  it('contains(n, max) is unchanged by normalising, and normal form is canonical', () => {
    const small = fc.array(
      fc.oneof(
        fc.integer({ min: 1, max: 30 }),
        fc.constant<'*'>('*'),
        fc.tuple(
          fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constant<'*'>('*')),
          fc.integer({ min: 1, max: 30 }),
        ),
      ),
      { minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(small, fc.integer({ min: 1, max: 35 }), (set, max) => {
        const norm = normalizeSequenceSet(set, max) as Exclude<SequenceSet, '$'>;
        for (let n = 1; n <= 36; n++) {
          expect(sequenceSetContains(norm, n, max)).toBe(sequenceSetContains(set, n, max));
        }
        expect(normalizeSequenceSet(norm, max)).toEqual(norm);
        // sorted, disjoint, not adjacent
        let last = 0;
        for (const item of norm) {
          const [a, b] = typeof item === 'object' ? item : [item, item];
          expect(typeof a === 'number' && typeof b === 'number' && a <= b).toBe(true);
          expect(a as number).toBeGreaterThan(last === 0 ? 0 : last + 1);
          last = b as number;
        }
      }),
    );
  });

  it('contains treats * as the largest number in use, ranges in either order', () => {
    expect(sequenceSetContains([[5, '*']], 7, 10)).toBe(true);
    expect(sequenceSetContains([[5, '*']], 11, 10)).toBe(false);
    // RFC 3501 §9: "*:4" with 3 messages is 3:4, so 3 is in it
    expect(sequenceSetContains([['*', 4]], 3, 3)).toBe(true);
    expect(sequenceSetContains([[4, 2]], 3, 10)).toBe(true);
    expect(codeOf(() => sequenceSetContains('$', 1, 1))).toBe('INVALID_ARGUMENT');
  });
});
