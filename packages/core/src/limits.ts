/**
 * Limits bound the memory and work a parser spends on one stream. Every codec takes
 * `Partial<Limits>` in its options and fills the rest from its own defaults; hitting a
 * limit is always a `ParseError` with the matching code, never a silent truncation.
 */
export interface Limits {
  /** Longest line, in bytes, not counting the line end. */
  maxLineLength: number;
  /** Largest counted payload or multi-line body, in bytes (bodies may still stream). */
  maxPayloadSize: number;
  /** Largest IMAP literal, in bytes, checked before any of it is buffered. */
  maxLiteralSize: number;
  /** Largest whole reply / response (lines plus literals that are buffered), in bytes. */
  maxResponseSize: number;
  /** Deepest nesting of parenthesised lists (IMAP BODYSTRUCTURE included). */
  maxNestingDepth: number;
  /** Most items in one list. */
  maxListItems: number;
  /** Most lines in one multi-line reply (SMTP) or parsed listing (POP3 LIST/UIDL/CAPA). */
  maxReplyLines: number;
}

/**
 * Safe defaults, generous enough for every real server seen and small enough that a
 * hostile peer cannot make a parser hold more than a few MiB outside streamed bodies.
 */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxLineLength: 64 * 1024,
  maxPayloadSize: 64 * 1024 * 1024,
  maxLiteralSize: 2 ** 53 - 1,
  maxResponseSize: 16 * 1024 * 1024,
  maxNestingDepth: 64,
  maxListItems: 100_000,
  maxReplyLines: 1_000,
});

/** `defaults` overridden by the caller's `overrides`; rejects limits that are not positive integers. */
export function resolveLimits(defaults: Readonly<Limits>, overrides: Partial<Limits> = {}): Limits {
  const out: Limits = { ...defaults };
  for (const key of Object.keys(overrides) as (keyof Limits)[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`limit ${key} must be a positive safe integer, got ${String(value)}`);
    }
    out[key] = value;
  }
  return out;
}
