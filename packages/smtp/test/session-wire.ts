import { dotStuff, ParseError } from '@mailwire/core';
import type { Session } from './fixtures/sessions';

const te = new TextEncoder();

export function bytes(text: string): Uint8Array {
  return te.encode(text);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** What the server sent in `session`. */
export function serverWire(session: Session): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const step of session.steps)
    if ('s' in step) parts.push(bytes(step.s.map((l) => `${l}\r\n`).join('')));
  return concat(parts);
}

/** What the client sent in `session` (bodies dot-stuffed, with their terminator). */
export function clientWire(session: Session): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const step of session.steps) {
    if ('c' in step) parts.push(bytes(`${step.c}\r\n`));
    else if ('sasl' in step) parts.push(bytes(`${step.sasl}\r\n`));
    else if ('body' in step) parts.push(dotStuff(bytes(step.body)));
  }
  return concat(parts);
}

/** Splits `data` at every position in `cuts` (sorted, unique, inside the data). */
export function splitAt(data: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const c of cuts) {
    out.push(data.subarray(prev, c));
    prev = c;
  }
  out.push(data.subarray(prev));
  return out;
}

/** Events with byte arrays turned into plain arrays, so that `toEqual` compares content only. */
export function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Array.from(value);
  if (Array.isArray(value)) return value.map(plain);
  // Errors compare by code and offset: the excerpt of a LINE_TOO_LONG error is cut from the
  // buffered chunk, so its text may depend on how the input was split.
  if (value instanceof ParseError) return { code: value.code, offset: value.offset };
  if (value instanceof Error) return { error: value.message };
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}
