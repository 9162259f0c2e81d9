import { describe, expect, it } from 'vitest';
import { ImapResponseParser } from '../src/index';
import {
  ASTRING,
  ATOM,
  CODE_TEXT,
  DIGIT,
  FETCH_NAME,
  LIST_CHAR,
  LOOSE_ATOM,
  QUOTED_PLAIN,
  TAG,
} from '../src/lexer/char-classes';
import { enc, kinds, one, parse } from './helpers';

/*
 * The byte classes against the ABNF of RFC 3501 §9 / RFC 9051 §9, rebuilt here from the
 * grammar's own definitions (sets of bytes), so that every one of the 256 entries of every
 * table is pinned, not only the bytes some response happens to contain.
 */
type ByteSet = Set<number>;
const bytes = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const chars = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const union = (...parts: Iterable<number>[]): ByteSet => new Set(parts.flatMap((p) => [...p]));
const minus = (a: Iterable<number>, ...b: Iterable<number>[]): ByteSet => {
  const drop = union(...b);
  return new Set([...a].filter((x) => !drop.has(x)));
};

// CHAR = %x01-7F; CTL = %x00-1F / %x7F (RFC 5234 core rules, used by RFC 3501 §9)
const CHAR = bytes(0x01, 0x7f);
const CTL = [...bytes(0x00, 0x1f), 0x7f];
const EIGHT_BIT = bytes(0x80, 0xff);
const SP = 0x20;
const CR = 0x0d;
const LF = 0x0a;
// list-wildcards = "%" / "*"; quoted-specials = DQUOTE / "\"; resp-specials = "]"
const LIST_WILDCARDS = chars('%*');
const QUOTED_SPECIALS = chars('"\\');
const RESP_SPECIALS = chars(']');
// atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards / quoted-specials / resp-specials
const ATOM_SPECIALS = union(chars('(){'), [SP], CTL, LIST_WILDCARDS, QUOTED_SPECIALS, RESP_SPECIALS);
// ATOM-CHAR = <any CHAR except atom-specials>
const ATOM_CHAR = minus(CHAR, ATOM_SPECIALS);
// ASTRING-CHAR = ATOM-CHAR / resp-specials
const ASTRING_CHAR = union(ATOM_CHAR, RESP_SPECIALS);
// list-char = ATOM-CHAR / list-wildcards / resp-specials
const LIST_CHAR_SET = union(ATOM_CHAR, LIST_WILDCARDS, RESP_SPECIALS);
// tag = 1*<any ASTRING-CHAR except "+">
const TAG_CHAR = minus(ASTRING_CHAR, chars('+'));
// TEXT-CHAR = <any CHAR except CR and LF>
const TEXT_CHAR = minus(CHAR, [CR, LF]);
// QUOTED-CHAR = <any TEXT-CHAR except quoted-specials> / "\" quoted-specials
const QUOTED_PLAIN_SET = minus(TEXT_CHAR, QUOTED_SPECIALS);
// resp-text-code = ... / atom [SP 1*<any TEXT-CHAR except "]">]; 8-bit bytes pass too
// (RFC 9051 text carries UTF-8)
const CODE_TEXT_SET = minus(union(TEXT_CHAR, EIGHT_BIT), RESP_SPECIALS);
const DIGIT_SET = new Set(chars('0123456789'));
// fetch-att names: ATOM-CHAR up to the "[" of a section or the "<" of a partial
const FETCH_NAME_SET = minus(ATOM_CHAR, chars('[<'));
// The lenient flag/label alphabet: everything but SP, "(", ")", DQUOTE and CTL
const LOOSE_ATOM_SET = minus(bytes(0x00, 0xff), [SP], chars('()"'), CTL);

const members = (t: Uint8Array): number[] => bytes(0x00, 0xff).filter((b) => t[b] === 1);
const sorted = (s: ByteSet): number[] => [...s].sort((a, b) => a - b);

