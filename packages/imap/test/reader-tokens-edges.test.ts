/**
 * Edge cases of the lexer's token reader (src/lexer/reader.ts): the end of a response,
 * separators, keywords and words, flags and labels, tokens that meet a literal announcement,
 * and positions kept across literals (error offsets, restarted streamed FETCH items).
 */
import { describe, expect, it } from 'vitest';
import type { ImapResponse, ImapResponseEvent } from '../src/index';
import { enc, expectError, kinds, normalise, parse, thrown } from './helpers';

/** The warnings of `evs` as `{ code, message, offset }`. */
function warnings(evs: ImapResponseEvent[]): { code: string; message: string; offset: number }[] {
  const out: { code: string; message: string; offset: number }[] = [];
  for (const e of evs)
    if (e.type === 'warning') out.push({ code: e.code, message: e.message, offset: e.offset });
  return out;
}

/** The single response among `evs` (a test failure when there is none). */
function responseOf(evs: ImapResponseEvent[]): ImapResponse {
  const r = evs.find((e) => e.type === 'response');
  if (r?.type !== 'response') throw new Error(`no response in ${kinds(evs).join(', ')}`);
  return r.response;
}

/** The error of a lenient parse that reports exactly one error event. */
function errorOf(evs: ImapResponseEvent[]) {
  const errs = evs.flatMap((e) => (e.type === 'error' ? [e.error] : []));
  expect(errs).toHaveLength(1);
  return errs[0] as NonNullable<(typeof errs)[0]>;
}

/** The labels of a one-item `X-GM-LABELS` FETCH response. */
function labelsOf(r: ImapResponse): string[] {
  if (r.type !== 'fetch') throw new Error(`not a FETCH: ${r.type}`);
  const item = r.items[0];
  if (item?.name !== 'X-GM-LABELS') throw new Error('no X-GM-LABELS item');
  return item.labels;
}

describe('the end of a response', () => {
  it('data after a complete response is an error at its first byte, with an excerpt from there', () => {
    const e = thrown('* 3 EXISTS x');
    expectError(e, 'BAD_SYNTAX', 'unexpected data at the end of the response', 10);
    expect(e.excerpt).toBe(' x');
    // lenient mode: the same error as an event, and no response
    const evs = parse('* 3 EXISTS x\r\n');
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
    expect(errorOf(evs).offset).toBe(10);
  });

  it('the excerpt of an error is at most 40 bytes of the line from the error on', () => {
    const e = thrown(`* 3 EXISTS ${'x'.repeat(60)}`);
    expect(e.offset).toBe(10);
    expect(e.excerpt).toBe(` ${'x'.repeat(39)}`);
  });

  it('a trailing space before the line end is a TRAILING_SPACE warning (Exchange, Courier)', () => {
    const evs = parse('* 3 EXISTS \r\n');
    expect(warnings(evs)).toEqual([
      { code: 'TRAILING_SPACE', message: 'trailing space at the end of a line', offset: 10 },
    ]);
    expect(responseOf(evs)).toEqual({ type: 'exists', value: 3 });
  });
});

describe('separators between the items of a response code', () => {
  it('a space before `]` ends the list: TRAILING_SPACE (Exchange)', () => {
    const evs = parse('* NO [BADCHARSET ] x\r\n');
    expect(warnings(evs)).toEqual([
      { code: 'TRAILING_SPACE', message: 'space before the end of a list or line', offset: 17 },
    ]);
    expect(responseOf(evs)).toMatchObject({ code: { name: 'BADCHARSET', charsets: [] }, text: 'x' });
    expectError(thrown('* NO [BADCHARSET ] x'), 'BAD_SYNTAX', 'space before the end of a list or line', 17);
  });

  it('a doubled space between items is EXTRA_SPACE, and both items are read (Exchange 2010, older Zimbra)', () => {
    const evs = parse('* NO [BADCHARSET (UTF-8  US-ASCII)] x\r\n');
    expect(warnings(evs)).toEqual([{ code: 'EXTRA_SPACE', message: 'doubled space', offset: 24 }]);
    expect(responseOf(evs)).toMatchObject({ code: { name: 'BADCHARSET', charsets: ['UTF-8', 'US-ASCII'] } });
  });
});

