import {
  asciiUpper,
  DotUnstuffer,
  decodeBase64,
  decodeLatin1,
  decodeUtf8,
  type ErrorEvent,
  errorEvent,
  isValidUtf8,
  type Limits,
  ParseError,
  type ParseErrorCode,
  ReceiveBuffer,
  resolveLimits,
  type WarningEvent,
  warningEvent,
  withEventsBefore,
} from '@mailwire/core';
import { parseCommandLine } from './command-line';
import { KNOWN_VERBS, type SmtpCommand } from './commands';
import { SMTP_COMMAND_LIMITS } from './limits';

export interface SmtpCommandEvent {
  type: 'command';
  command: SmtpCommand;
  /** The line as received, without its line end. */
  raw: Uint8Array;
  offset: number;
}

/** A client line inside an AUTH exchange (RFC 4954 §4): a base64 response or `*` to cancel. */
export interface SmtpAuthResponseEvent {
  type: 'auth-response';
  /** Decoded response (empty for an empty line; empty when cancelled). */
  data: Uint8Array;
  /** The client sent `*`: the exchange is cancelled. */
  cancelled: boolean;
  raw: Uint8Array;
  offset: number;
}

/** A piece of a message body: after DATA (dot-unstuffed) or a BDAT chunk. A view of the input where possible. */
export interface SmtpBodyChunkEvent {
  type: 'body-chunk';
  data: Uint8Array;
  /** Stream offset of the input bytes the piece came from. */
  offset: number;
}

/** The body of a DATA command or one BDAT chunk is complete. */
export interface SmtpBodyEndEvent {
  type: 'body-end';
  kind: 'DATA' | 'BDAT';
  /** Body bytes delivered (after unstuffing for DATA). */
  size: number;
  /** BDAT: the chunk carried LAST; DATA: always true. */
  last: boolean;
  /** Stream offset just past the body (and its terminator). */
  offset: number;
}

export type SmtpCommandParserEvent =
  | SmtpCommandEvent
  | SmtpAuthResponseEvent
  | SmtpBodyChunkEvent
  | SmtpBodyEndEvent
  | WarningEvent
  | ErrorEvent;

export interface SmtpCommandParserOptions {
  strict?: boolean;
  /** Defaults: `SMTP_COMMAND_LIMITS` (12288-byte lines, 64 MiB bodies). */
  limits?: Partial<Limits>;
  /**
   * `true` (default): after DATA the parser reads the message body at once, as if the
   * server had answered 354 (right for captures). `false`: it stops after the DATA
   * command until the server calls `acceptData()` (it answered 354) or `rejectData()`.
   */
  autoData?: boolean;
  /**
   * `'auto'` (default): after AUTH, lines shaped like SASL responses (one base64 word
   * that is not a bare SMTP verb, `*`, or empty) are responses; the first other line
   * ends the exchange.
   * `'manual'`: a line is a SASL response only after the server called `expectAuthResponse()`.
   */
  authResponses?: 'auto' | 'manual';
  /**
   * `false` (default, right for captures of decrypted sessions): after STARTTLS, commands
   * are read on. `true` (a server): after STARTTLS the parser expects nothing until
   * `tlsStarted()` (the handshake is done) or `rejectStartTls()` (the server refused it):
   * bytes that arrive in between were sent in plaintext after the command and would be
   * taken as if they came over TLS (CVE-2011-0411), so they are an UNEXPECTED_DATA error
   * and are dropped, never parsed.
   */
  tlsBoundary?: boolean;
}

const BASE64_LINE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

type Mode = 'command' | 'data-wait' | 'data' | 'bdat' | 'tls-wait';

/**
 * Incremental parser of what an SMTP client sends (the server side): command lines,
 * SASL responses inside AUTH, the dot-stuffed DATA body and BDAT chunks.
 *
 * After DATA the body is decoded with core's `DotUnstuffer` in strict form: only
 * CRLF "." CRLF ends it (LF "." LF and friends never do: the SMTP smuggling defence).
 */
