import {
  decodeBase64,
  errorEvent,
  type Limits,
  type Line,
  ParseError,
  type ParseErrorCode,
  ReceiveBuffer,
  resolveLimits,
  warningEvent,
  withEventsBefore,
} from '@mailwire/core';
import { type BodyListener, BodyReader } from './body-reader';
import type {
  Pop3BodyEndEvent,
  Pop3BodyStartEvent,
  Pop3ResponseEvent,
  Pop3ResponseParserEvent,
} from './events';
import { expectationFor, isMultiline } from './expectations';
import { extractApopTimestamp } from './greeting';
import { DEFAULT_BODY_THRESHOLD, POP3_DEFAULT_LIMITS } from './limits';
import { ListingReader } from './listing-reader';
import { parseDropListing, parseScanListing, parseUidListing } from './listings';
import type { QuirkSink } from './quirks';
import { parseResponseCode } from './response-codes';
import { parseFirstLine } from './status-line';
import type { ExpectKind, Pop3Command, StatusLine } from './types';

export interface Pop3ResponseParserOptions {
  /** Reject every quirk (throw `ParseError`) instead of warning. Default false. */
  strict?: boolean;
  limits?: Partial<Limits>;
  /** RETR/TOP bodies up to this many bytes come whole in the `response` event; larger ones stream. Default 64 KiB. */
  bodyThreshold?: number;
  /** The stream starts with the server greeting (queues a `greeting` expectation). Default false. */
  greeting?: boolean;
  /** RFC 6856: 8-bit UTF-8 text is expected (after UTF8). Default false. */
  utf8?: boolean;
  /**
   * A response that arrives when nothing is expected: `'single'` (default) parses it as a
   * single-line status response; `'error'` reports `UNEXPECTED_RESPONSE` (the client protocol).
   */
  unexpected?: 'single' | 'error';
}

interface Expectation {
  kind: ExpectKind;
  command: Pop3Command | undefined;
}

type Mode = 'status' | 'listing' | 'body' | 'discardLine' | 'halted';

const _DOT = 0x2e;
const EMPTY = new Uint8Array(0);

/**
 * Incremental parser of what a POP3 server sends (RFC 1939, RFC 2449, RFC 5034, RFC 6856).
 *
 * POP3 responses do not say whether they are multi-line, so the parser is told what comes
 * next, in order: `expect(kind, command?)` or `expectCommand(command)` queue one
 * expectation per response (pipelined commands queue several). `push(bytes)` returns the
 * events those bytes complete; `end()` says the connection closed.
 *
 * After `+OK` to STLS the parser stops: bytes that arrive before `tlsStarted()` are never
 * parsed (RFC 2595 §4 command-injection defence) and are reported as `UNEXPECTED_DATA`.
 */
export class Pop3ResponseParser implements QuirkSink {
  /** RFC 6856: 8-bit text is UTF-8 and not a quirk. The client protocol sets it after UTF8. */
  utf8: boolean;
  readonly strict: boolean;
  readonly limits: Readonly<Limits>;
  private readonly threshold: number;
  private readonly unexpected: 'single' | 'error';
  private readonly buf: ReceiveBuffer;
  private queue: Expectation[] = [];
  private qHead = 0;
  private mode: Mode = 'status';
  private modeAfterDiscard: 'status' | 'listing' = 'status';
  private failure: ParseError | undefined;
  private out: Pop3ResponseParserEvent[] = [];

  // The multi-line answer being read.
  private cur: Expectation = { kind: 'single', command: undefined };
  private curLine: StatusLine = { status: 'OK', text: '', textBytes: EMPTY };
  private curOffset = 0;
  private listing: ListingReader | undefined;

  // The RETR/TOP body being read.
  private body: BodyReader | undefined;

