import {
  decodeLatin1,
  decodeUtf8,
  errorEvent,
  isValidUtf8,
  type Limits,
  ParseError,
  type ParseErrorCode,
  ReceiveBuffer,
  resolveLimits,
  warningEvent,
  withEventsBefore,
} from '@mailwire/core';
import { parseEnhancedStatus } from './enhanced-status';
import { SMTP_REPLY_LIMITS } from './limits';
import type { SmtpReply, SmtpReplyParserEvent } from './reply';

export interface SmtpReplyParserOptions {
  /** Throw on the first quirk or error instead of reporting it as an event (default false). */
  strict?: boolean;
  /** Defaults: `SMTP_REPLY_LIMITS` (512-byte lines, 256 lines and 64 KiB per reply). */
  limits?: Partial<Limits>;
  /**
   * The server advertised ENHANCEDSTATUSCODES (RFC 2034): read an enhanced status code
   * at the start of every reply, even one whose class disagrees with the reply code.
   * Without it, a code is read only when it clearly is one (its class matches). Settable later.
   */
  enhancedStatusCodes?: boolean;
  /** SMTPUTF8 is in effect (RFC 6531 §3.7.4): UTF-8 reply text is not a quirk. Settable later. */
  utf8?: boolean;
}

const SP = 0x20;
const DASH = 0x2d;
const LF = 0x0a;
const CR = 0x0d;
/** Longest text decoded by the inline ASCII path (longer text goes through TextDecoder). */
const ASCII_FAST_MAX = 256;
/** `asciiScratch[n]`: a reusable array of n char codes (filled per line, never kept). */
const asciiScratch: (number[] | undefined)[] = [];

/**
 * Incremental parser of server replies (RFC 5321 §4.2):
 *
 *   Reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF
 *
 * `push()` returns the events caused by the chunk: one `reply` event per complete
 * reply, `warning` events for accepted quirks and, in lenient mode, `error` events after
 * which the parser skips to the start of the next reply. Any split of the input into
 * chunks gives the same events.
 */
export class SmtpReplyParser {
  enhancedStatusCodes: boolean;
  utf8: boolean;
  readonly strict: boolean;
  readonly limits: Limits;
  private readonly buffer: ReceiveBuffer;
  /** The reply being read (built in its final shape, emitted when its last line arrives). */
  private pending: SmtpReply | undefined;
  /** After an error inside a multi-line reply: drop lines up to the reply's last line. */
  private skippingReply = false;
  /** After a line passed the length limit: drop bytes up to the next LF. */
  private discardingLine = false;
  private failure: ParseError | undefined;

  constructor(options: SmtpReplyParserOptions = {}) {
    this.strict = options.strict ?? false;
    this.limits = resolveLimits(SMTP_REPLY_LIMITS, options.limits);
    this.enhancedStatusCodes = options.enhancedStatusCodes ?? false;
    this.utf8 = options.utf8 ?? false;
    this.buffer = new ReceiveBuffer({
      maxLineLength: this.limits.maxLineLength,
      // Lenient: a lone LF ends a line (reported as a warning); strict: it stays in the line and is an error.
      allowBareLF: !this.strict,
      protocol: 'smtp',
    });
  }

  /** Feeds bytes and returns every event they complete. */
  push(chunk: Uint8Array): SmtpReplyParserEvent[] {
    this.write(chunk);
    return this.read(Number.POSITIVE_INFINITY);
  }

  /** Buffers bytes without parsing them (the client protocol then reads one reply at a time). */
  write(chunk: Uint8Array): void {
    this.assertUsable();
    if (chunk.length > 0) this.buffer.push(chunk);
  }

