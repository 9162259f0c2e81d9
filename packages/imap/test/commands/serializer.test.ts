import { imapCommandText } from '@mailwire/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CommandFragment,
  type ImapCommand,
  type SerializeCommandOptions,
  serializeCommand,
  serializeCommandBytes,
} from '../../src/commands/index';
import { dec, enc, scaledRuns } from './helpers';

const wire = (cmd: ImapCommand, o?: SerializeCommandOptions): string => dec(serializeCommandBytes(cmd, o));
const shapes = (frags: CommandFragment[]): string[] =>
  frags.map((f) =>
    f.type === 'line' ? `line:${dec(f.bytes)}` : `literal${f.synchronizing ? '' : '+'}:${f.bytes.length}`,
  );

function refusal(cmd: ImapCommand, o?: SerializeCommandOptions): { code: string; message: string } {
  try {
    serializeCommand(cmd, o);
  } catch (e) {
    const err = e as { code: string; message: string; name: string };
    expect(err.name).toBe('ParseError');
    return { code: err.code, message: err.message };
  }
  throw new Error('expected a refusal');
}

const login = (username: string, password: string): ImapCommand => ({
  tag: 'a1',
  name: 'LOGIN',
  username,
  password,
});

describe('string forms (RFC 3501 §4.3, §9)', () => {
  it('atom when every character allows it', () => {
    expect(wire(login('fred', 'p@ss]w0rd'))).toBe('a1 LOGIN fred p@ss]w0rd\r\n');
  });

  it('quoted for specials, with \\ and " escaped; NIL and empty quoted', () => {
    expect(wire(login('fred smith', 'a"b\\c'))).toBe('a1 LOGIN "fred smith" "a\\"b\\\\c"\r\n');
    expect(wire(login('NIL', ''))).toBe('a1 LOGIN "NIL" ""\r\n');
    expect(wire(login('x(y)', '%*{'))).toBe('a1 LOGIN "x(y)" "%*{"\r\n');
  });

  it('literal for CR/LF, 8-bit (without UTF8=ACCEPT) and long text', () => {
    expect(wire(login('a\r\nb', 'x'))).toBe('a1 LOGIN {4}\r\na\r\nb x\r\n');
    expect(wire(login('jörg', 'x'))).toBe('a1 LOGIN {5}\r\njörg x\r\n');
    const long = 'a b'.repeat(400);
    expect(wire(login(long, 'x'))).toBe(`a1 LOGIN {1200}\r\n${long} x\r\n`);
  });

  it('UTF-8 quoted once UTF8=ACCEPT is enabled (RFC 6855 §3)', () => {
    expect(wire(login('jörg', 'x'), { utf8Accept: true })).toBe('a1 LOGIN "jörg" x\r\n');
    // still a literal when CR/LF forbid quoting
    expect(wire(login('jö\r\n', 'x'), { utf8Accept: true })).toBe('a1 LOGIN {5}\r\njö\r\n x\r\n');
  });
});

describe('mailbox names (RFC 3501 §5.1, §5.1.3)', () => {
  const select = (mailbox: string): ImapCommand => ({ tag: 't', name: 'SELECT', mailbox });
  it('modified UTF-7 by default, the RFC 3501 example', () => {
    expect(wire(select('~peter/mail/台北/日本語'))).toBe('t SELECT ~peter/mail/&U,BTFw-/&ZeVnLIqe-\r\n');
    expect(wire(select('Entwürfe'))).toBe('t SELECT Entw&APw-rfe\r\n');
    expect(wire(select('A&B'))).toBe('t SELECT A&-B\r\n');
    expect(wire(select('Sent Items'))).toBe('t SELECT "Sent Items"\r\n');
  });

  it('UTF-8 with UTF8=ACCEPT', () => {
    expect(wire(select('Entwürfe'), { utf8Accept: true })).toBe('t SELECT "Entwürfe"\r\n');
  });

  it('INBOX in any case is sent as INBOX; INBOX children keep their case', () => {
    expect(wire(select('inbox'))).toBe('t SELECT INBOX\r\n');
    expect(wire(select('InBoX'))).toBe('t SELECT INBOX\r\n');
    expect(wire(select('inbox/Sub'))).toBe('t SELECT inbox/Sub\r\n');
  });

  it('LIST patterns keep wildcards as atoms', () => {
    expect(wire({ tag: 'A1', name: 'LIST', reference: '', patterns: ['%'] })).toBe('A1 LIST "" %\r\n');
    expect(
      wire({
        tag: 'A1',
        name: 'LIST',
        selection: ['SUBSCRIBED', 'RECURSIVEMATCH'],
        reference: '',
        patterns: ['INBOX.*', 'Büro/%'],
        return: [{ name: 'CHILDREN' }, { name: 'STATUS', items: ['MESSAGES', 'UNSEEN'] }],
      }),
    ).toBe(
      'A1 LIST (SUBSCRIBED RECURSIVEMATCH) "" (INBOX.* B&APw-ro/%) RETURN (CHILDREN STATUS (MESSAGES UNSEEN))\r\n',
    );
  });
});

