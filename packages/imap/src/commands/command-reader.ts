/**
 * Token reader over one framed command: its lines (literal announcements removed) and the
 * literals between them. A literal is read where a string may stand, at the end of a line
 * (RFC 3501 §4.3). Errors are ParseError with the stream offset and the command's tag.
 */
import { ParseError, type ParseErrorCode } from '@mailwire/core';
import { ASTRING, ATOM, DIGIT } from '../lexer/char-classes';

export interface CommandLiteral {
  bytes: Uint8Array;
  /** `~{n}` literal8 (RFC 3516). */
  binary: boolean;
  /** `{n}` rather than `{n+}` (RFC 7888). */
  synchronizing: boolean;
}

/** A command cut into lines and literals: `lines.length === literals.length + 1`. */
export interface FramedCommand {
  lines: Uint8Array[];
  /** Stream offset of each line's first byte. */
  offsets: number[];
  literals: CommandLiteral[];
}

export interface CommandReaderOptions {
  strict: boolean;
  utf8Accept: boolean;
  maxNestingDepth: number;
  maxListItems: number;
  tag: string | undefined;
  warn: (code: string, message: string, offset: number) => void;
}

const EMPTY = new Uint8Array(0);
const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function bytesToText(b: Uint8Array): string {
  return utf8.decode(b);
}

/** Token bytes (always 7-bit: every token class is ASCII) as text. */
function ascii(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i] as number);
  return s;
}

export class CommandReader {
  private li = 0;
  private b: Uint8Array;
  p = 0;
  private depth = 0;
  readonly o: CommandReaderOptions;
  private readonly f: FramedCommand;

  constructor(frame: FramedCommand, options: CommandReaderOptions) {
    this.f = frame;
    this.o = options;
    this.b = frame.lines[0] ?? EMPTY;
  }

  get offset(): number {
    return (this.f.offsets[this.li] ?? -1) + this.p;
  }

  fail(message: string, code: ParseErrorCode = 'BAD_SYNTAX'): never {
    throw new ParseError({
      protocol: 'imap',
      code,
      message,
      offset: this.offset,
      excerpt: this.b.subarray(this.p, this.p + 40),
      ...(this.o.tag === undefined ? {} : { tag: this.o.tag }),
    });
  }

  /** A quirk: a warning, or an error in strict mode. */
  lenient(code: string, message: string): void {
    if (this.o.strict) this.fail(message);
    this.o.warn(code, message, this.offset);
  }

  /** Next byte of the current line, or -1 at its end (where a literal may follow). */
  peek(): number {
    return this.p < this.b.length ? (this.b[this.p] as number) : -1;
  }

  atLiteral(): boolean {
    return this.p >= this.b.length && this.li < this.f.literals.length;
  }

  atEnd(): boolean {
    return this.p >= this.b.length && this.li >= this.f.literals.length;
  }

  is(c: number): boolean {
    return this.peek() === c;
  }

  /** Consumes `c` if it is next. */
  optional(c: number): boolean {
    if (this.peek() !== c) return false;
    this.p++;
    return true;
  }

  expect(c: number, what?: string): void {
    if (this.peek() !== c) this.fail(`expected ${what ?? JSON.stringify(String.fromCharCode(c))}`);
    this.p++;
  }

  sp(): void {
    this.expect(0x20, 'a space');
  }

  /** A space followed by more, or the end: true if a space was consumed. */
  moreArgs(): boolean {
    if (this.atEnd()) return false;
    this.sp();
    return true;
  }

  end(): void {
    if (!this.atEnd()) this.fail('unexpected data at the end of the command');
  }

  /** A non-empty run of bytes of class `cls`, as ASCII text. */
  token(cls: Uint8Array, what: string): string {
    const start = this.p;
    const b = this.b;
    while (this.p < b.length && cls[b[this.p] as number] === 1) this.p++;
    if (this.p === start) this.fail(`expected ${what}`);
    return ascii(b, start, this.p);
  }

  atom(what = 'an atom'): string {
    return this.token(ATOM, what);
  }

  /** An atom, upper-cased (keywords of the grammar are case-insensitive, RFC 3501 §9). */
  keyword(what = 'a keyword'): string {
    return this.atom(what).toUpperCase();
  }

  /** Peeks the next atom, upper-cased, without consuming it ('' if none). */
  peekKeyword(): string {
    const save = this.p;
    const b = this.b;
    while (this.p < b.length && ATOM[b[this.p] as number] === 1) this.p++;
    const t = ascii(b, save, this.p).toUpperCase();
    this.p = save;
    return t;
  }

  /** Consumes keyword `word` (upper case) if it comes next as a whole atom. */
  optionalKeyword(word: string): boolean {
    if (this.peekKeyword() !== word) return false;
    this.p += word.length;
    return true;
  }

  number(what = 'a number', max = 0xffff_ffff): number {
    const start = this.p;
    const t = this.token(DIGIT, what);
    // leading zeros are legal (RFC 3501 §9 number = 1*DIGIT): the value decides, not the
    // digit count; Number(t) is exact enough here, as max is at most 2^53 - 1
    if (Number(t) > max) {
      this.p = start;
      this.fail(`${what} is larger than ${max}`, 'NUMBER_OVERFLOW');
    }
    return Number(t);
  }

