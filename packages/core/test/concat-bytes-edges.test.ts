import { describe, expect, it } from 'vitest';
import { concatBytes } from '../src/index';
import { bytes, str } from './chunking';

describe('concatBytes', () => {
  it('returns a single part as it is, without a copy (documented)', () => {
    const part = bytes('only');
    expect(concatBytes([part])).toBe(part);
  });

  it('gives an empty array for no parts and joins several in order', () => {
    expect(concatBytes([]).length).toBe(0);
    const a = bytes('ab');
    const b = bytes('');
    const c = bytes('cde');
    const joined = concatBytes([a, b, c]);
    expect(str(joined)).toBe('abcde');
    expect(joined.buffer).not.toBe(a.buffer);
  });
});