  constructor(options: Pop3ResponseParserOptions = {}) {
    this.strict = options.strict ?? false;
    this.limits = resolveLimits(POP3_DEFAULT_LIMITS, options.limits);
    const threshold = options.bodyThreshold ?? DEFAULT_BODY_THRESHOLD;
    if (!(threshold >= 0)) throw new RangeError(`bodyThreshold must be >= 0, got ${String(threshold)}`);
    this.threshold = Math.min(threshold, this.limits.maxPayloadSize);
    this.utf8 = options.utf8 ?? false;
    this.unexpected = options.unexpected ?? 'single';
    this.buf = new ReceiveBuffer({
      maxLineLength: this.limits.maxLineLength,
      allowBareLF: !this.strict, // lenient: a lone LF ends a line (reported as BARE_LF)
      protocol: 'pop3',
    });
    if (options.greeting) this.expect('greeting');
  }

  /** Queues what the next unanswered response will be; `command` is echoed in its events. */
  expect(kind: ExpectKind, command?: Pop3Command): void {
    if (this.qHead > 64 && this.qHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.qHead);
      this.qHead = 0;
    }
    this.queue.push({ kind, command });
  }

  /** Queues the response to `command` (LIST vs LIST n, AUTH vs AUTH mech... decided here). */
  expectCommand(command: Pop3Command): void {
    this.expect(expectationFor(command), command);
  }

  /** Responses expected and not yet complete (the one being read included). */
  get pending(): number {
    return this.queue.length - this.qHead + (this.mode === 'listing' || this.mode === 'body' ? 1 : 0);
  }

  /** True after `+OK` to STLS until `tlsStarted()`. */
  get awaitingTls(): boolean {
    return this.mode === 'halted';
  }

  /** Stream offset of the next byte to parse. */
  get offset(): number {
    return this.buf.offset;
  }

  /** The TLS handshake after STLS is done: parsing goes on with the protected stream. */
  tlsStarted(): void {
    if (this.mode !== 'halted') {
      throw new ParseError({
        protocol: 'pop3',
        code: 'INVALID_STATE',
        message: 'tlsStarted() without a +OK to STLS',
      });
    }
    // The buffer is empty here (bytes that came early were taken and reported); offsets
    // go on counting across the handshake.
    this.mode = 'status';
  }

  push(chunk: Uint8Array): Pop3ResponseParserEvent[] {
    if (this.failure) throw this.failure;
    this.buf.push(chunk);
    this.drain();
    return this.flush();
  }

  end(): Pop3ResponseParserEvent[] {
    if (this.failure) throw this.failure;
    try {
      this.checkEnd();
    } catch (e) {
      this.recover(e);
    }
    return this.flush();
  }

  // -- QuirkSink --

  quirk(code: string, message: string, offset: number, errorCode: ParseErrorCode = 'BAD_SYNTAX'): void {
    if (this.strict) {
      throw new ParseError({ protocol: 'pop3', code: errorCode, message: `${message} [${code}]`, offset });
    }
    this.out.push(warningEvent(code, message, offset));
  }

  // -- internals --

  private flush(): Pop3ResponseParserEvent[] {
    const events = this.out;
    this.out = [];
    return events;
  }

  private drain(): void {
    for (;;) {
      try {
        if (!this.step()) return;
      } catch (e) {
        this.recover(e);
      }
    }
  }

  /** One unit of work; false when more input is needed. */
  private step(): boolean {
    switch (this.mode) {
      case 'halted': {
        if (this.buf.length === 0) return false;
        const offset = this.buf.offset;
        const data = this.buf.takeAll();
        throw new ParseError({
          protocol: 'pop3',
          code: 'UNEXPECTED_DATA',
          message: 'bytes after +OK to STLS and before the TLS handshake (discarded, never parsed)',
          offset,
          excerpt: data,
        });
      }
      case 'discardLine':
        if (!this.buf.discardLine()) return false;
        this.mode = this.modeAfterDiscard;
        return true;
      case 'status': {
        const line = this.buf.readLine();
        if (!line) return false;
        this.onStatusLine(line);
        return true;
      }
      case 'listing': {
        const line = this.buf.readLine();
        if (!line) return false;
        this.onListingLine(line);
        return true;
      }
      case 'body': {
        const terminator = (this.body as BodyReader).read(this.buf);
        if (terminator === undefined) return false;
        this.finishBody(terminator);
        return true;
      }
    }
  }

  private recover(e: unknown): void {
    if (!(e instanceof ParseError)) throw e;
    if (this.strict) {
      this.failure = e;
      throw withEventsBefore(e, this.flush());
    }
    this.out.push(errorEvent(e));
    if (e.code === 'LINE_TOO_LONG' && (this.mode === 'status' || this.mode === 'listing')) {
      this.modeAfterDiscard = this.mode;
      this.mode = 'discardLine';
    } else if (this.mode === 'body') {
      // Keep reading to the terminator without keeping anything, so the answer still ends
      // where it ends and later responses stay matched to their commands.
      this.body?.drop();
    }
  }

  private peekExpectation(): Expectation | undefined {
    return this.queue[this.qHead];
  }

  private consumeExpectation(): void {
    if (this.qHead < this.queue.length) {
      this.queue[this.qHead] = { kind: 'single', command: undefined };
      this.qHead++;
      if (this.qHead === this.queue.length) {
        this.queue.length = 0;
        this.qHead = 0;
      }
    }
  }

  private onStatusLine(line: Line): void {
    const exp = this.peekExpectation();
    if (!exp && this.unexpected === 'error') {
      throw new ParseError({
        protocol: 'pop3',
        code: 'UNEXPECTED_RESPONSE',
        message: 'response while no command is waiting for one',
        offset: line.offset,
        excerpt: line.bytes,
      });
    }
    const kind: ExpectKind = exp?.kind ?? 'single';
    const command = exp?.command;
    if (line.bareLF) this.quirk('BARE_LF', 'status line ended by a bare LF', line.offset, 'BARE_LF');
    if (line.bytes.length === 0) {
      // Junk between responses: the expectation stays for the real response.
      throw new ParseError({
        protocol: 'pop3',
        code: 'BAD_SYNTAX',
        message: 'empty line where a response was expected',
        offset: line.offset,
      });
    }
    const parsed = parseFirstLine(line.bytes, line.offset, { utf8: this.utf8 }, this);
    if (parsed.type === 'continuation') {
      if (kind !== 'auth') {
        throw new ParseError({
          protocol: 'pop3',
          code: 'UNEXPECTED_RESPONSE',
          message: 'continuation "+" outside an AUTH exchange',
          offset: line.offset,
          excerpt: line.bytes,
        });
      }
      const data = parsed.text.length === 0 ? EMPTY : decodeBase64(parsed.text, 'pop3');
      this.out.push({
        type: 'continuation',
        data,
        text: parsed.text,
        offset: line.offset,
        ...(command ? { command } : {}),
      });
      return;
    }
    this.consumeExpectation();
    const sl = parsed.line;
    if (sl.status === 'OK' && isMultiline(kind)) {
      this.cur = { kind, command };
      this.curLine = sl;
      this.curOffset = line.offset;
      if (kind === 'multiline-body') this.startBody();
      else {
        this.listing = new ListingReader(kind, this.limits, this.utf8, this);
        this.mode = 'listing';
      }
      return;
    }
    const response: Pop3ResponseEvent = {
      type: 'response',
      kind,
      ...sl,
      offset: line.offset,
      ...(command ? { command } : {}),
    };
    if (sl.status === 'OK') {
      const textOffset = line.offset + line.bytes.length - sl.textBytes.length;
      try {
        this.addSingleLineData(response, kind, sl, textOffset);
      } catch (e) {
        // The response is still delivered (it answers its command); only its data is lost.
        if (!(e instanceof ParseError) || this.strict) throw e;
        this.out.push(errorEvent(e));
        response.incomplete = true;
      }
    }
    this.out.push(response);
    if (sl.status === 'OK' && command?.name === 'STLS') this.mode = 'halted';
  }

  private addSingleLineData(r: Pop3ResponseEvent, kind: ExpectKind, sl: StatusLine, at: number): void {
    // The data follows the response code, if any (RFC 2449 §8 allows a code on any response).
    const skip = sl.code ? (parseResponseCode(sl.textBytes)?.textStart ?? 0) : 0;
    const data = sl.textBytes.subarray(skip);
    at += skip;
    switch (kind) {
      case 'greeting': {
        const timestamp = extractApopTimestamp(sl.text);
        if (timestamp !== undefined) r.timestamp = timestamp;
        break;
      }
      case 'stat':
        r.drop = parseDropListing(data, at, this);
        break;
      case 'list-one':
        r.scans = [parseScanListing(data, at, this)];
        break;
      case 'uidl-one':
        r.uids = [parseUidListing(data, at, this)];
        break;
      default:
        break;
    }
  }

  private onListingLine(line: Line): void {
    if (!(this.listing as ListingReader).line(line)) return;
    this.mode = 'status';
    const r: Pop3ResponseEvent = {
      type: 'response',
      kind: this.cur.kind,
      ...this.curLine,
      offset: this.curOffset,
      ...(this.cur.command ? { command: this.cur.command } : {}),
    };
    (this.listing as ListingReader).complete(r);
    this.listing = undefined;
    this.out.push(r);
  }

  private startBody(): void {
    this.mode = 'body';
    const listener: BodyListener = {
      streamStart: () => {
        const start: Pop3BodyStartEvent = {
          type: 'bodyStart',
          kind: 'multiline-body',
          ...this.curLine,
          offset: this.curOffset,
          ...(this.cur.command ? { command: this.cur.command } : {}),
        };
        this.out.push(start);
      },
      chunk: (data) => {
        this.out.push({ type: 'bodyChunk', data });
      },
      overflow: () => {
        const e = new ParseError({
          protocol: 'pop3',
          code: 'PAYLOAD_TOO_LARGE',
          message: `message body larger than ${this.limits.maxPayloadSize} bytes (the rest is skipped)`,
          offset: this.curOffset, // the response whose body is too large (chunking-independent)
        });
        if (this.strict) throw e;
        this.out.push(errorEvent(e));
      },
    };
    this.body = new BodyReader(
      {
        strict: this.strict,
        threshold: this.threshold,
        maxSize: this.limits.maxPayloadSize,
        offset: this.buf.offset,
      },
      this,
      listener,
    );
  }

  private finishBody(terminator: 'CRLF' | 'LF'): void {
    const body = this.body as BodyReader;
    this.body = undefined;
    this.mode = 'status';
    if (terminator === 'LF') {
      this.quirk(
        'TERMINATOR_LF',
        'message body ended by "." after a bare LF',
        this.buf.offset,
        'BAD_TERMINATOR',
      );
    }
    const command = this.cur.command;
    if (body.streaming) {
      const end: Pop3BodyEndEvent = {
        type: 'bodyEnd',
        size: body.size,
        offset: this.buf.offset,
        ...(command ? { command } : {}),
      };
      if (body.incomplete) end.incomplete = true;
      this.out.push(end);
    } else {
      const r: Pop3ResponseEvent = {
        type: 'response',
        kind: 'multiline-body',
        ...this.curLine,
        offset: this.curOffset,
        ...(command ? { command } : {}),
      };
      if (body.incomplete) r.incomplete = true;
      else r.body = body.body;
      this.out.push(r);
    }
  }

  private checkEnd(): void {
    const offset = this.buf.offset;
    switch (this.mode) {
      case 'body':
        (this.body as BodyReader).end();
        break;
      case 'listing':
        throw new ParseError({
          protocol: 'pop3',
          code: 'UNEXPECTED_EOF',
          message: 'stream ended inside a multi-line answer',
          offset,
        });
      case 'halted':
        return;
      default:
        break;
    }
    if (this.buf.length > 0 && this.mode !== 'discardLine') {
      throw new ParseError({
        protocol: 'pop3',
        code: 'UNEXPECTED_EOF',
        message: 'stream ended inside a line',
        offset,
      });
    }
    if (this.qHead < this.queue.length) {
      const next = this.queue[this.qHead] as Expectation;
      throw new ParseError({
        protocol: 'pop3',
        code: 'UNEXPECTED_EOF',
        message: `stream ended before the response to ${next.command?.name ?? next.kind}`,
        offset,
      });
    }
  }
}
