/**
 * Edges of the token reader's strings (lexer/reader.ts): quoted strings (RFC 3501 §4.3, §9:
 * quoted = DQUOTE *QUOTED-CHAR DQUOTE, QUOTED-CHAR = any TEXT-CHAR but quoted-specials, or
 * `\` quoted-specials), their leniencies, their text (UTF-8, RFC 9051 §4.3), literals read as
 * text, and astrings. Offsets of warnings are checked on a response that is not the first
 * in its pushed chunk, nor in the stream, so that chunk positions and stream offsets differ.
 */
import { describe, expect, it } from 'vitest';
import { type ImapResponseEvent, ImapResponseParser, type ImapResponseParserOptions } from '../src/index';
import { enc, expectError, kinds, one, parse, strictError, thrown } from './helpers';

/** Bytes of a string whose characters are all below U+0100 (one byte each, no UTF-8). */
const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Events of `chunks` pushed one after the other, then end(). */
function pushed(chunks: Uint8Array[], options?: ImapResponseParserOptions): ImapResponseEvent[] {
  const p = new ImapResponseParser(options);
  const out: ImapResponseEvent[] = [];
  for (const c of chunks) out.push(...p.push(c));
  out.push(...p.end());
  return out;
}

// `line` is pushed after a first chunk of 8 bytes, behind an 8-byte response in its own
// chunk: it starts at byte 8 of its chunk and at stream offset 16
const FIRST = '* OK a\r\n';
const BEFORE = '* OK b\r\n';
const AT = 16;
const later = (line: Uint8Array | string): ImapResponseEvent[] =>
  pushed([
    enc(FIRST),
    Uint8Array.from([...enc(BEFORE), ...(typeof line === 'string' ? enc(line) : line), 13, 10]),
  ]);

const warningsOf = (evs: ImapResponseEvent[]) => evs.filter((e) => e.type === 'warning');
/** The last response. */
const responseOf = (evs: ImapResponseEvent[]) => {
  const r = evs.filter((e) => e.type === 'response').pop();
  if (r?.type !== 'response') throw new Error(`no response in ${kinds(evs).join(',')}`);
  return r.response;
};

describe('quoted strings: escapes (RFC 3501 §9: "\\" quoted-specials)', () => {
  it('`\\"` and `\\\\` each stand for one byte, exactly (no padding, no truncation)', () => {
    const r = one('* 1 FETCH (BODY[] "a\\"b\\\\c")');
    const data = r.type === 'fetch' && r.items[0]?.name === 'BODY[]' ? r.items[0].data : null;
    expect(data).toEqual(enc('a"b\\c'));
    const tail = one('* 1 FETCH (BODY[] "ab\\\\")');
    expect(tail.type === 'fetch' && tail.items[0]?.name === 'BODY[]' && tail.items[0].data).toEqual(
      enc('ab\\'),
    );
    // escapes at the start and the end of the string
    expect(one('* LIST () "/" "\\\\x\\""')).toMatchObject({ mailbox: { raw: '\\x"' } });
  });

  it('an escaped string read as text has no warning and no stray bytes', () => {
    const evs = parse('* ID ("name" "say \\"hi\\" \\\\o/")\r\n');
    expect(kinds(evs)).toEqual(['response']);
    expect(responseOf(evs)).toEqual({ type: 'id', params: [['name', 'say "hi" \\o/']] });
  });

  it('BAD_ESCAPE (Windows paths in Zimbra folder names): the backslash is kept, warned at its offset', () => {
    const evs = later('* LIST () "/" "a\\xb"');
    const w = warningsOf(evs);
    expect(w).toEqual([
      {
        type: 'warning',
        code: 'BAD_ESCAPE',
        message: 'backslash before a character other than " or \\',
        offset: AT + 16,
      },
    ]);
    expect(responseOf(evs)).toMatchObject({ mailbox: { name: 'a\\xb' } });
  });

  it('BAD_ESCAPE in strict mode: an error at the backslash', () => {
    expectError(
      thrown('* LIST () "/" "ab\\xc"'),
      'BAD_SYNTAX',
      'backslash before a character other than " or \\',
      17,
    );
  });
});

