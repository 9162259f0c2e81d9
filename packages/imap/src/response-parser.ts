/**
 * `ImapResponseParser`: the server->client direction of IMAP4rev1/rev2 as a sans-I/O
 * push parser. Bytes go to the framer (framer.ts), whole responses to the grammar
 * (response.ts); a FETCH whose body literal passes `streamThreshold` is parsed item by item
 * while it arrives and its body goes out as chunk events (views of the pushed chunks).
 */
import {
  DEFAULT_LIMITS,
  type ErrorEvent,
  errorEvent,
  type Limits,
  ParseError,
  resolveLimits,
  warningEvent,
  withEventsBefore,
} from '@mailwire/core';
import type { ImapResponseEvent } from './events';
import type { BodyItemName } from './fetch';
import { FetchItemsReader } from './fetch';
import { type FrameSink, type LiteralAnnouncement, ResponseFramer, tagOf } from './framer';
import { NEED_MORE, Reader, type ReaderOptions } from './lexer/reader';
import type { Segment } from './lexer/segments';
import { readResponse } from './response';

/** IMAP defaults: long lines are normal (SEARCH results, big UID sets), and so are big lists. */
export const IMAP_DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  ...DEFAULT_LIMITS,
  maxLineLength: 1024 * 1024,
  maxListItems: 1_000_000,
  maxNestingDepth: 64,
});

/** Body literals larger than this are streamed (FETCH) instead of delivered whole. */
export const DEFAULT_STREAM_THRESHOLD = 1024 * 1024;

export interface ImapResponseParserOptions {
  /** Throw the first ParseError instead of reporting it and going on (default false). */
  strict?: boolean;
  limits?: Partial<Limits>;
  /** FETCH body literals above this many bytes are streamed (default 1 MiB). */
  streamThreshold?: number;
}

interface StreamState {
  reader: Reader;
  items: FetchItemsReader;
  seq: number;
  /** A streamed body is running (chunks go out as bodyChunk). */
  inBody: boolean;
  /** The reader still sits at a streamed literal it must step over when it resumes. */
  pendingSkip: boolean;
}

const EMPTY = new Uint8Array(0);
/** First allocation for a literal copied outside a FETCH body; doubled up to its size. */
const LITERAL_BUFFER_START = 64 * 1024;
const NO_SEGMENTS: Segment[] = [];

function isFetchHead(seg: Segment): boolean {
  const b = seg.bytes;
  let i = seg.start;
  const n = seg.end;
  if (b[i] !== 0x2a) return false;
  i++;
  while (i < n && b[i] === 0x20) i++;
  const d = i;
  while (i < n && (b[i] as number) >= 0x30 && (b[i] as number) <= 0x39) i++;
  if (i === d) return false;
  while (i < n && b[i] === 0x20) i++;
  if (i + 5 >= n) return false;
  return (
    ((b[i] as number) & 0xdf) === 0x46 &&
    ((b[i + 1] as number) & 0xdf) === 0x45 &&
    ((b[i + 2] as number) & 0xdf) === 0x54 &&
    ((b[i + 3] as number) & 0xdf) === 0x43 &&
    ((b[i + 4] as number) & 0xdf) === 0x48 &&
    (b[i + 5] === 0x20 || b[i + 5] === 0x28)
  );
}

export class ImapResponseParser implements FrameSink {
  readonly strict: boolean;
  readonly limits: Limits;
  readonly streamThreshold: number;
  private readonly framer: ResponseFramer;
  private readonly readerOptions: ReaderOptions;
  /** Reader of complete responses, reset for each one (streamed FETCH responses get their own). */
  private reader: Reader | null = null;
  private events: ImapResponseEvent[] = [];
  private segs: Segment[] = [];
  /**
   * The segment of a response's first line, reused from response to response (most responses
   * are one line): nothing holds segments past the end of their response.
   */
  private readonly firstSeg: Segment = {
    bytes: EMPTY,
    start: 0,
    end: 0,
    offset: 0,
    litAt: -1,
    literal: null,
    streamed: false,
  };
  /** The current response already failed: ignore the rest of it. */
  private failed = false;
  private stream: StreamState | null = null;
  /** A literal above the threshold that cannot be streamed, being copied. */
  private buffer: Uint8Array | null = null;
  private bufferFill = 0;
  /** The announced size of the literal being copied: the buffer grows towards it. */
  private bufferSize = 0;
  private dead: ParseError | null = null;

