import { concatBytes } from './concat-bytes';
import { type ErrorProtocol, ParseError } from './errors';
import { DEFAULT_LIMITS } from './limits';

/**
 * Dot-stuffing ("transparency") of multi-line bodies: SMTP DATA (RFC 5321 §4.5.2) and POP3
 * multi-line responses (RFC 1939 §3). The sender doubles a '.' that starts a line and ends
 * the body with CRLF "." CRLF; the receiver removes the first '.' of a line that has other
 * characters and stops at a line holding only ".".
 *
 * Both directions stream: chunk boundaries may fall anywhere (between CR and LF, right
 * after a line-start '.', inside the terminator), and the result is the same as for the
 * whole body at once.
 */

const LF = 0x0a;
const CR = 0x0d;
const DOT = 0x2e;
const EMPTY = new Uint8Array(0);

// ---------------------------------------------------------------- encoder

/** Where a chunk leaves the encoder: in the middle of a line, at a line start, or right after a CR. */
const enum EncState {
  MidLine = 0,
  LineStart = 1,
  AfterCR = 2,
}

/** Insertions the counting pass notes (position * 256 + byte) so the writer need not scan again. */
const MAX_MARKS = 4096;
const marks: number[] = [];

/**
 * Walks `chunk` from encoder state `state` and finds every byte that must be inserted:
 * a '.' before a line-start '.', a LF after a bare CR, a CR before a bare LF. With `out`
 * undefined it counts them (noting the first `MAX_MARKS` in `marks`, a bounded scratch list,
 * so that the common case needs one walk); with `out` (exactly `chunk.length` + that count
 * long) it writes the stuffed chunk there, copying the runs between insertions with `set()`.
 * Returns `count * 4 + stateAfterChunk`.
 *
 * Work per line: one native `indexOf(LF)`, plus one `indexOf(CR)` to prove that the only CR
 * in the line is the one before its LF (a bare CR elsewhere must be found too). Insertions
 * are rare; no callback per line, no per-byte loop in JavaScript.
 */
function stuffChunk(chunk: Uint8Array, state: EncState, out: Uint8Array | undefined): number {
  const n = chunk.length;
  let count = 0;
  // Write mode: `chunk[copied..]` is not yet in `out`, whose next free index is `o`.
  let copied = 0;
  let o = 0;
  const insert = (position: number, byte: number): void => {
    count++;
    if (out === undefined) {
      if (count <= MAX_MARKS) marks[count - 1] = position * 256 + byte;
      return;
    }
    if (position > copied) {
      out.set(chunk.subarray(copied, position), o);
      o += position - copied;
      copied = position;
    }
    out[o++] = byte;
  };
  const finish = (next: EncState): number => {
    if (out !== undefined && copied < n) out.set(chunk.subarray(copied), o);
    return count * 4 + next;
  };
  let i = 0;
  let lineStart = state !== EncState.MidLine;
  if (state === EncState.AfterCR) {
    // The previous chunk ended with CR: a LF here completes the CRLF; anything else means
    // that CR was bare and gets its LF now.
    if (chunk[0] === LF) i = 1;
    else insert(0, LF);
  }
  /** The first CR at or after `i` not yet accounted for (`n` when there is none). */
  let nextCR = -1;
  for (;;) {
    // RFC 5321 §4.5.2: "Before sending a line of mail text, the SMTP client checks the
    // first character of the line. If it is a period, one additional period is inserted".
    if (lineStart) {
      if (i === n) return finish(EncState.LineStart);
      if (chunk[i] === DOT) insert(i, DOT);
    }
    const lf = chunk.indexOf(LF, i);
    const end = lf === -1 ? n : lf;
    if (nextCR < i) {
      nextCR = chunk.indexOf(CR, i);
      if (nextCR === -1) nextCR = n;
    }
    // Every CR before `end - 1` is bare (the byte after it is not the LF); so is one at
    // `end - 1` when no LF follows in this chunk, unless it is the chunk's last byte.
    while (nextCR < end - 1 || (lf === -1 && nextCR < n)) {
      const t = nextCR;
      if (t + 1 === n) return finish(EncState.AfterCR);
      insert(t + 1, LF); // bare CR: RFC 5321 §2.3.8, CR and LF only occur together as CRLF
      if (chunk[t + 1] === DOT) insert(t + 1, DOT);
      nextCR = chunk.indexOf(CR, t + 1);
      if (nextCR === -1) nextCR = n;
    }
    if (lf === -1) return finish(EncState.MidLine);
    // The CR right before the LF, if any, is `nextCR` now; else the LF is bare.
    if (nextCR !== lf - 1) insert(lf, CR);
    i = lf + 1;
    lineStart = true;
  }
}

