/**
 * Response framing, below the grammar (RFC 3501 §2.2.2, §4.3; RFC 9051 §4.3; RFC 3516 literal8).
 *
 * A response is a line, or a line ending in a literal announcement `{n}` (or `~{n}`), the
 * n bytes of the literal, and a further line — repeated until a line without announcement.
 * The framer finds those boundaries without parsing the grammar, so a malformed response
 * can be reported and skipped while the stream stays in sync. It knows one thing about the
 * grammar: only untagged data responses can carry literals. A tagged response is always a
 * status response, and the resp-text of OK/NO/BAD/PREAUTH/BYE and of a continuation request
 * is free text, so `* OK text {5}` or `a1 NO [ALERT] {10}` end there (RFC 3501 §7.1, §9).
 *
 * Work is linear in the bytes pushed: each byte is looked at once (`indexOf` for LF), line
 * pieces that span chunks are joined once, literals are counted, never scanned.
 */
import { ParseError } from '@mailwire/core';

export interface LiteralAnnouncement {
  size: number;
  /** `~{n}`: literal8 (RFC 3516), may contain NUL. */
  binary: boolean;
  /** Index in the line's buffer where the announcement (`~` or `{`) starts. */
  at: number;
}

/** What the framer reports; implemented by the response parser. */
export interface FrameSink {
  /**
   * A line without its line end: `buf[start..end)`, `offset` the stream offset of `buf[start]`;
   * `literal` if it announces one. The line is passed as a range of the pushed chunk (or of a
   * joined copy when it spanned chunks) so that no view is made per line.
   */
  line(
    buf: Uint8Array,
    start: number,
    end: number,
    offset: number,
    literal: LiteralAnnouncement | null,
  ): void;
  /** A literal at or below the stream threshold, whole (a view when it lay in one chunk). */
  literal(bytes: Uint8Array): void;
  /** A literal above the stream threshold: start, views of pushed chunks, end. */
  literalStart(size: number, offset: number): void;
  literalChunk(bytes: Uint8Array): void;
  literalEnd(): void;
  /** The line just reported had no literal announcement: the response is complete. */
  responseEnd(): void;
  /** The current response cannot be framed within the limits; the framer skips the rest of it. */
  frameError(error: ParseError): void;
  warning(code: string, message: string, offset: number): void;
}

export interface FramerOptions {
  strict: boolean;
  maxLineLength: number;
  maxLiteralSize: number;
  maxResponseSize: number;
  streamThreshold: number;
}

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const NUL = 0x00;

const enum State {
  Line = 0,
  Literal = 1,
  /** Skipping a too long line up to its LF. */
  SkipLine = 2,
}

const enum LiteralMode {
  Buffer = 0,
  Stream = 1,
  Discard = 2,
}

const EMPTY = new Uint8Array(0);

export class ResponseFramer {
  private readonly o: FramerOptions;
  private readonly sink: FrameSink;
  private state: State = State.Line;
  /** Stream offset of the next byte to be pushed. */
  private offset = 0;

  // line being assembled across chunks
  private pieces: Uint8Array[] = [];
  private piecesLength = 0;
  private lineOffset = 0;

  // current response
  private inResponse = false;
  private literalsAllowed = false;
  private discarding = false;
  private responseSize = 0;
  /** The current response's first line (`headBuf[headStart..headEnd)`, at most 64 bytes), for the tag of an error. */
  private headBuf: Uint8Array = EMPTY;
  private headStart = 0;
  private headEnd = 0;

  // current literal
  private literalMode: LiteralMode = LiteralMode.Buffer;
  private literalRemaining = 0;
  private literalBuffer: Uint8Array | null = null;
  private literalFill = 0;

  constructor(options: FramerOptions, sink: FrameSink) {
    this.o = options;
    this.sink = sink;
  }

  /** True between the first line of a response and its end (used by `end()`). */
  get midResponse(): boolean {
    return this.inResponse || this.piecesLength > 0 || this.state !== State.Line;
  }

