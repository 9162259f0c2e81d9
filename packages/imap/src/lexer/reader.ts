/**
 * Token reader over a framed response (lines and literals, see segments.ts). Every method
 * reads bytes in place: no regular expressions, no per-byte string building; strings are
 * made once per token (ASCII atoms with `String.fromCharCode`, text with `TextDecoder`).
 */
import { ParseError, type ParseErrorCode } from '@mailwire/core';
import { ASTRING, ATOM, DIGIT, LOOSE_ATOM, QUOTED_PLAIN } from './char-classes';
import type { Segment } from './segments';
import { internAscii, internUpper } from './token-cache';

const SP = 0x20;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Thrown (never escapes the package) when a token needs a literal that is still arriving. */
export const NEED_MORE: unique symbol = Symbol('imap.needMore');

const utf8 = new TextDecoder('utf-8');
const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const EMPTY = new Uint8Array(0);
const CRLF = new Uint8Array([0x0d, 0x0a]);

/** ASCII bytes to a string; callers pass short token ranges. */
export function asciiString(b: Uint8Array, start: number, end: number): string {
  if (end - start <= 1024) return internAscii(b, start, end);
  return utf8.decode(b.subarray(start, end));
}

export function utf8String(b: Uint8Array): string {
  return utf8.decode(b);
}

export interface ReaderOptions {
  strict: boolean;
  maxNestingDepth: number;
  maxListItems: number;
  warn: (code: string, message: string, offset: number) => void;
  /** Tag of the response being read, set on errors (ParseError.tag). */
  tag: string | undefined;
}

export class Reader {
  private segs: Segment[];
  private si = 0;
  /** The current segment's buffer; its line is `b[base..lineEnd)`. */
  private b: Uint8Array = EMPTY;
  /** Current position in `b` (an index in the buffer, not in the line). */
  p = 0;
  /** End of readable text in `b`: the literal announcement, or the line end. */
  private end = 0;
  /** Index in `b` where the current line starts. */
  private base = 0;
  /** Index in `b` where the current line ends. */
  private lineEnd = 0;
  private hasLit = false;
  private depth = 0;
  /** The last `keyword()` had lower-case letters. */
  hadLower = false;
  /** The last quoted string had bytes >= 0x80. */
  private quotedHigh = false;
  /** The last quoted string had backslash escapes. */
  private quotedEscapes = false;
  /** The last quoted string's raw content is `buffer[quotedStart..quotedEnd)`. */
  quotedStart = 0;
  quotedEnd = 0;
  readonly o: ReaderOptions;

  constructor(segs: Segment[], options: ReaderOptions) {
    this.segs = segs;
    this.o = options;
    this.load(0);
  }

  /** Starts over on the segments of another response (one reader serves many responses). */
  reset(segs: Segment[]): void {
    this.segs = segs;
    this.depth = 0;
    this.hadLower = false;
    this.load(0);
  }

  /** Moves to the start of segment `si`. */
  private load(si: number): void {
    this.si = si;
    const seg = this.segs[si];
    if (seg === undefined) {
      this.b = EMPTY;
      this.end = 0;
      this.base = 0;
      this.lineEnd = 0;
      this.hasLit = false;
      this.p = 0;
      return;
    }
    this.b = seg.bytes;
    this.base = seg.start;
    this.lineEnd = seg.end;
    this.hasLit = seg.litAt >= 0;
    this.end = this.hasLit ? seg.litAt : seg.end;
    this.p = seg.start;
  }

  /** Position for `restore` (streaming resumes an item from its start). */
  mark(): number {
    return this.si * 0x100000000 + (this.p - this.base);
  }

  restore(mark: number): void {
    const si = Math.floor(mark / 0x100000000);
    this.load(si);
    this.p = this.base + (mark - si * 0x100000000);
  }

  /** The buffer positions (`p`, `quotedStart`…) index into. */
  get buffer(): Uint8Array {
    return this.b;
  }

  /** Stream offset of the current position. */
  get offset(): number {
    const seg = this.segs[this.si];
    return seg === undefined ? -1 : seg.offset + (this.p - this.base);
  }