describe('keywords (RFC 3501 §9: case-insensitive; lower case is reported: old Cyrus, hMailServer)', () => {
  it('an upper-case keyword gives no warning', () => {
    expect(kinds(parse('* 3 EXISTS\r\n'))).toEqual(['response']);
  });

  it('a lower-case "a" (the first letter) is lower case', () => {
    const evs = parse('A1 BaD x\r\n');
    expect(warnings(evs)).toEqual([
      { code: 'LOWERCASE_KEYWORD', message: 'keyword BAD not in upper case', offset: 6 },
    ]);
    expect(responseOf(evs)).toMatchObject({ type: 'status', tag: 'A1', status: 'BAD', text: 'x' });
  });

  it('a lower-case "z" (the last letter) is lower case', () => {
    const evs = parse('* XYZz foo\r\n');
    expect(kinds(evs)).toEqual(['warning:LOWERCASE_KEYWORD', 'response']);
    expect(responseOf(evs)).toMatchObject({ type: 'unknown', keyword: 'XYZZ' });
  });

  it('ATOM-CHARs above "z" (`|`, `}`, `~`) are not lower case', () => {
    const evs = parse('* X~|} foo\r\n');
    expect(kinds(evs)).toEqual(['response']);
    expect(responseOf(evs)).toMatchObject({ type: 'unknown', keyword: 'X~|}' });
  });

  it('a missing keyword or atom is an error naming what was expected', () => {
    expectError(thrown('* (x)'), 'BAD_SYNTAX', 'expected a keyword', 2);
    expectError(thrown('* CAPABILITY (IMAP4rev1)'), 'BAD_SYNTAX', 'expected an atom', 13);
  });

  it('after a message number, a keyword shorter than FETCH is read whole', () => {
    expect(parse('* 12 ABC\r\n')).toMatchObject([
      { type: 'response', response: { type: 'unknown', keyword: 'ABC' } },
    ]);
  });

  it('FETCH must be a whole atom: `* 3 FETCHX` is an unknown response', () => {
    const evs = parse('* 3 FETCHX foo\r\n');
    expect(kinds(evs)).toEqual(['response']);
    expect(responseOf(evs)).toMatchObject({ type: 'unknown', keyword: 'FETCHX' });
  });
});

describe('words read whole (ESEARCH, RFC 4731 §3.1)', () => {
  it('UID is a word only as a whole atom: UIDNEXT is extension return data', () => {
    expect(responseOf(parse('* ESEARCH UIDNEXT 5\r\n'))).toEqual({
      type: 'esearch',
      tag: null,
      uid: false,
      data: [{ name: 'OTHER', key: 'UIDNEXT', value: 5 }],
    });
  });

  it('UID before the return data', () => {
    expect(responseOf(parse('* ESEARCH (TAG "a") UID MIN 2\r\n'))).toEqual({
      type: 'esearch',
      tag: 'a',
      uid: true,
      data: [{ name: 'MIN', value: 2 }],
    });
  });
});

describe('a token ends where a literal announcement starts', () => {
  // `~` is an ATOM-CHAR, but `~{n}` at the end of a line announces a literal8 (RFC 3516):
  // the token before it ends at the `~` and the error names that position.
  it('an atom before `~{n}`', () => {
    const e = errorOf(parse('* CAPABILITY IMAP4rev1~{3}\r\nabc\r\n'));
    expect(e.offset).toBe(22);
    expect(e.excerpt).toBe('~{3}');
    expect(e.message).toMatch(/unexpected data at the end of the response/);
  });

  it('NIL before `~{n}` is NIL', () => {
    const e = errorOf(parse('* ID ("k" NIL~{1}\r\nx)\r\n'));
    expect(e.message).toMatch(/^imap: expected SP at byte 13 /);
  });

  it('a label before `~{n}`', () => {
    const evs = parse('* 1 FETCH (X-GM-LABELS (Work~{1}\r\nx))\r\n');
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
    expect(errorOf(evs).message).toMatch(/^imap: expected SP at byte 28 /);
  });

  it('a label with a non-atom character before `~{n}`', () => {
    const evs = parse('* 1 FETCH (X-GM-LABELS (]Work~{1}\r\nx))\r\n');
    expect(warnings(evs)).toEqual([
      { code: 'LOOSE_ATOM', message: 'non-atom character in a label', offset: 24 },
    ]);
    expect(errorOf(evs).message).toMatch(/^imap: expected SP at byte 29 /);
  });

  it('a flag before `{n}`: the `{` is not a non-atom character of the flag', () => {
    const evs = parse('* 1 FETCH (X-GM-LABELS (\\Inbox{1}\r\nx))\r\n');
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
    expect(errorOf(evs).message).toMatch(/^imap: expected SP at byte 30 /);
  });
});

