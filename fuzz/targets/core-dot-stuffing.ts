/**
 * Dot-stuffing: the decoder gives the same body and consumed count for every chunking,
 * and stuff-then-unstuff gives back the (CRLF-normalised) input.
 */
import { DotStuffer, DotUnstuffer, dotStuff, dotUnstuff } from '@mailwire/core';
import { allowParseErrors, checkChunking, InvariantError } from '../src/invariants';

function decoder(lenient: boolean) {
  return () => {
    const d = new DotUnstuffer({ lenient, maxSize: 1 << 20 });
    let done = false;
    return {
      push(c: Uint8Array) {
        if (done) return [{ type: 'after', data: c.slice() }];
        const r = d.push(c);
        const out: unknown[] = r.data.map((x) => ({ type: 'data', data: x.slice() }));
        if (r.done) {
          done = true;
          out.push({ type: 'end', terminator: r.terminator, offset: d.offset });
          if (r.consumed < c.length) out.push({ type: 'after', data: c.slice(r.consumed) });
        }
        return out;
      },
      end: () => [{ type: 'closed', done }],
    };
  };
}

const eq = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function normaliseLineEnds(b: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    const x = b[i] as number;
    if (x === 13) {
      out.push(13, 10);
      if (b[i + 1] === 10) i++;
    } else if (x === 10) out.push(13, 10);
    else out.push(x);
  }
  return Uint8Array.from(out);
}

export function fuzz(data: Buffer): void {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  for (const lenient of [false, true]) {
    allowParseErrors(() =>
      checkChunking(`unstuff (lenient ${lenient})`, decoder(lenient), bytes, ['data', 'after']),
    );
  }
  // Round trip: whole encoder, streaming encoder at a content-derived split, and the decoder.
  const stuffed = dotStuff(bytes);
  const split = bytes.length ? (bytes[0] as number) % (bytes.length + 1) : 0;
  const enc = new DotStuffer();
  const parts = [enc.encode(bytes.subarray(0, split)), enc.encode(bytes.subarray(split)), enc.end()];
  const streamed = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    streamed.set(p, at);
    at += p.length;
  }
  if (!eq(streamed, stuffed)) throw new InvariantError('streaming DotStuffer differs from dotStuff');
  const { body, consumed } = dotUnstuff(stuffed);
  if (consumed !== stuffed.length)
    throw new InvariantError(`unstuff consumed ${consumed} of ${stuffed.length} bytes`);
  let expected = normaliseLineEnds(bytes);
  if (expected.length && expected[expected.length - 1] !== 10) {
    const withEnd = new Uint8Array(expected.length + 2);
    withEnd.set(expected);
    withEnd.set([13, 10], expected.length);
    expected = withEnd;
  }
  if (!eq(body, expected)) throw new InvariantError('unstuff(stuff(b)) != b (CRLF-normalised)');
}
