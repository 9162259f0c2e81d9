/**
 * FETCH response items (RFC 3501 §7.4.2, RFC 9051 §7.5.2; BINARY RFC 3516; MODSEQ RFC 7162;
 * EMAILID/THREADID RFC 8474; SAVEDATE RFC 8514; PREVIEW RFC 8970; Gmail X-GM-* extensions).
 *
 * `FetchItemsReader` is resumable: the streaming parser runs it up to a body literal that
 * is still arriving, streams that literal, and resumes after it — never re-reading bytes.
 */
import { readBody } from './body-structure';
import { parseDateTime, parseDateTimeBytes } from './date-time';
import { readEnvelope } from './envelope';
import { ATOM, DIGIT, FETCH_NAME } from './lexer/char-classes';
import { NEED_MORE, type Reader, utf8String } from './lexer/reader';
import type { BodySection, FetchItem, ImapDateTime } from './types';

export type BodyItemName = 'BODY[]' | 'BINARY[]' | 'RFC822' | 'RFC822.HEADER' | 'RFC822.TEXT';

/** An item's name part: `BODY[1.MIME]<0>`, `UID`, … */
export interface ItemHead {
  name: string;
  section: BodySection | null;
  origin: number | null;
  /** Set when the value is body data (a string / literal). */
  body: BodyItemName | null;
}

function readSection(r: Reader, allowText: boolean): BodySection {
  r.expect(0x5b, '[');
  const part: number[] = [];
  let text: BodySection['text'] = null;
  let fields: string[] | undefined;
  while (!r.is(0x5d)) {
    if (DIGIT[r.peek() & 0xff] === 1 && r.peek() !== -1) {
      part.push(r.nzNumber());
      r.count(part.length);
      if (r.is(0x2e)) {
        r.p++;
        if (r.is(0x5d)) r.fail('section ends with "."');
        continue;
      }
      break;
    }
    if (!allowText) r.fail('expected a part number');
    const t = r.upperToken(ATOM, 'a section text');
    if (t === 'HEADER' || t === 'TEXT') {
      text = t;
    } else if (t === 'MIME') {
      if (part.length === 0) r.fail('MIME needs a part number');
      text = t;
    } else if (t === 'HEADER.FIELDS' || t === 'HEADER.FIELDS.NOT') {
      text = t;
      r.sp();
      r.expect(0x28, '(');
      fields = [];
      r.skipLeadingSpace();
      // header-list = "(" header-fld-name *(SP header-fld-name) ")" (RFC 3501 §9)
      if (r.is(0x29)) r.lenient('EMPTY_LIST', 'empty header field list');
      while (!r.is(0x29) && r.listSp(fields.length)) {
        fields.push(r.astring());
        r.count(fields.length);
      }
      r.p++;
    } else {
      r.fail(`unknown section text ${t}`);
    }
    break;
  }
  r.expect(0x5d, ']');
  const out: BodySection = { part, text };
  if (fields !== undefined) out.fields = fields;
  return out;
}

function readOrigin(r: Reader): number | null {
  if (!r.is(0x3c)) return null;
  r.p++;
  const n = r.number();
  r.expect(0x3e, '>');
  return n;
}

export function readItemHead(r: Reader): ItemHead {
  const name = r.upperToken(FETCH_NAME, 'a FETCH item name');
  if (r.is(0x5b)) {
    if (name === 'BODY' || name === 'BINARY') {
      const section = readSection(r, name === 'BODY');
      const origin = readOrigin(r);
      const body = name === 'BODY' ? 'BODY[]' : 'BINARY[]';
      return { name: body, section, origin, body };
    }
    if (name === 'BINARY.SIZE') {
      return { name, section: readSection(r, false), origin: null, body: null };
    }
    // unknown item with a bracket: its section is part of the name (`X-FOO[1 (A)]`)
    const at = r.p;
    r.skipValue();
    return { name: name + utf8String(r.slice(at)), section: null, origin: null, body: null };
  }
  const body =
    name === 'RFC822' || name === 'RFC822.HEADER' || name === 'RFC822.TEXT' ? (name as BodyItemName) : null;
  return { name, section: null, origin: null, body };
}

function readDate(r: Reader): ImapDateTime {
  // a mark, not a line position: a literal date-time moves the reader to the next line, and
  // the error below is reported where the value starts (its `{`)
  const at = r.mark();
  let dt: ImapDateTime | null;
  if (r.is(0x22)) {
    // a quoted 7-bit date-time (every server sends it so) is parsed from its bytes
    const open = r.p;
    dt = r.plainQuoted()
      ? parseDateTimeBytes(r.buffer, r.quotedStart, r.quotedEnd)
      : parseDateTime(r.quotedText(open));
  } else {
    dt = parseDateTime(r.string());
  }
  if (dt === null) {
    r.restore(at);
    r.fail('malformed date-time');
  }
  return dt;
}