describe('byte-class tables: exact membership per RFC 3501 §9 / RFC 9051 §9', () => {
  const tables: [string, Uint8Array, ByteSet][] = [
    ['ATOM (ATOM-CHAR)', ATOM, ATOM_CHAR],
    ['ASTRING (ASTRING-CHAR)', ASTRING, ASTRING_CHAR],
    ['LIST_CHAR (list-char)', LIST_CHAR, LIST_CHAR_SET],
    ['TAG (tag)', TAG, TAG_CHAR],
    ['QUOTED_PLAIN (QUOTED-CHAR without its escapes)', QUOTED_PLAIN, QUOTED_PLAIN_SET],
    ['CODE_TEXT (resp-text-code argument)', CODE_TEXT, CODE_TEXT_SET],
    ['DIGIT', DIGIT, DIGIT_SET],
    ['FETCH_NAME (fetch item name)', FETCH_NAME, FETCH_NAME_SET],
    ['LOOSE_ATOM (lenient flag / label)', LOOSE_ATOM, LOOSE_ATOM_SET],
  ];
  for (const [name, table, expected] of tables) {
    it(`${name}: 256 entries of 0 or 1, the 1s exactly the grammar's bytes`, () => {
      expect(table).toHaveLength(256);
      expect(table.every((v) => v === 0 || v === 1)).toBe(true);
      expect(members(table)).toEqual(sorted(expected));
    });
  }

  it('DEL (0x7f) is a CTL: in no atom class, but a TEXT-CHAR (quoted strings, code text)', () => {
    for (const t of [ATOM, ASTRING, LIST_CHAR, TAG, FETCH_NAME, LOOSE_ATOM]) expect(t[0x7f]).toBe(0);
    expect(QUOTED_PLAIN[0x7f]).toBe(1);
    expect(CODE_TEXT[0x7f]).toBe(1);
  });

  it('SP and the other CTLs (NUL, TAB, CR, LF, 0x1f) are in no atom class', () => {
    for (const b of [0x00, 0x09, CR, LF, 0x1f, SP])
      for (const t of [ATOM, ASTRING, LIST_CHAR, TAG, FETCH_NAME, LOOSE_ATOM]) expect(t[b]).toBe(0);
  });

  it('list-wildcards "%" and "*" are atom-specials but list-chars', () => {
    for (const b of chars('%*')) {
      expect([ATOM[b], ASTRING[b], TAG[b], FETCH_NAME[b]]).toEqual([0, 0, 0, 0]);
      expect(LIST_CHAR[b]).toBe(1);
      expect(LOOSE_ATOM[b]).toBe(1);
    }
  });

  it('quoted-specials DQUOTE and "\\" are neither atom nor plain quoted characters', () => {
    for (const b of chars('"\\')) {
      expect([ATOM[b], ASTRING[b], LIST_CHAR[b], TAG[b], FETCH_NAME[b], QUOTED_PLAIN[b]]).toEqual([
        0, 0, 0, 0, 0, 0,
      ]);
    }
    expect(LOOSE_ATOM[0x22]).toBe(0);
    expect(LOOSE_ATOM[0x5c]).toBe(1); // a backslash inside a loose keyword is only warned about
  });

  it('resp-specials "]": an ASTRING-CHAR, a list-char and a tag char, but not an ATOM-CHAR', () => {
    const b = 0x5d;
    expect([ATOM[b], FETCH_NAME[b], CODE_TEXT[b]]).toEqual([0, 0, 0]);
    expect([ASTRING[b], LIST_CHAR[b], TAG[b], LOOSE_ATOM[b]]).toEqual([1, 1, 1, 1]);
  });

  it('"+" is an ASTRING-CHAR but not a tag char; "[" and "<" end a FETCH item name', () => {
    expect([ASTRING[0x2b], ATOM[0x2b], TAG[0x2b]]).toEqual([1, 1, 0]);
    expect([ATOM[0x5b], FETCH_NAME[0x5b]]).toEqual([1, 0]);
    expect([ATOM[0x3c], FETCH_NAME[0x3c]]).toEqual([1, 0]);
    expect([ATOM[0x2e], FETCH_NAME[0x2e]]).toEqual([1, 1]); // RFC822.SIZE, BINARY.SIZE
  });

  it('CR, LF and NUL are neither plain quoted characters nor code text (TEXT-CHAR excludes them)', () => {
    for (const b of [CR, LF, 0x00]) expect([QUOTED_PLAIN[b], CODE_TEXT[b]]).toEqual([0, 0]);
    expect([QUOTED_PLAIN[0x09], CODE_TEXT[0x09]]).toEqual([1, 1]); // TAB is a TEXT-CHAR
    expect([QUOTED_PLAIN[0x01], CODE_TEXT[0x01]]).toEqual([1, 1]);
  });

  it('8-bit bytes: in no 7-bit class (CHAR is %x01-7F), only in the lenient ones', () => {
    for (const b of [0x80, 0xc3, 0xff]) {
      expect([ATOM[b], ASTRING[b], LIST_CHAR[b], TAG[b], FETCH_NAME[b], QUOTED_PLAIN[b], DIGIT[b]]).toEqual([
        0, 0, 0, 0, 0, 0, 0,
      ]);
      expect([LOOSE_ATOM[b], CODE_TEXT[b]]).toEqual([1, 1]);
    }
  });

  it('"(" and ")" never enter a loose flag; "{" does (only SP, parens, DQUOTE and CTL end one)', () => {
    expect([LOOSE_ATOM[0x28], LOOSE_ATOM[0x29], LOOSE_ATOM[0x7b]]).toEqual([0, 0, 1]);
  });
});

