import type { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import type { ImapCommand, ImapCommandParserOptions } from '../../src/commands/index';
import { commands, enc, kinds, one, parseAll } from './helpers';

// Argument grammar of single commands (command-grammar.ts): what each command accepts at
// its edges, and that a refusal names what was expected (the message is what a server
// puts in its tagged BAD).

/** The error of one bad command line (lenient: an error event, the parser goes on). */
function bad(input: string, options?: ImapCommandParserOptions): ParseError {
  const evs = parseAll(input.endsWith('\r\n') ? input : `${input}\r\n`, options);
  const errors = evs.filter((e) => e.type === 'error');
  expect(kinds(evs).filter((k) => k !== 'continuation-needed')).toEqual([`error:${errors[0]?.error.code}`]);
  return (errors[0] as { error: ParseError }).error;
}

describe('UID prefix (RFC 3501 §6.4.8, RFC 4315, RFC 6851, RFC 5256)', () => {
  it('every command that takes UID parses with it', () => {
    const lines: [string, string][] = [
      ['a UID FETCH 1 FLAGS', 'FETCH'],
      ['a UID SEARCH ALL', 'SEARCH'],
      ['a UID STORE 1 +FLAGS \\Seen', 'STORE'],
      ['a UID COPY 1 B', 'COPY'],
      ['a UID MOVE 1 B', 'MOVE'],
      ['a UID EXPUNGE 1:3', 'EXPUNGE'],
      ['a UID SORT (DATE) UTF-8 ALL', 'SORT'],
      ['a UID THREAD REFERENCES UTF-8 ALL', 'THREAD'],
    ];
    for (const [line, name] of lines) {
      expect(one(line), line).toMatchObject({ tag: 'a', name, uid: true });
    }
  });

  it('a command without a UID form is refused after UID', () => {
    const e = bad('a UID SELECT INBOX');
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/SELECT cannot follow UID/);
  });
});

describe('tag and mailbox', () => {
  it('a line that starts with no tag names the missing tag', () => {
    const e = bad('(x NOOP');
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/expected a tag/);
    expect(e.offset).toBe(0);
  });

  it('a missing mailbox name is named as such', () => {
    const e = bad('a DELETE (x)');
    expect(e.message).toMatch(/expected a mailbox name/);
    expect(e.tag).toBe('a');
    expect(e.offset).toBe(9);
  });
});

describe('AUTHENTICATE initial response (RFC 4959)', () => {
  it('"=" is an empty initial response (RFC 4959 §3)', () => {
    const cmd = commands('a AUTHENTICATE PLAIN =\r\n', { strict: true })[0] as ImapCommand & {
      initialResponse?: Uint8Array;
    };
    expect(cmd).toMatchObject({ tag: 'a', name: 'AUTHENTICATE', mechanism: 'PLAIN' });
    expect(cmd.initialResponse).toEqual(new Uint8Array(0));
  });

  it('a base64 initial response is decoded', () => {
    const cmd = commands('a AUTHENTICATE PLAIN AGZyZWQAdGVzdA==\r\n', { strict: true })[0] as {
      initialResponse?: Uint8Array;
    };
    expect(cmd.initialResponse).toEqual(enc('\0fred\0test'));
  });

  it('bad base64 is BAD_BASE64 naming the initial response, at its first byte, with the tag', () => {
    const e = bad('t1 AUTHENTICATE PLAIN abc');
    expect(e.protocol).toBe('imap');
    expect(e.code).toBe('BAD_BASE64');
    expect(e.message).toMatch(/bad base64 in the AUTHENTICATE initial response/);
    expect(e.offset).toBe(22);
    expect(e.tag).toBe('t1');
  });

  it('a space with no data after the mechanism names the base64 data', () => {
    const e = bad('a AUTHENTICATE PLAIN (');
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/expected base64 data/);
  });
});