function readLabels(r: Reader): string[] {
  r.expect(0x28, '(');
  const out: string[] = [];
  r.skipLeadingSpace();
  while (!r.is(0x29) && r.listSp(out.length)) {
    if (r.is(0x22) || r.atLiteral()) out.push(r.string());
    else if (r.is(0x5c)) out.push(r.flag());
    else out.push(r.looseAtom('a label'));
    r.count(out.length);
  }
  r.p++;
  return out;
}

/** The value after `head SP`. */
export function readItemValue(r: Reader, head: ItemHead, rawMark: number): FetchItem {
  switch (head.name) {
    case 'FLAGS':
      return { name: 'FLAGS', flags: r.flagList() };
    case 'UID':
      return { name: 'UID', value: r.nzNumber() };
    case 'RFC822.SIZE':
      return { name: 'RFC822.SIZE', value: r.number64() };
    case 'INTERNALDATE':
      return { name: 'INTERNALDATE', date: readDate(r) };
    case 'ENVELOPE':
      return { name: 'ENVELOPE', envelope: readEnvelope(r) };
    case 'BODY':
    case 'BODYSTRUCTURE':
      return { name: head.name, structure: readBody(r) };
    case 'BODY[]':
    case 'BINARY[]':
      return {
        name: head.name,
        section: head.section as BodySection,
        origin: head.origin,
        data: r.nstringBytes(),
      };
    case 'BINARY.SIZE':
      return { name: 'BINARY.SIZE', part: (head.section as BodySection).part, value: r.number64() };
    case 'RFC822':
    case 'RFC822.HEADER':
    case 'RFC822.TEXT':
      return { name: head.name, data: r.nstringBytes() };
    case 'MODSEQ': {
      r.expect(0x28, '(');
      const value = r.modSeq(false);
      r.expect(0x29, ')');
      return { name: 'MODSEQ', value };
    }
    case 'X-GM-MSGID':
    case 'X-GM-THRID':
      return { name: head.name, value: r.bigNumber(64) };
    case 'X-GM-LABELS':
      return { name: 'X-GM-LABELS', labels: readLabels(r) };
    case 'EMAILID':
    case 'THREADID': {
      if (head.name === 'THREADID' && r.nil()) return { name: 'THREADID', value: null };
      r.expect(0x28, '(');
      const value = r.astring();
      r.expect(0x29, ')');
      return { name: head.name, value };
    }
    case 'SAVEDATE':
      return { name: 'SAVEDATE', date: r.nil() ? null : readDate(r) };
    case 'PREVIEW': {
      // RFC 8970: nstring (drafts used a "(FUZZY ...)" form; kept raw below if seen)
      if (r.is(0x28)) break;
      return { name: 'PREVIEW', text: r.nstring() };
    }
    default:
      break;
  }
  r.skipValue();
  return { name: 'UNKNOWN', key: head.name, raw: r.rawSince(rawMark) };
}

export type FetchStep =
  | { kind: 'item'; item: FetchItem }
  /** The value of `head` is the streamed literal at the reader's position. */
  | { kind: 'body'; head: ItemHead }
  | { kind: 'end' };

const END: FetchStep = { kind: 'end' };

/** msg-att = "(" item *(SP item) ")" read item by item; resumable between items. */
export class FetchItemsReader {
  private opened = false;
  private first = true;
  /** Extra parentheses around items (leniency). */
  private wrap = 0;
  private done = false;

  /** Next item; NEED_MORE (reader restored to the item start) if a literal is still arriving. */
  step(r: Reader): FetchStep {
    if (this.done) return END;
    if (!this.opened) {
      r.expect(0x28, '(');
      r.enter();
      this.opened = true;
      r.skipLeadingSpace();
    }
    for (;;) {
      if (r.is(0x29)) {
        r.p++;
        if (this.wrap > 0) {
          this.wrap--;
          r.leave();
          this.first = false;
          continue;
        }
        r.leave();
        this.done = true;
        return END;
      }
      if (!this.first) {
        r.sp();
        // the separator is consumed: a resumed step must not expect it again
        this.first = true;
        if (r.is(0x29)) {
          r.lenient('TRAILING_SPACE', 'space before )');
          continue;
        }
      }
      if (r.is(0x28)) {
        // `* 1 FETCH ((UID 1) (FLAGS ()))`: items in extra parentheses (old GroupWise, some proxies)
        r.lenient('EXTRA_PARENS', 'extra parentheses around FETCH items');
        r.p++;
        r.enter();
        this.wrap++;
        this.first = true;
        continue;
      }
      const mark = r.mark();
      const depth = r.nesting;
      try {
        const head = readItemHead(r);
        r.sp();
        const valueMark = r.mark();
        if (head.body !== null && r.atStreamedLiteral()) {
          this.first = false;
          return { kind: 'body', head };
        }
        const item = readItemValue(r, head, valueMark);
        this.first = false;
        return { kind: 'item', item };
      } catch (e) {
        if (e === NEED_MORE) {
          r.restore(mark);
          r.nesting = depth;
        }
        throw e;
      }
    }
  }
}

