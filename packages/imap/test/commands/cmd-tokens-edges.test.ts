import type { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { type CommandLiteral, CommandReader, type FramedCommand } from '../../src/commands/command-reader';
import type { ImapCommandEvent, ImapCommandParserOptions } from '../../src/commands/index';
import { commands, enc, kinds, parseAll } from './helpers';

// The command side's token reader (command-reader.ts): atoms, astrings, quoted strings,
// literals, numbers and lists (RFC 3501 §4 and §9, RFC 9051 §9), seen through the parser,
// plus the reader's own contract where no command reaches it.

/** The one error event of `input` (lenient mode), or a test failure. */
function errorOf(input: string | Uint8Array, options?: ImapCommandParserOptions): ParseError {
  const evs = parseAll(input, options);
  const errs = evs.filter((e): e is Extract<ImapCommandEvent, { type: 'error' }> => e.type === 'error');
  expect(errs, `errors of ${JSON.stringify(input)}`).toHaveLength(1);
  return (errs[0] as { error: ParseError }).error;
}

function commandEvent(input: string | Uint8Array): Extract<ImapCommandEvent, { type: 'command' }> {
  const evs = parseAll(input, { strict: true });
  const cmds = evs.filter((e): e is Extract<ImapCommandEvent, { type: 'command' }> => e.type === 'command');
  expect(cmds).toHaveLength(1);
  return cmds[0] as Extract<ImapCommandEvent, { type: 'command' }>;
}

const bytes = (...parts: Array<string | number[]>): Uint8Array => {
  const out: number[] = [];
  for (const p of parts) out.push(...(typeof p === 'string' ? Array.from(enc(p)) : p));
  return Uint8Array.from(out);
};

describe('error position, excerpt, protocol and tag', () => {
  it('an error names the byte where it was found, counted from the start of the stream', () => {
    // the second command starts at byte 8: its offset is that plus the column
    const e = errorOf('a NOOP\r\nb LOGIN bob(pw\r\n');
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/expected a space/);
    expect(e.offset).toBe(8 + 'b LOGIN bob'.length);
    expect(e.protocol).toBe('imap');
    expect(e.tag).toBe('b');
    expect(e.excerpt).toBe('(pw');
  });

  it('on the line after a literal, the offset counts from that line', () => {
    // "a LOGIN {3}\r\n" is 13 bytes, the literal 3: the second line starts at 16
    const e = errorOf('a LOGIN {3}\r\nbob (pw\r\n');
    expect(e.message).toMatch(/expected a password/);
    expect(e.offset).toBe(17);
    expect(e.excerpt).toBe('(pw');
  });

  it('the excerpt is the rest of the line from the error on', () => {
    const e = errorOf('a NOOP extra\r\n');
    expect(e.message).toMatch(/unexpected data at the end of the command/);
    expect(e.offset).toBe(6);
    expect(e.excerpt).toBe(' extra');
    expect(e.tag).toBe('a');
  });

  it('a line without a tag gives an error without a tag', () => {
    const e = errorOf('a(LOGIN bob pw\r\n');
    expect(e.message).toMatch(/expected a space/);
    expect(e.offset).toBe(1);
    expect(e.tag).toBeUndefined();
  });
});

describe('expected tokens', () => {
  it('a missing closing parenthesis is named as ")"', () => {
    // RFC 6154 §3: CREATE mailbox (USE (flags))
    expect(commands('a CREATE foo (USE (\\Drafts))\r\n', { strict: true })).toMatchObject([
      { name: 'CREATE', mailbox: 'foo', specialUse: ['\\Drafts'] },
    ]);
    const e = errorOf('a CREATE foo (USE (\\Drafts)\r\n');
    expect(e.message).toMatch(/expected "\)"/);
    expect(e.offset).toBe('a CREATE foo (USE (\\Drafts)'.length);
  });

  it('an empty token is named by what was expected', () => {
    const e = errorOf('a LOGIN (bob pw\r\n');
    expect(e.message).toMatch(/expected a user name/);
    expect(e.offset).toBe(8);
  });

  it('an astring at the end of the last line is missing, not a literal', () => {
    // nothing announced a literal: the reader must not take one
    const e = errorOf('a LOGIN bob \r\n');
    expect(e.message).toMatch(/expected a password/);
    expect(e.offset).toBe(12);
  });

  it('a string where neither a quoted string nor a literal stands', () => {
    const e = errorOf('a ID (name "x")\r\n');
    expect(e.message).toMatch(/expected an ID field name \(quoted string or literal\)/);
    expect(e.offset).toBe(6);
  });

  it('APPEND without its message literal', () => {
    const e = errorOf('a APPEND INBOX hello\r\n');
    expect(e.message).toMatch(/expected a literal/);
    expect(e.offset).toBe(15);
  });
});