describe('SELECT parameters (RFC 7162 §3.1.2, §3.2.5)', () => {
  it('QRESYNC with seq-match-data but no known-uids', () => {
    expect(one('a SELECT INBOX (QRESYNC (67890007 90060115194045000 (1:5 101:105)))')).toEqual({
      tag: 'a',
      name: 'SELECT',
      mailbox: 'INBOX',
      qresync: {
        uidValidity: 67890007,
        modSeq: 90060115194045000n,
        seqMatch: { sequences: [[1, 5]], uids: [[101, 105]] },
      },
    });
  });

  it('an unknown parameter is named (not read as QRESYNC)', () => {
    const e = bad('a SELECT INBOX (FOO)');
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/unknown select parameter FOO/);
  });

  it('an empty parameter list is refused (select-params = SP "(" select-param *(SP select-param) ")")', () => {
    const e = bad('a SELECT INBOX ()');
    expect(e.message).toMatch(/select parameters must not be empty/);
    expect(e.offset).toBe(16);
  });

  it('a parameter that is not an atom is named', () => {
    expect(bad('a EXAMINE INBOX ("x")').message).toMatch(/expected a select parameter/);
  });

  it('QRESYNC uidvalidity is nz-number', () => {
    const e = bad('a SELECT INBOX (QRESYNC (0 1))');
    expect(e.code).toBe('BAD_NUMBER');
    expect(e.message).toMatch(/QRESYNC uidvalidity must not be 0/);
  });

  it('QRESYNC mod-sequence-value is positive', () => {
    const e = bad('a SELECT INBOX (QRESYNC (1 0))');
    expect(e.code).toBe('BAD_NUMBER');
    expect(e.message).toMatch(/QRESYNC mod-sequence must not be 0/);
    const missing = bad('a SELECT INBOX (QRESYNC (1 x))');
    expect(missing.message).toMatch(/expected QRESYNC mod-sequence/);
  });
});

describe('LIST (RFC 3501 §6.3.8, RFC 5258, RFC 5819)', () => {
  it('an empty selection list and an empty RETURN list are valid', () => {
    expect(one('a LIST () "" * RETURN ()')).toEqual({
      tag: 'a',
      name: 'LIST',
      selection: [],
      reference: '',
      patterns: ['*'],
      return: [],
    });
  });

  it('several patterns in parentheses', () => {
    expect(one('a LIST "" (INBOX "Sent" %)')).toEqual({
      tag: 'a',
      name: 'LIST',
      reference: '',
      patterns: ['INBOX', 'Sent', '%'],
    });
  });

  it('an empty pattern list is refused', () => {
    expect(bad('a LIST "" ()').message).toMatch(/LIST patterns must not be empty/);
  });

  it('a bad selection option, reference or pattern is named', () => {
    expect(bad('a LIST ("x") "" *').message).toMatch(/expected a LIST selection option/);
    expect(bad('a LIST ) *').message).toMatch(/expected a LIST reference/);
    expect(bad('a LIST "" )').message).toMatch(/expected a LIST pattern/);
    expect(bad('a LIST "" ( )').message).toMatch(/expected a LIST pattern/);
  });

  it('after the patterns only RETURN may follow', () => {
    const e = bad('a LIST "" * FOO (CHILDREN)');
    expect(e.message).toMatch(/expected RETURN/);
    expect(e.offset).toBe(12);
  });

  it('RETURN needs a parenthesised list of atoms', () => {
    expect(bad('a LIST "" * RETURN CHILDREN').message).toMatch(/expected \( opening LIST return options/);
    expect(bad('a LIST "" * RETURN ("x")').message).toMatch(/expected a LIST return option/);
  });

  it('RETURN STATUS needs at least one status item (RFC 5819 §2)', () => {
    expect(bad('a LIST "" * RETURN (STATUS ())').message).toMatch(/a STATUS item must not be empty/);
  });
});

describe('APPEND (RFC 3501 §6.3.11, RFC 3502, RFC 3516)', () => {
  it('a message without a date has no date property', () => {
    const cmd = commands('a APPEND INBOX {2+}\r\nhi\r\n', { strict: true })[0] as ImapCommand & {
      messages: object[];
    };
    expect(cmd.messages).toHaveLength(1);
    expect('date' in (cmd.messages[0] as object)).toBe(false);
  });

  it('a bad date-time is quoted back', () => {
    const e = bad('a APPEND INBOX "32-Foo-2020" {2+}\r\nhi\r\n');
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/bad APPEND date-time "32-Foo-2020"/);
  });

  it('NUL in a plain literal needs a literal8, even as the first byte', () => {
    const e = bad('a APPEND INBOX {2+}\r\n\0a\r\n');
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/NUL in an APPEND literal: it needs a literal8/);
    const ok = commands('a APPEND INBOX ~{2+}\r\n\0a\r\n', { strict: true })[0] as ImapCommand & {
      messages: { data: Uint8Array; binary: boolean }[];
    };
    expect(ok.messages[0]).toEqual({ flags: [], data: Uint8Array.of(0, 0x61), binary: true });
  });

  it('messages are bounded by maxListItems: exactly the limit passes, one more is LIST_TOO_LONG', () => {
    const opts = { limits: { maxListItems: 2 } };
    const two = commands('a APPEND INBOX {1+}\r\nx {1+}\r\ny\r\n', {
      strict: true,
      ...opts,
    })[0] as ImapCommand & {
      messages: unknown[];
    };
    expect(two.messages).toHaveLength(2);
    const e = bad('a APPEND INBOX {1+}\r\nx {1+}\r\ny {1+}\r\nz\r\n', opts);
    expect(e.code).toBe('LIST_TOO_LONG');
    expect(e.message).toMatch(/too many APPEND messages/);
  });

  it('a flag list longer than maxListItems is named', () => {
    const e = bad('a APPEND INBOX (\\Seen \\Draft \\Flagged) {1+}\r\nx\r\n', { limits: { maxListItems: 2 } });
    expect(e.code).toBe('LIST_TOO_LONG');
    expect(e.message).toMatch(/too many items in a flag list/);
  });

  it('APPEND without a message is refused', () => {
    expect(bad('a APPEND INBOX').message).toMatch(/APPEND needs a message literal/);
  });
});