describe('literal negotiation (RFC 3501 §7.5, RFC 7888)', () => {
  const append = (size: number, binary = false): ImapCommand => ({
    tag: 'A3',
    name: 'APPEND',
    mailbox: 'saved-messages',
    messages: [{ flags: ['\\Seen'], data: new Uint8Array(size).fill(0x61), binary }],
  });

  it('synchronizing {n} without LITERAL+/-: the caller waits for + before the literal', () => {
    expect(shapes(serializeCommand(append(310)))).toEqual([
      'line:A3 APPEND saved-messages (\\Seen) {310}\r\n',
      'literal:310',
      'line:\r\n',
    ]);
  });

  it('LITERAL+: {n+} for any size', () => {
    expect(shapes(serializeCommand(append(10_000), { literalPlus: true }))).toEqual([
      'line:A3 APPEND saved-messages (\\Seen) {10000+}\r\n',
      'literal+:10000',
      'line:\r\n',
    ]);
  });

  it('LITERAL-: {n+} up to 4096 bytes, synchronizing above', () => {
    expect(shapes(serializeCommand(append(4096), { literalMinus: true }))[0]).toBe(
      'line:A3 APPEND saved-messages (\\Seen) {4096+}\r\n',
    );
    expect(shapes(serializeCommand(append(4097), { literalMinus: true }))).toEqual([
      'line:A3 APPEND saved-messages (\\Seen) {4097}\r\n',
      'literal:4097',
      'line:\r\n',
    ]);
  });

  it('literal8 ~{n} for binary data (RFC 3516 §4.4)', () => {
    expect(shapes(serializeCommand(append(3, true), { literalPlus: true }))[0]).toBe(
      'line:A3 APPEND saved-messages (\\Seen) ~{3+}\r\n',
    );
    const withNul: ImapCommand = {
      tag: 'A3',
      name: 'APPEND',
      mailbox: 'x',
      messages: [{ flags: [], data: enc('a\0b'), binary: false }],
    };
    expect(shapes(serializeCommand(withNul, { binary: true }))[0]).toBe('line:A3 APPEND x ~{3}\r\n');
    expect(refusal(withNul).message).toMatch(/NUL.*BINARY/);
  });

  it('MULTIAPPEND with a date and several literals: one line fragment per announcement', () => {
    const date = { date: new Date(Date.UTC(1994, 1, 7, 21, 52, 25)), zone: '-0800', zoneMinutes: -480 };
    const cmd: ImapCommand = {
      tag: 'A1',
      name: 'APPEND',
      mailbox: 'INBOX',
      messages: [
        { flags: [], data: enc('one'), binary: false, date },
        { flags: ['\\Draft'], data: enc('two!'), binary: false },
      ],
    };
    expect(shapes(serializeCommand(cmd))).toEqual([
      'line:A1 APPEND INBOX " 7-Feb-1994 13:52:25 -0800" {3}\r\n',
      'literal:3',
      'line: (\\Draft) {4}\r\n',
      'literal:4',
      'line:\r\n',
    ]);
  });

  it('SASL-IR initial response in base64, "=" when empty (RFC 4959 §3)', () => {
    expect(
      wire({ tag: 'a', name: 'AUTHENTICATE', mechanism: 'PLAIN', initialResponse: enc('\0fred\0test') }),
    ).toBe('a AUTHENTICATE PLAIN AGZyZWQAdGVzdA==\r\n');
    expect(
      wire({ tag: 'a', name: 'AUTHENTICATE', mechanism: 'EXTERNAL', initialResponse: new Uint8Array(0) }),
    ).toBe('a AUTHENTICATE EXTERNAL =\r\n');
  });
});