describe('flag lists (RFC 3501 §9: flag-list, flag-extension = "\\" atom)', () => {
  it('a flag list starts with `(`', () => {
    expectError(thrown('* FLAGS \\Seen'), 'BAD_SYNTAX', 'expected (', 8);
  });

  it('a parenthesis is not a flag, in both modes', () => {
    expectError(thrown('* FLAGS (\\Seen (x))'), 'BAD_SYNTAX', 'expected a flag', 15);
    const e = errorOf(parse('* FLAGS (\\Seen (x))\r\n'));
    expect(e.message).toMatch(/^imap: expected a flag at byte 15 /);
  });

  it('a lone backslash is not a flag, in both modes (it was accepted silently in lenient mode)', () => {
    expectError(thrown('* FLAGS (\\ \\Seen)'), 'BAD_SYNTAX', 'expected a flag', 10);
    const evs = parse('* FLAGS (\\ \\Seen)\r\n');
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
    expect(errorOf(evs).message).toMatch(/^imap: expected a flag at byte 10 /);
    const label = errorOf(parse('* 1 FETCH (X-GM-LABELS (\\ Work))\r\n'));
    expect(label.message).toMatch(/^imap: expected a flag at byte 25 /);
  });

  it('strict mode reads the atom part of a flag and stops at `]`', () => {
    expectError(thrown('* FLAGS (\\Seen] x)'), 'BAD_SYNTAX', 'expected SP', 14);
    // lenient: `]` inside a flag is the LOOSE_ATOM quirk (Gmail)
    const evs = parse('* FLAGS (\\Seen] x)\r\n');
    expect(warnings(evs)).toEqual([
      { code: 'LOOSE_ATOM', message: 'non-atom character in a flag', offset: 14 },
    ]);
    expect(responseOf(evs)).toEqual({ type: 'flags', flags: ['\\Seen]', 'x'] });
  });

  it('a keyword with a `*` is not the `\\*` flag', () => {
    const evs = parse('* FLAGS (\\Seen $*)\r\n');
    expect(warnings(evs)).toEqual([
      { code: 'LOOSE_ATOM', message: 'non-atom character in a flag', offset: 16 },
    ]);
    expect(responseOf(evs)).toEqual({ type: 'flags', flags: ['\\Seen', '$*'] });
    expect(parse('* OK [PERMANENTFLAGS (\\Seen \\*)] x\r\n', { strict: true })).toMatchObject([
      { type: 'response', response: { code: { name: 'PERMANENTFLAGS', flags: ['\\Seen', '\\*'] } } },
    ]);
  });
});

describe('Gmail labels (X-GM-LABELS: flags, strings and loose atoms)', () => {
  it('system labels and quoted labels give no warning', () => {
    const evs = parse('* 1 FETCH (X-GM-LABELS (\\Inbox "Work" \\Sent))\r\n');
    expect(kinds(evs)).toEqual(['response']);
    expect(labelsOf(responseOf(evs))).toEqual(['\\Inbox', 'Work', '\\Sent']);
  });

  it('8-bit labels are decoded as UTF-8, each warned at its first non-atom byte', () => {
    const evs = parse('* 1 FETCH (X-GM-LABELS (Ärger 日本 [Gmail]/Sent))\r\n');
    expect(warnings(evs).map((w) => [w.code, w.offset])).toEqual([
      ['LOOSE_ATOM', 24],
      ['LOOSE_ATOM', 31],
      ['LOOSE_ATOM', 44],
    ]);
    expect(labelsOf(responseOf(evs))).toEqual(['Ärger', '日本', '[Gmail]/Sent']);
  });

  it('a byte 0x80 (a windows-1252 euro sign) is 8-bit too: decoded as U+FFFD', () => {
    const head = enc('* 1 FETCH (X-GM-LABELS (');
    const tail = enc('uro))\r\n');
    const bytes = new Uint8Array(head.length + 1 + tail.length);
    bytes.set(head);
    bytes[head.length] = 0x80;
    bytes.set(tail, head.length + 1);
    const evs = parse(bytes);
    expect(kinds(evs)).toEqual(['warning:LOOSE_ATOM', 'response']);
    expect(labelsOf(responseOf(evs))).toEqual(['\uFFFDuro']);
  });
});