export class SmtpCommandParser {
  readonly strict: boolean;
  readonly limits: Limits;
  private readonly autoData: boolean;
  private readonly tlsBoundary: boolean;
  private readonly authMode: 'auto' | 'manual';
  private readonly buffer: ReceiveBuffer;
  private mode: Mode = 'command';
  private unstuffer: DotUnstuffer | undefined;
  private bodySize = 0;
  private bodyTooLarge = false;
  /** Stream offset of the current DATA body's first byte. */
  private bodyStart = 0;
  private bdatRemaining = 0;
  private bdatLast = false;
  private bdatDiscard = false;
  /** Inside an AUTH exchange (auto mode): lines shaped like SASL responses are responses. */
  private inAuth = false;
  private authExpected = false;
  private discardingLine = false;
  private failure: ParseError | undefined;

  constructor(options: SmtpCommandParserOptions = {}) {
    this.strict = options.strict ?? false;
    this.limits = resolveLimits(SMTP_COMMAND_LIMITS, options.limits);
    this.autoData = options.autoData ?? true;
    this.tlsBoundary = options.tlsBoundary ?? false;
    this.authMode = options.authResponses ?? 'auto';
    this.buffer = new ReceiveBuffer({
      maxLineLength: this.limits.maxLineLength,
      allowBareLF: !this.strict,
      protocol: 'smtp',
    });
  }

  push(chunk: Uint8Array): SmtpCommandParserEvent[] {
    if (this.failure) throw this.failure;
    this.buffer.push(chunk);
    return this.run();
  }

  /** The server answered DATA with 354: read the body (only with `autoData: false`). */
  acceptData(): SmtpCommandParserEvent[] {
    this.leaveDataWait();
    this.startBody();
    return this.run();
  }

  /** The server refused DATA: what follows are commands again (only with `autoData: false`). */
  rejectData(): SmtpCommandParserEvent[] {
    this.leaveDataWait();
    this.mode = 'command';
    return this.run();
  }

  /**
   * The TLS handshake after STARTTLS is done (`tlsBoundary: true`): the parser reads the
   * decrypted stream from here, as a new session (RFC 3207 §4.2: the client starts with EHLO).
   */
  tlsStarted(): void {
    this.leaveTlsWait();
    this.mode = 'command';
    this.inAuth = false;
    this.authExpected = false;
  }

  /** The server refused STARTTLS (`tlsBoundary: true`): commands go on in plaintext. */
  rejectStartTls(): SmtpCommandParserEvent[] {
    this.leaveTlsWait();
    this.mode = 'command';
    return this.run();
  }

  private leaveTlsWait(): void {
    if (this.failure) throw this.failure;
    if (this.mode !== 'tls-wait') {
      throw new ParseError({
        protocol: 'smtp',
        code: 'INVALID_STATE',
        message: 'no STARTTLS command is waiting',
      });
    }
  }

  /** Bytes between STARTTLS and the handshake: reported and dropped, never parsed. */
  private refuseBeforeTls(events: SmtpCommandParserEvent[]): void {
    if (this.buffer.length === 0) return;
    const offset = this.buffer.offset;
    const bytes = this.buffer.takeAll();
    this.fail(
      new ParseError({
        protocol: 'smtp',
        code: 'UNEXPECTED_DATA',
        message: 'data after STARTTLS and before the TLS handshake (dropped)',
        offset,
        excerpt: bytes,
      }),
      events,
    );
  }

  /** Manual AUTH mode: the server sent a 334, so the next line is a SASL response. */
  expectAuthResponse(): void {
    this.authExpected = true;
  }

  /** The AUTH exchange is over (the server sent 235 or an error): lines are commands again. */
  endAuth(): void {
    this.inAuth = false;
    this.authExpected = false;
  }

  /** Where the parser is: reading commands, waiting for acceptData/rejectData, or inside a body. */
  get state(): Mode {
    return this.mode;
  }

  end(): SmtpCommandParserEvent[] {
    const events = this.run();
    let message: string | undefined;
    if (this.mode === 'data') message = 'stream ended inside a DATA body';
    else if (this.mode === 'bdat') message = 'stream ended inside a BDAT chunk';
    else if (this.buffer.length > 0 && this.mode === 'command')
      message = 'stream ended inside a command line';
    if (message !== undefined) {
      const err = new ParseError({
        protocol: 'smtp',
        code: 'UNEXPECTED_EOF',
        message,
        offset: this.buffer.offset,
      });
      this.mode = 'command';
      if (this.strict) {
        this.failure = err;
        throw withEventsBefore(err, events);
      }
      events.push(errorEvent(err));
    }
    return events;
  }