  get position(): number {
    return this.offset;
  }

  /** Tag of the response being framed, if it is a tagged one. */
  currentTag(): string | undefined {
    if (this.inResponse) return tagOf(this.headBuf, this.headStart, this.headEnd);
    const head = this.piecesHead();
    return tagOf(head, 0, head.length);
  }

  /**
   * The first bytes of the partial line held in pieces, joined across pieces: the tag and
   * the excerpt of an error must not depend on where the input was split.
   */
  private piecesHead(max = HEAD_BYTES): Uint8Array {
    const first = this.pieces[0] ?? EMPTY;
    if (first.length >= max || this.pieces.length === 1) return first.subarray(0, max);
    const out = new Uint8Array(Math.min(max, this.piecesLength));
    let at = 0;
    for (const p of this.pieces) {
      if (at >= out.length) break;
      const take = p.subarray(0, out.length - at);
      out.set(take, at);
      at += take.length;
    }
    return out;
  }

  push(chunk: Uint8Array): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.state === State.Literal) {
        i = this.literalBytes(chunk, i);
        continue;
      }
      const lf = chunk.indexOf(LF, i);
      if (this.state === State.SkipLine) {
        if (lf < 0) {
          this.offset += n - i;
          return;
        }
        this.offset += lf + 1 - i;
        i = lf + 1;
        this.state = State.Line;
        this.resetResponse();
        continue;
      }
      if (lf < 0) {
        const rest = n - i;
        if (this.piecesLength === 0) this.lineOffset = this.offset;
        this.pieces.push(i === 0 ? chunk : chunk.subarray(i));
        this.piecesLength += rest;
        this.offset += rest;
        // the line end is CRLF, so one byte may be the CR: compare with maxLineLength + 1
        if (this.piecesLength > this.o.maxLineLength + 1) this.lineTooLong();
        return;
      }
      // the line is buf[ls..le) (without its LF): a range of the chunk when it lies in one
      let buf = chunk;
      let ls = i;
      let le = lf;
      let lineOffset = this.offset;
      if (this.piecesLength !== 0) {
        buf = joinPieces(this.pieces, this.piecesLength, chunk, i, lf);
        ls = 0;
        le = buf.length;
        lineOffset = this.lineOffset;
        this.pieces = [];
        this.piecesLength = 0;
      }
      this.offset += lf + 1 - i;
      i = lf + 1;
      if (le - ls > this.o.maxLineLength + (buf[le - 1] === CR ? 1 : 0)) {
        this.tooLongComplete(buf.subarray(ls, le), lineOffset);
        continue;
      }
      this.handleLine(buf, ls, le, lineOffset);
    }
  }

  private lineTooLong(): void {
    const err = new ParseError({
      protocol: 'imap',
      code: 'LINE_TOO_LONG',
      message: `line longer than maxLineLength (${this.o.maxLineLength})`,
      offset: this.lineOffset,
      excerpt: this.piecesHead(),
      ...tagOption(this.currentTag()),
    });
    this.pieces = [];
    this.piecesLength = 0;
    this.state = State.SkipLine;
    this.report(err);
  }

  private tooLongComplete(line: Uint8Array, offset: number): void {
    const tag = this.inResponse ? this.headTag() : tagOf(line, 0, line.length);
    const err = new ParseError({
      protocol: 'imap',
      code: 'LINE_TOO_LONG',
      message: `line longer than maxLineLength (${this.o.maxLineLength})`,
      offset,
      excerpt: line,
      ...tagOption(tag),
    });
    const wasDiscarding = this.discarding;
    this.resetResponse();
    if (!wasDiscarding) this.sink.frameError(err);
  }

  private report(err: ParseError): void {
    if (!this.discarding) this.sink.frameError(err);
  }

  private resetResponse(): void {
    this.inResponse = false;
    this.discarding = false;
    this.responseSize = 0;
    this.headBuf = EMPTY;
    this.headStart = 0;
    this.headEnd = 0;
  }

  private headBytes(): Uint8Array {
    return this.headBuf.subarray(this.headStart, this.headEnd);
  }

  private headTag(): string | undefined {
    return tagOf(this.headBuf, this.headStart, this.headEnd);
  }

  /** The line `buf[rs..re)`, its LF already removed; `offset` is the stream offset of `buf[rs]`. */
  private handleLine(buf: Uint8Array, rs: number, re: number, offset: number): void {
    let end = re;
    if (end > rs && buf[end - 1] === CR) {
      end--;
    } else if (!this.discarding) {
      // Bare LF line end (seen from hand-written test servers and some proxies).
      if (this.o.strict) {
        this.resetResponse();
        this.report(
          new ParseError({
            protocol: 'imap',
            code: 'BARE_LF',
            message: 'line ended by LF without CR',
            offset: offset + (end - rs),
            excerpt: buf.subarray(rs, re),
          }),
        );
        return;
      }
      this.sink.warning('BARE_LF', 'line ended by LF without CR', offset + (end - rs));
    }
    let start = rs;
    if (!this.inResponse) {
      // NUL padding before a response (seen from some Exchange front ends and broken proxies).
      while (start < end && buf[start] === NUL) start++;
      if (start > rs) {
        if (this.o.strict) {
          this.report(
            new ParseError({
              protocol: 'imap',
              code: 'BAD_SYNTAX',
              message: 'NUL bytes before a response',
              offset,
              excerpt: buf.subarray(rs, re),
            }),
          );
          return;
        }
        this.sink.warning('NUL_PADDING', `${start - rs} NUL byte(s) before a response ignored`, offset);
      }
      if (start === end) {
        // An empty line between responses (some servers send a blank line after a literal
        // response or after IDLE's DONE).
        if (this.o.strict) {
          this.report(
            new ParseError({ protocol: 'imap', code: 'BAD_SYNTAX', message: 'empty line', offset }),
          );
        } else {
          this.sink.warning('EMPTY_LINE', 'empty line between responses ignored', offset);
        }
        return;
      }
    }
    // the line proper is buf[start..end)
    offset += start - rs;
    if (!this.inResponse) {
      this.inResponse = true;
      this.headBuf = buf;
      this.headStart = start;
      this.headEnd = end - start > 64 ? start + 64 : end;
      this.literalsAllowed = mayCarryLiterals(buf, start, end);
    }
    const lit = this.literalsAllowed ? findLiteral(buf, start, end) : null;
    if (lit !== null && lit.size < 0) {
      // a count beyond 2^53 - 1 cannot be followed: skip the line as if it ended the response
      this.report(
        new ParseError({
          protocol: 'imap',
          code: 'NUMBER_OVERFLOW',
          message: 'literal size too large to represent',
          offset: offset + (lit.at - start),
          excerpt: buf.subarray(lit.at, end),
          ...tagOption(this.headTag()),
        }),
      );
      this.resetResponse();
      return;
    }
    if (!this.discarding) {
      this.responseSize += end - start + 2;
      if (this.responseSize > this.o.maxResponseSize) {
        this.report(
          new ParseError({
            protocol: 'imap',
            code: 'RESPONSE_TOO_LARGE',
            message: `response larger than maxResponseSize (${this.o.maxResponseSize})`,
            offset,
            excerpt: this.headBytes(),
            ...tagOption(this.headTag()),
          }),
        );
        this.discarding = true;
      } else if (lit !== null && lit.size > this.o.maxLiteralSize) {
        this.report(
          new ParseError({
            protocol: 'imap',
            code: 'LITERAL_TOO_LARGE',
            message: `literal of ${lit.size} bytes larger than maxLiteralSize (${this.o.maxLiteralSize})`,
            offset: offset + (lit.at - start),
            excerpt: buf.subarray(lit.at, end),
          }),
        );
        this.discarding = true;
      }
    }
    if (!this.discarding) this.sink.line(buf, start, end, offset, lit);
    if (lit === null) {
      const wasDiscarding = this.discarding;
      this.resetResponse();
      if (!wasDiscarding) this.sink.responseEnd();
      return;
    }
    this.startLiteral(lit.size);
  }

  private startLiteral(size: number): void {
    this.literalRemaining = size;
    this.literalFill = 0;
    this.literalBuffer = null;
    if (this.discarding) {
      this.literalMode = LiteralMode.Discard;
    } else if (size > this.o.streamThreshold) {
      this.literalMode = LiteralMode.Stream;
      this.sink.literalStart(size, this.offset);
    } else {
      this.responseSize += size;
      if (this.responseSize > this.o.maxResponseSize) {
        this.report(
          new ParseError({
            protocol: 'imap',
            code: 'RESPONSE_TOO_LARGE',
            message: `response larger than maxResponseSize (${this.o.maxResponseSize})`,
            offset: this.offset,
            excerpt: this.headBytes(),
          }),
        );
        this.discarding = true;
        this.literalMode = LiteralMode.Discard;
      } else {
        this.literalMode = LiteralMode.Buffer;
      }
    }
    if (size === 0) {
      this.finishLiteral(EMPTY);
    } else {
      this.state = State.Literal;
    }
  }

  private literalBytes(chunk: Uint8Array, i: number): number {
    const avail = chunk.length - i;
    const take = Math.min(avail, this.literalRemaining);
    this.literalRemaining -= take;
    this.offset += take;
    const next = i + take;
    switch (this.literalMode) {
      case LiteralMode.Stream:
        this.sink.literalChunk(i === 0 && take === chunk.length ? chunk : chunk.subarray(i, next));
        if (this.literalRemaining === 0) {
          this.state = State.Line;
          this.sink.literalEnd();
        }
        return next;
      case LiteralMode.Discard:
        if (this.literalRemaining === 0) this.state = State.Line;
        return next;
      default: {
        if (this.literalRemaining === 0 && this.literalFill === 0) {
          this.finishLiteral(chunk.subarray(i, next));
          return next;
        }
        if (this.literalBuffer === null) {
          this.literalBuffer = new Uint8Array(this.literalRemaining + take);
        }
        this.literalBuffer.set(chunk.subarray(i, next), this.literalFill);
        this.literalFill += take;
        if (this.literalRemaining === 0) {
          const whole = this.literalBuffer;
          this.literalBuffer = null;
          this.finishLiteral(whole);
        }
        return next;
      }
    }
  }

  private finishLiteral(bytes: Uint8Array): void {
    this.state = State.Line;
    if (this.literalMode === LiteralMode.Buffer) this.sink.literal(bytes);
    else if (this.literalMode === LiteralMode.Stream) {
      this.sink.literalEnd();
    }
  }

  /** Stream closed: true if it closed inside a response (the caller reports UNEXPECTED_EOF). */
  end(): boolean {
    const mid = this.midResponse && !(this.state === State.SkipLine);
    const wasDiscarding = this.discarding;
    this.pieces = [];
    this.piecesLength = 0;
    this.state = State.Line;
    this.literalBuffer = null;
    this.resetResponse();
    return mid && !wasDiscarding;
  }
}

