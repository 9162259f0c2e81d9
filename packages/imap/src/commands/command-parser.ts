/**
 * The server side: client bytes -> typed commands (RFC 3501 §2.2.1, §6; RFC 9051).
 *
 * Framing happens below the grammar, as for responses: a command is a line, or a line ending
 * in a literal announcement (`{n}`, `{n+}` RFC 7888, `~{n}` RFC 3516), the n literal bytes and
 * a further line, repeated. So a command the grammar rejects is reported (with its tag) and
 * skipped while the stream stays in sync, and limits are checked before anything is
 * buffered: a line as soon as it passes `maxLineLength`, a literal at its announcement
 * (`maxLiteralSize`, and `maxPayloadSize` for the whole command).
 *
 * Besides commands, the client sends lines that are not commands; the parser tracks them:
 * - a synchronizing literal announcement yields `continuation-needed`: the server must now
 *   send `+` (or a tagged NO/BAD, and the client will not send the literal);
 * - after `IDLE`, the next line must be `DONE` (RFC 2177): a `done` event;
 *   `cancelIdle()` if the server refused the IDLE;
 * - after `AUTHENTICATE`, every line is a response to a challenge (RFC 3501 §6.2.2), an
 *   `authenticate-response` event, until the caller, which knows when the SASL exchange is
 *   over, calls `authenticateDone()` (a `*` line cancels and ends it by itself);
 * - after `STARTTLS`, no byte may arrive before the TLS handshake (command injection,
 *   CVE-2011-0411 class): such bytes are an UNEXPECTED_DATA error and are dropped until
 *   `resumeAfterStarttls()`.
 *
 * Work is linear: each byte is looked at once (`indexOf` for LF), literals are counted, not
 * scanned, and the bytes of one command are joined once into its `raw`, of which the typed
 * command's byte values are views.
 */
import {
  concatBytes,
  DEFAULT_LIMITS,
  type ErrorEvent,
  errorEvent,
  isParseError,
  type Limits,
  ParseError,
  type ParseErrorCode,
  resolveLimits,
  type WarningEvent,
  warningEvent,
  withEventsBefore,
} from '@mailwire/core';
import { TAG } from '../lexer/char-classes';
import { readCommand } from './command-grammar';
import { CommandReader, type FramedCommand } from './command-reader';
import { LITERAL_MINUS_MAX } from './fragment-writer';
import type { ImapCommand } from './types';

export type ImapCommandEvent =
  | { type: 'command'; command: ImapCommand; raw: Uint8Array }
  /** A synchronizing literal was announced: the server must answer `+` (or refuse the command). */
  | { type: 'continuation-needed'; tag: string | undefined; size: number; offset: number }
  /** The `DONE` that ends IDLE (RFC 2177). */
  | { type: 'done'; raw: Uint8Array }
  /** A client line during AUTHENTICATE: base64 text (`data`), or `*` (`cancelled`). */
  | { type: 'authenticate-response'; tag: string; data: Uint8Array; cancelled: boolean }
  | WarningEvent
  | ErrorEvent;

/**
 * Command limits: literals are buffered here (a command is delivered whole), so unlike
 * responses the literal size is bounded by default. `maxPayloadSize` bounds a whole command.
 */
export const IMAP_COMMAND_DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  ...DEFAULT_LIMITS,
  maxLiteralSize: 64 * 1024 * 1024,
  maxPayloadSize: 64 * 1024 * 1024,
});

export interface ImapCommandParserOptions {
  /** Throw on the first error instead of reporting it and resynchronising. Default false. */
  strict?: boolean;
  limits?: Partial<Limits>;
  /** UTF8=ACCEPT is enabled (RFC 6855): mailbox names are UTF-8, not modified UTF-7. */
  utf8Accept?: boolean;
  /**
   * The server announces LITERAL- rather than LITERAL+ (RFC 7888 §4): a non-synchronizing
   * literal over 4096 bytes is refused (LITERAL_TOO_LARGE) and skipped by count.
   */
  literalMinus?: boolean;
}

export type ImapCommandParserMode = 'command' | 'idle' | 'authenticate' | 'starttls';

const LF = 0x0a;
const CR = 0x0d;
const EMPTY = new Uint8Array(0);

const enum State {
  Line = 0,
  Literal = 1,
  SkipLine = 2,
}

interface Announcement {
  /** Index in the line where `{` or `~` starts. */
  at: number;
  size: number;
  binary: boolean;
  synchronizing: boolean;
}

/** Where a literal's bytes sit in a pending command (`end` set once they are all read). */
interface LiteralRecord {
  start: number;
  end: number;
  binary: boolean;
  synchronizing: boolean;
}

