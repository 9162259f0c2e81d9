import { describe, expect, it } from 'vitest';
import { ImapResponseParser } from '../src/index';
import { enc } from './helpers';

describe('streamed FETCH of a 256 MiB literal', () => {
  it('keeps heap growth to a few MiB and hands out views of the pushed chunks', () => {
    const SIZE = 256 * 1024 * 1024;
    const CHUNK = 64 * 1024;
    // a few reused buffers: the parser must not keep them, copy them, or accumulate anything
    const buffers = [0x41, 0x42, 0x43, 0x44].map((b) => new Uint8Array(CHUNK).fill(b));
    const owners = new Set(buffers.map((b) => b.buffer));
    const p = new ImapResponseParser();
    const head = p.push(enc(`* 1 FETCH (UID 42 BODY[] {${SIZE}}\r\n`));
    expect(head.map((e) => e.type)).toEqual(['fetchStart', 'fetchItem', 'bodyStart']);

    const before = process.memoryUsage();
    let peakHeap = before.heapUsed;
    let peakBuffers = before.arrayBuffers;
    let received = 0;
    let chunks = 0;
    let foreign = 0;
    let ended = false;
    for (let sent = 0; sent < SIZE; sent += CHUNK) {
      const buf = buffers[(sent / CHUNK) % buffers.length] as Uint8Array;
      for (const e of p.push(buf)) {
        if (e.type === 'bodyEnd' && sent + CHUNK === SIZE) {
          ended = true;
          continue;
        }
        if (e.type !== 'bodyChunk') throw new Error(`unexpected ${e.type}`);
        received += e.data.length;
        chunks++;
        if (!owners.has(e.data.buffer as ArrayBuffer)) foreign++;
      }
      if ((sent / CHUNK) % 256 === 0) {
        const m = process.memoryUsage();
        peakHeap = Math.max(peakHeap, m.heapUsed);
        peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
      }
    }
    const tail = p.push(enc(')\r\na1 OK done\r\n'));
    expect(ended).toBe(true);
    expect(tail.map((e) => e.type)).toEqual(['fetchEnd', 'response']);
    expect(received).toBe(SIZE);
    expect(chunks).toBe(SIZE / CHUNK);
    expect(foreign).toBe(0); // zero copy: every chunk is a view of a pushed buffer
    expect(peakBuffers - before.arrayBuffers).toBeLessThan(4 * 1024 * 1024);
    expect(peakHeap - before.heapUsed).toBeLessThan(16 * 1024 * 1024);
  });
});
