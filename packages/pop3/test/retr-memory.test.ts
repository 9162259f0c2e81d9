import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Pop3ResponseParser } from '../src/index';
import { bytes } from './event-helpers';

const CHUNK = 64 * 1024;
const TOTAL = 1024 * 1024 * 1024; // 1 GiB of body, stuffed form

/** A 64 KiB chunk of whole 64-byte lines (62 characters + CRLF); every `dotEvery`-th line is a stuffed "..". */
function chunk(fill: (line: number) => string, dotEvery: number): Uint8Array {
  const out = new Uint8Array(CHUNK);
  for (let line = 0; line < CHUNK / 64; line++) {
    let text = fill(line).padEnd(62, 'x').slice(0, 62);
    if (dotEvery > 0 && line % dotEvery === 0) text = `..${text.slice(2)}`;
    out.set(bytes(`${text}\r\n`), line * 64);
  }
  return out;
}

/** `global.gc` if the process was started with --expose-gc, else the V8 flag set at run time; undefined if neither works. */
function exposeGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

describe('RETR memory', () => {
  it('a 1 GiB RETR streamed in 64 KiB chunks keeps heap + array buffers growth under a few MiB', () => {
    const gc = exposeGc();
    const prebuilt = [
      chunk((i) => `Line ${i} of a plain text message body, nothing special here`, 0),
      chunk((i) => `QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJz${i}`, 0),
      chunk((i) => `Line ${i}: every seventh line of this chunk is dot-stuffed`, 7),
    ];
    // Each line that starts with ".." loses one dot.
    const unstuffedSize = prebuilt.map((c) => {
      let size = CHUNK;
      for (let at = 0; at < CHUNK; at += 64) if (c[at] === 0x2e) size--;
      return size;
    });
    const parser = new Pop3ResponseParser({ limits: { maxPayloadSize: TOTAL } });
    parser.expect('multiline-body');
    let delivered = 0;
    let chunkEvents = 0;
    let other: string[] = [];
    const consume = (events: ReturnType<Pop3ResponseParser['push']>) => {
      for (const e of events) {
        if (e.type === 'bodyChunk') {
          delivered += e.data.length;
          chunkEvents++;
        } else other.push(e.type);
      }
    };
    consume(parser.push(bytes('+OK message follows\r\n')));
    let expected = 0;
    let baseline = 0;
    let peak = 0;
    const n = TOTAL / CHUNK;
    for (let i = 0; i < n; i++) {
      const c = prebuilt[i % 3] as Uint8Array;
      consume(parser.push(c));
      expected += unstuffedSize[i % 3] as number;
      if (i === 256) {
        // After 16 MiB: the steady state.
        gc?.();
        baseline = memory();
      }
      if (i > 256 && i % 1024 === 0) {
        gc?.();
        peak = Math.max(peak, memory());
      }
    }
    consume(parser.push(bytes('.\r\n')));
    consume(parser.end());
    expect(other).toEqual(['bodyStart', 'bodyEnd']);
    expect(delivered).toBe(expected);
    expect(chunkEvents).toBeGreaterThanOrEqual(n);
    other = [];
    gc?.();
    peak = Math.max(peak, memory());
    // With gc() exposed the growth is a few MiB at most; without it, garbage that has not
    // been collected yet counts too, so the bound is generous (still far below 1 GiB).
    const bound = gc ? 4 * 1024 * 1024 : 256 * 1024 * 1024;
    expect(peak - baseline).toBeLessThan(bound);
  });
});
