import { DotStuffer, DotUnstuffer, dotStuff, dotUnstuff } from '@mailwire/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunked, concatBytes, dotStuffedBody, messageBody, normaliseBody } from '../src/index';
import { hex } from './helpers';

describe('dot-stuffing: unstuff(stuff(b)) == b (line ends normalised to CRLF)', () => {
  it('whole: dotUnstuff(dotStuff(b)) gives the body back and consumes everything', () => {
    fc.assert(
      fc.property(dotStuffedBody(), ({ value, bytes }) => {
        const { body, consumed } = dotUnstuff(bytes);
        expect(consumed).toBe(bytes.length);
        expect(hex(body)).toBe(hex(value));
      }),
    );
  });

  it('streaming: DotStuffer over any chunking equals dotStuff; DotUnstuffer over any chunking gives the body', () => {
    fc.assert(
      fc.property(
        messageBody().chain((body) =>
          fc.tuple(fc.constant(body), chunked(body), chunked(dotStuff(body)), fc.boolean()),
        ),
        ([body, bodyChunks, stuffedChunks, lenient]) => {
          const enc = new DotStuffer();
          const stuffed = concatBytes([...bodyChunks.map((c) => enc.encode(c)), enc.end()]);
          expect(hex(stuffed)).toBe(hex(dotStuff(body)));
          const dec = new DotUnstuffer({ lenient });
          const out: Uint8Array[] = [];
          let done = false;
          for (const c of stuffedChunks) {
            expect(done).toBe(false);
            const r = dec.push(c);
            out.push(...r.data);
            expect(r.consumed).toBe(c.length);
            done = r.done;
          }
          expect(done).toBe(true);
          dec.end();
          expect(hex(concatBytes(out))).toBe(hex(normaliseBody(body)));
        },
      ),
    );
  });

  it('the terminator is found exactly once, whatever precedes or follows it', () => {
    fc.assert(
      fc.property(dotStuffedBody(), messageBody(), ({ bytes }, after) => {
        const { consumed } = dotUnstuff(concatBytes([bytes, after]));
        expect(consumed).toBe(bytes.length);
      }),
    );
  });
});
