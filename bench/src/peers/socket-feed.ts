import { Readable } from 'node:stream';

/** A zero-copy Buffer view of a chunk: what a socket's 'data' event hands over. */
export function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * A byte-mode Readable that delivers `chunks` the way a net.Socket does: one Buffer per
 * read, each in a later turn of the event loop (setImmediate, after the I/O phase), then
 * the end. A peer that reads everything at once cannot see a concatenated input; a peer
 * with backpressure gets the next chunk only when it asks for more.
 */
export function socketReadable(chunks: readonly Uint8Array[]): Readable {
  let next = 0;
  return new Readable({
    read() {
      setImmediate(() => {
        const chunk = chunks[next++];
        this.push(chunk ? asBuffer(chunk) : null);
      });
    },
  });
}