describe('numbers (RFC 3501 §9 number, nz-number; RFC 7162 mod-sequence-value)', () => {
  it('a 32-bit number: 4294967295 is the largest', () => {
    expect(commands('a GETMETADATA (MAXSIZE 4294967295) INBOX /private/comment\r\n')).toMatchObject([
      { name: 'GETMETADATA', maxSize: 4294967295 },
    ]);
    const e = errorOf('a GETMETADATA (MAXSIZE 4294967296) INBOX /private/comment\r\n');
    expect(e.code).toBe('NUMBER_OVERFLOW');
    expect(e.message).toMatch(/MAXSIZE is larger than 4294967295/);
    expect(e.offset).toBe('a GETMETADATA (MAXSIZE '.length);
  });

  it('a number bounded by 2^53 - 1 takes all 16 digits of it', () => {
    expect(commands('a SETQUOTA "" (STORAGE 9007199254740991)\r\n')).toMatchObject([
      { name: 'SETQUOTA', limits: [{ resource: 'STORAGE', limit: 9007199254740991 }] },
    ]);
    const e = errorOf('a SETQUOTA "" (STORAGE 9007199254740992)\r\n');
    expect(e.code).toBe('NUMBER_OVERFLOW');
    expect(e.message).toMatch(/a quota limit is larger than 9007199254740991/);
  });

  it('leading zeros are legal: the value decides, not the digit count', () => {
    // number = 1*DIGIT (RFC 3501 §9), as for literal counts
    expect(
      commands('a GETMETADATA (MAXSIZE 000000000000000000001024) INBOX /private/comment\r\n'),
    ).toMatchObject([{ name: 'GETMETADATA', maxSize: 1024 }]);
  });

  it('a non-zero number refuses 0, pointing at it', () => {
    const e = errorOf('a SEARCH OLDER 0\r\n');
    expect(e.code).toBe('BAD_NUMBER');
    expect(e.message).toMatch(/OLDER seconds must not be 0/);
    expect(e.offset).toBe(15);
    expect(commands('a SEARCH OLDER 1\r\n')).toMatchObject([{ criteria: [{ key: 'OLDER', seconds: 1 }] }]);
  });

  it('a 63-bit number: 2^63 - 1 is the largest', () => {
    expect(commands('a FETCH 1 (FLAGS) (CHANGEDSINCE 9223372036854775807)\r\n')).toMatchObject([
      { name: 'FETCH', modifiers: { changedSince: 9223372036854775807n } },
    ]);
    const e = errorOf('a FETCH 1 (FLAGS) (CHANGEDSINCE 9223372036854775808)\r\n');
    expect(e.code).toBe('NUMBER_OVERFLOW');
    expect(e.message).toMatch(/CHANGEDSINCE is larger than 2\^63-1/);
    expect(e.offset).toBe('a FETCH 1 (FLAGS) (CHANGEDSINCE '.length);
  });
});

