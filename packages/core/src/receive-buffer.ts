import { type ErrorProtocol, ParseError } from './errors';
import { DEFAULT_LIMITS } from './limits';

/**
 * The byte queue every mailwire codec reads from.
 *
 * Design (why it looks like this):
 * - Pushed chunks are kept in a list, by reference. Nothing is concatenated on push, so
 *   pushing N bytes costs O(number of chunks), not O(N^2) as `concat` on every push would.
 * - Lines and counted payloads are handed out as `subarray` views of the pushed chunk
 *   (zero copy). Only a value that spans two or more chunks is copied, once.
 * - The line search remembers how far it got (`scan` position). A long line arriving one
 *   byte at a time is scanned once in total, not once per push: total search work is linear
 *   in the bytes pushed. The search itself is `Uint8Array.prototype.indexOf(LF)`, which the
 *   engine runs as native memchr-like code.
 * - Consumed chunks are dropped (the slot is cleared at once so the memory can be freed;
 *   the list itself is compacted when more than half of it is dead), so the bookkeeping is
 *   amortised O(1) per chunk.
 * - A line longer than `maxLineLength` is an error as soon as the unterminated bytes pass the
 *   limit, so a hostile peer cannot make the buffer hold megabytes waiting for an LF.
 *
 * The buffer keeps references to pushed chunks until they are consumed: the caller must not
 * modify a chunk after pushing it (socket data chunks are fresh per event, so this holds
 * for the Node adapters).
 */

const LF = 0x0a;
const CR = 0x0d;
const EMPTY = new Uint8Array(0);
/** Compact the chunk list once this many leading slots are dead and they are half the list. */
const COMPACT_THRESHOLD = 32;
/** Bytes of the line start shown in a LINE_TOO_LONG error. */
const EXCERPT_BYTES = 40;

export interface ReceiveBufferOptions {
  /** Longest line, in bytes, without its line end. Default `DEFAULT_LIMITS.maxLineLength` (64 KiB). */
  maxLineLength?: number;
  /**
   * `false` (default): only CRLF ends a line; a bare LF stays inside the line's bytes and the
   * codec decides whether that is an error. `true`: a lone LF ends a line too (`bareLF: true`).
   */
  allowBareLF?: boolean;
  /** Protocol named in the errors this buffer throws. Default `'core'`. */
  protocol?: ErrorProtocol;
}

export interface Line {
  /** The line without its line end; a view of the pushed chunk when the line lies in one chunk. */
  bytes: Uint8Array;
  /** Stream offset of the line's first byte. */
  offset: number;
  /** True if the line was ended by a LF alone (only possible with `allowBareLF`). */
  bareLF: boolean;
}

export class ReceiveBuffer {
  private chunks: Uint8Array[] = [];
  /** Index in `chunks` of the first chunk with unread bytes (or `chunks.length`). */
  private head = 0;
  /** Read position inside `chunks[head]`; always < its length when `head < chunks.length`. */
  private pos = 0;
  private unread = 0;
  private readOffset = 0;
  /** The line search resumes at `chunks[scanChunk][scanPos]`, stream offset `scanOffset`. */
  private scanChunk = 0;
  private scanPos = 0;
  private scanOffset = 0;
  private scanned = 0;
  /** Last byte of the last chunk fully consumed (CR detection when a chunk starts with LF). */
  private lastConsumedByte = -1;
  private bareLFAllowed: boolean;
  /** The last line found by `nextLine`: its bytes are `lineSource[lineStart .. lineStart + length)`. */
  lineSource: Uint8Array = EMPTY;
  /** Index of the last line's first byte in `lineSource`. */
  lineStart = 0;
  /** Stream offset of the last line's first byte. */
  lineOffset = 0;
  /** Whether a LF alone ended the last line. */
  lineBareLF = false;
  readonly maxLineLength: number;
  readonly protocol: ErrorProtocol;

  constructor(options: ReceiveBufferOptions = {}) {
    const max = options.maxLineLength ?? DEFAULT_LIMITS.maxLineLength;
    if (!(max >= 0)) throw new RangeError(`maxLineLength must be a non-negative number, got ${String(max)}`);
    this.maxLineLength = max;
    this.bareLFAllowed = options.allowBareLF ?? false;
    this.protocol = options.protocol ?? 'core';
  }

  /** Unread bytes buffered. */
  get length(): number {
    return this.unread;
  }

  /** Stream offset of the next unread byte (= bytes consumed so far). */
  get offset(): number {
    return this.readOffset;
  }

