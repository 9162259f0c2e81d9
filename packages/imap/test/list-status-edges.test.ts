import { describe, expect, it } from 'vitest';
import type { ImapResponseParserOptions, ListResponse } from '../src/index';
import { kinds, one, parse, thrown } from './helpers';

/** The extended data of the single LIST response `line`. */
function extended(line: string, options?: ImapResponseParserOptions): ListResponse['extended'] {
  return (one(line, options) as ListResponse).extended;
}

describe('LIST / LSUB (RFC 3501 §7.2.2)', () => {
  it('a NIL hierarchy delimiter is null (flat namespace)', () => {
    expect(one('* LIST (\\HasNoChildren) NIL Drafts')).toEqual({
      type: 'list',
      command: 'LIST',
      attributes: ['\\HasNoChildren'],
      delimiter: null,
      mailbox: { name: 'Drafts', raw: 'Drafts' },
      extended: [],
    });
  });

  it('LSUB with several attributes and a quoted name', () => {
    expect(one('* LSUB (\\Noselect \\Marked $Custom) "." "#news.comp.mail"')).toEqual({
      type: 'list',
      command: 'LSUB',
      attributes: ['\\Noselect', '\\Marked', '$Custom'],
      delimiter: '.',
      mailbox: { name: '#news.comp.mail', raw: '#news.comp.mail' },
      extended: [],
    });
  });

  it('a mailbox name sent as a literal keeps its spaces', () => {
    expect(one('* LIST () "/" {9}\r\nA/B C & D')).toMatchObject({
      delimiter: '/',
      mailbox: { raw: 'A/B C & D' },
      extended: [],
    });
  });

  it('a quoted delimiter and name with escapes (RFC 3501 §9 quoted-specials)', () => {
    expect(one('* LIST () "\\\\" "Mail\\\\Sub \\"x\\""')).toMatchObject({
      delimiter: '\\',
      mailbox: { name: 'Mail\\Sub "x"', raw: 'Mail\\Sub "x"' },
    });
  });

  it('list-wildcards and ] in an unquoted name are read as name characters', () => {
    expect(one('* LIST () "/" foo/%/*]')).toMatchObject({ mailbox: { raw: 'foo/%/*]' } });
  });

  it('INBOX in any case is INBOX (RFC 3501 §5.1), the raw form as sent', () => {
    expect(one('* LIST () "/" inBox')).toMatchObject({ mailbox: { name: 'INBOX', raw: 'inBox' } });
  });

  it('a missing delimiter is an error at the name', () => {
    const e = thrown('* LIST () INBOX');
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/^imap: expected a string at byte 10 /);
    expect(e.offset).toBe(10);
  });
});

describe('LIST extended data (RFC 5258 §9 mbox-list-extended)', () => {
  it('CHILDINFO with several values', () => {
    expect(extended('* LIST (\\HasChildren) "/" Foo ("CHILDINFO" ("SUBSCRIBED" "REMOTE"))')).toEqual([
      { tag: 'CHILDINFO', value: ['SUBSCRIBED', 'REMOTE'] },
    ]);
  });

  it('CHILDINFO and OLDNAME together (RFC 5465 §3 OLDNAME after RENAME)', () => {
    expect(extended('* LIST () "/" "New" ("CHILDINFO" ("SUBSCRIBED") "OLDNAME" ("Old"))')).toEqual([
      { tag: 'CHILDINFO', value: ['SUBSCRIBED'] },
      { tag: 'OLDNAME', value: ['Old'] },
    ]);
  });

  it('number, NIL, atom and nested values (RFC 4466 §2.1 tagged-ext-val)', () => {
    expect(extended('* LIST () "/" Foo (X-N 12 X-NIL NIL X-A abc X-L (1 (2 b)))')).toEqual([
      { tag: 'X-N', value: 12 },
      { tag: 'X-NIL', value: null },
      { tag: 'X-A', value: 'abc' },
      { tag: 'X-L', value: [1, [2, 'b']] },
    ]);
  });

  it('items must be separated by SP', () => {
    const line = '* LIST () "/" Foo (X-A "1"X-B 2)';
    const e = thrown(line);
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/^imap: expected SP at byte/);
    expect(e.offset).toBe(line.indexOf('X-B'));
  });

  it('maxListItems: at the limit read, one past is LIST_TOO_LONG', () => {
    const limits = { maxListItems: 2 };
    expect(extended('* LIST () "/" Foo (X-A 1 X-B 2)', { limits })).toHaveLength(2);
    const e = thrown('* LIST () "/" Foo (X-A 1 X-B 2 X-C 3)', { limits });
    expect(e.code).toBe('LIST_TOO_LONG');
    expect(e.message).toMatch(/^imap: more than maxListItems \(2\) items at byte/);
  });

  it('maxNestingDepth: the extended list is one level, each value list one more', () => {
    const limits = { maxNestingDepth: 2 };
    expect(extended('* LIST () "/" Foo (X-L (1))', { limits })).toEqual([{ tag: 'X-L', value: [1] }]);
    const line = '* LIST () "/" Foo (X-L ((1)))';
    const e = thrown(line, { limits });
    expect(e.code).toBe('NESTING_TOO_DEEP');
    expect(e.message).toMatch(/^imap: lists nested deeper than maxNestingDepth \(2\) at byte/);
    expect(e.offset).toBe(line.indexOf('((') + 2);
  });
});

