import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type Limits, resolveLimits } from '../src/index';

describe('DEFAULT_LIMITS: the documented defaults (README "Limits")', () => {
  it('caps a whole reply / response at 16 MiB', () => {
    expect(DEFAULT_LIMITS.maxResponseSize).toBe(16_777_216);
  });

  it('bounds nesting, list items and reply lines', () => {
    expect(DEFAULT_LIMITS.maxNestingDepth).toBe(64);
    expect(DEFAULT_LIMITS.maxListItems).toBe(100_000);
    expect(DEFAULT_LIMITS.maxReplyLines).toBe(1_000);
  });
});

describe('resolveLimits with explicit undefined', () => {
  it('keeps the default for a key set to undefined (JavaScript callers, spread options)', () => {
    // exactOptionalPropertyTypes forbids this in TypeScript, but a JS caller or a spread of
    // `{ maxLineLength: opts.maxLineLength }` can still hand one over.
    const overrides = { maxLineLength: undefined, maxReplyLines: 5 } as unknown as Partial<Limits>;
    const limits = resolveLimits(DEFAULT_LIMITS, overrides);
    expect(limits.maxLineLength).toBe(DEFAULT_LIMITS.maxLineLength);
    expect(limits.maxReplyLines).toBe(5);
  });

  it('accepts 1, the smallest positive limit', () => {
    expect(resolveLimits(DEFAULT_LIMITS, { maxNestingDepth: 1 }).maxNestingDepth).toBe(1);
  });
});