describe('quoted strings: bytes that cannot be in one', () => {
  it('a string running to the line end is unterminated (not a CR inside it)', () => {
    expectError(thrown('* LIST () "/" "INBOX'), 'BAD_SYNTAX', 'unterminated quoted string', 15);
    const evs = parse('* LIST () "/" "INBOX\r\n');
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
    expect(evs[0]?.type === 'error' && evs[0].error.message).toMatch(/unterminated quoted string/);
  });

  it('NUL and a bare CR inside a quoted string are errors at that byte, in both modes', () => {
    for (const c of ['\0', '\r']) {
      const line = `* LIST () "/" "a${c}b"`;
      expectError(thrown(line), 'BAD_SYNTAX', 'CR, LF or NUL in a quoted string', 16);
      const evs = parse(`${line}\r\n`);
      expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
      expect(evs[0]?.type === 'error' && evs[0].error.offset).toBe(16);
    }
  });
});

describe('quoted strings: where the closing quote is (UNESCAPED_QUOTE: Exchange subjects, old Zimbra)', () => {
  it('`"say "hi" now"`: one warning, at the first inner quote; the delimited inner quote is not warned', () => {
    const evs = later('* LIST () "/" "say "hi" now"');
    expect(warningsOf(evs)).toEqual([
      {
        type: 'warning',
        code: 'UNESCAPED_QUOTE',
        message: 'unescaped " inside a quoted string',
        offset: AT + 19,
      },
    ]);
    expect(responseOf(evs)).toMatchObject({ mailbox: { name: 'say "hi" now' } });
  });

  it('a quote before `]`, `(` or `)` closes the string even when another quote follows', () => {
    for (const d of [']', '(', ')']) {
      const evs = parse(`* LIST () "/" "a"${d} "b"\r\n`);
      expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
      const e = evs[0]?.type === 'error' ? evs[0].error : undefined;
      expect(e?.offset).toBe(17);
      expect(e?.message).toMatch(/unexpected data at the end of the response/);
    }
  });

  it('a quote before anything else with no quote after it is the closing one', () => {
    // lenient mode too: the string is "INBOX", the `x` after it is what is wrong
    const evs = parse('* LIST () "/" "INBOX"x\r\n');
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
    const e = evs[0]?.type === 'error' ? evs[0].error : undefined;
    expect(e?.offset).toBe(21);
    expect(e?.message).toMatch(/unexpected data at the end of the response/);
  });
});

describe('text of strings: UTF-8 (RFC 9051 §4.3), INVALID_UTF8 (servers passing raw Latin-1)', () => {
  it('valid UTF-8, quoted or as a literal, is decoded as UTF-8', () => {
    expect(one('* ID ("name" "Café")')).toEqual({ type: 'id', params: [['name', 'Café']] });
    expect(one('* ID ("name" {5}\r\nCafé)')).toEqual({ type: 'id', params: [['name', 'Café']] });
  });

  it('a lone 0x80 is 8-bit too: invalid UTF-8, decoded with U+FFFD and warned at the string', () => {
    const evs = parse(bytes('* ID ("name" "a\x80b")\r\n'));
    expect(kinds(evs)).toEqual(['warning:INVALID_UTF8', 'response']);
    expect(evs[0]).toEqual({
      type: 'warning',
      code: 'INVALID_UTF8',
      message: 'invalid UTF-8 in a string (decoded with U+FFFD)',
      offset: 13,
    });
    expect(responseOf(evs)).toEqual({ type: 'id', params: [['name', 'a\uFFFDb']] });
    expect(strictError(bytes('* ID ("name" "a\x80b")\r\n')).message).toMatch(
      /^imap: invalid UTF-8 in a string/,
    );
  });

  it('the strict error names the tag of a tagged response, and no tag for an untagged one', () => {
    const tagged = strictError(bytes('a1 OK [BADCHARSET ("a\x80b")] no\r\n'));
    expect(tagged.message).toMatch(/^imap: invalid UTF-8 in a string/);
    expect(tagged.tag).toBe('a1');
    const untagged = strictError(bytes('* ID ("name" "a\x80b")\r\n'));
    expect(untagged.message).toMatch(/^imap: invalid UTF-8 in a string/);
    expect(untagged.tag).toBeUndefined();
  });

  it('the warning offset is the stream offset of the opening quote', () => {
    const evs = later(bytes('* ID ("name" "\xff")'));
    expect(warningsOf(evs)).toEqual([
      {
        type: 'warning',
        code: 'INVALID_UTF8',
        message: 'invalid UTF-8 in a string (decoded with U+FFFD)',
        offset: AT + 13,
      },
    ]);
  });
});