/**
 * Streaming dot-stuffing encoder (SMTP DATA client side, POP3 server side).
 *
 * `encode()` normalises bare CR and bare LF to CRLF (RFC 5321 §2.3.8) and doubles a '.' at
 * the start of a line; `end()` completes the last line and adds the "." CRLF terminator.
 * After `end()` the encoder is ready for the next body.
 *
 * Zero copy in the common case: when a chunk needs no change, `encode` returns the chunk
 * itself. Otherwise the output is allocated once at its exact size.
 */
export class DotStuffer {
  private state: EncState = EncState.LineStart;

  /** The stuffed bytes for `chunk` (possibly `chunk` itself, when nothing changes). */
  encode(chunk: Uint8Array): Uint8Array {
    if (chunk.length === 0) return EMPTY;
    const counted = stuffChunk(chunk, this.state, undefined);
    const next = (counted % 4) as EncState;
    const count = (counted - next) / 4;
    if (count === 0) {
      this.state = next;
      return chunk;
    }
    const out = new Uint8Array(chunk.length + count);
    if (count <= MAX_MARKS) {
      // The counting pass noted where each byte goes: copy the runs between them.
      let o = 0;
      let copied = 0;
      for (let k = 0; k < count; k++) {
        const mark = marks[k] as number;
        const byte = mark % 256;
        const position = (mark - byte) / 256;
        if (position > copied) {
          out.set(chunk.subarray(copied, position), o);
          o += position - copied;
          copied = position;
        }
        out[o++] = byte;
      }
      if (copied < chunk.length) out.set(chunk.subarray(copied), o);
    } else {
      stuffChunk(chunk, this.state, out); // too many to note: walk the chunk again, writing
    }
    this.state = next;
    return out;
  }

  /**
   * The end of the body: a CRLF if the body did not end with one (a trailing bare CR gets
   * its LF), then ".\r\n". An empty body gives just ".\r\n".
   */
  end(): Uint8Array {
    const state = this.state;
    this.state = EncState.LineStart;
    if (state === EncState.LineStart) return Uint8Array.of(DOT, CR, LF);
    if (state === EncState.AfterCR) return Uint8Array.of(LF, DOT, CR, LF);
    return Uint8Array.of(CR, LF, DOT, CR, LF);
  }
}

/** The whole body stuffed, with its line ends normalised to CRLF and the terminator added. */
export function dotStuff(body: Uint8Array): Uint8Array {
  const stuffer = new DotStuffer();
  const head = stuffer.encode(body);
  const tail = stuffer.end();
  const out = new Uint8Array(head.length + tail.length);
  out.set(head, 0);
  out.set(tail, head.length);
  return out;
}

// ---------------------------------------------------------------- decoder

export interface DotUnstufferOptions {
  /**
   * `false` (default, strict): only CRLF is a line end, so only CRLF "." CRLF ends the body.
   * LF "." LF, LF "." CRLF and CR "." CR are body bytes: treating them as the end is what
   * SMTP smuggling exploits (two servers disagreeing where a message ends).
   * `true`: a bare LF is a line end too (broken POP3 servers and gateways that send LF
   * line ends), so "." LF or "." CRLF after a LF ends the body, reported as `terminator: 'LF'`.
   */
  lenient?: boolean;
  /** Largest body, in bytes after unstuffing. Default `DEFAULT_LIMITS.maxPayloadSize` (64 MiB). */
  maxSize?: number;
  /** Protocol named in errors. Default `'core'`. */
  protocol?: ErrorProtocol;
  /** Stream offset of the first byte pushed, so error offsets are stream offsets. Default 0. */
  offset?: number;
}

export interface DotUnstuffResult {
  /** Body pieces in order: views of the input between stuffed dots (zero copy). */
  data: Uint8Array[];
  /** Bytes of the pushed chunk used: all of it unless `done`, else up to the terminator's LF. */
  consumed: number;
  /** True once the terminating line was read; bytes after `consumed` belong to what follows. */
  done: boolean;
  /** Which form ended the body: `'CRLF'` for CRLF "." CRLF, `'LF'` for a bare-LF form (lenient only). */
  terminator?: 'CRLF' | 'LF';
}