  private leaveDataWait(): void {
    if (this.failure) throw this.failure;
    if (this.mode !== 'data-wait') {
      throw new ParseError({
        protocol: 'smtp',
        code: 'INVALID_STATE',
        message: 'no DATA command is waiting for a reply',
      });
    }
  }

  private startBody(): void {
    this.mode = 'data';
    // The body limit is counted here (the rest of an oversized body is skipped, not buffered).
    this.unstuffer = new DotUnstuffer({ protocol: 'smtp', maxSize: Number.MAX_SAFE_INTEGER });
    this.bodySize = 0;
    this.bodyTooLarge = false;
    this.bodyStart = this.buffer.offset;
  }

  private run(): SmtpCommandParserEvent[] {
    const events: SmtpCommandParserEvent[] = [];
    try {
      for (;;) {
        if (this.mode === 'data') {
          if (!this.readDataBody(events)) break;
        } else if (this.mode === 'bdat') {
          if (!this.readBdat(events)) break;
        } else if (this.mode === 'data-wait') {
          break;
        } else if (this.mode === 'tls-wait') {
          this.refuseBeforeTls(events);
          break;
        } else if (!this.readCommandLine(events)) {
          break;
        }
      }
    } catch (err) {
      if (err instanceof ParseError) {
        this.failure = err;
        throw withEventsBefore(err, events);
      }
      throw err;
    }
    return events;
  }

  private fail(err: ParseError, events: SmtpCommandParserEvent[]): void {
    if (this.strict) throw err;
    events.push(errorEvent(err));
  }

  /** One line; false when no complete line is buffered. */
  private readCommandLine(events: SmtpCommandParserEvent[]): boolean {
    if (this.discardingLine) {
      if (!this.buffer.discardLine()) return false;
      this.discardingLine = false;
    }
    let line: ReturnType<ReceiveBuffer['readLine']>;
    try {
      line = this.buffer.readLine();
    } catch (err) {
      if (err instanceof ParseError && err.code === 'LINE_TOO_LONG') {
        this.fail(err, events);
        this.discardingLine = true;
        return true;
      }
      throw err;
    }
    if (line === undefined) return false;
    const { bytes, offset } = line;
    const warnings: WarningEvent[] = [];
    const report = (
      name: string,
      message: string,
      code: ParseErrorCode = 'BAD_SYNTAX',
      at = offset,
    ): void => {
      if (this.strict) throw new ParseError({ protocol: 'smtp', code, message, offset: at, excerpt: bytes });
      warnings.push(warningEvent(name, message, at));
    };
    try {
      if (line.bareLF) {
        // Bare LF line ends: hand-typed sessions (telnet/nc without -C) and some embedded clients.
        report(
          'BARE_LF',
          'command line ended by a bare LF instead of CRLF',
          'BARE_LF',
          offset + bytes.length,
        );
      }
      this.checkLineBytes(bytes, offset, report);
      const text = isValidUtf8(bytes) ? decodeUtf8(bytes) : decodeLatin1(bytes);
      if (this.isAuthResponse(text)) {
        const response: SmtpCommandParserEvent[] = [];
        this.emitAuthResponse(text, bytes, offset, report, response);
        events.push(...warnings, ...response);
        return true;
      }
      let body = text;
      if (body === '') {
        // A user hitting Enter in a telnet session; servers answer 500 and go on.
        report('EMPTY_LINE', 'empty command line');
        events.push(...warnings);
        return true;
      }
      const trimmed = trimEnd(body);
      if (trimmed.length !== body.length) {
        // Trailing spaces: common from scripts and some Windows clients.
        report('TRAILING_SPACE', 'spaces at the end of the command line');
        body = trimmed;
      }
      let command: SmtpCommand;
      try {
        command = parseCommandLine(body, !this.strict, (name, message) => report(name, message));
      } catch (err) {
        // The command-line helpers know no stream position: their errors have none, or one
        // relative to the text they were given (a SIZE value, a base64 initial response).
        // They are placed at the line (where a strict quirk reported from there already is).
        if (err instanceof ParseError) throw locate(err, offset, bytes, true);
        throw err;
      }
      events.push(...warnings);
      events.push({ type: 'command', command, raw: bytes, offset });
      this.afterCommand(command, events, offset + bytes.length + (line.bareLF ? 1 : 2));
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      const located = locate(err, offset, bytes);
      if (this.strict) throw located;
      events.push(...warnings);
      events.push(errorEvent(located));
    }
    return true;
  }