  /**
   * Parses buffered bytes until `maxReplies` replies are complete (or the bytes run out);
   * returns the events in order, the last reply last.
   */
  read(maxReplies = 1): SmtpReplyParserEvent[] {
    this.assertUsable();
    const events: SmtpReplyParserEvent[] = [];
    let replies = 0;
    try {
      while (replies < maxReplies) {
        if (this.discardingLine) {
          if (!this.buffer.discardLine()) break;
          this.discardingLine = false;
        }
        const buffer = this.buffer;
        let length: number;
        try {
          length = buffer.nextLine();
        } catch (err) {
          if (err instanceof ParseError && err.code === 'LINE_TOO_LONG') {
            if (this.strict) throw err;
            // Whether the long line continues a reply decides how to resynchronise; its 4th
            // byte may lie in a later chunk than its first, so read it across chunks. As in
            // processLine: a line with a reply code says itself whether the reply goes on
            // ("-"); a line without one inside a multi-line reply leaves the rest of it to skip.
            const head = this.consumeHead(4);
            const coded = head.length >= 3 && head.slice(0, 3).every((b) => isDigit(b - 0x30));
            this.fail(err, events, head[3] === DASH || (this.pending !== undefined && !coded));
            this.discardingLine = true;
            continue;
          }
          throw err;
        }
        if (length < 0) break;
        if (
          this.processLine(
            buffer.lineSource,
            buffer.lineStart,
            buffer.lineStart + length,
            buffer.lineOffset,
            buffer.lineBareLF,
            events,
          )
        ) {
          replies++;
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

  /** Unparsed bytes still buffered (a partial line, or lines not yet read by `read()`). */
  get buffered(): number {
    return this.buffer.length;
  }

  /** Stream offset of the next unread byte. */
  get offset(): number {
    return this.buffer.offset;
  }

  /** Takes every buffered, unparsed byte (the STARTTLS boundary check). */
  takeBuffered(): Uint8Array {
    return this.buffer.takeAll();
  }

  /** The stream closed: a partial reply is an error. */
  end(): SmtpReplyParserEvent[] {
    const events = this.read(Number.POSITIVE_INFINITY);
    if (this.buffer.length > 0 || this.pending !== undefined) {
      const offset = this.pending?.offset ?? this.buffer.offset;
      const rest = this.buffer.length > 0 ? this.buffer.takeAll() : undefined;
      const err = new ParseError({
        protocol: 'smtp',
        code: 'UNEXPECTED_EOF',
        message: 'stream ended inside a reply',
        offset,
        ...(rest !== undefined ? { excerpt: rest } : {}),
      });
      this.pending = undefined;
      if (this.strict) {
        this.failure = err;
        throw withEventsBefore(err, events);
      }
      events.push(errorEvent(err));
    }
    return events;
  }

  private assertUsable(): void {
    if (this.failure) throw this.failure;
  }

  /** Consumes and returns up to `n` bytes from the front of the buffer, across chunks. */
  private consumeHead(n: number): number[] {
    const head: number[] = [];
    while (head.length < n) {
      const chunk = this.buffer.peekChunk();
      if (chunk === undefined) break;
      const take = Math.min(n - head.length, chunk.length);
      for (let i = 0; i < take; i++) head.push(chunk[i] as number);
      this.buffer.skip(take);
    }
    return head;
  }

  /** Lenient: error event and resynchronisation; strict: throws. */
  private fail(err: ParseError, events: SmtpReplyParserEvent[], skipRestOfReply: boolean): void {
    if (this.strict) throw err;
    events.push(errorEvent(err));
    this.pending = undefined;
    this.skippingReply = skipRestOfReply;
  }

  private quirk(
    events: SmtpReplyParserEvent[],
    name: string,
    errorCode: ParseErrorCode,
    message: string,
    offset: number,
    excerpt: Uint8Array,
  ): void {
    if (this.strict) {
      throw new ParseError({ protocol: 'smtp', code: errorCode, message, offset, excerpt });
    }
    events.push(warningEvent(name, message, offset));
  }

  /**
   * Handles one line, `src[start..end)` without its line end (a view of the input is only
   * made for the text, and for error excerpts); true if it completed a reply.
   */
  private processLine(
    src: Uint8Array,
    start: number,
    end: number,
    offset: number,
    bareLF: boolean,
    events: SmtpReplyParserEvent[],
  ): boolean {
    const length = end - start;
    const lineSize = length + (bareLF ? 1 : 2);
    const sep = length > 3 ? (src[start + 3] as number) : -1;
    if (this.skippingReply) {
      // Resynchronising: a line that is not a continuation line ends the broken reply.
      if (sep !== DASH) this.skippingReply = false;
      return false;
    }
    const d0 = (src[start] as number) - 0x30;
    const d1 = (src[start + 1] as number) - 0x30;
    const d2 = (src[start + 2] as number) - 0x30;
    if (length < 3 || !isDigit(d0) || !isDigit(d1) || !isDigit(d2)) {
      this.fail(
        new ParseError({
          protocol: 'smtp',
          code: 'BAD_SYNTAX',
          message: 'reply line does not start with a three-digit reply code',
          offset,
          excerpt: src.subarray(start, end),
        }),
        events,
        this.pending !== undefined || sep === DASH,
      );
      return false;
    }
    if (bareLF) {
      // Some qmail/sendmail-era and embedded servers end lines with LF alone.
      this.quirk(
        events,
        'BARE_LF',
        'BARE_LF',
        'reply line ended by a bare LF instead of CRLF',
        offset + length,
        src.subarray(start, end),
      );
    }
    const code = d0 * 100 + d1 * 10 + d2;
    let last: boolean;
    let textStart: number;
    if (sep === SP) {
      last = true;
      textStart = 4;
    } else if (sep === DASH) {
      last = false;
      textStart = 4;
    } else if (sep === -1) {
      last = true;
      textStart = 3;
      // RFC 5321 §4.2: the last line is "the reply code, followed immediately by <SP>,
      // optionally some text" (its ABNF writes [ SP textstring ], but the prose and RFC 4954
      // §4's "334" SP [base64] want the space). Many servers send a bare code, Postfix among
      // them for an empty 334 challenge, and some for a bare "250".
      this.quirk(
        events,
        'MISSING_TEXT',
        'BAD_SYNTAX',
        `reply ${code} without the space after its code`,
        offset,
        src.subarray(start, end),
      );
    } else {
      // Certain IIS/Exchange versions (and some appliances) omit the space: "250OK".
      this.quirk(
        events,
        'MISSING_SPACE',
        'BAD_SYNTAX',
        'no space or hyphen after the reply code',
        offset + 3,
        src.subarray(start, end),
      );
      last = true;
      textStart = 3;
    }
    if (d0 < 2 || d0 > 5 || d1 > 5) {
      // RFC 5321 §4.2.1 defines 2yz-5yz with y 0-5; odd codes come from broken appliances.
      this.quirk(
        events,
        'UNUSUAL_CODE',
        'BAD_SYNTAX',
        `reply code ${code} is outside RFC 5321's ranges`,
        offset,
        src.subarray(start, end),
      );
    }
    const textBytes = src.subarray(start + textStart, end);
    const text = this.decodeText(src, start + textStart, end, textBytes, offset + textStart, events);
    let reply = this.pending;
    if (reply === undefined) {
      // Built in its final shape right away (one object per reply, arrays sized for one line).
      reply = { code, lines: [text], rawLines: [textBytes], offset, byteLength: lineSize };
    } else {
      if (reply.code !== code) {
        // Seen from misconfigured proxies and some old Exchange/Lotus gateways that splice replies.
        this.quirk(
          events,
          'CODE_MISMATCH',
          'BAD_SYNTAX',
          `reply line has code ${code} but the reply started with ${reply.code}`,
          offset,
          src.subarray(start, end),
        );
      }
      reply.code = code;
      reply.lines.push(text);
      reply.rawLines.push(textBytes);
      reply.byteLength += lineSize;
    }
    this.pending = reply;
    if (reply.lines.length > this.limits.maxReplyLines) {
      this.fail(
        new ParseError({
          protocol: 'smtp',
          code: 'TOO_MANY_LINES',
          message: `reply has more than ${this.limits.maxReplyLines} lines`,
          offset,
          excerpt: src.subarray(start, end),
        }),
        events,
        !last,
      );
      return false;
    }
    if (reply.byteLength > this.limits.maxResponseSize) {
      this.fail(
        new ParseError({
          protocol: 'smtp',
          code: 'RESPONSE_TOO_LARGE',
          message: `reply is larger than ${this.limits.maxResponseSize} bytes`,
          offset,
          excerpt: src.subarray(start, end),
        }),
        events,
        !last,
      );
      return false;
    }
    if (!last) return false;
    this.pending = undefined;
    const enhanced = parseEnhancedStatus(
      reply.lines[0] as string,
      this.enhancedStatusCodes ? undefined : code,
    );
    if (enhanced !== undefined) reply.enhanced = enhanced;
    events.push({ type: 'reply', reply });
    return true;
  }

  /**
   * The text of a line, `src[start..end)` (`textBytes` is the same bytes as a view), after
   * the checks of `checkText`. Printable ASCII, nearly every reply, is decoded here in the
   * same pass as the check; anything else goes through the general path.
   */
  private decodeText(
    src: Uint8Array,
    start: number,
    end: number,
    textBytes: Uint8Array,
    offset: number,
    events: SmtpReplyParserEvent[],
  ): string {
    const n = end - start;
    if (n <= ASCII_FAST_MAX) {
      if (n === 0) return '';
      // One scratch array per length, reused: String.fromCharCode.apply takes its length as
      // the argument count, and reusing it keeps the per-line allocation to the string itself.
      let codes = asciiScratch[n];
      if (codes === undefined) {
        codes = new Array<number>(n).fill(0);
        asciiScratch[n] = codes;
      }
      let i = 0;
      for (; i < n; i++) {
        const b = src[start + i] as number;
        if (b < 0x20 || b > 0x7e) break;
        codes[i] = b;
      }
      // textstring = 1*(%d09 / %d32-126): a line of only these needs no check and no decoder.
      if (i === n) return String.fromCharCode.apply(null, codes);
    }
    this.checkText(textBytes, offset, events);
    return isValidUtf8(textBytes) ? decodeUtf8(textBytes) : decodeLatin1(textBytes);
  }

  /** textstring = 1*(%d09 / %d32-126) (RFC 5321 §4.2); UTF-8 too under SMTPUTF8. */
  private checkText(text: Uint8Array, offset: number, events: SmtpReplyParserEvent[]): void {
    let eightBit = false;
    for (let i = 0; i < text.length; i++) {
      const b = text[i] as number;
      if (b === 0x09 || (b >= 0x20 && b <= 0x7e)) continue;
      if (b >= 0x80) {
        eightBit = true;
        continue;
      }
      if (b === LF) {
        throw new ParseError({
          protocol: 'smtp',
          code: 'BARE_LF',
          message: 'bare LF inside a reply line (strict mode needs CRLF)',
          offset: offset + i,
          excerpt: text,
        });
      }
      // Bare CR and other controls: broken embedded servers; never valid text.
      this.quirk(
        events,
        'CONTROL_CHARACTER',
        b === CR ? 'BARE_CR' : 'BAD_SYNTAX',
        `control character 0x${b.toString(16).padStart(2, '0')} in reply text`,
        offset + i,
        text,
      );
      return;
    }
    if (eightBit && !(this.utf8 && isValidUtf8(text))) {
      // Localised servers (e.g. some European ISP and Exchange installs) send Latin-1 or UTF-8
      // text without SMTPUTF8; the exact bytes stay in rawLines.
      this.quirk(events, 'EIGHT_BIT_TEXT', 'BAD_SYNTAX', '8-bit bytes in reply text', offset, text);
    }
  }
}

/** `d` is a byte minus '0' (NaN past the end of the input). */
function isDigit(d: number): boolean {
  return d >= 0 && d <= 9;
}