describe('refusals: ParseError INVALID_ARGUMENT naming what is wrong', () => {
  const cases: Array<[string, ImapCommand, RegExp]> = [
    ['tag with a space', { tag: 'a b', name: 'NOOP' }, /tag/],
    ['tag with +', { tag: 'a+', name: 'NOOP' }, /tag/],
    ['empty tag', { tag: '', name: 'NOOP' }, /tag/],
    ['tag with CRLF', { tag: 'a\r\n', name: 'NOOP' }, /tag/],
    ['capability with CRLF', { tag: 'a', name: 'ENABLE', capabilities: ['X\r\nb NOOP'] }, /capability/],
    [
      'flag with a space',
      {
        tag: 'a',
        name: 'STORE',
        uid: false,
        sequenceSet: [1],
        operation: 'add',
        silent: false,
        flags: ['\\See n'],
      },
      /flag/,
    ],
    ['NUL in a password', login('u', 'p\0w'), /LOGIN password contains NUL/],
    ['lone surrogate', login('\ud800', 'x'), /lone UTF-16 surrogate/],
    [
      'empty sequence set',
      { tag: 'a', name: 'FETCH', uid: false, sequenceSet: [], items: 'ALL' },
      /sequence set/,
    ],
    [
      'sequence number 0',
      { tag: 'a', name: 'COPY', uid: true, sequenceSet: [0], mailbox: 'x' },
      /sequence number/,
    ],
    ['no search keys', { tag: 'a', name: 'SEARCH', uid: false, criteria: [] }, /search/],
    [
      'bad search date',
      {
        tag: 'a',
        name: 'SEARCH',
        uid: false,
        criteria: [{ key: 'ON', date: { year: 2024, month: 2, day: 30 } }],
      },
      /date/,
    ],
    ['no fetch items', { tag: 'a', name: 'FETCH', uid: false, sequenceSet: [1], items: [] }, /item/],
    [
      'MIME without part',
      {
        tag: 'a',
        name: 'FETCH',
        uid: false,
        sequenceSet: [1],
        items: [{ name: 'BODY[]', peek: false, section: { part: [], text: 'MIME' } }],
      },
      /MIME/,
    ],
    [
      'VANISHED without CHANGEDSINCE',
      { tag: 'a', name: 'FETCH', uid: true, sequenceSet: [1], items: 'FAST', modifiers: { vanished: true } },
      /VANISHED/,
    ],
    ['mechanism with a space', { tag: 'a', name: 'AUTHENTICATE', mechanism: 'X Y' }, /SASL mechanism/],
    [
      'mod-sequence out of range',
      {
        tag: 'a',
        name: 'STORE',
        uid: false,
        sequenceSet: [1],
        operation: 'add',
        silent: false,
        flags: [],
        unchangedSince: 2n ** 63n,
      },
      /UNCHANGEDSINCE/,
    ],
    ['unknown command', { tag: 'a', name: 'BOGUS' } as unknown as ImapCommand, /unknown command/],
  ];
  for (const [label, cmd, message] of cases) {
    it(label, () => {
      const r = refusal(cmd);
      expect(r.code).toBe('INVALID_ARGUMENT');
      expect(r.message).toMatch(message);
    });
  }
});

describe('form choice for every character class (property)', () => {
  const ASTRING_CHAR = /^[\x21\x23\x24\x26\x27\x2b-\x5b\x5d-\x7a\x7c-\x7e]+$/;
  const formOf = (frags: CommandFragment[]): 'atom' | 'quoted' | 'literal' => {
    if (frags.length > 1) return 'literal';
    const line = dec(frags[0]!.bytes);
    return line.startsWith('a1 LOGIN "') ? 'quoted' : 'atom';
  };
  it('atom iff ASTRING-CHARs (and not NIL); quoted iff short 7-bit (or UTF-8 with UTF8=ACCEPT) without CR/LF; else literal', () => {
    fc.assert(
      fc.property(imapCommandText, fc.boolean(), (value, utf8Accept) => {
        const frags = serializeCommand(login(value, 'x'), { utf8Accept });
        const bytes = enc(value);
        const expected =
          ASTRING_CHAR.test(value) && value.toUpperCase() !== 'NIL'
            ? 'atom'
            : bytes.length <= 1024 && !/[\r\n]/.test(value) && (utf8Accept || !/[^\x00-\x7f]/.test(value))
              ? 'quoted'
              : 'literal';
        expect(formOf(frags)).toBe(expected);
      }),
      { numRuns: scaledRuns(300) },
    );
  });
});

describe('Gmail X-GM-EXT-1 STORE of labels', () => {
  it('system labels stay flag-like, others are astrings', () => {
    const cmd: ImapCommand = {
      tag: 'a',
      name: 'STORE',
      uid: true,
      sequenceSet: [42],
      operation: 'add',
      silent: false,
      flags: ['\\Important', 'Work', 'Big Project'],
      target: 'X-GM-LABELS',
    };
    expect(wire(cmd)).toBe('a UID STORE 42 +X-GM-LABELS (\\Important Work "Big Project")\r\n');
  });
});
