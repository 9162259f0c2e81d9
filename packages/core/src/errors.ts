/**
 * The one error class every mailwire parser throws (strict mode) or reports as an
 * event (lenient mode) for bad input. Nothing else escapes a parser.
 */

/** Which layer found the problem. */
export type ErrorProtocol = 'core' | 'sasl' | 'smtp' | 'pop3' | 'imap';

/**
 * Every code a `ParseError` can carry. Codecs pick from this union so that callers can
 * switch on `code` without knowing which protocol raised it.
 *
 * - `LINE_TOO_LONG`: a line passed `Limits.maxLineLength` (raised as soon as it is passed).
 * - `BARE_LF` / `BARE_CR`: a line end other than CRLF where the mode does not allow it.
 * - `UNEXPECTED_EOF`: the stream ended inside a line, reply, body or literal.
 * - `BAD_SYNTAX`: the bytes do not match the grammar.
 * - `BAD_NUMBER`: a number field holds something that is not a decimal number.
 * - `NUMBER_OVERFLOW`: a number is larger than its field allows (or than 2^53 - 1).
 * - `BAD_BASE64`: base64 text with a bad alphabet, length or padding.
 * - `BAD_TERMINATOR`: a multi-line body ended in a form the mode does not accept.
 * - `PAYLOAD_TOO_LARGE`: a counted payload or body passed `Limits.maxPayloadSize`.
 * - `LITERAL_TOO_LARGE`: an IMAP literal announced more than `Limits.maxLiteralSize`.
 * - `RESPONSE_TOO_LARGE`: a reply or response passed `Limits.maxResponseSize`.
 * - `NESTING_TOO_DEEP`: parenthesised lists nested past `Limits.maxNestingDepth`.
 * - `LIST_TOO_LONG`: a list held more than `Limits.maxListItems` items.
 * - `TOO_MANY_LINES`: a multi-line reply passed `Limits.maxReplyLines`.
 * - `UNEXPECTED_RESPONSE`: a response that the protocol state does not allow here.
 * - `UNEXPECTED_DATA`: bytes where none may arrive (e.g. after a STARTTLS go-ahead and
 *   before the TLS handshake: the command-injection defence).
 * - `INVALID_ARGUMENT`: a serializer was given a value it must refuse (e.g. CR or LF in
 *   an argument, which would inject a command).
 * - `INVALID_STATE`: an operation that the protocol state does not allow now.
 * - `AUTH_FAILED`: a SASL exchange that cannot go on (bad challenge, bad server proof).
 */
export type ParseErrorCode =
  | 'LINE_TOO_LONG'
  | 'BARE_LF'
  | 'BARE_CR'
  | 'UNEXPECTED_EOF'
  | 'BAD_SYNTAX'
  | 'BAD_NUMBER'
  | 'NUMBER_OVERFLOW'
  | 'BAD_BASE64'
  | 'BAD_TERMINATOR'
  | 'PAYLOAD_TOO_LARGE'
  | 'LITERAL_TOO_LARGE'
  | 'RESPONSE_TOO_LARGE'
  | 'NESTING_TOO_DEEP'
  | 'LIST_TOO_LONG'
  | 'TOO_MANY_LINES'
  | 'UNEXPECTED_RESPONSE'
  | 'UNEXPECTED_DATA'
  | 'INVALID_ARGUMENT'
  | 'INVALID_STATE'
  | 'AUTH_FAILED';

export interface ParseErrorOptions {
  protocol: ErrorProtocol;
  code: ParseErrorCode;
  /** Human-readable description naming what was wrong. */
  message: string;
  /** Byte offset from the start of the stream where the problem was found (-1 if none). */
  offset?: number;
  /** The offending bytes (or text); turned into a printable excerpt. */
  excerpt?: Uint8Array | string;
  /** IMAP: the tag of the tagged response / command that failed, when known. */
  tag?: string;
  cause?: unknown;
}

const BRAND = Symbol.for('mailwire.ParseError');