  get nesting(): number {
    return this.depth;
  }

  /** Puts the nesting depth back (a streamed FETCH item restarted from its start). */
  set nesting(depth: number) {
    this.depth = depth;
  }

  fail(message: string, code: ParseErrorCode = 'BAD_SYNTAX'): never {
    throw new ParseError({
      protocol: 'imap',
      code,
      message,
      offset: this.offset,
      excerpt: this.b.subarray(this.p, Math.min(this.p + 40, this.lineEnd)),
      ...(this.o.tag === undefined ? {} : { tag: this.o.tag }),
    });
  }

  /** A leniency: a warning event, or an error in strict mode. */
  lenient(code: string, message: string): void {
    if (this.o.strict) this.fail(message);
    this.o.warn(code, message, this.offset);
  }

  /** Next byte, or -1 at a literal announcement or the end of the line. */
  peek(): number {
    return this.p < this.end ? (this.b[this.p] as number) : -1;
  }

  peekAt(k: number): number {
    return this.p + k < this.end ? (this.b[this.p + k] as number) : -1;
  }

  atLiteral(): boolean {
    return this.p === this.end && this.hasLit;
  }

  /** At the end of the whole response. */
  atEnd(): boolean {
    return this.p >= this.end && !this.hasLit && this.si >= this.segs.length - 1;
  }

  /** The literal at this position is being streamed (streaming FETCH). */
  atStreamedLiteral(): boolean {
    if (!this.atLiteral()) return false;
    const seg = this.segs[this.si] as Segment;
    return seg.streamed;
  }

  /** Skips the streamed literal's position (its bytes went out as chunk events). */
  skipStreamedLiteral(): void {
    if (this.si + 1 >= this.segs.length) throw NEED_MORE;
    this.load(this.si + 1);
  }

  /** The literal at this position (whole); NEED_MORE if it has not fully arrived. */
  literal(): Uint8Array {
    if (!this.atLiteral()) this.fail('expected a literal');
    const seg = this.segs[this.si] as Segment;
    if (seg.literal === null || this.si + 1 >= this.segs.length) throw NEED_MORE;
    const v = seg.literal;
    this.load(this.si + 1);
    return v;
  }

  is(ch: number): boolean {
    return this.peek() === ch;
  }

  expect(ch: number, what: string): void {
    if (this.peek() !== ch) this.fail(`expected ${what}`);
    this.p++;
  }

  /** One SP; extra spaces are a leniency (trailing/doubled spaces: Exchange, older Zimbra). */
  sp(): void {
    if (this.peek() !== SP) this.fail('expected SP');
    this.p++;
    if (this.peek() === SP) this.extraSpaces();
  }

  /**
   * Before item `n` (from 0) of a parenthesised list whose `)` is not next: the SP after the
   * item before. False when that SP stands before the `)` (`(\\Seen )`: Exchange, Courier),
   * the TRAILING_SPACE quirk; the caller ends the list there.
   */
  listSp(n: number): boolean {
    if (n === 0) return true;
    this.sp();
    if (this.peek() !== 0x29) return true;
    this.lenient('TRAILING_SPACE', 'space before )');
    return false;
  }

  private extraSpaces(): void {
    this.lenient('EXTRA_SPACE', 'doubled space');
    while (this.peek() === SP) this.p++;
  }

  /**
   * SP followed by another item: consumed, true. SP before `)`, `]` or the line end is a
   * trailing space (leniency) and gives false; no SP gives false.
   */
  sepSp(): boolean {
    return this.separator(true);
  }

  /**
   * `sepSp` before an astring at a response's top level (QUOTAROOT roots, METADATA entry
   * names): there `]` starts an astring (ASTRING-CHAR includes resp-specials, RFC 3501 §9)
   * instead of closing a response code.
   */
  sepSpBeforeAstring(): boolean {
    return this.separator(false);
  }

  private separator(bracketCloses: boolean): boolean {
    if (this.peek() !== SP) return false;
    this.p++;
    if (this.peek() === SP) this.extraSpaces();
    const c = this.peek();
    if (c === 0x29 || (c === 0x5d && bracketCloses) || (c === -1 && !this.hasLit)) {
      this.lenient('TRAILING_SPACE', 'space before the end of a list or line');
      return false;
    }
    return true;
  }