  /** CTLs other than HT, and invalid UTF-8, in a command line. */
  private checkLineBytes(
    bytes: Uint8Array,
    offset: number,
    report: (n: string, m: string, c?: ParseErrorCode, at?: number) => void,
  ): void {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      if (b >= 0x20 && b !== 0x7f) continue;
      if (b === 0x09) continue;
      if (b === 0x0a)
        throw new ParseError({
          protocol: 'smtp',
          code: 'BARE_LF',
          message: 'bare LF inside a command line',
          offset: offset + i,
          excerpt: bytes,
        });
      report(
        'CONTROL_CHARACTER',
        `control character 0x${b.toString(16).padStart(2, '0')} in command line`,
        b === 0x0d ? 'BARE_CR' : 'BAD_SYNTAX',
        offset + i,
      );
      return;
    }
    if (!isValidUtf8(bytes)) {
      // Latin-1 in VRFY/HELP arguments from old European clients; kept in `raw`.
      report('EIGHT_BIT_TEXT', 'command line is not valid UTF-8 (read as Latin-1)', 'BAD_SYNTAX', offset);
    }
  }

  private isAuthResponse(text: string): boolean {
    if (this.authMode === 'manual') {
      if (!this.authExpected) return false;
      this.authExpected = false;
      return true;
    }
    if (!this.inAuth) return false;
    // A SASL response is one base64 word, `*` (cancel) or empty (RFC 4954 §4), or "=" from
    // some clients. A command with arguments always has a space, and a bare verb that
    // happens to be valid base64 (QUIT, DATA, RSET...) is taken as the verb: a mechanism
    // answering with exactly those bytes is not plausible. The first other line ends the
    // exchange (the server may have refused AUTH at once, e.g. 504).
    if (text === '*' || text === '' || text === '=') return true;
    if (BASE64_LINE.test(text) && !KNOWN_VERBS.includes(asciiUpper(text))) return true;
    this.inAuth = false;
    return false;
  }

  private emitAuthResponse(
    text: string,
    raw: Uint8Array,
    offset: number,
    report: (n: string, m: string, c?: ParseErrorCode) => void,
    events: SmtpCommandParserEvent[],
  ): void {
    if (text === '*') {
      this.inAuth = false;
      events.push({ type: 'auth-response', data: new Uint8Array(0), cancelled: true, raw, offset });
      return;
    }
    let data: Uint8Array;
    if (text === '=') {
      // "=" is how an empty initial response is written on the AUTH line; some clients
      // (e.g. older Thunderbird builds) send it as an empty challenge response too.
      report('EQUALS_RESPONSE', '"=" as an empty SASL response');
      data = new Uint8Array(0);
    } else {
      data = text === '' ? new Uint8Array(0) : this.decodeResponse(text, raw, offset);
    }
    events.push({ type: 'auth-response', data, cancelled: false, raw, offset });
  }

  /**
   * A SASL response's bytes. `decodeBase64` reports the index of the bad character in its
   * text: the error is moved to that byte's stream offset.
   */
  private decodeResponse(text: string, raw: Uint8Array, offset: number): Uint8Array {
    const trimmed = text.trim();
    try {
      return decodeBase64(trimmed, 'smtp');
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      const lead = text.length - text.trimStart().length;
      throw locate(err, offset + lead + err.offset, raw, true);
    }
  }

  private afterCommand(command: SmtpCommand, events: SmtpCommandParserEvent[], next: number): void {
    switch (command.verb) {
      case 'DATA':
        if (this.autoData) this.startBody();
        else this.mode = 'data-wait';
        break;
      case 'BDAT':
        this.mode = 'bdat';
        this.bdatRemaining = command.size;
        this.bdatLast = command.last;
        this.bdatDiscard = false;
        this.bodySize = 0;
        if (command.size > this.limits.maxPayloadSize) {
          // The chunk's bytes follow whatever the server answers (RFC 3030 §2): skip them.
          this.bdatDiscard = true;
          this.fail(
            new ParseError({
              protocol: 'smtp',
              code: 'PAYLOAD_TOO_LARGE',
              message: `BDAT chunk of ${command.size} bytes is larger than ${this.limits.maxPayloadSize}`,
              offset: next,
            }),
            events,
          );
        }
        break;
      case 'AUTH':
        this.inAuth = true;
        break;
      case 'STARTTLS':
        if (this.tlsBoundary) this.mode = 'tls-wait';
        break;
      default:
        break;
    }
  }

  private readDataBody(events: SmtpCommandParserEvent[]): boolean {
    const dec = this.unstuffer as DotUnstuffer;
    for (;;) {
      const chunk = this.buffer.peekChunk();
      if (chunk === undefined) return false;
      const chunkOffset = this.buffer.offset;
      const r = dec.push(chunk);
      this.buffer.skip(r.consumed);
      for (let piece of r.data) {
        if (piece.length === 0 || this.bodyTooLarge) continue;
        const room = this.limits.maxPayloadSize - this.bodySize;
        // Deliver exactly up to the limit, then the error, then skip the rest: the same
        // events in the same order whatever the chunking.
        const tooLarge = piece.length > room;
        if (tooLarge) piece = piece.subarray(0, room);
        if (piece.length > 0) {
          this.bodySize += piece.length;
          // A piece that is not a view of this chunk is the CR of a ".\r" the previous chunk
          // ended with (held back until a byte showed it was not ".\r\n"): the byte before it.
          const at =
            piece.buffer === chunk.buffer && piece.byteOffset >= chunk.byteOffset
              ? chunkOffset + piece.byteOffset - chunk.byteOffset
              : chunkOffset - piece.length;
          events.push({ type: 'body-chunk', data: piece, offset: at });
        }
        if (tooLarge) {
          this.bodyTooLarge = true;
          this.fail(
            new ParseError({
              protocol: 'smtp',
              code: 'PAYLOAD_TOO_LARGE',
              message: `DATA body is larger than ${this.limits.maxPayloadSize} bytes (the rest is skipped)`,
              offset: this.bodyStart,
            }),
            events,
          );
        }
      }
      if (r.done) {
        this.mode = 'command';
        this.unstuffer = undefined;
        events.push({
          type: 'body-end',
          kind: 'DATA',
          size: this.bodySize,
          last: true,
          offset: this.buffer.offset,
        });
        return true;
      }
    }
  }

  private readBdat(events: SmtpCommandParserEvent[]): boolean {
    while (this.bdatRemaining > 0) {
      const offset = this.buffer.offset;
      const piece = this.buffer.readChunk(this.bdatRemaining);
      if (piece === undefined) return false;
      this.bdatRemaining -= piece.length;
      if (!this.bdatDiscard) {
        this.bodySize += piece.length;
        events.push({ type: 'body-chunk', data: piece, offset });
      }
    }
    this.mode = 'command';
    events.push({
      type: 'body-end',
      kind: 'BDAT',
      size: this.bodySize,
      last: this.bdatLast,
      offset: this.buffer.offset,
    });
    return true;
  }
}

/**
 * Gives an error raised without a position (from a helper) the offset and bytes of its line.
 * `relative`: whatever position the error has is not a stream offset (an index into the
 * text a helper was given); it is replaced by `offset` too.
 */
function locate(err: ParseError, offset: number, line: Uint8Array, relative = false): ParseError {
  if (err.offset >= 0 && !relative) return err;
  let message = err.message;
  const prefix = `${err.protocol}: `;
  if (message.startsWith(prefix)) message = message.slice(prefix.length);
  const suffix = ` [${err.code}]`;
  if (message.endsWith(suffix)) message = message.slice(0, -suffix.length);
  const near = ` near "${err.excerpt}"`;
  if (err.excerpt !== '' && message.endsWith(near)) message = message.slice(0, -near.length);
  const at = ` at byte ${err.offset}`;
  if (message.endsWith(at)) message = message.slice(0, -at.length);
  return new ParseError({ protocol: 'smtp', code: err.code, message, offset, excerpt: line, cause: err });
}

/** `text` without trailing SP/HT; a plain loop (a `/[ \t]+$/` regex is quadratic on long runs of spaces). */
function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--;
  return end === text.length ? text : text.slice(0, end);
}