  constructor(options: ImapResponseParserOptions = {}) {
    this.strict = options.strict ?? false;
    this.limits = resolveLimits(IMAP_DEFAULT_LIMITS, options.limits);
    const threshold = options.streamThreshold ?? DEFAULT_STREAM_THRESHOLD;
    if (!Number.isSafeInteger(threshold) || threshold < 0) {
      throw new RangeError(`streamThreshold must be a non-negative safe integer, got ${threshold}`);
    }
    this.streamThreshold = threshold;
    this.framer = new ResponseFramer(
      {
        strict: this.strict,
        maxLineLength: this.limits.maxLineLength,
        maxLiteralSize: this.limits.maxLiteralSize,
        maxResponseSize: this.limits.maxResponseSize,
        streamThreshold: threshold,
      },
      this,
    );
    this.readerOptions = {
      strict: this.strict,
      maxNestingDepth: this.limits.maxNestingDepth,
      maxListItems: this.limits.maxListItems,
      warn: (code, message, offset) => {
        this.events.push(warningEvent(code, message, offset));
      },
      tag: undefined,
    };
  }

  /** Parses `chunk`; returns the events it completed, in order. */
  push(chunk: Uint8Array): ImapResponseEvent[] {
    if (this.dead !== null) throw this.dead;
    try {
      this.framer.push(chunk);
    } catch (e) {
      if (e instanceof ParseError) {
        this.dead = e;
        const before = this.events;
        this.events = [];
        throw withEventsBefore(e, before);
      }
      throw e;
    }
    const out = this.events;
    this.events = [];
    return out;
  }

  /** The stream closed: a response cut short is an UNEXPECTED_EOF error. */
  end(): ImapResponseEvent[] {
    if (this.dead !== null) throw this.dead;
    const first = this.segs[0];
    const tag = first !== undefined ? tagOf(first.bytes, first.start, first.end) : this.framer.currentTag();
    const offset = this.framer.position;
    const mid = this.framer.end();
    const wasFailed = this.failed;
    this.resetResponse();
    if (mid && !wasFailed) {
      this.error(
        new ParseError({
          protocol: 'imap',
          code: 'UNEXPECTED_EOF',
          message: 'stream ended inside a response',
          offset,
          ...(tag === undefined ? {} : { tag }),
        }),
      );
    }
    const out = this.events;
    this.events = [];
    return out;
  }

  private error(err: ParseError): void {
    if (this.strict) {
      this.dead = err;
      const before = this.events;
      this.events = [];
      throw withEventsBefore(err, before);
    }
    this.events.push(errorEvent(err) as ErrorEvent);
  }

  private resetResponse(): void {
    if (this.segs.length > 0) {
      // do not keep the chunk or a literal alive until the next response
      if (this.segs.length > 1 && this.reader !== null) this.reader.reset(NO_SEGMENTS);
      this.segs = [];
      this.firstSeg.bytes = EMPTY;
      this.firstSeg.literal = null;
    }
    this.failed = false;
    this.stream = null;
    this.buffer = null;
    this.bufferFill = 0;
  }

  private fail(err: unknown): void {
    if (!(err instanceof ParseError)) throw err;
    this.failed = true;
    this.stream = null;
    this.buffer = null;
    this.error(err);
  }

  private setTag(): void {
    const first = this.segs[0] as Segment;
    const c = first.bytes[first.start];
    this.readerOptions.tag =
      c === 0x2a || c === 0x2b ? undefined : tagOf(first.bytes, first.start, first.end);
  }

  private newReader(): Reader {
    this.setTag();
    return new Reader(this.segs, this.readerOptions);
  }

  /** The shared reader, reset to the current response. */
  private completeReader(): Reader {
    this.setTag();
    let r = this.reader;
    if (r === null) {
      r = new Reader(this.segs, this.readerOptions);
      this.reader = r;
    } else {
      r.reset(this.segs);
    }
    return r;
  }

  // ------------------------------------------------------------------ FrameSink

  line(
    bytes: Uint8Array,
    start: number,
    end: number,
    offset: number,
    literal: LiteralAnnouncement | null,
  ): void {
    if (this.failed) return;
    if (this.segs.length === 0) {
      const seg = this.firstSeg;
      seg.bytes = bytes;
      seg.start = start;
      seg.end = end;
      seg.offset = offset;
      seg.litAt = literal === null ? -1 : literal.at;
      seg.literal = null;
      seg.streamed = false;
      this.segs.push(seg);
      return;
    }
    this.segs.push({
      bytes,
      start,
      end,
      offset,
      litAt: literal === null ? -1 : literal.at,
      literal: null,
      streamed: false,
    });
  }

  literal(bytes: Uint8Array): void {
    if (this.failed) return;
    const seg = this.segs[this.segs.length - 1];
    if (seg !== undefined) seg.literal = bytes;
  }

