// The allocation-free paths the codecs use must say exactly what the public ones say.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DotUnstuffer } from '../src/dot-stuffing';
import { ReceiveBuffer } from '../src/receive-buffer';
import { chunkSizes, concat, framingBytes, split } from './chunking';

describe('ReceiveBuffer.nextLine', () => {
  it('finds the same lines, offsets and line ends as readLine, for any chunking and LF mode', () => {
    fc.assert(
      fc.property(framingBytes(), chunkSizes, fc.boolean(), (input, sizes, allowBareLF) => {
        const viaRead = new ReceiveBuffer({ allowBareLF, maxLineLength: 1000 });
        const viaNext = new ReceiveBuffer({ allowBareLF, maxLineLength: 1000 });
        const a: string[] = [];
        const b: string[] = [];
        for (const chunk of split(input, sizes)) {
          viaRead.push(chunk);
          viaNext.push(chunk);
          for (let l = viaRead.readLine(); l; l = viaRead.readLine())
            a.push(`${l.offset}:${l.bareLF}:${[...l.bytes]}`);
          for (let n = viaNext.nextLine(); n >= 0; n = viaNext.nextLine()) {
            const bytes = viaNext.lineSource.subarray(viaNext.lineStart, viaNext.lineStart + n);
            b.push(`${viaNext.lineOffset}:${viaNext.lineBareLF}:${[...bytes]}`);
          }
        }
        expect(b).toEqual(a);
        expect(viaNext.length).toBe(viaRead.length);
        expect(viaNext.offset).toBe(viaRead.offset);
      }),
    );
  });
});

describe('DotUnstuffer.pushWithoutLineStartDot', () => {
  // Its contract: the caller has seen that no line of the chunk starts with '.' (every LF
  // counts as a line end, and the chunk's first byte when the previous chunk ended a line).
  const hasLineStartDot = (chunk: Uint8Array, atLineStart: boolean): boolean =>
    chunk.some((b, i) => b === 0x2e && (i === 0 ? atLineStart : chunk[i - 1] === 0x0a));

  it('decodes like push on chunks the caller found free of line-start dots', () => {
    fc.assert(
      fc.property(framingBytes(), chunkSizes, fc.boolean(), (input, sizes, lenient) => {
        const body = concat([input, Uint8Array.from([13, 10, 0x2e, 13, 10])]);
        const run = (fast: boolean): { data: number[]; consumed: number[] } => {
          const d = new DotUnstuffer({ lenient });
          const data: number[] = [];
          const consumed: number[] = [];
          let atLineStart = true;
          for (const chunk of split(body, sizes)) {
            if (d.done) break;
            const useFast = fast && !hasLineStartDot(chunk, atLineStart);
            atLineStart = chunk[chunk.length - 1] === 0x0a;
            let r: ReturnType<DotUnstuffer['push']>;
            try {
              r = useFast ? d.pushWithoutLineStartDot(chunk) : d.push(chunk);
            } catch (err) {
              consumed.push(-1);
              data.push(String(err).length);
              break;
            }
            consumed.push(r.consumed);
            for (const piece of r.data) data.push(...piece);
          }
          return { data, consumed };
        };
        expect(run(true)).toEqual(run(false));
      }),
    );
  });
});
