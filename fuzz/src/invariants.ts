import { isParseError } from '@mailwire/core';

/** A broken invariant (chunking, round trip): a finding even though nothing crashed. */
export class InvariantError extends Error {
  override readonly name = 'InvariantError';
}

/** Runs `fn`; a ParseError is the expected outcome of bad input and is swallowed, anything else escapes. */
export function allowParseErrors<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (isParseError(err)) return undefined;
    throw err;
  }
}

/** FNV-1a of the bytes: a cheap deterministic seed so a finding replays exactly. */
export function hashBytes(data: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) h = Math.imul(h ^ (data[i] as number), 0x01000193);
  return h >>> 0;
}

/**
 * Splits of `data` to compare against the whole: every byte alone (for short inputs) and
 * pseudo-random splits derived from the content (so the same input always splits the same way).
 */
export function chunkings(data: Uint8Array): Uint8Array[][] {
  const out: Uint8Array[][] = [];
  if (data.length <= 512) out.push(Array.from({ length: data.length }, (_, i) => data.subarray(i, i + 1)));
  let h = hashBytes(data) || 1;
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < data.length; ) {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    const len = 1 + ((h >>> 0) % 64);
    pieces.push(data.subarray(at, at + len));
    at += len;
  }
  out.push(pieces);
  return out;
}

/**
 * A canonical JSON form of parser events for comparison: bytes as hex, and consecutive
 * events of the `merge` types (streamed body chunks) joined, since their boundaries
 * follow the input chunking by design.
 */
export function canonicalEvents(
  events: readonly unknown[],
  merge: readonly string[] = [],
  field = 'data',
): string {
  const joined: unknown[] = [];
  for (const e of events) {
    const prev = joined.at(-1) as Record<string, unknown> | undefined;
    const cur = e as Record<string, unknown>;
    if (prev && merge.includes(String(cur.type)) && prev.type === cur.type) {
      const a = prev[field] as Uint8Array;
      const b = cur[field] as Uint8Array;
      const both = new Uint8Array(a.length + b.length);
      both.set(a);
      both.set(b, a.length);
      joined[joined.length - 1] = { ...prev, [field]: both };
    } else joined.push(cur);
  }
  return JSON.stringify(joined, (_k, v: unknown) => {
    if (v instanceof Uint8Array)
      return `hex:${Array.from(v, (x) => x.toString(16).padStart(2, '0')).join('')}`;
    if (typeof v === 'bigint') return `bigint:${v}`;
    // JSON.stringify calls ParseError.toJSON before this replacer sees the value: compare
    // errors by what must not depend on chunking (code, offset, tag), not by message/excerpt.
    if (
      isParseError(v) ||
      (v !== null && typeof v === 'object' && (v as { name?: unknown }).name === 'ParseError')
    ) {
      const e = v as { code: string; offset: number; tag?: string };
      return { code: e.code, offset: e.offset, tag: e.tag };
    }
    // Key order means nothing (a parser may add fields in the order the input gave them,
    // e.g. MAIL's SIZE and RET): plain objects are written with their keys sorted.
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, o[k]]),
      );
    }
    return v;
  });
}

/** Feeds `chunks` to a fresh parser and returns every event plus end()'s (lenient parsers never throw). */
export function runChunks<E>(
  make: () => { push(c: Uint8Array): E[]; end(): E[] },
  chunks: readonly Uint8Array[],
): E[] {
  const p = make();
  const events: E[] = [];
  for (const c of chunks) events.push(...p.push(c));
  events.push(...p.end());
  return events;
}

/** Checks that every chunking of `data` gives the same canonical events as the whole. */
export function checkChunking<E>(
  what: string,
  make: () => { push(c: Uint8Array): E[]; end(): E[] },
  data: Uint8Array,
  merge: readonly string[] = [],
  field = 'data',
): E[] {
  const whole = runChunks(make, [data]);
  const expected = canonicalEvents(whole, merge, field);
  for (const chunks of chunkings(data)) {
    const got = canonicalEvents(runChunks(make, chunks), merge, field);
    if (got !== expected) {
      // First line stable (the runner tells findings apart by it), details on the next.
      throw new InvariantError(`${what}: events differ by chunking\nsplit into ${chunks.length} chunks`);
    }
  }
  return whole;
}