  /** Trailing spaces before the line end (Exchange, Courier `* SEARCH `): a leniency. */
  trailingSpaces(): void {
    if (this.peek() !== SP) return;
    let k = this.p;
    while (k < this.end && this.b[k] === SP) k++;
    if (k === this.end && !this.hasLit) {
      this.lenient('TRAILING_SPACE', 'trailing space at the end of a line');
      this.p = k;
    }
  }

  /** The response must end here (trailing spaces tolerated leniently). */
  finish(): void {
    this.trailingSpaces();
    if (!this.atEnd()) this.fail('unexpected data at the end of the response');
  }

  /** Bytes accepted by `cls` from here; at least one unless `allowEmpty`. */
  private scan(cls: Uint8Array, what: string, allowEmpty = false): number {
    const s = this.p;
    let i = s;
    const b = this.b;
    const e = this.end;
    while (i < e && cls[b[i] as number] === 1) i++;
    if (i === s && !allowEmpty) this.fail(`expected ${what}`);
    this.p = i;
    return s;
  }

  /** One or more bytes of class `cls`, as ASCII. */
  token(cls: Uint8Array, what: string): string {
    const s = this.scan(cls, what);
    return asciiString(this.b, s, this.p);
  }

  atom(): string {
    const s = this.scan(ATOM, 'an atom');
    return asciiString(this.b, s, this.p);
  }

  /** An atom compared case-insensitively: returned upper-cased. `hadLower` tells if it was not. */
  keyword(): string {
    const s = this.scan(ATOM, 'a keyword');
    this.hadLower = false;
    for (let i = s; i < this.p; i++) {
      const c = this.b[i] as number;
      if (c >= 0x61 && c <= 0x7a) {
        this.hadLower = true;
        break;
      }
    }
    return internUpper(this.b, s, this.p);
  }

  /** `token` upper-cased (FETCH item names). */
  upperToken(cls: Uint8Array, what: string): string {
    const s = this.scan(cls, what);
    return internUpper(this.b, s, this.p);
  }

  /** Tries to read `word` (upper-case) as a whole atom, case-insensitively. */
  tryWord(word: string): boolean {
    const n = word.length;
    if (this.p + n > this.end) return false;
    for (let k = 0; k < n; k++) {
      const c = (this.b[this.p + k] as number) & 0xdf;
      const w = word.charCodeAt(k);
      if (c !== w && (this.b[this.p + k] as number) !== w) return false;
    }
    const after = this.p + n < this.end ? (this.b[this.p + n] as number) : -1;
    if (after !== -1 && ATOM[after] === 1) return false;
    this.p += n;
    return true;
  }

  nil(): boolean {
    return this.tryWord('NIL');
  }

  /**
   * Reads `word` (the bytes of an upper-case keyword) if it is here exactly so and a whole
   * atom. A fast check before `keyword()`; false leaves the position unchanged.
   */
  exactWord(word: Uint8Array): boolean {
    const n = word.length;
    const b = this.b;
    const p = this.p;
    if (p + n > this.end) return false;
    for (let k = 0; k < n; k++) if (b[p + k] !== word[k]) return false;
    if (p + n < this.end && ATOM[b[p + n] as number] === 1) return false;
    this.p = p + n;
    return true;
  }

  /** Skips bytes of class `cls` (possibly none); returns where they started. */
  skipClass(cls: Uint8Array): number {
    const s = this.p;
    let i = s;
    const b = this.b;
    const e = this.end;
    while (i < e && cls[b[i] as number] === 1) i++;
    this.p = i;
    return s;
  }