const enum Known {
  Other = 0,
  Uid = 1,
  Flags = 2,
  Size = 3,
  InternalDate = 4,
  Envelope = 5,
  BodyStructure = 6,
  Body = 7,
}

const lowerBytes = (name: string): Uint8Array => Uint8Array.from(name, (c) => c.charCodeAt(0) | 0x20);
const UID = lowerBytes('UID');
const BODY = lowerBytes('BODY');
const FLAGS = lowerBytes('FLAGS');
const ENVELOPE = lowerBytes('ENVELOPE');
const RFC822_SIZE = lowerBytes('RFC822.SIZE');
const INTERNALDATE = lowerBytes('INTERNALDATE');
const BODYSTRUCTURE = lowerBytes('BODYSTRUCTURE');

/**
 * The common item names, told from their bytes `b[s..e)` (FETCH_NAME characters) without
 * making a string; ASCII letters compare case-insensitively. Setting bit 0x20 lower-cases a
 * letter and leaves digits and "." as they are; the only other bytes it maps onto those are
 * control characters, which FETCH_NAME excludes.
 */
function knownItem(b: Uint8Array, s: number, e: number): Known {
  let word: Uint8Array;
  let kind: Known;
  switch (e - s) {
    case 3:
      word = UID;
      kind = Known.Uid;
      break;
    case 4:
      word = BODY;
      kind = Known.Body;
      break;
    case 5:
      word = FLAGS;
      kind = Known.Flags;
      break;
    case 8:
      word = ENVELOPE;
      kind = Known.Envelope;
      break;
    case 11:
      word = RFC822_SIZE;
      kind = Known.Size;
      break;
    case 12:
      word = INTERNALDATE;
      kind = Known.InternalDate;
      break;
    case 13:
      word = BODYSTRUCTURE;
      kind = Known.BodyStructure;
      break;
    default:
      return Known.Other;
  }
  for (let k = 0; k < word.length; k++) if (((b[s + k] as number) | 0x20) !== word[k]) return Known.Other;
  return kind;
}

/**
 * One item of a complete response: what `FetchItemsReader.step` reads, without its step
 * objects; the common items without an `ItemHead`. Null for a streamed body (skipped).
 */
function readItem(r: Reader): FetchItem | null {
  const s = r.skipClass(FETCH_NAME);
  const e = r.p;
  if (e > s && !r.is(0x5b)) {
    switch (knownItem(r.buffer, s, e)) {
      case Known.Uid:
        r.sp();
        return { name: 'UID', value: r.nzNumber() };
      case Known.Flags:
        r.sp();
        return { name: 'FLAGS', flags: r.flagList() };
      case Known.Size:
        r.sp();
        return { name: 'RFC822.SIZE', value: r.number64() };
      case Known.InternalDate:
        r.sp();
        return { name: 'INTERNALDATE', date: readDate(r) };
      case Known.Envelope:
        r.sp();
        return { name: 'ENVELOPE', envelope: readEnvelope(r) };
      case Known.BodyStructure:
        r.sp();
        return { name: 'BODYSTRUCTURE', structure: readBody(r) };
      case Known.Body:
        r.sp();
        return { name: 'BODY', structure: readBody(r) };
      default:
        break;
    }
  }
  r.p = s;
  const head = readItemHead(r);
  r.sp();
  const valueMark = r.mark();
  if (head.body !== null && r.atStreamedLiteral()) return null;
  return readItemValue(r, head, valueMark);
}

/** Reads all items of a complete FETCH response (the grammar of `FetchItemsReader.step`). */
export function readFetchItems(r: Reader): FetchItem[] {
  const items: FetchItem[] = [];
  r.expect(0x28, '(');
  r.enter();
  r.skipLeadingSpace();
  let first = true;
  let wrap = 0;
  for (;;) {
    if (r.is(0x29)) {
      r.p++;
      r.leave();
      if (wrap > 0) {
        wrap--;
        first = false;
        continue;
      }
      return items;
    }
    if (!first) {
      r.sp();
      first = true;
      if (r.is(0x29)) {
        r.lenient('TRAILING_SPACE', 'space before )');
        continue;
      }
    }
    if (r.is(0x28)) {
      // `* 1 FETCH ((UID 1) (FLAGS ()))`: items in extra parentheses (old GroupWise, some proxies)
      r.lenient('EXTRA_PARENS', 'extra parentheses around FETCH items');
      r.p++;
      r.enter();
      wrap++;
      first = true;
      continue;
    }
    const item = readItem(r);
    first = false;
    if (item !== null) {
      items.push(item);
      r.count(items.length);
    }
  }
}