function joinPieces(
  pieces: Uint8Array[],
  length: number,
  chunk: Uint8Array,
  from: number,
  to: number,
): Uint8Array {
  const out = new Uint8Array(length + to - from);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  out.set(chunk.subarray(from, to), at);
  return out;
}

/**
 * Whether a response starting with `line` may announce literals: only untagged responses
 * other than status responses (RFC 3501 §7: continuation requests, tagged responses and
 * resp-cond-* carry free text, which may end in `{5}` without meaning a literal).
 */
function mayCarryLiterals(line: Uint8Array, start: number, end: number): boolean {
  if (line[start] !== 0x2a /* * */) return false;
  let i = start + 1;
  while (i < end && line[i] === SP) i++;
  const s = i;
  while (i < end && line[i] !== SP && line[i] !== 0x5b /* [ */) i++;
  const len = i - s;
  if (len < 2 || len > 7) return true;
  const a = (line[s] as number) | 0x20;
  const b = (line[s + 1] as number) | 0x20;
  if (len === 2) return !((a === 0x6f && b === 0x6b) || (a === 0x6e && b === 0x6f)); // ok, no
  const c = (line[s + 2] as number) | 0x20;
  if (len === 3) {
    if (a === 0x62 && b === 0x61 && c === 0x64) return false; // bad
    if (a === 0x62 && b === 0x79 && c === 0x65) return false; // bye
    return true;
  }
  if (len === 7) {
    // PREAUTH
    return !(
      a === 0x70 &&
      b === 0x72 &&
      c === 0x65 &&
      ((line[s + 3] as number) | 0x20) === 0x61 &&
      ((line[s + 4] as number) | 0x20) === 0x75 &&
      ((line[s + 5] as number) | 0x20) === 0x74 &&
      ((line[s + 6] as number) | 0x20) === 0x68
    );
  }
  return true;
}

