import {
  asciiUpper,
  decodeBase64,
  decodeLatin1,
  type ErrorEvent,
  errorEvent,
  type Limits,
  type Line,
  ParseError,
  type ParseErrorCode,
  ReceiveBuffer,
  resolveLimits,
  type WarningEvent,
  warningEvent,
  withEventsBefore,
} from '@mailwire/core';
import { DEFAULT_COMMAND_LIMITS, KNOWN_COMMANDS, type Pop3CommandLimits } from './command-limits';
import { POP3_DEFAULT_LIMITS } from './limits';
import type { QuirkSink } from './quirks';
import { checkLineText } from './status-line';
import { decodeProtocolText } from './text-decoding';
import { splitTokens, type Token } from './tokens';
import type { Pop3Command } from './types';

/** A command line from the client. */
export interface Pop3CommandEvent {
  type: 'command';
  command: Pop3Command;
  /** The line as sent, without its line end. */
  raw: Uint8Array;
  offset: number;
}

/** A client line inside an AUTH exchange (RFC 5034 §4): base64 data, or "*" to cancel. */
export interface Pop3AuthResponseEvent {
  type: 'authResponse';
  cancel: boolean;
  /** The decoded response (empty for an empty line or a cancel). */
  data: Uint8Array;
  text: string;
  offset: number;
}

export type Pop3CommandParserEvent = Pop3CommandEvent | Pop3AuthResponseEvent | WarningEvent | ErrorEvent;

export interface Pop3CommandParserOptions {
  strict?: boolean;
  /** `maxLineLength` bounds what is buffered for one line (default 64 KiB). */
  limits?: Partial<Limits>;
  /** RFC 2449 §4 limits; going past them is a quirk (warning in lenient mode). */
  commandLimits?: Partial<Pop3CommandLimits>;
}

const HEX32 = /^[0-9a-fA-F]{32}$/;

/**
 * Incremental parser of what a POP3 client sends. Keywords are case-insensitive (RFC 1939
 * §3) and come out upper-cased; unknown keywords become `{ name: 'OTHER' }`.
 *
 * AUTH exchanges: after `AUTH mechanism` the client's next lines are SASL responses, not
 * commands, and only the server's answer (which this parser does not see) says when the
 * exchange ends. So the parser treats lines as `authResponse` until one starts with a
 * known command keyword; a server that knows better calls `endAuthExchange()`.
 */
export class Pop3CommandParser implements QuirkSink {
  readonly strict: boolean;
  private readonly limits: Limits;
  private readonly commandLimits: Pop3CommandLimits;
  private readonly buf: ReceiveBuffer;
  private inAuth = false;
  private discarding = false;
  private failure: ParseError | undefined;
  private out: Pop3CommandParserEvent[] = [];

  constructor(options: Pop3CommandParserOptions = {}) {
    this.strict = options.strict ?? false;
    this.limits = resolveLimits(POP3_DEFAULT_LIMITS, options.limits);
    this.commandLimits = { ...DEFAULT_COMMAND_LIMITS, ...options.commandLimits };
    this.buf = new ReceiveBuffer({
      maxLineLength: this.limits.maxLineLength,
      allowBareLF: !this.strict,
      protocol: 'pop3',
    });
  }

  /** True while lines are read as AUTH responses. */
  get authExchange(): boolean {
    return this.inAuth;
  }

  /** The server answered the AUTH exchange: the next line is a command again. */
  endAuthExchange(): void {
    this.inAuth = false;
  }

  push(chunk: Uint8Array): Pop3CommandParserEvent[] {
    if (this.failure) throw this.failure;
    this.buf.push(chunk);
    for (;;) {
      try {
        if (this.discarding) {
          if (!this.buf.discardLine()) break;
          this.discarding = false;
        }
        const line = this.buf.readLine();
        if (!line) break;
        this.onLine(line);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        if (this.strict) {
          this.failure = e;
          throw withEventsBefore(e, this.flush());
        }
        this.out.push(errorEvent(e));
        if (e.code === 'LINE_TOO_LONG') this.discarding = true;
      }
    }
    return this.flush();
  }

