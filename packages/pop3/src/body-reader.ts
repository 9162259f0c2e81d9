import { DotUnstuffer, type ReceiveBuffer } from '@mailwire/core';
import { BodyScanner } from './body-scanner';
import type { QuirkSink } from './quirks';

/**
 * Reads one RETR/TOP body (RFC 1939 §3 dot-stuffed multi-line answer) from the receive buffer:
 * core's DotUnstuffer decodes it, the BodyScanner spots what the decoder cannot report, and
 * the delivered bytes are either collected whole (up to `threshold`) or streamed.
 *
 * Everything that depends on sizes (switching to streaming, the `maxSize` cut) is decided on
 * the bytes delivered, never on input chunk boundaries, so any chunking gives the same events.
 */

export interface BodyReaderOptions {
  /** Strict mode: only CRLF line ends and CRLF "." CRLF; quirks throw. */
  strict: boolean;
  /** Bodies up to this many bytes are delivered whole; a larger one streams. */
  threshold: number;
  /** Bytes delivered at most; the rest of the body is skipped to its terminator. */
  maxSize: number;
  /** Stream offset of the first body byte (for the decoder's error offsets). */
  offset: number;
}

export interface BodyListener {
  /** The body passed the threshold: it streams from now on (announce it before the first chunk). */
  streamStart(): void;
  /** A piece of a streaming body (a view of the input where possible). */
  chunk(data: Uint8Array): void;
  /** The body passed `maxSize`: report it (strict mode: throw). */
  overflow(): void;
}

const DOT_BYTES = Uint8Array.of(0x2e);
const EMPTY = new Uint8Array(0);

export class BodyReader {
  private readonly unstuffer: DotUnstuffer;
  private readonly scanner: BodyScanner;
  private whole: Uint8Array = EMPTY;
  private delivered = 0;
  private streams = false;
  private dropped = false;
  private overflowPending = false;

  constructor(
    private readonly options: BodyReaderOptions,
    private readonly sink: QuirkSink,
    private readonly listener: BodyListener,
  ) {
    this.unstuffer = new DotUnstuffer({
      lenient: !options.strict,
      // The size limit is applied in deliver(), on the bytes delivered.
      maxSize: Number.MAX_SAFE_INTEGER,
      protocol: 'pop3',
      offset: options.offset,
    });
    this.scanner = new BodyScanner(!options.strict);
  }

  /** Body bytes delivered so far. */
  get size(): number {
    return this.delivered;
  }

  /** True once the body passed the threshold and is being streamed. */
  get streaming(): boolean {
    return this.streams;
  }

  /** True if data was dropped (after an error or past `maxSize`). */
  get incomplete(): boolean {
    return this.dropped;
  }

  /** The whole body (only meaningful when it did not stream and nothing was dropped). */
  get body(): Uint8Array {
    return this.whole.subarray(0, this.delivered);
  }

  /** After an error: keep reading to the terminator (the framing stays), deliver nothing more. */
  drop(): void {
    this.dropped = true;
    this.whole = EMPTY;
  }

  /** Throws `ParseError` UNEXPECTED_EOF if the terminator has not been read. */
  end(): void {
    this.unstuffer.end();
  }

  /**
   * Reads body bytes from `buf`. Returns how the body ended (`'LF'`: the lenient "." LF form)
   * once the terminator was read, bytes after it left in `buf`; `undefined` if more input is needed.
   */
  read(buf: ReceiveBuffer): 'CRLF' | 'LF' | undefined {
    const { unstuffer, scanner } = this;
    for (;;) {
      const chunk = buf.peekChunk();
      if (!chunk) return undefined;
      let from = 0;
      while (from < chunk.length) {
        // Feed the decoder up to the next quirk (or the end of the chunk). Quirks are looked for
        // even in a body dropped for being too large, so the warnings never depend on chunking.
        const q = scanner.scan(chunk, from);
        const segEnd = q < 0 ? chunk.length : q;
        if (segEnd > from) {
          // The scanner has looked at every line start up to segEnd: the bytes before the
          // first line-start '.' need no dot search by the decoder (base64 parts have none).
          const dot = scanner.firstDot < 0 ? segEnd : scanner.firstDot;
          if (dot > from) {
            const r = unstuffer.pushWithoutLineStartDot(chunk.subarray(from, dot));
            buf.skip(r.consumed);
            this.deliverAll(r.data);
            if (r.done) return r.terminator ?? 'CRLF';
          }
          if (dot < segEnd) {
            const r = unstuffer.push(chunk.subarray(dot, segEnd));
            buf.skip(r.consumed);
            this.deliverAll(r.data);
            if (r.done) return r.terminator ?? 'CRLF';
          }
        }
        from = segEnd;
        if (q < 0) continue;
        if (scanner.found === 'BARE_LF') {
          this.sink.quirk('BARE_LF', 'message body with bare LF line ends', buf.offset, 'BARE_LF');
        } else {
          this.sink.quirk(
            'UNSTUFFED_DOT',
            'body line starting with an unstuffed "." (the server does not dot-stuff; the dot is kept)',
            buf.offset - 1,
          );
          // Give the decoder the dot the server forgot: "." "." X decodes to "." X.
          this.deliverAll(unstuffer.push(DOT_BYTES).data);
        }
      }
    }
  }

  private deliverAll(pieces: Uint8Array[]): void {
    for (const piece of pieces) this.deliver(piece);
    if (this.overflowPending) {
      this.overflowPending = false;
      this.listener.overflow();
    }
  }

  private deliver(piece: Uint8Array): void {
    if (this.dropped || piece.length === 0) return;
    const room = this.options.maxSize - this.delivered;
    if (piece.length > room) {
      // Deliver exactly maxSize bytes, then skip the rest of the body.
      if (room > 0) this.deliver(piece.subarray(0, room));
      this.drop();
      this.overflowPending = true;
      return;
    }
    this.delivered += piece.length;
    if (this.streams) {
      this.listener.chunk(piece);
      return;
    }
    const held = this.delivered - piece.length;
    if (this.delivered > this.options.threshold) {
      this.streams = true;
      this.listener.streamStart();
      if (held > 0) this.listener.chunk(this.whole.subarray(0, held));
      this.whole = EMPTY;
      this.listener.chunk(piece);
      return;
    }
    // Below the threshold: one growing buffer, never larger than the threshold.
    if (this.delivered > this.whole.length) {
      let size = Math.max(256, this.whole.length * 2);
      while (size < this.delivered) size *= 2;
      const grown = new Uint8Array(Math.min(size, Math.max(this.options.threshold, this.delivered)));
      grown.set(this.whole.subarray(0, held));
      this.whole = grown;
    }
    this.whole.set(piece, held);
  }
}