/** A line-start '.' whose line is not known yet because the chunk ended right after it. */
const enum Pending {
  None = 0,
  /** Saw a line-start ".". */
  Dot = 1,
  /** Saw a line-start "." CR. */
  DotCR = 2,
}

/**
 * Streaming dot-stuffing decoder (POP3 multi-line responses, the server side of SMTP DATA).
 * It starts at the beginning of a line (right after the status line or the 354 reply).
 *
 * The body includes each line's line end; the terminating line is not body. The scan looks
 * for '.' with `indexOf` and checks the bytes before it, so text between stuffed dots is
 * passed through as one view: a chunk with no line-start dot comes out as exactly one view
 * (base64 attachments, the bulk of mail, contain no '.' at all and are skipped natively).
 */
export class DotUnstuffer {
  private readonly lenient: boolean;
  private readonly maxSize: number;
  private readonly protocol: ErrorProtocol;
  private readonly baseOffset: number;
  /** The two raw bytes before the next chunk; a body starts as if after a CRLF. */
  private prev1 = LF;
  private prev2 = CR;
  private pending = Pending.None;
  /** Whether the line end before the pending dot was CRLF (decides `terminator`). */
  private pendingAfterCRLF = true;
  private consumedTotal = 0;
  private bodySize = 0;
  private finished = false;
  private terminatorForm: 'CRLF' | 'LF' | undefined;

  constructor(options: DotUnstufferOptions = {}) {
    this.lenient = options.lenient ?? false;
    this.maxSize = options.maxSize ?? DEFAULT_LIMITS.maxPayloadSize;
    this.protocol = options.protocol ?? 'core';
    this.baseOffset = options.offset ?? 0;
  }

  /** Body and terminator bytes consumed so far. */
  get offset(): number {
    return this.consumedTotal;
  }

  /** True once the terminator has been read. */
  get done(): boolean {
    return this.finished;
  }

  /** Body bytes delivered so far (after unstuffing). */
  get size(): number {
    return this.bodySize;
  }

  /** Which form ended the body, once `done`. */
  get terminator(): 'CRLF' | 'LF' | undefined {
    return this.terminatorForm;
  }

  /** Makes the decoder ready for a new body (at a line start, offset counting on from `offset`). */
  reset(): void {
    this.prev1 = LF;
    this.prev2 = CR;
    this.pending = Pending.None;
    this.pendingAfterCRLF = true;
    this.bodySize = 0;
    this.finished = false;
    this.terminatorForm = undefined;
  }

  /**
   * Decodes the next chunk of the stuffed stream. Throws `ParseError` `PAYLOAD_TOO_LARGE` once
   * the body passes `maxSize`, and `INVALID_STATE` if called after the terminator was read.
   */
  push(chunk: Uint8Array): DotUnstuffResult {
    if (this.finished) {
      throw new ParseError({
        protocol: this.protocol,
        code: 'INVALID_STATE',
        message: 'dot-stuffed body already ended; call reset() for a new one',
        offset: this.baseOffset + this.consumedTotal,
      });
    }
    const n = chunk.length;
    const data: Uint8Array[] = [];
    if (n === 0) return { data, consumed: 0, done: false };
    const lenient = this.lenient;

    // Resolve a line-start dot left open by the previous chunk.
    if (this.pending === Pending.Dot) {
      const b = chunk[0];
      if (lenient && b === LF) return this.finish(data, 1, 'LF');
      if (b === CR) {
        if (n === 1) {
          this.pending = Pending.DotCR;
          return this.keepGoing(chunk, data);
        }
        if (chunk[1] === LF) return this.finish(data, 2, this.pendingForm());
      }
      this.pending = Pending.None; // it was a stuffed dot: dropped, the line goes on
    } else if (this.pending === Pending.DotCR) {
      if (chunk[0] === LF) return this.finish(data, 1, this.pendingForm());
      // ".\r" then something else: a stuffed dot followed by a CR that is body data. The
      // CR was in the previous chunk, so it is the one byte not delivered as a view (at -1:
      // the last byte before this chunk).
      this.pending = Pending.None;
      this.emit(data, Uint8Array.of(CR), -1);
    }

    let segment = 0;
    let from = 0;
    for (;;) {
      const d = chunk.indexOf(DOT, from);
      if (d === -1) break;
      from = d + 1;
      // Line start: right after a LF that ends a line (strict: CRLF; lenient: any LF).
      const b1 = d >= 1 ? chunk[d - 1] : this.prev1;
      if (b1 !== LF) continue;
      const b2 = d >= 2 ? chunk[d - 2] : d === 1 ? this.prev1 : this.prev2;
      const afterCRLF = b2 === CR;
      if (!lenient && !afterCRLF) continue;
      this.emit(data, chunk.subarray(segment, d), segment);
      segment = d + 1;
      if (d + 1 === n) {
        this.pending = Pending.Dot;
        this.pendingAfterCRLF = afterCRLF;
        segment = n;
        break;
      }
      const c1 = chunk[d + 1];
      if (lenient && c1 === LF) return this.finish(data, d + 2, 'LF');
      if (c1 === CR) {
        if (d + 2 === n) {
          // The CR is held back until the next chunk shows whether a LF follows.
          this.pending = Pending.DotCR;
          this.pendingAfterCRLF = afterCRLF;
          segment = n;
          break;
        }
        if (chunk[d + 2] === LF) return this.finish(data, d + 3, afterCRLF ? 'CRLF' : 'LF');
      }
      // RFC 5321 §4.5.2: a line that starts with '.' and has other characters: drop the '.'.
    }
    if (segment < n) this.emit(data, chunk.subarray(segment), segment);
    return this.keepGoing(chunk, data);
  }