describe('STATUS attributes (RFC 3501 §7.2.4, RFC 9051 §7.3.2)', () => {
  it('every attribute with its value type', () => {
    // SIZE and APPENDLIMIT are number64 (RFC 9051 §9, RFC 7889), HIGHESTMODSEQ a mod-sequence
    // (RFC 7162 §7: 63-bit, a bigint here), the others 32-bit numbers
    const r = one(
      '* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292 UIDVALIDITY 3857529045 UNSEEN 2 RECENT 1 DELETED 0 SIZE 9007199254740991 HIGHESTMODSEQ 9223372036854775807 APPENDLIMIT 1048576)',
    );
    expect(r).toEqual({
      type: 'mailbox-status',
      mailbox: { name: 'blurdybloop', raw: 'blurdybloop' },
      attributes: [
        { name: 'MESSAGES', value: 231 },
        { name: 'UIDNEXT', value: 44292 },
        { name: 'UIDVALIDITY', value: 3857529045 },
        { name: 'UNSEEN', value: 2 },
        { name: 'RECENT', value: 1 },
        { name: 'DELETED', value: 0 },
        { name: 'SIZE', value: 9007199254740991 },
        { name: 'HIGHESTMODSEQ', value: 9223372036854775807n },
        { name: 'APPENDLIMIT', value: 1048576 },
      ],
    });
  });

  it('APPENDLIMIT NIL is null: no limit (RFC 7889 §3)', () => {
    expect(one('* STATUS INBOX (APPENDLIMIT NIL UIDNEXT 4)')).toMatchObject({
      attributes: [
        { name: 'APPENDLIMIT', value: null },
        { name: 'UIDNEXT', value: 4 },
      ],
    });
  });

  it('attribute names are case-insensitive (RFC 3501 §9) and given upper-cased', () => {
    expect(one('* STATUS INBOX (appendLimit nil highestModSeq 7 messages 3)')).toMatchObject({
      attributes: [
        { name: 'APPENDLIMIT', value: null },
        { name: 'HIGHESTMODSEQ', value: 7n },
        { name: 'MESSAGES', value: 3 },
      ],
    });
  });

  it('HIGHESTMODSEQ 0 is valid: the mailbox has no persistent mod-sequences (RFC 7162 §3.1.2.1, mod-sequence-valzer)', () => {
    expect(one('* STATUS INBOX (HIGHESTMODSEQ 0)')).toMatchObject({
      attributes: [{ name: 'HIGHESTMODSEQ', value: 0n }],
    });
  });

  it('HIGHESTMODSEQ past 2^63 - 1 is NUMBER_OVERFLOW', () => {
    const line = '* STATUS INBOX (HIGHESTMODSEQ 9223372036854775808)';
    const e = thrown(line);
    expect(e.code).toBe('NUMBER_OVERFLOW');
    expect(e.message).toMatch(/^imap: number larger than 2\^63 - 1 at byte/);
    expect(e.offset).toBe(line.indexOf('9'));
  });

  it('SIZE past 2^53 - 1 is NUMBER_OVERFLOW', () => {
    const line = '* STATUS INBOX (SIZE 9007199254740992)';
    const e = thrown(line);
    expect(e.code).toBe('NUMBER_OVERFLOW');
    expect(e.offset).toBe(line.indexOf('9'));
  });

  it.each(['MESSAGES', 'UNSEEN', 'SIZE', 'UIDNEXT'])(
    'NIL is only a value of APPENDLIMIT: %s NIL is an error',
    (name) => {
      const line = `* STATUS INBOX (${name} NIL)`;
      const e = thrown(line);
      expect(e.code).toBe('BAD_SYNTAX');
      expect(e.message).toMatch(/^imap: expected a number at byte/);
      expect(e.offset).toBe(line.indexOf('NIL'));
    },
  );

  it('an unknown attribute takes a number', () => {
    expect(one('* STATUS INBOX (X-FOO 5)')).toMatchObject({ attributes: [{ name: 'X-FOO', value: 5 }] });
  });

  it('a mailbox name as a literal', () => {
    expect(one('* STATUS {7}\r\nA "b" c (MESSAGES 1)')).toMatchObject({
      mailbox: { raw: 'A "b" c' },
      attributes: [{ name: 'MESSAGES', value: 1 }],
    });
  });

  it('a missing ( is an error naming it', () => {
    const line = '* STATUS INBOX MESSAGES 1';
    const e = thrown(line);
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/^imap: expected \( at byte/);
    expect(e.offset).toBe(line.indexOf('M'));
  });

  it('an empty list warns EMPTY_LIST at its ) (Gmail, some Exchange versions); strict refuses it', () => {
    const line = '* STATUS INBOX ()';
    const evs = parse(`${line}\r\n`);
    expect(kinds(evs)).toEqual(['warning:EMPTY_LIST', 'response']);
    expect(evs[0]).toMatchObject({ message: 'empty STATUS attribute list', offset: line.indexOf(')') });
    expect(thrown(line).message).toMatch(/^imap: empty STATUS attribute list at byte 16 /);
  });

  it('maxListItems: at the limit read, one past is LIST_TOO_LONG', () => {
    const limits = { maxListItems: 2 };
    expect(one('* STATUS INBOX (MESSAGES 1 UNSEEN 0)', { limits })).toMatchObject({
      attributes: [{ name: 'MESSAGES' }, { name: 'UNSEEN' }],
    });
    const e = thrown('* STATUS INBOX (MESSAGES 1 UNSEEN 0 RECENT 0)', { limits });
    expect(e.code).toBe('LIST_TOO_LONG');
  });

  it('lenient mode reports a bad value as an error event and reads the next response', () => {
    const evs = parse('* STATUS INBOX (MESSAGES NIL)\r\n* STATUS INBOX (APPENDLIMIT NIL)\r\n');
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX', 'response']);
    expect(evs[1]).toMatchObject({ response: { attributes: [{ name: 'APPENDLIMIT', value: null }] } });
  });
});