interface PendingCommand {
  pieces: Uint8Array[];
  size: number;
  lines: Array<{ start: number; end: number; offset: number }>;
  literals: LiteralRecord[];
  tag: string | undefined;
  /** An error was reported: the rest of the command is framed but not kept. */
  discard: boolean;
}

/** `{123}`, `{123+}`, `~{123}` at the end of a line (RFC 3501 §9 literal, RFC 7888, RFC 3516). */
function findAnnouncement(line: Uint8Array, end: number): Announcement | null {
  let i = end - 1;
  if (i < 2 || line[i] !== 0x7d) return null;
  i--;
  const plus = line[i] === 0x2b;
  if (plus) i--;
  const digitsEnd = i + 1;
  while (i >= 0 && (line[i] as number) >= 0x30 && (line[i] as number) <= 0x39) i--;
  if (i === digitsEnd - 1 || i < 0 || line[i] !== 0x7b) return null;
  let size = 0;
  for (let k = i + 1; k < digitsEnd; k++) size = size * 10 + ((line[k] as number) - 0x30);
  // leading zeros are legal (RFC 3501 §9 number = 1*DIGIT): the value decides, not the digit
  // count; above 2^53 - 1 the sum is not exact, so it is taken as too large to represent
  if (size > Number.MAX_SAFE_INTEGER) size = Number.POSITIVE_INFINITY;
  const binary = i > 0 && line[i - 1] === 0x7e;
  return { at: binary ? i - 1 : i, size, binary, synchronizing: !plus };
}

/**
 * Follows the bytes of a line being skipped (over maxLineLength) for a LITERAL+ announcement
 * (RFC 7888 `{n+}`, or `~{n+}`) at its very end, before at most one CR, in constant memory
 * however the line is chunked and however many leading zeros the count has (RFC 3501 §9:
 * number = 1*DIGIT). Only such a literal follows a refused line: a synchronizing one waits
 * for a continuation that is not sent.
 */
class LiteralPlusTracker {
  /** 0 none, 1 after `{`, 2 in the digits, 3 after `+`, 4 after `}`, 5 after `}` CR. */
  private phase = 0;
  private size = 0;

  reset(): void {
    this.phase = 0;
  }

  push(bytes: Uint8Array): void {
    const n = bytes.length;
    for (let k = 0; k < n; k++) {
      if (this.phase === 0) {
        // no candidate: only the last `{` of these bytes can start one that reaches their end
        const brace = bytes.lastIndexOf(0x7b);
        if (brace < k) return;
        k = brace;
      }
      const c = bytes[k] as number;
      const phase = this.phase;
      if (c === 0x7b) {
        this.phase = 1;
        this.size = 0;
      } else if (c >= 0x30 && c <= 0x39 && (phase === 1 || phase === 2)) {
        this.phase = 2;
        // above 2^53 - 1 the sum is not exact: taken as too large to represent
        this.size = this.size * 10 + (c - 0x30);
        if (this.size > Number.MAX_SAFE_INTEGER) this.size = Number.POSITIVE_INFINITY;
      } else if (c === 0x2b && phase === 2) {
        this.phase = 3;
      } else if (c === 0x7d && phase === 3) {
        this.phase = 4;
      } else if (c === CR && phase === 4) {
        this.phase = 5;
      } else {
        this.phase = 0;
      }
    }
  }

  /**
   * The size the line's LITERAL+ announcement gave; Infinity if the line did not end with
   * one (or its count cannot be represented): nothing to count off.
   */
  result(): number {
    return this.phase >= 4 ? this.size : Number.POSITIVE_INFINITY;
  }
}

/** The tag at the start of a line, if there is one. */
export function commandTagOf(line: Uint8Array): string | undefined {
  let i = 0;
  while (i < line.length && TAG[line[i] as number] === 1) i++;
  if (i === 0 || i === line.length || line[i] !== 0x20) return undefined;
  let s = '';
  for (let k = 0; k < i; k++) s += String.fromCharCode(line[k] as number);
  return s;
}

export class ImapCommandParser {
  private readonly strict: boolean;
  private readonly limits: Limits;
  private utf8Accept: boolean;
  private readonly literalMinus: boolean;
  private events: ImapCommandEvent[] = [];
  private failed: ParseError | null = null;

  private state: State = State.Line;
  private currentMode: ImapCommandParserMode = 'command';
  private authTag = '';
  private idleTag = '';
  private pos = 0;