  end(): Pop3CommandParserEvent[] {
    if (this.failure) throw this.failure;
    if (this.buf.length > 0 && !this.discarding) {
      const e = new ParseError({
        protocol: 'pop3',
        code: 'UNEXPECTED_EOF',
        message: 'stream ended inside a command line',
        offset: this.buf.offset,
      });
      if (this.strict) {
        this.failure = e;
        throw withEventsBefore(e, this.flush());
      }
      this.out.push(errorEvent(e));
    }
    return this.flush();
  }

  quirk(code: string, message: string, offset: number, errorCode: ParseErrorCode = 'BAD_SYNTAX'): void {
    if (this.strict) {
      throw new ParseError({ protocol: 'pop3', code: errorCode, message: `${message} [${code}]`, offset });
    }
    this.out.push(warningEvent(code, message, offset));
  }

  private flush(): Pop3CommandParserEvent[] {
    const events = this.out;
    this.out = [];
    return events;
  }

  private onLine(line: Line): void {
    const bytes = line.bytes;
    if (line.bareLF) this.quirk('BARE_LF', 'command line ended by a bare LF', line.offset, 'BARE_LF');
    checkLineText(bytes, line.offset, true, this);
    if (this.inAuth && !startsWithKnownKeyword(bytes)) {
      this.onAuthResponse(line);
      return;
    }
    this.inAuth = false;
    const command = parseCommandLine(bytes, line.offset, this, this.commandLimits);
    if (command.name === 'AUTH' && command.mechanism !== undefined) this.inAuth = true;
    this.out.push({ type: 'command', command, raw: bytes, offset: line.offset });
  }

  private onAuthResponse(line: Line): void {
    const text = decodeLatin1(line.bytes);
    if (text === '*') {
      this.inAuth = false;
      this.out.push({
        type: 'authResponse',
        cancel: true,
        data: new Uint8Array(0),
        text,
        offset: line.offset,
      });
      return;
    }
    const data = text.length === 0 ? new Uint8Array(0) : decodeBase64(text, 'pop3');
    this.out.push({ type: 'authResponse', cancel: false, data, text, offset: line.offset });
  }
}

/** True if the line starts with a known keyword followed by SP or the end of the line. */
function startsWithKnownKeyword(bytes: Uint8Array): boolean {
  let end = bytes.indexOf(0x20);
  if (end < 0) end = bytes.length;
  if (end < 3 || end > 4) return false;
  return KNOWN_COMMANDS.includes(asciiUpper(decodeLatin1(bytes.subarray(0, end))));
}

function syntax(message: string, offset: number, bytes: Uint8Array): ParseError {
  return new ParseError({ protocol: 'pop3', code: 'BAD_SYNTAX', message, offset, excerpt: bytes });
}

/**
 * Parses one command line (without its line end). `offset` is the stream offset of
 * `bytes[0]`. Throws `ParseError` for lines that cannot be a command; reports limit and
 * spacing quirks through `sink`.
 */
