/**
 * FETCH items both ways (RFC 3501 §6.4.5 and §9 `fetch-att`, `section`; RFC 9051 §6.4.5;
 * RFC 3516 BINARY; RFC 7162 MODSEQ; RFC 8474 EMAILID/THREADID; RFC 8514 SAVEDATE;
 * RFC 8970 PREVIEW; Gmail X-GM-*).
 */
import { FETCH_NAME } from '../lexer/char-classes';
import type { CommandReader } from './command-reader';
import type { FragmentWriter } from './fragment-writer';
import { invalidArgument, writeAstring } from './string-forms';
import type { FetchAttribute, FetchMacro, FetchPartial, FetchSection, FetchSimpleAttribute } from './types';

/** The FETCH items that are a bare name (RFC 3501 §6.4.5 and extensions). */
export const FETCH_SIMPLE_ATTRIBUTES: readonly FetchSimpleAttribute[] = [
  'FLAGS',
  'UID',
  'INTERNALDATE',
  'RFC822.SIZE',
  'ENVELOPE',
  'BODY',
  'BODYSTRUCTURE',
  'RFC822',
  'RFC822.HEADER',
  'RFC822.TEXT',
  'MODSEQ',
  'EMAILID',
  'THREADID',
  'SAVEDATE',
  'X-GM-MSGID',
  'X-GM-THRID',
  'X-GM-LABELS',
];
const SIMPLE = new Set<string>(FETCH_SIMPLE_ATTRIBUTES);
export const FETCH_MACROS = new Set<string>(['ALL', 'FAST', 'FULL'] satisfies FetchMacro[]);
const TEXT_SPECIFIERS = new Set(['HEADER', 'HEADER.FIELDS', 'HEADER.FIELDS.NOT', 'TEXT', 'MIME']);
const MAX_OFFSET = Number.MAX_SAFE_INTEGER;

function formatPart(part: readonly number[]): string {
  if (!Array.isArray(part)) invalidArgument('a section part must be an array of numbers');
  for (const n of part) {
    if (!Number.isInteger(n) || n < 1 || n > 0xffff_ffff)
      invalidArgument('section part numbers are 1..2^32-1');
  }
  return part.join('.');
}

function writePartial(w: FragmentWriter, p: FetchPartial | undefined): void {
  if (p === undefined) return;
  if (!Number.isInteger(p.offset) || p.offset < 0 || p.offset > MAX_OFFSET)
    invalidArgument('bad partial offset');
  if (!Number.isInteger(p.length) || p.length < 1 || p.length > MAX_OFFSET)
    invalidArgument('bad partial length');
  w.s(`<${p.offset}.${p.length}>`);
}

function writeSection(w: FragmentWriter, s: FetchSection): void {
  const part = formatPart(s.part);
  w.s(`[${part}`);
  if (s.text !== undefined) {
    if (!TEXT_SPECIFIERS.has(s.text)) invalidArgument(`unknown section text ${JSON.stringify(s.text)}`);
    if (s.text === 'MIME' && s.part.length === 0)
      invalidArgument('MIME needs a part number (RFC 3501 §6.4.5)');
    w.s(`${part.length > 0 ? '.' : ''}${s.text}`);
    if (s.text === 'HEADER.FIELDS' || s.text === 'HEADER.FIELDS.NOT') {
      if (s.fields === undefined || s.fields.length === 0)
        invalidArgument(`${s.text} needs at least one field`);
      w.s(' (');
      s.fields.forEach((f, i) => {
        if (i > 0) w.s(' ');
        writeAstring(w, f, 'header field name');
      });
      w.s(')');
    } else if (s.fields !== undefined) {
      invalidArgument(`fields are only allowed with HEADER.FIELDS(.NOT)`);
    }
  } else if (s.fields !== undefined) {
    invalidArgument('fields are only allowed with HEADER.FIELDS(.NOT)');
  }
  w.s(']');
}

export function writeFetchItem(w: FragmentWriter, item: FetchAttribute): void {
  switch (item.name) {
    case 'BODY[]':
      w.s(item.peek ? 'BODY.PEEK' : 'BODY');
      writeSection(w, item.section);
      writePartial(w, item.partial);
      return;
    case 'BINARY[]':
      w.s(`${item.peek ? 'BINARY.PEEK' : 'BINARY'}[${formatPart(item.part)}]`);
      writePartial(w, item.partial);
      return;
    case 'BINARY.SIZE':
      w.s(`BINARY.SIZE[${formatPart(item.part)}]`);
      return;
    case 'PREVIEW':
      w.s(item.lazy ? 'PREVIEW (LAZY)' : 'PREVIEW');
      return;
    default:
      if (!SIMPLE.has(item.name)) invalidArgument(`unknown fetch item ${JSON.stringify(item.name)}`);
      w.s(item.name);
  }
}