  /** A flag or label atom with the lenient alphabet (`\Seen`, `$Junk`, Gmail `[Gmail]/x`); never a lone `\`. */
  looseAtom(what: string): string {
    const b = this.b;
    const e = this.end;
    const s = this.p;
    let i = s;
    if (b[i] === BACKSLASH) i++;
    while (i < e && ATOM[b[i] as number] === 1) i++;
    let loose = false;
    if (i < e && LOOSE_ATOM[b[i] as number] === 1) {
      // Gmail: "]" inside flags and labels; others: 8-bit keywords
      this.p = i;
      if (this.o.strict) this.fail(`bad character in ${what}`);
      this.o.warn('LOOSE_ATOM', `non-atom character in ${what}`, this.offset);
      while (i < e && LOOSE_ATOM[b[i] as number] === 1) i++;
      loose = true;
    }
    this.p = i;
    if (i === s + (b[s] === BACKSLASH ? 1 : 0)) this.fail(`expected ${what}`);
    // ATOM is 7-bit: only the loose part may hold 8-bit bytes
    if (loose) for (let k = s; k < i; k++) if ((b[k] as number) >= 0x80) return utf8.decode(b.subarray(s, i));
    return asciiString(b, s, i);
  }

  /** A flag: `\Word`, `\*`, or a keyword atom. */
  flag(): string {
    if (this.peek() === BACKSLASH && this.peekAt(1) === 0x2a) {
      this.p += 2;
      return '\\*';
    }
    if (this.o.strict) {
      const s = this.p;
      if (this.peek() === BACKSLASH) this.p++;
      this.scan(ATOM, 'a flag');
      return asciiString(this.b, s, this.p);
    }
    return this.looseAtom('a flag');
  }

  /** `(` flag *(SP flag) `)`. */
  flagList(): string[] {
    this.expect(0x28, '(');
    const out: string[] = [];
    this.skipLeadingSpace();
    while (this.peek() !== 0x29 && this.listSp(out.length)) {
      out.push(this.plainFlag() ?? this.flag());
      this.count(out.length);
    }
    this.p++;
    return out;
  }

  /**
   * The common flag, `\Atom` or `Atom` followed by SP or `)`, read straight from its bytes;
   * null (nothing consumed) for anything else, which `flag()` then reads. Strict and lenient
   * modes agree on this form.
   */
  private plainFlag(): string | null {
    const b = this.b;
    const e = this.end;
    const s = this.p;
    let i = s;
    if (i < e && b[i] === BACKSLASH) i++;
    const a = i;
    while (i < e && ATOM[b[i] as number] === 1) i++;
    if (i === a || i >= e) return null;
    const c = b[i] as number;
    if (c !== SP && c !== 0x29) return null;
    this.p = i;
    return asciiString(b, s, i);
  }

  /** `( ` with a space inside the parenthesis: a leniency (Exchange). */
  skipLeadingSpace(): void {
    if (this.peek() === SP) {
      this.lenient('EXTRA_SPACE', 'space after (');
      while (this.peek() === SP) this.p++;
    }
  }

  count(n: number): void {
    if (n > this.o.maxListItems)
      this.fail(`more than maxListItems (${this.o.maxListItems}) items`, 'LIST_TOO_LONG');
  }

  enter(): void {
    if (++this.depth > this.o.maxNestingDepth) {
      this.fail(`lists nested deeper than maxNestingDepth (${this.o.maxNestingDepth})`, 'NESTING_TOO_DEEP');
    }
  }

  leave(): void {
    this.depth--;
  }

  private digits(): number {
    return this.scan(DIGIT, 'a number');
  }

  /** Digits up to `max` (checked while scanning, so leading zeros and long runs are fine). */
  private decimal(max: number, what: string): number {
    const s = this.digits();
    let v = 0;
    const e = this.p;
    if (e - s <= 9) {
      // nine digits stay below every maximum used (2^32 - 1, 2^53 - 1)
      const b = this.b;
      for (let i = s; i < e; i++) v = v * 10 + ((b[i] as number) - 0x30);
      return v;
    }
    for (let i = s; i < this.p; i++) {
      v = v * 10 + ((this.b[i] as number) - 0x30);
      if (v > max) {
        this.p = s;
        this.fail(`number larger than ${what}`, 'NUMBER_OVERFLOW');
      }
    }
    return v;
  }

  /** number (RFC 3501: 32-bit unsigned). */
  number(): number {
    return this.decimal(0xffffffff, '4294967295');
  }