/**
 * `{n}` / `{n+}` / `~{n}` at the very end of the line `line[start..end)`; size -1 for an
 * unrepresentable count; `at` is an index in `line`.
 */
function findLiteral(line: Uint8Array, start: number, end: number): LiteralAnnouncement | null {
  let i = end - 1;
  if (i - start < 2 || line[i] !== 0x7d /* } */) return null;
  i--;
  // LITERAL+ style `{n+}` is a client-side form; tolerated the same way here
  if (line[i] === 0x2b || line[i] === 0x2d) i--;
  const digitsEnd = i + 1;
  while (i >= start && (line[i] as number) >= 0x30 && (line[i] as number) <= 0x39) i--;
  const digitsStart = i + 1;
  if (digitsStart === digitsEnd || i < start || line[i] !== 0x7b /* { */) return null;
  let binary = false;
  let at = i;
  if (i > start && line[i - 1] === 0x7e /* ~ */) {
    binary = true;
    at = i - 1;
  }
  // Digit by digit, not by digit count: leading zeros are legal (RFC 3501 §9: number =
  // 1*DIGIT, so `{00000000000000000003}` is 3). Exact up to 2^53 - 1; above it rounding is
  // monotonic, so a larger count stays above it (Infinity for very long runs).
  let size = 0;
  for (let k = digitsStart; k < digitsEnd; k++) size = size * 10 + ((line[k] as number) - 0x30);
  if (size > Number.MAX_SAFE_INTEGER) size = -1;
  return { size, binary, at };
}

/** The tag of the tagged response line `line[start..end)`, undefined for `*`, `+` or an unreadable head. */
/** Bytes of a partial line enough for its tag and an error excerpt (EXCERPT_LENGTH is 80). */
const HEAD_BYTES = 96;

export function tagOf(line: Uint8Array, start: number, end: number): string | undefined {
  let i = start;
  while (i < end && line[i] === NUL) i++;
  const s = i;
  while (i < end && i - s < 64) {
    const b = line[i] as number;
    if (b <= SP || b >= 0x7f || b === 0x28 || b === 0x29 || b === 0x7b || b === 0x22 || b === 0x5c) break;
    i++;
  }
  if (i === s) return undefined;
  if (i - s === 1 && (line[s] === 0x2a || line[s] === 0x2b)) return undefined;
  return String.fromCharCode.apply(null, line.subarray(s, i) as unknown as number[]);
}

export function tagOption(tag: string | undefined): { tag?: string } {
  return tag === undefined ? {} : { tag };
}