export function writeFetchItems(w: FragmentWriter, items: FetchMacro | readonly FetchAttribute[]): void {
  if (typeof items === 'string') {
    if (!FETCH_MACROS.has(items)) invalidArgument(`unknown fetch macro ${JSON.stringify(items)}`);
    w.s(items);
    return;
  }
  if (!Array.isArray(items) || items.length === 0) invalidArgument('FETCH needs at least one item');
  if (items.length === 1) {
    writeFetchItem(w, items[0] as FetchAttribute);
    return;
  }
  w.s('(');
  items.forEach((it, i) => {
    if (i > 0) w.s(' ');
    writeFetchItem(w, it);
  });
  w.s(')');
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** `1.2.` before a text specifier, or `1.2` before `]`; `dotted` if a `.` ended it. */
function readPart(r: CommandReader): { part: number[]; dotted: boolean } {
  const part: number[] = [];
  while (isDigit(r.peek())) {
    part.push(r.nzNumber('a section part number'));
    if (!r.optional(0x2e)) return { part, dotted: false };
    if (!isDigit(r.peek())) return { part, dotted: true };
  }
  return { part, dotted: false };
}

function readPartial(r: CommandReader): FetchPartial | undefined {
  if (!r.optional(0x3c)) return undefined;
  const offset = r.number('a partial offset', MAX_OFFSET);
  r.expect(0x2e);
  const length = r.number('a partial length', MAX_OFFSET);
  if (length === 0) r.fail('a partial length must not be 0', 'BAD_NUMBER');
  r.expect(0x3e);
  return { offset, length };
}

function readSection(r: CommandReader): FetchSection {
  r.expect(0x5b);
  const { part, dotted } = readPart(r);
  const section: FetchSection = { part };
  if (part.length > 0 && dotted === r.is(0x5d))
    r.fail(dotted ? 'expected a section text after "."' : 'expected "." or "]"');
  if (!r.is(0x5d)) {
    const text = r.keyword('a section text');
    if (!TEXT_SPECIFIERS.has(text)) r.fail(`unknown section text ${text}`);
    if (text === 'MIME' && part.length === 0) r.fail('MIME needs a part number');
    section.text = text as NonNullable<FetchSection['text']>;
    if (text === 'HEADER.FIELDS' || text === 'HEADER.FIELDS.NOT') {
      r.sp();
      section.fields = r.list(() => r.astring('a header field name'), false, 'header field names');
    }
  }
  r.expect(0x5d);
  return section;
}

function readBinaryPart(r: CommandReader): number[] {
  r.expect(0x5b);
  const part: number[] = [];
  if (!r.is(0x5d)) {
    for (;;) {
      part.push(r.nzNumber('a section part number'));
      if (!r.optional(0x2e)) break;
    }
  }
  r.expect(0x5d);
  return part;
}

export function readFetchItem(r: CommandReader): FetchAttribute {
  const name = r.token(FETCH_NAME, 'a fetch item').toUpperCase();
  switch (name) {
    case 'BODY':
    case 'BODY.PEEK': {
      if (!r.is(0x5b)) {
        if (name === 'BODY.PEEK') r.fail('BODY.PEEK needs a section');
        return { name: 'BODY' };
      }
      const section = readSection(r);
      const partial = readPartial(r);
      const item: FetchAttribute = { name: 'BODY[]', peek: name === 'BODY.PEEK', section };
      if (partial !== undefined) item.partial = partial;
      return item;
    }
    case 'BINARY':
    case 'BINARY.PEEK': {
      const part = readBinaryPart(r);
      const partial = readPartial(r);
      const item: FetchAttribute = { name: 'BINARY[]', peek: name === 'BINARY.PEEK', part };
      if (partial !== undefined) item.partial = partial;
      return item;
    }
    case 'BINARY.SIZE':
      return { name, part: readBinaryPart(r) };
    case 'PREVIEW': {
      // RFC 8970 §3: `PREVIEW (LAZY)`; a `(` not followed by LAZY is FETCH modifiers.
      const save = r.p;
      if (r.optional(0x20) && r.optional(0x28)) {
        if (r.optionalKeyword('LAZY')) {
          r.expect(0x29);
          return { name, lazy: true };
        }
      }
      r.p = save;
      return { name, lazy: false };
    }
    default:
      if (!SIMPLE.has(name)) r.fail(`unknown fetch item ${name}`);
      return { name: name as FetchSimpleAttribute };
  }
}

export function readFetchItems(r: CommandReader): FetchMacro | FetchAttribute[] {
  if (r.is(0x28)) return r.list(() => readFetchItem(r), false, 'fetch items');
  const kw = r.peekKeyword();
  if (FETCH_MACROS.has(kw)) {
    r.p += kw.length;
    return kw as FetchMacro;
  }
  return [readFetchItem(r)];
}