  private pieces: Uint8Array[] = [];
  private pieceLength = 0;
  private lineOffset = 0;
  /** The announcement at the end of a line being skipped. */
  private readonly skipped = new LiteralPlusTracker();

  private cmd: PendingCommand | null = null;
  private literalRemaining = 0;
  private literal: LiteralRecord | null = null;

  constructor(options: ImapCommandParserOptions = {}) {
    this.strict = options.strict ?? false;
    this.limits = resolveLimits(IMAP_COMMAND_DEFAULT_LIMITS, options.limits);
    this.utf8Accept = options.utf8Accept ?? false;
    this.literalMinus = options.literalMinus ?? false;
  }

  /** What the next line is taken for. */
  get mode(): ImapCommandParserMode {
    return this.currentMode;
  }

  /** Stream offset of the next byte. */
  get offset(): number {
    return this.pos;
  }

  /** After `ENABLE UTF8=ACCEPT` succeeded (RFC 6855 §3): mailbox names are UTF-8 from now on. */
  setUtf8Accept(on: boolean): void {
    this.utf8Accept = on;
  }

  /** The SASL exchange started by AUTHENTICATE is over: lines are commands again. */
  authenticateDone(): void {
    if (this.currentMode === 'authenticate') this.currentMode = 'command';
  }

  /** The server refused the IDLE (tagged NO/BAD): no DONE will come. */
  cancelIdle(): void {
    if (this.currentMode === 'idle') this.currentMode = 'command';
  }

  /** After the TLS handshake (or after refusing STARTTLS): parse commands again. */
  resumeAfterStarttls(): void {
    if (this.currentMode === 'starttls') this.currentMode = 'command';
  }

  push(chunk: Uint8Array): ImapCommandEvent[] {
    if (this.failed !== null) throw this.failed;
    this.events = [];
    try {
      this.feed(chunk);
    } catch (e) {
      if (isParseError(e)) {
        this.failed = e;
        throw withEventsBefore(e, this.events);
      }
      throw e;
    }
    return this.events;
  }

  end(): ImapCommandEvent[] {
    if (this.failed !== null) throw this.failed;
    this.events = [];
    if (this.cmd !== null || this.pieceLength > 0 || this.state !== State.Line) {
      const tag = this.cmd?.tag ?? commandTagOf(concatBytes(this.pieces));
      // a skipped line or discarded command has had its error already
      const wasDiscarding = this.cmd?.discard === true || this.state === State.SkipLine;
      this.cmd = null;
      this.pieces = [];
      this.pieceLength = 0;
      this.state = State.Line;
      if (!wasDiscarding) {
        try {
          this.error('UNEXPECTED_EOF', 'the stream ended inside a command', this.pos, EMPTY, tag);
        } catch (e) {
          if (isParseError(e)) {
            this.failed = e;
            throw withEventsBefore(e, this.events);
          }
          throw e;
        }
      }
    }
    return this.events;
  }

  private error(
    code: ParseErrorCode,
    message: string,
    offset: number,
    excerpt: Uint8Array,
    tag?: string,
  ): void {
    this.report(
      new ParseError({
        protocol: 'imap',
        code,
        message,
        offset,
        excerpt,
        ...(tag === undefined ? {} : { tag }),
      }),
    );
  }

  private report(e: ParseError): void {
    if (this.strict) throw e;
    this.events.push(errorEvent(e));
  }

  private warn(code: string, message: string, offset: number): void {
    this.events.push(warningEvent(code, message, offset));
  }