  /**
   * `push()` for a codec that scans the lines of the body itself (POP3's body scanner does)
   * and has seen that no line of `chunk` starts with '.' — counting its first byte when it
   * starts a line, and treating every LF as a line end (a superset of the line starts this
   * decoder uses, so nothing is missed in strict mode). Such a chunk is body as it is, so the
   * dot search is skipped: one view, same state and result as `push()` would give. When the
   * previous chunk left a line-start '.' open, this is `push()`.
   */
  pushWithoutLineStartDot(chunk: Uint8Array): DotUnstuffResult {
    if (this.finished || this.pending !== Pending.None || chunk.length === 0) return this.push(chunk);
    const data: Uint8Array[] = [];
    this.emit(data, chunk, 0);
    return this.keepGoing(chunk, data);
  }

  /** Throws `ParseError` `UNEXPECTED_EOF` if the stream ended before the terminator. */
  end(): void {
    if (this.finished) return;
    throw new ParseError({
      protocol: this.protocol,
      code: 'UNEXPECTED_EOF',
      message: 'stream ended inside a dot-stuffed body (no terminating "." line)',
      offset: this.baseOffset + this.consumedTotal,
    });
  }

  private pendingForm(): 'CRLF' | 'LF' {
    return this.pendingAfterCRLF ? 'CRLF' : 'LF';
  }

  private emit(data: Uint8Array[], piece: Uint8Array, at: number): void {
    if (piece.length === 0) return;
    this.bodySize += piece.length;
    if (this.bodySize > this.maxSize) {
      throw new ParseError({
        protocol: this.protocol,
        code: 'PAYLOAD_TOO_LARGE',
        message: `dot-stuffed body larger than ${this.maxSize} bytes`,
        offset: this.baseOffset + this.consumedTotal + at,
      });
    }
    data.push(piece);
  }

  private keepGoing(chunk: Uint8Array, data: Uint8Array[]): DotUnstuffResult {
    const n = chunk.length;
    this.prev2 = n >= 2 ? (chunk[n - 2] as number) : this.prev1;
    this.prev1 = chunk[n - 1] as number;
    this.consumedTotal += n;
    return { data, consumed: n, done: false };
  }

  private finish(data: Uint8Array[], consumed: number, terminator: 'CRLF' | 'LF'): DotUnstuffResult {
    this.finished = true;
    this.terminatorForm = terminator;
    this.pending = Pending.None;
    this.consumedTotal += consumed;
    return { data, consumed, done: true, terminator };
  }
}

/**
 * Decodes a whole dot-stuffed body (the terminator must be in `stuffed`; bytes after it are
 * left alone and `consumed` says where they start). Throws `ParseError` `UNEXPECTED_EOF`
 * if there is no terminator. `body` is a view of `stuffed` when no dot had to be removed.
 */
export function dotUnstuff(
  stuffed: Uint8Array,
  options: DotUnstufferOptions = {},
): { body: Uint8Array; consumed: number; terminator: 'CRLF' | 'LF' } {
  const decoder = new DotUnstuffer(options);
  const result = decoder.push(stuffed);
  decoder.end();
  return {
    body: concatBytes(result.data),
    consumed: result.consumed,
    terminator: decoder.terminator ?? 'CRLF',
  };
}