describe('SEARCH arguments (RFC 3501 §6.4.4, RFC 4731)', () => {
  it('a bad RETURN option or charset is named', () => {
    expect(bad('a SEARCH RETURN ("x") ALL').message).toMatch(/expected a SEARCH return option/);
    expect(bad('a SEARCH CHARSET ( ALL').message).toMatch(/expected a charset/);
  });
});

describe('FETCH modifiers (RFC 7162 §3.1.4, §3.2.6)', () => {
  it('an unknown modifier is named, not taken for VANISHED', () => {
    const e = bad('a UID FETCH 1 FLAGS (FOO)');
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/unknown FETCH modifier FOO/);
  });

  it('an empty modifier list is refused', () => {
    expect(bad('a FETCH 1 FLAGS ()').message).toMatch(/FETCH modifiers must not be empty/);
  });

  it('a bad modifier name or CHANGEDSINCE value is named', () => {
    expect(bad('a FETCH 1 FLAGS ("x")').message).toMatch(/expected a FETCH modifier/);
    const big = bad('a FETCH 1 FLAGS (CHANGEDSINCE 9223372036854775808)');
    expect(big.code).toBe('NUMBER_OVERFLOW');
    expect(big.message).toMatch(/CHANGEDSINCE is larger than 2\^63-1/);
  });

  it('CHANGEDSINCE 0 is refused (mod-sequence-value is positive)', () => {
    const e = bad('a FETCH 1 FLAGS (CHANGEDSINCE 0)');
    expect(e.code).toBe('BAD_NUMBER');
    expect(e.message).toMatch(/CHANGEDSINCE must not be 0/);
  });
});

describe('STORE modifiers (RFC 7162 §3.1.3)', () => {
  it('only UNCHANGEDSINCE is known', () => {
    const e = bad('a STORE 1 (FOO 1) +FLAGS \\Seen');
    expect(e.message).toMatch(/expected UNCHANGEDSINCE/);
    expect(e.offset).toBe(11);
  });

  it('an UNCHANGEDSINCE value past 2^63-1 is named', () => {
    const e = bad('a STORE 1 (UNCHANGEDSINCE 9223372036854775808) +FLAGS \\Seen');
    expect(e.code).toBe('NUMBER_OVERFLOW');
    expect(e.message).toMatch(/UNCHANGEDSINCE is larger than 2\^63-1/);
  });
});