  private feed(chunk: Uint8Array): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.currentMode === 'starttls' && this.state === State.Line && this.cmd === null) {
        this.error(
          'UNEXPECTED_DATA',
          'data after STARTTLS before the TLS handshake (possible command injection)',
          this.pos,
          chunk.subarray(i, i + 40),
        );
        this.pos += n - i;
        return;
      }
      if (this.state === State.Literal) {
        const take = Math.min(this.literalRemaining, n - i);
        const cmd = this.cmd as PendingCommand;
        if (!cmd.discard) {
          cmd.pieces.push(chunk.subarray(i, i + take));
          cmd.size += take;
        }
        this.literalRemaining -= take;
        this.pos += take;
        i += take;
        if (this.literalRemaining === 0) this.literalEnd();
        continue;
      }
      const lf = chunk.indexOf(LF, i);
      if (this.state === State.SkipLine) {
        const stop = lf < 0 ? n : lf;
        this.skipped.push(chunk.subarray(i, stop));
        this.pos += stop - i;
        if (lf < 0) return;
        this.pos += 1;
        i = lf + 1;
        this.state = State.Line;
        this.afterSkippedLine();
        continue;
      }
      const stop = lf < 0 ? n : lf;
      if (this.pieceLength + (stop - i) > this.limits.maxLineLength + 1) {
        this.lineTooLong(chunk.subarray(i, stop));
        continue;
      }
      if (this.pieceLength === 0) this.lineOffset = this.pos;
      if (lf < 0) {
        this.pieces.push(i === 0 ? chunk : chunk.subarray(i));
        this.pieceLength += n - i;
        this.pos += n - i;
        return;
      }
      this.pieces.push(chunk.subarray(i, lf + 1));
      this.pos += lf + 1 - i;
      i = lf + 1;
      const line = concatBytes(this.pieces);
      this.pieces = [];
      this.pieceLength = 0;
      this.onLine(line, this.lineOffset);
    }
  }

  /** The line being read passed maxLineLength: report, then skip to its LF. */
  private lineTooLong(rest: Uint8Array): void {
    // At least maxLineLength + 2 bytes of the line are here, however it was chunked: the
    // excerpt and tag come from a prefix of that, so they do not depend on the chunking.
    const head = concatBytes([...this.pieces, rest]).subarray(
      0,
      Math.min(this.limits.maxLineLength + 2, 256),
    );
    const first = head.subarray(0, this.excerptLength());
    const tag = this.cmd?.tag ?? commandTagOf(head);
    this.skipped.reset();
    for (const p of this.pieces) this.skipped.push(p);
    const offset = this.pieceLength > 0 ? this.lineOffset : this.pos;
    this.pieces = [];
    this.pieceLength = 0;
    this.state = State.SkipLine;
    if (this.cmd === null && this.currentMode !== 'command') this.currentMode = 'command';
    else if (this.cmd === null) this.cmd = newCommand(tag);
    const wasDiscarding = this.cmd?.discard === true;
    if (this.cmd !== null) this.cmd.discard = true;
    if (!wasDiscarding) {
      this.error('LINE_TOO_LONG', `line longer than ${this.limits.maxLineLength} bytes`, offset, first, tag);
    }
  }

  private excerptLength(): number {
    return Math.min(40, this.limits.maxLineLength + 1);
  }

  /** A too long line ended: it may have announced a literal that the client sends anyway. */
  private afterSkippedLine(): void {
    const cmd = this.cmd;
    const size = this.skipped.result();
    this.skipped.reset();
    if (cmd === null) return;
    if (Number.isFinite(size)) {
      // the command is discarded: whether the literal is binary or synchronizing is not used
      this.startLiteral({ at: 0, size, binary: false, synchronizing: false });
      return;
    }
    this.cmd = null;
  }

  private startLiteral(ann: Announcement): void {
    const cmd = this.cmd as PendingCommand;
    this.literal = { start: cmd.size, end: -1, binary: ann.binary, synchronizing: ann.synchronizing };
    this.literalRemaining = ann.size;
    this.state = State.Literal;
    if (ann.size === 0) this.literalEnd();
  }

  private literalEnd(): void {
    const cmd = this.cmd as PendingCommand;
    const lit = this.literal as LiteralRecord;
    lit.end = cmd.size;
    if (!cmd.discard) cmd.literals.push(lit);
    this.literal = null;
    this.state = State.Line;
  }

  private onLine(line: Uint8Array, offset: number): void {
    let end = line.length - 1;
    if (end > 0 && line[end - 1] === CR) {
      end--;
    } else {
      // Lenient: a bare LF line end (hand-typed sessions, some scripted clients).
      if (this.strict) {
        this.error('BARE_LF', 'line ended by LF without CR', offset + end, line.subarray(0, 40));
      }
      this.warn('BARE_LF', 'line ended by LF without CR', offset + end);
    }
    if (end > this.limits.maxLineLength) {
      const tag = this.cmd?.tag ?? commandTagOf(line);
      if (this.cmd === null) this.cmd = newCommand(tag);
      if (!this.cmd.discard) {
        const excerpt = line.subarray(0, this.excerptLength());
        this.error(
          'LINE_TOO_LONG',
          `line longer than ${this.limits.maxLineLength} bytes`,
          offset,
          excerpt,
          tag,
        );
      }
      this.cmd.discard = true;
      this.skipped.reset();
      this.skipped.push(line.subarray(0, end));
      this.afterSkippedLine();
      return;
    }
    if (this.cmd === null) {
      if (this.currentMode === 'idle') {
        this.currentMode = 'command';
        if (end === 4 && /^DONE$/i.test(String.fromCharCode(...line.subarray(0, 4)))) {
          this.events.push({ type: 'done', raw: line });
        } else {
          this.error('BAD_SYNTAX', 'expected DONE to end IDLE', offset, line, this.idleTag);
        }
        return;
      }
      if (this.currentMode === 'authenticate') {
        const data = line.subarray(0, end);
        const cancelled = end === 1 && line[0] === 0x2a;
        if (cancelled) this.currentMode = 'command';
        this.events.push({ type: 'authenticate-response', tag: this.authTag, data, cancelled });
        return;
      }
      this.cmd = newCommand(commandTagOf(line));
    }
    const cmd = this.cmd;
    const ann = findAnnouncement(line, end);
    if (!cmd.discard) {
      const start = cmd.size;
      cmd.pieces.push(line);
      cmd.size += line.length;
      cmd.lines.push({ start, end: start + (ann === null ? end : ann.at), offset });
      if (cmd.size > this.limits.maxPayloadSize) {
        this.error(
          'PAYLOAD_TOO_LARGE',
          `command larger than ${this.limits.maxPayloadSize} bytes`,
          offset,
          line,
          cmd.tag,
        );
        cmd.discard = true;
      }
    }
    if (ann === null) {
      this.cmd = null;
      if (!cmd.discard) this.complete(cmd);
      return;
    }
    if (!cmd.discard) {
      if (ann.size > this.limits.maxLiteralSize) {
        this.error(
          'LITERAL_TOO_LARGE',
          `literal of ${Number.isFinite(ann.size) ? ann.size : 'over 2^53 - 1'} bytes announced, more than ${this.limits.maxLiteralSize}`,
          offset + ann.at,
          line.subarray(ann.at, end),
          cmd.tag,
        );
        cmd.discard = true;
      } else if (this.literalMinus && !ann.synchronizing && ann.size > LITERAL_MINUS_MAX) {
        this.error(
          'LITERAL_TOO_LARGE',
          `non-synchronizing literal of ${ann.size} bytes: LITERAL- allows at most ${LITERAL_MINUS_MAX} (RFC 7888 §4)`,
          offset + ann.at,
          line.subarray(ann.at, end),
          cmd.tag,
        );
        cmd.discard = true;
      } else if (cmd.size + ann.size > this.limits.maxPayloadSize) {
        this.error(
          'PAYLOAD_TOO_LARGE',
          `command with a ${ann.size} byte literal passes ${this.limits.maxPayloadSize} bytes`,
          offset + ann.at,
          line.subarray(ann.at, end),
          cmd.tag,
        );
        cmd.discard = true;
      }
    }
    if (cmd.discard) {
      // A synchronizing literal is not sent until the server says `+`, which it won't now;
      // a non-synchronizing one comes anyway and is skipped (RFC 7888 §4).
      if (ann.synchronizing || !Number.isFinite(ann.size)) {
        this.cmd = null;
        return;
      }
      this.startLiteral(ann);
      return;
    }
    if (ann.synchronizing) {
      this.events.push({
        type: 'continuation-needed',
        tag: cmd.tag,
        size: ann.size,
        offset: offset + ann.at,
      });
    }
    this.startLiteral(ann);
  }

  private complete(cmd: PendingCommand): void {
    const raw = concatBytes(cmd.pieces);
    const frame: FramedCommand = {
      lines: cmd.lines.map((l) => raw.subarray(l.start, l.end)),
      offsets: cmd.lines.map((l) => l.offset),
      literals: cmd.literals.map((l) => ({
        bytes: raw.subarray(l.start, l.end),
        binary: l.binary,
        synchronizing: l.synchronizing,
      })),
    };
    const reader = new CommandReader(frame, {
      strict: this.strict,
      utf8Accept: this.utf8Accept,
      maxNestingDepth: this.limits.maxNestingDepth,
      maxListItems: this.limits.maxListItems,
      tag: cmd.tag,
      warn: (code, message, offset) => this.warn(code, message, offset),
    });
    let command: ImapCommand;
    try {
      command = readCommand(reader);
    } catch (e) {
      if (!isParseError(e)) throw e;
      this.report(e);
      return;
    }
    this.events.push({ type: 'command', command, raw });
    if (command.name === 'IDLE') {
      this.currentMode = 'idle';
      this.idleTag = command.tag;
    } else if (command.name === 'AUTHENTICATE') {
      this.currentMode = 'authenticate';
      this.authTag = command.tag;
    } else if (command.name === 'STARTTLS') {
      this.currentMode = 'starttls';
    }
  }
}

function newCommand(tag: string | undefined): PendingCommand {
  return { pieces: [], size: 0, lines: [], literals: [], tag, discard: false };
}