export function parseCommandLine(
  bytes: Uint8Array,
  offset: number,
  sink: QuirkSink,
  limits: Pop3CommandLimits = DEFAULT_COMMAND_LIMITS,
): Pop3Command {
  if (bytes.length + 2 > limits.maxCommandLength) {
    sink.quirk('COMMAND_TOO_LONG', `command line longer than ${limits.maxCommandLength} octets`, offset);
  }
  let kwEnd = bytes.indexOf(0x20);
  if (kwEnd < 0) kwEnd = bytes.length;
  if (kwEnd === 0) throw syntax('command line does not start with a keyword', offset, bytes);
  const keyword = asciiUpper(decodeLatin1(bytes.subarray(0, kwEnd)));
  const rest = kwEnd < bytes.length ? bytes.subarray(kwEnd + 1) : new Uint8Array(0);
  const restOffset = offset + kwEnd + 1;
  const text = (t: Token) => decodeProtocolText(rest.subarray(t.start, t.end));
  const number = (t: Token, min: number): number => {
    const s = rest.subarray(t.start, t.end);
    if (s.length === 0 || s.some((b) => b < 0x30 || b > 0x39)) {
      throw new ParseError({
        protocol: 'pop3',
        code: 'BAD_NUMBER',
        message: `${keyword}: argument is not a number`,
        offset: restOffset + t.start,
        excerpt: bytes,
      });
    }
    const n = Number(decodeLatin1(s));
    if (!Number.isSafeInteger(n)) {
      throw new ParseError({
        protocol: 'pop3',
        code: 'NUMBER_OVERFLOW',
        message: `${keyword}: number too large`,
        offset: restOffset + t.start,
        excerpt: bytes,
      });
    }
    if (n < min) {
      throw new ParseError({
        protocol: 'pop3',
        code: 'BAD_NUMBER',
        message: `${keyword}: message numbers start at 1`,
        offset: restOffset + t.start,
        excerpt: bytes,
      });
    }
    return n;
  };
  const checkLength = (t: Token) => {
    if (t.end - t.start > limits.maxArgumentLength) {
      sink.quirk(
        'ARGUMENT_TOO_LONG',
        `argument longer than ${limits.maxArgumentLength} octets (RFC 2449 §4)`,
        restOffset + t.start,
      );
    }
  };
  // PASS takes the rest of the line, spaces included (RFC 1939 §7).
  if (keyword === 'PASS') {
    if (rest.length === 0) throw syntax('PASS needs a password', offset, bytes);
    checkLength({ start: 0, end: rest.length });
    return { name: 'PASS', password: decodeProtocolText(rest) };
  }
  // "LIST " (keyword, SP, nothing): a trailing space, the same quirk as in "LIST 1 " (RFC 1939 §3).
  if (kwEnd === bytes.length - 1) {
    sink.quirk('EXTRA_SPACE', 'trailing space after the keyword', offset + kwEnd);
  }
  const args = kwEnd < bytes.length ? splitTokens(rest, restOffset, sink) : [];
  const count = (min: number, max: number) => {
    if (args.length < min) throw syntax(`${keyword} needs ${min} argument(s)`, offset, bytes);
    if (args.length > max) {
      sink.quirk('EXTRA_ARGUMENTS', `${keyword} takes at most ${max} argument(s); extra ignored`, offset);
    }
  };
  const a0 = args[0];
  const a1 = args[1];
  if (keyword.length < 3 || keyword.length > 4) {
    sink.quirk('KEYWORD_LENGTH', 'command keywords are 3 or 4 characters (RFC 2449 §4)', offset);
  }
  const isAuth = keyword === 'AUTH';
  args.forEach((t, i) => {
    if (!(isAuth && i === 1)) checkLength(t);
  });
  switch (keyword) {
    case 'USER':
      count(1, 1);
      return { name: 'USER', user: text(a0 as Token) };
    case 'APOP': {
      count(2, 2);
      const digest = text(a1 as Token);
      if (!HEX32.test(digest)) throw syntax('APOP digest must be 32 hex digits', offset, bytes);
      return { name: 'APOP', user: text(a0 as Token), digest };
    }
    case 'AUTH':
      count(0, 2);
      if (!a0) return { name: 'AUTH' };
      return a1
        ? { name: 'AUTH', mechanism: asciiUpper(text(a0)), initialResponse: text(a1) }
        : { name: 'AUTH', mechanism: asciiUpper(text(a0)) };
    case 'STAT':
    case 'NOOP':
    case 'RSET':
    case 'QUIT':
    case 'CAPA':
    case 'STLS':
    case 'UTF8':
      count(0, 0);
      return { name: keyword };
    case 'LIST':
    case 'UIDL':
      count(0, 1);
      return a0 ? { name: keyword, msg: number(a0, 1) } : { name: keyword };
    case 'RETR':
    case 'DELE':
      count(1, 1);
      return { name: keyword, msg: number(a0 as Token, 1) };
    case 'TOP':
      count(2, 2);
      return { name: 'TOP', msg: number(a0 as Token, 1), lines: number(a1 as Token, 0) };
    case 'LANG':
      count(0, 1);
      return a0 ? { name: 'LANG', lang: text(a0) } : { name: 'LANG' };
    default:
      return { name: 'OTHER', keyword, args: args.map(text) };
  }
}