describe('positions kept across literals', () => {
  it('a malformed date-time after a literal is reported at its opening quote', () => {
    const e = errorOf(parse('* 1 FETCH (BODY[] {3}\r\nabc INTERNALDATE "bad")\r\n'));
    expect(e.message).toMatch(/^imap: malformed date-time at byte 40 /);
    expect(e.excerpt).toBe('"bad")');
  });

  it('a malformed known response code in a later response of the chunk is kept raw from its start', () => {
    const evs = parse('A1 OK done\r\n* OK [UIDNEXT x] text\r\n');
    expect(warnings(evs)).toEqual([
      { code: 'BAD_CODE', message: 'malformed response code kept raw', offset: 18 },
    ]);
    expect(evs.filter((e) => e.type === 'response').map((e) => e.type === 'response' && e.response)).toEqual([
      { type: 'status', tag: 'A1', status: 'OK', code: null, text: 'done' },
      {
        type: 'status',
        tag: null,
        status: 'OK',
        code: { name: 'OTHER', atom: 'UIDNEXT', text: 'x' },
        text: 'text',
      },
    ]);
  });

  it('streaming: a body item with a NIL value before the streamed body is an item, not the body', () => {
    const evs = parse('* 1 FETCH (BODY[1] NIL BODY[2] {10}\r\n0123456789)\r\n', { streamThreshold: 4 });
    expect(normalise(evs)).toEqual([
      { type: 'fetchStart', seq: 1, offset: 0 },
      {
        type: 'fetchItem',
        seq: 1,
        item: { name: 'BODY[]', section: { part: [1], text: null }, origin: null, data: null },
      },
      {
        type: 'bodyStart',
        seq: 1,
        name: 'BODY[]',
        section: { part: [2], text: null },
        origin: null,
        size: 10,
      },
      { type: 'bodyChunk', seq: 1, data: '0123456789' },
      { type: 'bodyEnd', seq: 1 },
      { type: 'fetchEnd', seq: 1 },
    ]);
  });

  // An ENVELOPE whose subject is a literal above the threshold is not a body: the streaming
  // reader stops inside it (NEED_MORE), restarts it from its start when the literal is in,
  // and must put the nesting depth back as it was at that start.
  const envelope = 'ENVELOPE (NIL {10}\r\n0123456789 NIL NIL NIL NIL NIL NIL NIL NIL)';
  const text = '("text" "plain" NIL NIL NIL "7bit" 3 1)';

  it('streaming: a restarted item counts its nesting from where it started', () => {
    const evs = parse(`* 1 FETCH (UID 7 ${envelope} BODYSTRUCTURE ${text})\r\n`, {
      streamThreshold: 4,
      limits: { maxNestingDepth: 2 },
    });
    expect(kinds(evs)).toEqual(['fetchStart', 'fetchItem', 'fetchItem', 'fetchItem', 'fetchEnd']);
    expect(evs[2]).toMatchObject({ item: { name: 'ENVELOPE', envelope: { subject: '0123456789' } } });
    expect(evs[3]).toMatchObject({
      item: { name: 'BODYSTRUCTURE', structure: { subtype: 'plain', size: 3 } },
    });
  });

  it('streaming: after a restarted item, nesting past maxNestingDepth is still an error', () => {
    const evs = parse(`* 1 FETCH (UID 7 ${envelope} BODYSTRUCTURE (${text} "mixed"))\r\n`, {
      streamThreshold: 4,
      limits: { maxNestingDepth: 2 },
    });
    expect(kinds(evs)).toEqual(['fetchStart', 'fetchItem', 'fetchItem', 'error:NESTING_TOO_DEEP']);
    expect(errorOf(evs).offset).toBe(97);
  });

  it('streaming: an item restarted after an earlier literal resumes on its own line', () => {
    const evs = parse(`* 1 FETCH (BODY[1] {2}\r\nab ${envelope} INTERNALDATE "x")\r\n`, {
      streamThreshold: 4,
    });
    expect(kinds(evs)).toEqual(['fetchStart', 'fetchItem', 'fetchItem', 'error:BAD_SYNTAX']);
    expect(normalise(evs)[1]).toMatchObject({ item: { data: 'ab' } });
    expect(evs[2]).toMatchObject({ item: { name: 'ENVELOPE', envelope: { subject: '0123456789' } } });
    expect(errorOf(evs).message).toMatch(/^imap: malformed date-time at byte 104 /);
  });
});