describe('the classes seen through the response parser', () => {
  const flagsOf = (line: string): { kinds: string[]; flags: unknown } => {
    const evs = parse(enc(`${line}\r\n`));
    const r = evs.find((e) => e.type === 'response');
    return {
      kinds: kinds(evs),
      flags: r?.type === 'response' ? (r.response as { flags?: unknown }).flags : undefined,
    };
  };

  /** The one event of a lenient parse of `line`: an error, its code, what it expected, where. */
  const errorOf = (line: string): { code: string; message: string; offset: number } | string[] => {
    const evs = parse(enc(`${line}\r\n`));
    const e = evs[0];
    if (evs.length !== 1 || e?.type !== 'error') return kinds(evs);
    return {
      code: e.error.code,
      message: /expected SP/.exec(e.error.message)?.[0] ?? e.error.message,
      offset: e.error.offset,
    };
  };

  it('a tag may hold "]" (ASTRING-CHAR) but stops at "+" (RFC 3501 §9 tag)', () => {
    expect(one('A]1 OK done')).toMatchObject({ tag: 'A]1', status: 'OK' });
    expect(errorOf('A+1 OK done')).toEqual({ code: 'BAD_SYNTAX', message: 'expected SP', offset: 1 });
  });

  it('a DEL inside a flag ends the atom: an error, strict or lenient (CTL)', () => {
    expect(errorOf('* FLAGS (\\Seen ab\x7fc)')).toEqual({
      code: 'BAD_SYNTAX',
      message: 'expected SP',
      offset: 17,
    });
    expect(() => parse('* FLAGS (\\Seen ab\x7fc)\r\n', { strict: true })).toThrow(/expected SP at byte 17/);
  });

  it('"*" or "\\" inside a keyword is not an ATOM-CHAR: accepted with a LOOSE_ATOM warning', () => {
    expect(flagsOf('* FLAGS (\\Seen a*b)')).toEqual({
      kinds: ['warning:LOOSE_ATOM', 'response'],
      flags: ['\\Seen', 'a*b'],
    });
    expect(flagsOf('* FLAGS (\\Seen a\\b)')).toEqual({
      kinds: ['warning:LOOSE_ATOM', 'response'],
      flags: ['\\Seen', 'a\\b'],
    });
    expect(flagsOf('* FLAGS (\\Seen ab)')).toEqual({ kinds: ['response'], flags: ['\\Seen', 'ab'] });
  });

  it('an 8-bit keyword is not an atom: a LOOSE_ATOM warning, decoded as UTF-8', () => {
    const line = new Uint8Array([...enc('* FLAGS (caf'), 0xc3, 0xa9, ...enc(')\r\n')]);
    const p = new ImapResponseParser();
    const evs = [...p.push(line), ...p.end()];
    expect(kinds(evs)).toEqual(['warning:LOOSE_ATOM', 'response']);
    const r = evs.find((e) => e.type === 'response');
    expect(r?.type === 'response' && (r.response as { flags?: unknown }).flags).toEqual(['café']);
  });

  it('"(" inside a keyword ends it (a loose flag never swallows a parenthesis)', () => {
    expect(errorOf('* FLAGS (a(b)')).toEqual({ code: 'BAD_SYNTAX', message: 'expected SP', offset: 10 });
  });
});
