/** Shared by the targets (this folder is not a target: the runner only lists targets/*.ts). */
import { isParseError } from '@mailwire/core';
import { checkChunking, InvariantError } from '../../src/invariants';

/** A sans-I/O parser as the three codecs shape it. */
export interface EventStream {
  push(chunk: Uint8Array): unknown[];
  end(): unknown[];
}

/**
 * Wraps a parser factory so that its events can be compared across chunkings:
 * - an `error` event becomes `{ type: 'error', code, offset, tag }` (the message and excerpt
 *   may show the bytes of the chunk at hand; the code, stream offset and tag may not);
 * - a thrown `ParseError` (strict mode, STARTTLS injection) becomes a final
 *   `{ type: 'thrown', code, offset, tag }` event and the stream stops;
 * - with `onlyThrown` (strict mode), other events are dropped: those a push returns before
 *   it throws are lost with the throw, so they depend on the chunking by design;
 * - with `tag: false`, the error's tag is left out.
 * Any other exception escapes: that is the bug to find.
 */
export function stableEvents(
  make: () => EventStream,
  options: { onlyThrown?: boolean; tag?: boolean } = {},
): () => EventStream {
  const withTag = options.tag !== false;
  const stable = (err: { code: string; offset: number; tag?: string | undefined }, type: string) =>
    withTag
      ? { type, code: err.code, offset: err.offset, tag: err.tag }
      : { type, code: err.code, offset: err.offset };
  return () => {
    const parser = make();
    let failed = false;
    const run = (step: () => unknown[]): unknown[] => {
      if (failed) return [];
      try {
        const events = step();
        if (options.onlyThrown) return [];
        return events.map((e) => {
          const err = (e as { error?: unknown }).error;
          return isParseError(err) ? stable(err, 'error') : e;
        });
      } catch (err) {
        if (!isParseError(err)) throw err;
        failed = true;
        return [stable(err, 'thrown')];
      }
    };
    return { push: (c) => run(() => parser.push(c)), end: () => run(() => parser.end()) };
  };
}

/** CRLF-normalised form of a body, as a dot-stuffing encoder writes it (a final CRLF added when missing). */
export function normaliseBody(body: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const x = body[i] as number;
    if (x === 0x0d) {
      out.push(0x0d, 0x0a);
      if (body[i + 1] === 0x0a) i++;
    } else if (x === 0x0a) out.push(0x0d, 0x0a);
    else out.push(x);
  }
  if (out.length > 0 && out[out.length - 1] !== 0x0a) out.push(0x0d, 0x0a);
  return Uint8Array.from(out);
}

/**
 * `checkChunking` with a stable first message line: the runner tells findings apart by it,
 * and the chunk count in the helper's message would make every input a new finding (and
 * minimise it again). The detail goes to the second line.
 */
export function checkStable<E>(
  what: string,
  make: () => { push(c: Uint8Array): E[]; end(): E[] },
  data: Uint8Array,
  merge: readonly string[] = [],
): E[] {
  try {
    return checkChunking(what, make, data, merge);
  } catch (err) {
    if (err instanceof InvariantError)
      throw new InvariantError(`${what}: events differ by chunking\n${err.message}`);
    throw err;
  }
}