describe('INTERNALDATE: the quoted string is checked before the date is parsed', () => {
  const date = (s: string) => bytes(`* 1 FETCH (INTERNALDATE "${s}")\r\n`);

  it('a bad escape in it is reported as such (strict), warned before the date error (lenient)', () => {
    const input = date('17-Jul-1996 02:44:25 -07\\00');
    expect(strictError(input).message).toMatch(/^imap: backslash before a character other than " or \\/);
    const evs = parse(input);
    expect(kinds(evs)).toEqual(['warning:BAD_ESCAPE', 'error:BAD_SYNTAX']);
    expect(evs[1]?.type === 'error' && evs[1].error.message).toMatch(/malformed date-time/);
  });

  it('invalid UTF-8 in it is reported as such (strict), warned before the date error (lenient)', () => {
    const input = date('17-Jul-1996 02:44:25 -0700\xff');
    expect(strictError(input).message).toMatch(/^imap: invalid UTF-8 in a string/);
    const evs = parse(input);
    expect(kinds(evs)).toEqual(['warning:INVALID_UTF8', 'error:BAD_SYNTAX']);
    expect(evs[1]?.type === 'error' && evs[1].error.message).toMatch(/malformed date-time/);
  });
});

describe('zero copy: a quoted value without escapes is a view of the pushed chunk', () => {
  it('BODY[]', () => {
    const chunk = enc('* 1 FETCH (BODY[] "hello")\r\n* LIST () "/" "INBOX"\r\n');
    const evs = pushed([chunk]);
    const [fetch, list] = evs.map((e) => (e.type === 'response' ? e.response : undefined));
    const data = fetch?.type === 'fetch' && fetch.items[0]?.name === 'BODY[]' ? fetch.items[0].data : null;
    expect(data).toEqual(enc('hello'));
    expect(data?.buffer).toBe(chunk.buffer);
    expect(list).toMatchObject({ mailbox: { name: 'INBOX' } });
  });
});

describe('astrings (RFC 3501 §9: astring = 1*ASTRING-CHAR / string)', () => {
  it('nothing where an astring is due is an error naming it', () => {
    expectError(thrown('* QUOTA (STORAGE 10 512)'), 'BAD_SYNTAX', 'expected an astring', 8);
    expectError(thrown('* LIST () "/" '), 'BAD_SYNTAX', 'expected an astring', 14);
    expect(kinds(parse('* LIST () "/" \r\n'))).toEqual(['error:BAD_SYNTAX']);
  });

  it('8-bit unquoted mailbox names are LOOSE_ATOM (servers sending raw UTF-8 without UTF8=ACCEPT)', () => {
    // 8-bit from the first byte on
    const evs = parse(bytes('* LIST () "/" \xc3\xa9t\xc3\xa9\r\n'));
    expect(kinds(evs)).toEqual(['warning:LOOSE_ATOM', 'response']);
    expect(evs[0]).toMatchObject({ message: '8-bit characters in an atom', offset: 14 });
    expect(responseOf(evs)).toMatchObject({ mailbox: { name: 'été' } });
    // after ASCII, from the lowest 8-bit byte 0x80 on
    const evs2 = parse(bytes('* LIST () "/" A\x80B\r\n'));
    expect(kinds(evs2)).toEqual(['warning:LOOSE_ATOM', 'response']);
    expect(responseOf(evs2)).toMatchObject({ mailbox: { raw: 'A\uFFFDB' } });
  });

  it('strict mode refuses them, naming the quirk', () => {
    expectError(
      strictError(bytes('* LIST () "/" A\xc3\xa9\r\n')),
      'BAD_SYNTAX',
      '8-bit characters in an atom',
      15,
    );
  });
});

describe('invalid UTF-8 in strict mode', () => {
  it('is reported at the string, as the lenient warning is, with the string as the excerpt', () => {
    const quoted = strictError(bytes('* ID ("name" "a\x80b")\r\n'));
    expect([quoted.code, quoted.offset, quoted.excerpt]).toEqual(['BAD_SYNTAX', 13, 'a\\x80b']);
    // a literal: the offset of its `{`, the excerpt from its bytes
    const literal = strictError(bytes('* ID ("name" {3}\r\na\x80b)\r\n'));
    expect([literal.code, literal.offset, literal.excerpt]).toEqual(['BAD_SYNTAX', 13, 'a\\x80b']);
  });
});