describe('quoted strings (RFC 3501 §9 quoted, QUOTED-CHAR)', () => {
  it('the value is a view of the command bytes when nothing was escaped', () => {
    const ev = commandEvent('a SETMETADATA INBOX (/private/comment "hello")\r\n');
    const cmd = ev.command as { entries: Array<{ value: Uint8Array }> };
    const value = (cmd.entries[0] as { value: Uint8Array }).value;
    expect(Array.from(value)).toEqual(Array.from(enc('hello')));
    expect(value.buffer).toBe(ev.raw.buffer);
    expect(value.byteOffset).toBe(ev.raw.byteOffset + 'a SETMETADATA INBOX (/private/comment "'.length);
  });

  it('escaped \\" and \\\\ are unescaped', () => {
    expect(commands('a LOGIN "b\\"o\\\\b" pw\r\n', { strict: true })).toEqual([
      { tag: 'a', name: 'LOGIN', username: 'b"o\\b', password: 'pw' },
    ]);
  });

  it('a backslash may escape only " and \\', () => {
    const e = errorOf('a LOGIN "b\\ob" pw\r\n');
    expect(e.message).toMatch(/a quoted string may escape only " and \\/);
    expect(e.offset).toBe(10);
  });

  it('DEL is a 7-bit CHAR: no 8-bit warning', () => {
    const evs = parseAll(bytes('a LOGIN "b', [0x7f], 'b" pw\r\n'));
    expect(kinds(evs)).toEqual(['command']);
    expect(evs[0]).toMatchObject({ command: { username: 'b\x7fb' } });
  });

  it('NUL and CR may not stand in a quoted string', () => {
    for (const c of [0x00, 0x0d]) {
      const e = errorOf(bytes('a LOGIN "b', [c], 'b" pw\r\n'));
      expect(e.message, `byte ${c}`).toMatch(/NUL, CR or LF in a quoted string/);
      expect(e.offset).toBe(10);
    }
  });

  it('an unterminated quoted string is reported at the end of its line', () => {
    const e = errorOf('a LOGIN bob "pw\r\n');
    expect(e.message).toMatch(/unterminated quoted string/);
    expect(e.offset).toBe(15);
  });
});

describe('literals where a string stands (RFC 3501 §4.3, RFC 3516 literal8)', () => {
  it('a literal8 cannot stand for a user name', () => {
    const e = errorOf('a LOGIN ~{3}\r\nbob pw\r\n');
    expect(e.message).toMatch(/a literal8 \(~\{n\}\) cannot stand for a user name/);
  });

  it('a literal8 may carry NUL where binary values are allowed (RFC 5464 metadata values)', () => {
    expect(
      commands(bytes('a SETMETADATA INBOX (/private/comment ~{3}\r\n', [0x00, 0x61, 0x00], ')\r\n'), {
        strict: true,
      }),
    ).toMatchObject([{ name: 'SETMETADATA', entries: [{ value: Uint8Array.from([0, 0x61, 0]) }] }]);
  });

  it('a plain literal may not carry NUL, even as its first byte', () => {
    const e = errorOf(bytes('a LOGIN {3}\r\n', [0x00, 0x62, 0x63], ' pw\r\n'));
    expect(e.message).toMatch(/NUL in a literal \(a user name\)/);
  });
});

describe('lists (limits maxNestingDepth, maxListItems)', () => {
  const returnStatus = 'RETURN (STATUS (MESSAGES))';

  it('lists nested exactly to maxNestingDepth are read, one deeper is refused', () => {
    expect(commands(`a LIST "" * ${returnStatus}\r\n`, { limits: { maxNestingDepth: 2 } })).toMatchObject([
      { name: 'LIST', return: [{ name: 'STATUS', items: ['MESSAGES'] }] },
    ]);
    const e = errorOf(`a LIST "" * ${returnStatus}\r\n`, { limits: { maxNestingDepth: 1 } });
    expect(e.code).toBe('NESTING_TOO_DEEP');
    expect(e.message).toMatch(/lists nested too deep/);
  });

  it('a list, empty or not, gives its depth back when it closes', () => {
    for (const selection of ['()', '(SUBSCRIBED)']) {
      expect(
        commands(`a LIST ${selection} "" * ${returnStatus}\r\n`, { limits: { maxNestingDepth: 2 } }),
        selection,
      ).toMatchObject([{ name: 'LIST', return: [{ name: 'STATUS' }] }]);
    }
  });

  it('a list that must not be empty points at its ")"', () => {
    const e = errorOf('a STATUS INBOX ()\r\n');
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/a STATUS item must not be empty/);
    expect(e.offset).toBe(16);
    expect(e.excerpt).toBe(')');
  });

  it('a list names what it opens when "(" is missing', () => {
    const e = errorOf('a STATUS INBOX MESSAGES\r\n');
    expect(e.message).toMatch(/expected \( opening a STATUS item/);
  });

  it('maxListItems items are read, one more is LIST_TOO_LONG', () => {
    const limits = { maxListItems: 2 };
    expect(commands('a STATUS INBOX (MESSAGES UNSEEN)\r\n', { limits })).toMatchObject([
      { items: ['MESSAGES', 'UNSEEN'] },
    ]);
    const e = errorOf('a STATUS INBOX (MESSAGES UNSEEN UIDNEXT)\r\n', { limits });
    expect(e.code).toBe('LIST_TOO_LONG');
    expect(e.message).toMatch(/too many items in a STATUS item/);
  });

  it('search keys nested exactly to maxNestingDepth are read, one deeper is refused', () => {
    const limits = { maxNestingDepth: 2 };
    expect(commands('a SEARCH ((SEEN))\r\n', { limits })).toMatchObject([
      { criteria: [{ key: 'AND', operands: [{ key: 'AND', operands: [{ key: 'SEEN' }] }] }] },
    ]);
    const e = errorOf('a SEARCH (((SEEN)))\r\n', { limits });
    expect(e.code).toBe('NESTING_TOO_DEEP');
    expect(e.message).toMatch(/search keys nested too deep/);
  });

  it('a search key group gives its depth back when it closes', () => {
    expect(
      commands('a SEARCH (SEEN) (DRAFT) (FLAGGED)\r\n', { limits: { maxNestingDepth: 2 } }),
    ).toHaveLength(1);
  });
});

describe('CommandReader contract (defaults no command of the grammar uses)', () => {
  const options = {
    strict: true,
    utf8Accept: false,
    maxNestingDepth: 8,
    maxListItems: 8,
    tag: undefined,
    warn: () => {},
  };
  const reader = (line: string, literals: CommandLiteral[] = []): CommandReader => {
    const frame: FramedCommand = {
      lines: [enc(line), ...literals.map(() => new Uint8Array(0))],
      offsets: [100, ...literals.map(() => 200)],
      literals,
    };
    return new CommandReader(frame, options);
  };
  const failure = (f: () => unknown): ParseError => {
    try {
      f();
    } catch (e) {
      return e as ParseError;
    }
    throw new Error('expected a ParseError');
  };

  it('peek() is -1 at the end of a line', () => {
    const r = reader('x');
    expect(r.peek()).toBe(0x78);
    r.p = 1;
    expect(r.peek()).toBe(-1);
  });

  it('a reader over no lines is at its end, errors are not tied to a position', () => {
    const r = new CommandReader({ lines: [], offsets: [], literals: [] }, options);
    expect(r.atEnd()).toBe(true);
    expect(r.offset).toBe(-1);
    expect(failure(() => r.atom()).offset).toBe(-1);
  });

  it('each token method names a default thing it expected', () => {
    const cases: Array<[(r: CommandReader) => unknown, RegExp]> = [
      [(r) => r.atom(), /expected an atom/],
      [(r) => r.keyword(), /expected a keyword/],
      [(r) => r.number(), /expected a number/],
      [(r) => r.nzNumber(), /expected a non-zero number/],
      [(r) => r.number64(), /expected a 63-bit number/],
      [(r) => r.stringBytes(), /expected a string \(quoted string or literal\)/],
      [(r) => r.string(), /expected a string \(quoted string or literal\)/],
      [(r) => r.astringBytes(), /expected an astring/],
      [(r) => r.astring(), /expected an astring/],
      [(r) => r.nstring(), /expected an nstring \(quoted string or literal\)/],
    ];
    for (const [read, message] of cases) {
      const e = failure(() => read(reader('(')));
      expect(e.message).toMatch(message);
      expect(e.offset).toBe(100);
    }
  });

  it('default bounds: 32-bit numbers, non-zero, 63-bit, no literal8', () => {
    expect(failure(() => reader('4294967296').number()).message).toMatch(
      /a number is larger than 4294967295/,
    );
    expect(failure(() => reader('0').nzNumber()).message).toMatch(/a non-zero number must not be 0/);
    expect(failure(() => reader('9223372036854775808').number64()).message).toMatch(
      /a 63-bit number is larger than 2\^63-1/,
    );
    const lit = { bytes: enc('abc'), binary: true, synchronizing: true };
    expect(failure(() => reader('', [lit]).stringBytes()).message).toMatch(
      /a literal8 \(~\{n\}\) cannot stand for a string/,
    );
    expect(reader('', [lit]).stringBytes('a value', true)).toBe(lit.bytes);
  });
});

describe('text decoding', () => {
  it('a leading byte order mark is kept as U+FEFF, not dropped', () => {
    expect(commands(bytes('a LOGIN {6}\r\n', [0xef, 0xbb, 0xbf], 'bob pw\r\n'), { strict: true })).toEqual([
      { tag: 'a', name: 'LOGIN', username: '\ufeffbob', password: 'pw' },
    ]);
  });
});