  /** nz-number; a zero is a leniency (some servers send UID 0 or `* 0 FETCH`). */
  nzNumber(): number {
    const v = this.number();
    if (v === 0) {
      this.p--;
      this.lenient('ZERO_NUMBER', 'zero where a non-zero number is required');
      this.p++;
    }
    return v;
  }

  /** number64 (RFC 9051), limited to 2^53 - 1 so that it stays a JavaScript number. */
  number64(): number {
    return this.decimal(Number.MAX_SAFE_INTEGER, '2^53 - 1');
  }

  /** A signed number (BODYSTRUCTURE sizes of -1: some Exchange versions, leniency). */
  sizeNumber(): number {
    if (this.peek() === 0x2d) {
      this.lenient('NEGATIVE_NUMBER', 'negative number where a size is due');
      this.p++;
      return -this.number();
    }
    return this.number();
  }

  /** An unsigned 64-bit value (mod-sequence: 63-bit, RFC 7162; Gmail ids: 64-bit). */
  bigNumber(maxBits: 63 | 64): bigint {
    const s = this.digits();
    let z = s;
    while (z < this.p - 1 && this.b[z] === 0x30) z++;
    if (this.p - z > 20) {
      this.p = s;
      this.fail(`number larger than 2^${maxBits} - 1`, 'NUMBER_OVERFLOW');
    }
    const v = BigInt(asciiString(this.b, z, this.p));
    if (v >= 1n << BigInt(maxBits)) {
      this.p = s;
      this.fail(`number larger than 2^${maxBits} - 1`, 'NUMBER_OVERFLOW');
    }
    return v;
  }

  /** A mod-sequence value: 1..2^63-1; zero is accepted only where mod-sequence-valzer is allowed. */
  modSeq(allowZero: boolean): bigint {
    const v = this.bigNumber(63);
    if (v === 0n && !allowZero) {
      this.lenient('ZERO_NUMBER', 'zero mod-sequence');
    }
    return v;
  }

  // ---------------------------------------------------------------------------- strings

  /**
   * quoted (RFC 3501 §9). Leniencies: an unescaped `"` not followed by a delimiter is taken
   * as part of the string (Exchange, some Zimbra versions in subjects); 8-bit bytes are
   * accepted (RFC 9051 allows UTF-8; older servers send raw Latin-1): invalid UTF-8 warns.
   */
  quotedBytes(): Uint8Array {
    this.scanQuoted();
    const out = this.b.subarray(this.quotedStart, this.quotedEnd);
    return this.quotedEscapes ? this.unescape(out, this.quotedStart) : out;
  }

  /**
   * Reads a quoted string (see `quotedBytes`) without making a view of it: its raw content is
   * left in `b[quotedStart..quotedEnd)`, with `quotedEscapes` and `quotedHigh` set.
   */
  private scanQuoted(): void {
    this.expect(DQUOTE, '"');
    const b = this.b;
    const e = this.end;
    const s = this.p;
    let i = s;
    let escapes = false;
    let high = false;
    let innerOpen = false;
    for (;;) {
      while (i < e && QUOTED_PLAIN[b[i] as number] === 1) i++;
      if (i >= e) this.fail('unterminated quoted string');
      const c = b[i] as number;
      if (c === DQUOTE) {
        const next = i + 1 < e ? (b[i + 1] as number) : -1;
        const delimited = next === -1 || next === SP || next === 0x29 || next === 0x5d || next === 0x28;
        // A closing quote precedes a delimiter; one that does not is inside the string, and
        // so is the quote pairing with it (`"say "hi" now"`), provided another quote follows.
        if (this.o.strict || (delimited && !innerOpen) || !this.lastQuoteBefore(i + 1)) break;
        if (!delimited)
          this.o.warn('UNESCAPED_QUOTE', 'unescaped " inside a quoted string', this.segOffset() + i);
        innerOpen = !innerOpen;
        i++;
        continue;
      }
      if (c === BACKSLASH) {
        escapes = true;
        i += 2;
        continue;
      }
      if (c === 0x0d || c === 0x0a || c === 0) {
        this.p = i;
        this.fail('CR, LF or NUL in a quoted string');
      }
      if (c >= 0x80) high = true;
      i++;
    }
    this.p = i + 1;
    this.quotedHigh = high;
    this.quotedEscapes = escapes;
    this.quotedStart = s;
    this.quotedEnd = i;
  }