  literalStart(size: number, _offset: number): void {
    if (this.failed) return;
    const seg = this.segs[this.segs.length - 1] as Segment;
    if (isFetchHead(this.segs[0] as Segment)) {
      seg.streamed = true;
      try {
        if (this.runStream(size)) return;
      } catch (e) {
        if (e !== NEED_MORE) {
          this.fail(e);
          return;
        }
      }
      // the literal is not a body value (e.g. a huge ENVELOPE subject): buffer it
      seg.streamed = false;
    }
    if (size > this.limits.maxResponseSize) {
      this.fail(
        new ParseError({
          protocol: 'imap',
          code: 'RESPONSE_TOO_LARGE',
          message: `literal of ${size} bytes outside a FETCH body exceeds maxResponseSize (${this.limits.maxResponseSize})`,
          offset: seg.offset + (seg.litAt - seg.start),
          excerpt: seg.bytes.subarray(seg.litAt, seg.end),
          // no tag: only untagged responses carry literals (readerOptions.tag is the last response's)
        }),
      );
      return;
    }
    // grown as bytes arrive, not allocated at the announced size: a server that announces a
    // literal it never sends must not make the client reserve the memory
    this.buffer = new Uint8Array(Math.min(size, LITERAL_BUFFER_START));
    this.bufferFill = 0;
    this.bufferSize = size;
  }

  /** Runs the streaming FETCH reader; true if it stopped at a streamed body (bodyStart sent). */
  private runStream(size: number): boolean {
    let st = this.stream;
    if (st === null) {
      const reader = this.newReader();
      reader.expect(0x2a, '*');
      reader.sp();
      const seq = reader.nzNumber();
      reader.sp();
      if (reader.keyword() !== 'FETCH') reader.fail('expected FETCH');
      // lower case is legal but reported, as readResponse does (RFC 3501 §9; old Cyrus, hMailServer)
      if (reader.hadLower && !this.strict)
        this.warning('LOWERCASE_KEYWORD', 'keyword FETCH not in upper case', reader.offset);
      reader.sp();
      st = { reader, items: new FetchItemsReader(), seq, inBody: false, pendingSkip: false };
      this.stream = st;
      this.events.push({ type: 'fetchStart', seq, offset: (this.segs[0] as Segment).offset });
    }
    const r = st.reader;
    if (st.pendingSkip) {
      r.skipStreamedLiteral();
      st.pendingSkip = false;
    }
    for (;;) {
      const step = st.items.step(r);
      if (step.kind === 'item') {
        this.events.push({ type: 'fetchItem', seq: st.seq, item: step.item });
        continue;
      }
      if (step.kind === 'body') {
        const head = step.head;
        this.events.push({
          type: 'bodyStart',
          seq: st.seq,
          name: head.body as BodyItemName,
          section: head.section,
          origin: head.origin,
          size,
        });
        st.inBody = true;
        return true;
      }
      r.fail('literal after the end of the FETCH items');
    }
  }

  literalChunk(bytes: Uint8Array): void {
    if (this.failed) return;
    const st = this.stream;
    if (st?.inBody) {
      this.events.push({ type: 'bodyChunk', seq: st.seq, data: bytes });
      return;
    }
    let buffer = this.buffer;
    if (buffer !== null) {
      const need = this.bufferFill + bytes.length;
      if (need > buffer.length) {
        const grown = new Uint8Array(Math.min(this.bufferSize, Math.max(need, buffer.length * 2)));
        grown.set(buffer.subarray(0, this.bufferFill));
        buffer = grown;
        this.buffer = grown;
      }
      buffer.set(bytes, this.bufferFill);
      this.bufferFill = need;
    }
  }

  literalEnd(): void {
    if (this.failed) return;
    const st = this.stream;
    if (st?.inBody) {
      st.inBody = false;
      st.pendingSkip = true;
      this.events.push({ type: 'bodyEnd', seq: st.seq });
      return;
    }
    const seg = this.segs[this.segs.length - 1];
    if (seg !== undefined) seg.literal = this.buffer ?? EMPTY;
    this.buffer = null;
  }

  responseEnd(): void {
    if (this.failed) {
      this.resetResponse();
      return;
    }
    const st = this.stream;
    try {
      if (st !== null) {
        const r = st.reader;
        if (st.pendingSkip) {
          r.skipStreamedLiteral();
          st.pendingSkip = false;
        }
        for (;;) {
          const step = st.items.step(r);
          if (step.kind === 'end') break;
          if (step.kind === 'item') this.events.push({ type: 'fetchItem', seq: st.seq, item: step.item });
        }
        r.finish();
        this.events.push({ type: 'fetchEnd', seq: st.seq });
      } else {
        const r = this.completeReader();
        const response = readResponse(r);
        this.events.push({ type: 'response', offset: (this.segs[0] as Segment).offset, response });
      }
    } catch (e) {
      if (e === NEED_MORE) {
        this.fail(
          new ParseError({
            protocol: 'imap',
            code: 'BAD_SYNTAX',
            message: 'literal in an unexpected place',
            offset: (this.segs[0] as Segment).offset,
          }),
        );
      } else {
        this.fail(e);
      }
    }
    this.resetResponse();
  }

  frameError(error: ParseError): void {
    this.resetResponse();
    this.error(error);
  }

  warning(code: string, message: string, offset: number): void {
    this.events.push(warningEvent(code, message, offset));
  }
}