/** Longest excerpt kept on an error, in input bytes. */
export const EXCERPT_LENGTH = 80;

/**
 * Renders bytes as a short printable ASCII string: printable ASCII as is, CR/LF/TAB as
 * `\r`/`\n`/`\t`, everything else as `\xNN`; cut to `max` input bytes with `…`.
 */
export function printableExcerpt(input: Uint8Array | string, max = EXCERPT_LENGTH): string {
  if (typeof input === 'string') {
    // Escape first, then mark the cut: the marker itself must not be escaped.
    const out = input.slice(0, max).replace(/[^\x20-\x7e]/g, (c) => escapeCode(c.charCodeAt(0)));
    return input.length > max ? `${out}…` : out;
  }
  const n = Math.min(input.length, max);
  let out = '';
  for (let i = 0; i < n; i++) {
    const b = input[i] as number;
    out += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : escapeCode(b);
  }
  return input.length > max ? `${out}…` : out;
}

function escapeCode(c: number): string {
  if (c === 0x0d) return '\\r';
  if (c === 0x0a) return '\\n';
  if (c === 0x09) return '\\t';
  if (c > 0xff) return `\\u${c.toString(16).padStart(4, '0')}`;
  return `\\x${c.toString(16).padStart(2, '0')}`;
}

export class ParseError extends Error {
  override readonly name = 'ParseError';
  readonly protocol: ErrorProtocol;
  readonly code: ParseErrorCode;
  /** Byte offset from the start of the stream, or -1 when not tied to a position. */
  readonly offset: number;
  /** Printable excerpt of the offending input ('' when none). */
  readonly excerpt: string;
  /** IMAP: tag of the failed tagged response or command, when known. */
  readonly tag: string | undefined;
  /**
   * Strict mode: the events that the throwing call (`push`, `end`, ...) completed before it
   * met this error, in order — the parse stops here, but nothing before the error is lost.
   * Empty when there were none. A parser that failed rethrows the same error from later
   * calls: its events were handed over by the first throw.
   */
  eventsBefore: readonly unknown[] = [];

  constructor(options: ParseErrorOptions) {
    const excerpt = options.excerpt === undefined ? '' : printableExcerpt(options.excerpt);
    const offset = options.offset ?? -1;
    const where = offset >= 0 ? ` at byte ${offset}` : '';
    const near = excerpt ? ` near "${excerpt}"` : '';
    super(`${options.protocol}: ${options.message}${where}${near} [${options.code}]`, {
      cause: options.cause,
    });
    this.protocol = options.protocol;
    this.code = options.code;
    this.offset = offset;
    this.excerpt = excerpt;
    this.tag = options.tag;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * `instanceof` works across copies of this class: the codecs bundle `@mailwire/core`
   * (so that they have no runtime dependencies), and an error from `@mailwire/smtp`
   * is still `instanceof ParseError` of `@mailwire/core`.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** A plain object for logs and NDJSON output. */
  toJSON(): {
    name: 'ParseError';
    protocol: ErrorProtocol;
    code: ParseErrorCode;
    message: string;
    offset: number;
    excerpt: string;
    tag?: string;
  } {
    return {
      name: 'ParseError',
      protocol: this.protocol,
      code: this.code,
      message: this.message,
      offset: this.offset,
      excerpt: this.excerpt,
      ...(this.tag !== undefined ? { tag: this.tag } : {}),
    };
  }
}

/**
 * Strict mode: records on `err` the events its call completed before it (see
 * `ParseError.eventsBefore`), once — a rethrow keeps the first list. Returns `err`.
 */
export function withEventsBefore<E extends ParseError>(err: E, events: readonly unknown[]): E {
  if (err.eventsBefore.length === 0 && events.length > 0) err.eventsBefore = events.slice();
  return err;
}

/** True if `value` is a `ParseError` from any copy of `@mailwire/core`. */
export function isParseError(value: unknown): value is ParseError {
  return value instanceof ParseError;
}