  /**
   * Diagnostic: total bytes the line search has examined so far. Each pushed byte is examined
   * at most once per line search that passes over it, so for any chunking this stays linear
   * in the bytes pushed (the tests assert it). Not part of the protocol API.
   */
  get scannedBytes(): number {
    return this.scanned;
  }

  /**
   * Whether a lone LF ends a line. May be changed between reads (a codec switching mode);
   * the line search then restarts at the next unread byte.
   */
  get allowBareLF(): boolean {
    return this.bareLFAllowed;
  }

  set allowBareLF(value: boolean) {
    if (value !== this.bareLFAllowed) {
      this.bareLFAllowed = value;
      this.resetScan();
    }
  }

  /** Appends a chunk (kept by reference, never copied or concatenated). Empty chunks are ignored. */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.unread += chunk.length;
  }

  /**
   * The next complete line, consumed, or `undefined` if no line end has arrived yet.
   * Throws `ParseError` `LINE_TOO_LONG` (nothing consumed) as soon as the line passes
   * `maxLineLength`; use `discardLine()` to skip it and resynchronise.
   */
  readLine(): Line | undefined {
    const n = this.nextLine();
    if (n < 0) return undefined;
    const s = this.lineStart;
    const bytes = this.lineSource.subarray(s, s + n);
    this.lineSource = EMPTY; // hold no consumed chunk on behalf of readLine callers
    return { bytes, offset: this.lineOffset, bareLF: this.lineBareLF };
  }

  /**
   * The allocation-free form of `readLine` for codecs on a hot path: consumes the next
   * complete line and returns its length without line end, or -1 if none has arrived yet.
   * The line's bytes are then `lineSource[lineStart .. lineStart + length)` (the pushed chunk
   * itself when the line lies in one chunk, else a copy), its stream offset `lineOffset` and
   * `lineBareLF` says whether a LF alone ended it. Same search, limits and errors as
   * `readLine`; the fields are only valid until the next read.
   */
  nextLine(): number {
    const chunks = this.chunks;
    let k = this.scanChunk;
    let p = this.scanPos;
    let so = this.scanOffset;
    while (k < chunks.length) {
      const c = chunks[k] as Uint8Array;
      const lf = c.indexOf(LF, p);
      if (lf === -1) {
        this.scanned += c.length - p;
        so += c.length - p;
        k++;
        p = 0;
        continue;
      }
      this.scanned += lf + 1 - p;
      so += lf - p; // stream offset of the LF
      const inHead = k === this.head;
      let hasCR: boolean;
      if (inHead) hasCR = lf > this.pos && c[lf - 1] === CR;
      else if (lf > 0) hasCR = c[lf - 1] === CR;
      else {
        const prev = chunks[k - 1] as Uint8Array;
        hasCR = prev[prev.length - 1] === CR;
      }
      if (hasCR || this.bareLFAllowed) {
        const start = this.readOffset;
        const contentLength = so - start - (hasCR ? 1 : 0);
        if (contentLength > this.maxLineLength) {
          this.saveScan(k, lf, so);
          throw this.lineTooLong();
        }
        this.lineOffset = start;
        this.lineBareLF = !hasCR;
        if (inHead) {
          // The common case: the whole line lies in the first chunk. Consume it in place.
          const used = so + 1 - start;
          this.lineSource = c;
          this.lineStart = this.pos;
          this.readOffset = so + 1;
          this.unread -= used;
          if (lf + 1 === c.length) {
            this.lastConsumedByte = LF;
            this.dropHead();
          } else {
            this.pos = lf + 1;
          }
          this.saveScan(this.head, this.pos, so + 1);
        } else {
          this.lineSource = this.take(contentLength);
          this.lineStart = 0;
          this.skip(hasCR ? 2 : 1);
        }
        return contentLength;
      }
      // A bare LF that does not end a line: it is part of the line, search on.
      so += 1;
      p = lf + 1;
      if (p === c.length) {
        k++;
        p = 0;
      }
    }
    this.saveScan(k, p, so);
    // Everything unread is one unterminated line. Its content is at least its length,
    // minus one if the last byte is a CR that may turn out to be half of the CRLF.
    let pending = this.unread;
    if (pending > 0) {
      const last = chunks[chunks.length - 1] as Uint8Array;
      if (last[last.length - 1] === CR) pending--;
    }
    if (pending > this.maxLineLength) throw this.lineTooLong();
    return -1;
  }

  /**
   * Consumes bytes up to and including the next line end (as `readLine` would see it).
   * Returns `true` if a line end was found, `false` if every buffered byte was consumed
   * without finding one (call it again after the next push). Used to resynchronise after
   * `LINE_TOO_LONG` without buffering the rest of the line.
   */
  discardLine(): boolean {
    while (this.head < this.chunks.length) {
      const c = this.chunks[this.head] as Uint8Array;
      const lf = c.indexOf(LF, this.pos);
      this.scanned += (lf === -1 ? c.length : lf + 1) - this.pos;
      if (lf === -1) {
        this.skip(c.length - this.pos);
        continue;
      }
      let ends = this.bareLFAllowed;
      if (!ends) ends = (lf > 0 ? c[lf - 1] : this.lastConsumedByte) === CR;
      this.skip(lf + 1 - this.pos);
      if (ends) return true;
    }
    return false;
  }

  /** Exactly `n` bytes, consumed: a view if they lie in one chunk, else a copy. `undefined` (nothing consumed) if fewer are buffered. */
  readBytes(n: number): Uint8Array | undefined {
    checkCount(n, 'readBytes');
    if (n > this.unread) return undefined;
    return this.take(n);
  }

  /** A view of the first contiguous run of unread bytes, not consumed; `undefined` if none. */
  peekChunk(): Uint8Array | undefined {
    if (this.unread === 0) return undefined;
    return (this.chunks[this.head] as Uint8Array).subarray(this.pos);
  }

  /** Consumes `n` bytes (`n <= length`, else `RangeError`). */
  skip(n: number): void {
    checkCount(n, 'skip');
    if (n > this.unread) throw new RangeError(`skip(${n}) past the ${this.unread} buffered bytes`);
    this.unread -= n;
    this.readOffset += n;
    while (n > 0) {
      const c = this.chunks[this.head] as Uint8Array;
      const avail = c.length - this.pos;
      if (n < avail) {
        this.pos += n;
        break;
      }
      n -= avail;
      this.lastConsumedByte = c[c.length - 1] as number;
      this.dropHead();
    }
    if (this.readOffset > this.scanOffset) this.resetScan();
  }

  /** Consumes and returns 1..`max` bytes as a zero-copy view of one pushed chunk; `undefined` if none buffered. */
  readChunk(max: number): Uint8Array | undefined {
    checkCount(max, 'readChunk');
    if (this.unread === 0 || max === 0) return undefined;
    const c = this.chunks[this.head] as Uint8Array;
    const end = Math.min(c.length, this.pos + max);
    const view = c.subarray(this.pos, end);
    this.skip(view.length);
    return view;
  }

  /** Consumes and returns everything unread (a view if it is one chunk, else a copy). */
  takeAll(): Uint8Array {
    return this.take(this.unread);
  }

  // -- internals --

  /** Consumes `n <= unread` bytes and returns them (view if contiguous, else one copy). */
  private take(n: number): Uint8Array {
    const out = this.peekPrefix(n);
    this.skip(n);
    return out;
  }

  private dropHead(): void {
    this.chunks[this.head] = EMPTY; // let the chunk be collected now
    this.head++;
    this.pos = 0;
    if (this.head === this.chunks.length) {
      this.chunks.length = 0;
      this.scanChunk -= this.head;
      this.head = 0;
    } else if (this.head >= COMPACT_THRESHOLD && this.head * 2 >= this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.scanChunk -= this.head;
      this.head = 0;
    }
  }

  private saveScan(k: number, p: number, so: number): void {
    this.scanChunk = k;
    this.scanPos = p;
    this.scanOffset = so;
  }

  private resetScan(): void {
    this.saveScan(this.head, this.pos, this.readOffset);
  }

  private lineTooLong(): ParseError {
    return new ParseError({
      protocol: this.protocol,
      code: 'LINE_TOO_LONG',
      message: `line longer than ${this.maxLineLength} bytes`,
      offset: this.readOffset,
      excerpt: this.peekPrefix(EXCERPT_BYTES),
    });
  }

  /** Up to `max` unread bytes, not consumed (a copy when they span chunks). */
  private peekPrefix(max: number): Uint8Array {
    const n = Math.min(max, this.unread);
    const first = this.chunks[this.head];
    if (first === undefined || n === 0) return EMPTY;
    if (first.length - this.pos >= n) return first.subarray(this.pos, this.pos + n);
    const out = new Uint8Array(n);
    let o = 0;
    for (let k = this.head, p = this.pos; o < n; k++, p = 0) {
      const c = this.chunks[k] as Uint8Array;
      const m = Math.min(c.length - p, n - o);
      out.set(c.subarray(p, p + m), o);
      o += m;
    }
    return out;
  }
}

function checkCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${what}: count must be a non-negative safe integer, got ${String(n)}`);
  }
}
