/**
 * A message body handed to the caller as a Node Readable while it arrives, with
 * backpressure to the socket: when the reader falls behind, the transport stops reading
 * (TCP flow control slows the server), and resumes when the reader asks for more. Memory
 * stays at about the stream's high-water mark whatever the message size.
 */
import { Readable } from 'node:stream';
import type { Transport } from './transport';

export class BodyStream extends Readable {
  private pausedTransport = false;

  constructor(
    private readonly transport: Transport,
    highWaterMark = 1024 * 1024,
  ) {
    super({ highWaterMark });
  }

  /** A piece of the body (a view of the socket's buffer: no copy). */
  pushChunk(chunk: Uint8Array): void {
    // views of socket Buffers are Buffers already; other bytes get a Buffer view (no copy)
    const ok = this.push(
      Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
    );
    if (!ok && !this.pausedTransport) {
      this.pausedTransport = true;
      this.transport.pause();
    }
  }

  /** The body is complete. */
  finish(): void {
    this.resumeTransport();
    this.push(null);
  }

  /** The body will not complete: the reader gets the error instead of a silent end. */
  fail(error: Error): void {
    this.resumeTransport();
    this.destroy(error);
  }

  override _read(): void {
    this.resumeTransport();
  }

  private resumeTransport(): void {
    if (this.pausedTransport) {
      this.pausedTransport = false;
      this.transport.resume();
    }
  }
}
