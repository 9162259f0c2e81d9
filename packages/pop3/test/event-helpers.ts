import { ParseError } from '@mailwire/core';
import {
  type ExpectKind,
  Pop3ResponseParser,
  type Pop3ResponseParserEvent,
  type Pop3ResponseParserOptions,
} from '../src/index';

/** ASCII / Latin-1 text to bytes (one byte per code point). */
export function bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** Bytes to a Latin-1 string, for readable assertions. */
export function latin1(data: Uint8Array | undefined): string {
  if (!data) return '';
  let s = '';
  for (const b of data) s += String.fromCharCode(b);
  return s;
}

export interface StreamParser<E> {
  push(chunk: Uint8Array): E[];
  end(): E[];
}

/** Feeds `input` cut at `cuts` (sorted positions), then ends; all events in order. */
export function feed<E>(parser: StreamParser<E>, input: Uint8Array, cuts: number[] = []): E[] {
  const events: E[] = [];
  let prev = 0;
  for (const c of [...cuts, input.length]) {
    if (c < prev) continue;
    events.push(...parser.push(input.slice(prev, c)));
    prev = c;
  }
  events.push(...parser.end());
  return events;
}

/** Consecutive bodyChunk events merged into one, so that different chunkings compare equal. */
export function mergeBodyChunks(events: readonly Pop3ResponseParserEvent[]): unknown[] {
  const out: unknown[] = [];
  let acc: number[] | undefined;
  const flush = () => {
    if (acc) out.push({ type: 'bodyChunk', data: acc });
    acc = undefined;
  };
  for (const e of events) {
    if (e.type === 'bodyChunk') {
      acc ??= [];
      for (const b of e.data) acc.push(b);
      continue;
    }
    flush();
    out.push(normalise(e));
  }
  flush();
  return out;
}

/** Copies Uint8Array views into fresh arrays and errors into plain objects (stable comparison). */
export function normalise(value: unknown): unknown {
  if (value instanceof Uint8Array) return Array.from(value);
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalise(v);
    return out;
  }
  return value;
}

/** Only the events of the given type. */
export function ofType<E extends { type: string }, T extends E['type']>(
  events: readonly E[],
  type: T,
): Extract<E, { type: T }>[] {
  return events.filter((e): e is Extract<E, { type: T }> => e.type === type);
}

/**
 * The events of a response parser that expects `kinds`, fed `input` (cut at `cuts`) and ended.
 */
export function answers(
  input: string,
  kinds: ExpectKind[],
  options: Pop3ResponseParserOptions = {},
  cuts: number[] = [],
): Pop3ResponseParserEvent[] {
  const p = new Pop3ResponseParser(options);
  for (const k of kinds) p.expect(k);
  return feed(p, bytes(input), cuts);
}

/** The ParseError `fn` throws (fails the test if it throws nothing or something else). */
export function caught(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('expected a ParseError');
}

/** The ParseErrors a lenient parser reported as error events. */
export function errorsIn(events: readonly { type: string }[]): ParseError[] {
  return events.flatMap((e) => (e.type === 'error' ? [(e as unknown as { error: ParseError }).error] : []));
}

/** The warnings' code, message and offset. */
export function warningsIn(events: readonly { type: string }[]) {
  return events.flatMap((e) => {
    if (e.type !== 'warning') return [];
    const { code, message, offset } = e as unknown as { code: string; message: string; offset: number };
    return [{ code, message, offset }];
  });
}
