import { isParseError } from '@mailwire/core';

/** A sans-I/O parser as all three codecs shape it. */
export interface StreamParser<E> {
  push(chunk: Uint8Array): E[];
  end(): E[];
}

/** Feeds every chunk, then end(); returns all events. */
export function feed<E>(parser: StreamParser<E>, chunks: readonly Uint8Array[]): E[] {
  const out: E[] = [];
  for (const c of chunks) out.push(...parser.push(c));
  out.push(...parser.end());
  return out;
}

/**
 * Strict mode: feeds every chunk, then end(); returns all events, and when a call throws, the
 * events it completed before the error (`eventsBefore`) followed by a `thrown` entry with the
 * error — so that a strict parse can be compared across chunkings like a lenient one.
 */
export function feedStrict<E>(parser: StreamParser<E>, chunks: readonly Uint8Array[]): unknown[] {
  const out: unknown[] = [];
  try {
    for (const c of chunks) out.push(...parser.push(c));
    out.push(...parser.end());
  } catch (err) {
    if (!isParseError(err)) throw err;
    out.push(...err.eventsBefore, { type: 'thrown', error: err });
  }
  return out;
}

/**
 * A comparable form of events: byte arrays as hex, bigints as text, errors as code + offset
 * (the IMAP error tag is left out: see the report of the tag-across-chunks finding),
 * and consecutive events of the `merge` types (streamed body chunks) joined on `field`.
 */
export function canonical(
  events: readonly unknown[],
  merge: readonly string[] = [],
  field = 'data',
): unknown[] {
  const joined: Record<string, unknown>[] = [];
  for (const raw of events as Record<string, unknown>[]) {
    // ParseError has toJSON (a JSON replacer never sees the instance): compare what does not
    // depend on chunk boundaries by design, the code and the stream offset.
    const e = isParseError(raw.error)
      ? { ...raw, error: { code: raw.error.code, offset: raw.error.offset } }
      : raw;
    const prev = joined.at(-1);
    if (prev && merge.includes(String(e.type)) && prev.type === e.type) {
      const a = prev[field] as Uint8Array;
      const b = e[field] as Uint8Array;
      const both = new Uint8Array(a.length + b.length);
      both.set(a);
      both.set(b, a.length);
      joined[joined.length - 1] = { ...prev, [field]: both };
    } else joined.push(e);
  }
  return JSON.parse(
    JSON.stringify(joined, (_k, v: unknown) => {
      if (v instanceof Uint8Array)
        return `hex:${Array.from(v, (x) => x.toString(16).padStart(2, '0')).join('')}`;
      if (typeof v === 'bigint') return `bigint:${v}`;
      return v;
    }),
  ) as unknown[];
}

/** Runs `fn`: returns 'ok', or 'parse-error' when it threw a ParseError; rethrows anything else. */
export function onlyParseError(fn: () => void): 'ok' | 'parse-error' {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (isParseError(err)) return 'parse-error';
    throw err;
  }
}

/** Error events must carry a ParseError. */
export function errorsAreParseErrors(events: readonly { type: string }[]): boolean {
  return events.every((e) => e.type !== 'error' || isParseError((e as { error?: unknown }).error));
}

export const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