  nzNumber(what = 'a non-zero number'): number {
    const start = this.p;
    const n = this.number(what);
    if (n === 0) {
      this.p = start;
      this.fail(`${what} must not be 0`, 'BAD_NUMBER');
    }
    return n;
  }

  /** mod-sequence-value and 63-bit ids (RFC 7162 §7: 1..2^63-1; 0 allowed where noted). */
  number64(what = 'a 63-bit number'): bigint {
    const start = this.p;
    const t = this.token(DIGIT, what);
    const v = BigInt(t);
    if (v > 0x7fff_ffff_ffff_ffffn) {
      this.p = start;
      this.fail(`${what} is larger than 2^63-1`, 'NUMBER_OVERFLOW');
    }
    return v;
  }

  /** Takes the literal announced at the end of the current line. */
  literal(): CommandLiteral {
    if (!this.atLiteral()) this.fail('expected a literal');
    const lit = this.f.literals[this.li] as CommandLiteral;
    this.li++;
    this.b = this.f.lines[this.li] ?? EMPTY;
    this.p = 0;
    return lit;
  }

  /** `"..."` with `\"` and `\\` escapes; the content bytes. */
  quoted(): Uint8Array {
    this.expect(0x22);
    const b = this.b;
    const start = this.p;
    let escaped = false;
    let eight = false;
    let i = start;
    for (; i < b.length; i++) {
      const c = b[i] as number;
      if (c === 0x22) break;
      if (c === 0x5c) {
        const d = b[i + 1];
        if (d !== 0x22 && d !== 0x5c) {
          this.p = i;
          this.fail('a quoted string may escape only " and \\');
        }
        escaped = true;
        i++;
      } else if (c > 0x7f) {
        eight = true;
      } else if (c === 0 || c === 0x0d || c === 0x0a) {
        this.p = i;
        this.fail('NUL, CR or LF in a quoted string');
      }
    }
    if (i >= b.length) {
      this.p = b.length;
      this.fail('unterminated quoted string');
    }
    if (eight && !this.o.utf8Accept) {
      this.p = start;
      // RFC 3501 quoted strings are 7-bit; many clients send UTF-8 SEARCH text quoted anyway.
      this.lenient('EIGHT_BIT_QUOTED', '8-bit text in a quoted string without UTF8=ACCEPT');
    }
    this.p = i + 1;
    const raw = b.subarray(start, i);
    if (!escaped) return raw;
    const out = new Uint8Array(raw.length);
    let o = 0;
    for (let k = 0; k < raw.length; k++) {
      const c = raw[k] as number;
      if (c === 0x5c) k++;
      out[o++] = raw[k] as number;
    }
    return out.subarray(0, o);
  }

  /** A `string` (quoted or literal). `binaryOk`: literal8 is allowed here. */
  stringBytes(what = 'a string', binaryOk = false): Uint8Array {
    if (this.is(0x22)) return this.quoted();
    if (this.atLiteral()) {
      const lit = this.literal();
      if (lit.binary && !binaryOk) this.fail(`a literal8 (~{n}) cannot stand for ${what}`);
      if (!lit.binary && lit.bytes.indexOf(0) >= 0) this.fail(`NUL in a literal (${what})`);
      return lit.bytes;
    }
    return this.fail(`expected ${what} (quoted string or literal)`);
  }

  string(what = 'a string'): string {
    return bytesToText(this.stringBytes(what));
  }

  /** An astring (atom of class `cls` or a string). */
  astringBytes(what = 'an astring', cls: Uint8Array = ASTRING): Uint8Array {
    const c = this.peek();
    if (c === 0x22 || this.atLiteral()) return this.stringBytes(what);
    const start = this.p;
    this.token(cls, what);
    return this.b.subarray(start, this.p);
  }

  astring(what = 'an astring', cls: Uint8Array = ASTRING): string {
    return bytesToText(this.astringBytes(what, cls));
  }

  nstring(what = 'an nstring'): string | null {
    if (this.peekKeyword() === 'NIL' && !this.is(0x22)) {
      this.p += 3;
      return null;
    }
    return this.string(what);
  }

  /**
   * `(item SP item ...)`: `item` reads one element. `allowEmpty`: `()` is valid.
   * Nesting and item counts are bounded by the limits.
   */
  list<T>(item: () => T, allowEmpty: boolean, what: string): T[] {
    this.expect(0x28, `( opening ${what}`);
    if (++this.depth > this.o.maxNestingDepth) this.fail('lists nested too deep', 'NESTING_TOO_DEEP');
    const out: T[] = [];
    if (this.optional(0x29)) {
      if (!allowEmpty) {
        this.p--;
        this.fail(`${what} must not be empty`);
      }
      this.depth--;
      return out;
    }
    for (;;) {
      out.push(item());
      if (out.length > this.o.maxListItems) this.fail(`too many items in ${what}`, 'LIST_TOO_LONG');
      if (this.optional(0x29)) break;
      this.sp();
    }
    this.depth--;
    return out;
  }

  /** Runs `f` one nesting level deeper (recursive search keys). */
  nested<T>(f: () => T): T {
    if (++this.depth > this.o.maxNestingDepth) this.fail('search keys nested too deep', 'NESTING_TOO_DEEP');
    const v = f();
    this.depth--;
    return v;
  }
}