  /** True if another `"` follows on this line before its end (so `i-1` was not the closing one). */
  private lastQuoteBefore(from: number): boolean {
    // bounded by the line: `b` may be a whole chunk holding further responses
    const b = this.b;
    const e = this.end;
    for (let k = from; k < e; k++) if (b[k] === DQUOTE) return true;
    return false;
  }

  /** Stream offset of `b[0]` (positions in `b` plus this are stream offsets). */
  private segOffset(): number {
    const seg = this.segs[this.si];
    return seg === undefined ? -1 : seg.offset - seg.start;
  }

  private unescape(raw: Uint8Array, at: number): Uint8Array {
    // the exact output length first (each `\"` or `\\` pair gives one byte), so that the
    // result is the array itself and not a view of a bigger one
    let length = raw.length;
    for (let i = 0; i + 1 < raw.length; i++) {
      if (raw[i] === BACKSLASH && (raw[i + 1] === DQUOTE || raw[i + 1] === BACKSLASH)) {
        length--;
        i++;
      }
    }
    const out = new Uint8Array(length);
    let o = 0;
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i] as number;
      if (c === BACKSLASH && i + 1 < raw.length) {
        const n = raw[i + 1] as number;
        if (n === DQUOTE || n === BACKSLASH) {
          out[o++] = n;
          i++;
          continue;
        }
        if (this.o.strict) {
          this.p = at + i;
          this.fail('backslash before a character other than " or \\');
        }
        this.o.warn(
          'BAD_ESCAPE',
          'backslash before a character other than " or \\',
          this.segOffset() + at + i,
        );
      }
      out[o++] = c;
    }
    return out;
  }

  /** Text of a string: ASCII interned, else UTF-8 (invalid UTF-8 is a leniency, decoded with U+FFFD). */
  private text(bytes: Uint8Array, mayBeHigh: boolean, at: number): string {
    if (!mayBeHigh) return bytes.length <= 1024 ? internAscii(bytes, 0, bytes.length) : utf8.decode(bytes);
    try {
      return utf8Fatal.decode(bytes);
    } catch {
      if (this.o.strict) {
        // reported where the lenient warning is: at the string (its bytes may be a literal's)
        throw new ParseError({
          protocol: 'imap',
          code: 'BAD_SYNTAX',
          message: 'invalid UTF-8 in a string',
          offset: at,
          excerpt: bytes.subarray(0, 40),
          ...(this.o.tag === undefined ? {} : { tag: this.o.tag }),
        });
      }
      this.o.warn('INVALID_UTF8', 'invalid UTF-8 in a string (decoded with U+FFFD)', at);
      return utf8.decode(bytes);
    }
  }

  /** string = quoted / literal, as bytes. */
  stringBytes(): Uint8Array {
    if (this.peek() === DQUOTE) return this.quotedBytes();
    if (this.atLiteral()) return this.literal();
    return this.fail('expected a string');
  }

  /**
   * Reads a quoted string; true if it is 7-bit without escapes, its text then being the bytes
   * `buffer[quotedStart..quotedEnd)` as they are. Otherwise `quotedText` gives its text.
   */
  plainQuoted(): boolean {
    this.scanQuoted();
    return !this.quotedEscapes && !this.quotedHigh;
  }

  /** The text of the quoted string just read (`at`: the position of its opening quote). */
  quotedText(at: number): string {
    const s = this.quotedStart;
    const e = this.quotedEnd;
    if (s === e) return '';
    // the common case: 7-bit without escapes, decoded in place without a view
    if (!this.quotedEscapes && !this.quotedHigh) return asciiString(this.b, s, e);
    const raw = this.b.subarray(s, e);
    const bytes = this.quotedEscapes ? this.unescape(raw, s) : raw;
    return this.text(bytes, this.quotedHigh, this.segOffset() + at);
  }

  string(): string {
    if (this.peek() === DQUOTE) {
      const at = this.p;
      this.scanQuoted();
      return this.quotedText(at);
    }
    const at = this.offset;
    return this.text(this.stringBytes(), true, at);
  }

  nstringBytes(): Uint8Array | null {
    if (this.nil()) return null;
    return this.stringBytes();
  }

  nstring(): string | null {
    if (this.nil()) return null;
    return this.string();
  }

  /** astring = 1*ASTRING-CHAR / string. */
  astring(): string {
    if (this.peek() === DQUOTE || this.atLiteral()) return this.string();
    const s = this.scan(ASTRING, 'an astring');
    return asciiString(this.b, s, this.p);
  }

  /** astring as bytes (mailbox names keep their wire form). */
  astringBytes(cls: Uint8Array = ASTRING): Uint8Array {
    if (this.peek() === DQUOTE || this.atLiteral()) return this.stringBytes();
    const s = this.scan(cls, 'an astring', true);
    if (this.peek() >= 0x80) {
      // 8-bit mailbox names unquoted (servers sending raw UTF-8 without UTF8=ACCEPT)
      this.lenient('LOOSE_ATOM', '8-bit characters in an atom');
      this.scan(LOOSE_ATOM, 'an astring', true);
    }
    if (this.p === s) this.fail('expected an astring');
    return this.b.subarray(s, this.p);
  }

  /** The rest of the current line as UTF-8 text (resp-text). */
  restText(): string {
    const s = this.p;
    this.p = this.end;
    return s === this.end ? '' : utf8.decode(this.b.subarray(s, this.end));
  }

  /** Moves to the end of the response (every literal must have arrived). */
  skipToEnd(): void {
    this.load(this.segs.length - 1);
    this.p = this.end;
  }

  /** Raw bytes from `from` (a position in this segment) to here. */
  slice(from: number): Uint8Array {
    return this.b.subarray(from, this.p);
  }

  /** Raw bytes of a parenthesised or simple value, skipping it (unknown FETCH items). */
  skipValue(): void {
    if (this.peek() === 0x28) {
      this.p++;
      this.enter();
      this.skipLeadingSpace();
      let n = 0;
      while (this.peek() !== 0x29 && this.listSp(n)) {
        this.skipValue();
        this.count(++n);
      }
      this.p++;
      this.leave();
      return;
    }
    if (this.peek() === DQUOTE) {
      this.quotedBytes();
      return;
    }
    if (this.atLiteral()) {
      this.literal();
      return;
    }
    const s = this.p;
    while (this.p < this.end) {
      const c = this.b[this.p] as number;
      if (c === SP || c === 0x29 || c === 0x28) break;
      if (c === 0x5b) {
        // a section spec like [HEADER.FIELDS (A B)] may contain spaces
        let close = this.p;
        while (close < this.end && this.b[close] !== 0x5d) close++;
        if (close >= this.end) this.fail('unterminated [');
        this.p = close + 1;
        continue;
      }
      this.p++;
    }
    if (this.p === s) this.fail('expected a value');
  }

  /**
   * The bytes from `mark` to here as they were on the wire (lines, literal announcements,
   * CRLF and literal data): raw values of unknown items and responses.
   */
  rawSince(mark: number): Uint8Array {
    const si = Math.floor(mark / 0x100000000);
    const rel = mark - si * 0x100000000;
    if (si === this.si) return this.b.subarray(this.base + rel, this.p);
    const parts: Uint8Array[] = [];
    for (let k = si; k <= this.si; k++) {
      const seg = this.segs[k] as Segment;
      const from = seg.start + (k === si ? rel : 0);
      if (k === this.si) {
        parts.push(seg.bytes.subarray(from, this.p));
        break;
      }
      parts.push(seg.bytes.subarray(from, seg.end), CRLF, seg.literal ?? EMPTY);
    }
    let n = 0;
    for (const x of parts) n += x.length;
    const out = new Uint8Array(n);
    n = 0;
    for (const x of parts) {
      out.set(x, n);
      n += x.length;
    }
    return out;
  }
}
