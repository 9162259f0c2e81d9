import { describe, expect, it } from 'vitest';
import { type ImapResponseParserOptions, type NamespaceResponse, serializeResponse } from '../src/index';
import { dec, kinds, one, parse, thrown } from './helpers';

/** The single NAMESPACE response `line`. */
function namespace(line: string, options?: ImapResponseParserOptions): NamespaceResponse {
  return one(line, options) as NamespaceResponse;
}

describe('NAMESPACE (RFC 2342 §5)', () => {
  it('all three groups NIL', () => {
    expect(one('* NAMESPACE NIL NIL NIL')).toEqual({
      type: 'namespace',
      personal: null,
      otherUsers: null,
      shared: null,
    });
  });

  it('several namespaces in a group, a NIL delimiter, a NIL group in the middle', () => {
    expect(one('* NAMESPACE (("" "/")("Archive" NIL)) NIL (("#shared/" "/")("#news." "."))')).toEqual({
      type: 'namespace',
      personal: [
        { prefix: '', delimiter: '/', extensions: [] },
        { prefix: 'Archive', delimiter: null, extensions: [] },
      ],
      otherUsers: null,
      shared: [
        { prefix: '#shared/', delimiter: '/', extensions: [] },
        { prefix: '#news.', delimiter: '.', extensions: [] },
      ],
    });
  });

  it('several extensions on one namespace (RFC 2342 §5 Namespace_Response_Extension)', () => {
    expect(
      namespace('* NAMESPACE NIL (("~" "/" "X-PARAM" ("FLAG1" "FLAG2") "X-OTHER" ("A"))) NIL').otherUsers,
    ).toEqual([
      {
        prefix: '~',
        delimiter: '/',
        extensions: [
          { name: 'X-PARAM', values: ['FLAG1', 'FLAG2'] },
          { name: 'X-OTHER', values: ['A'] },
        ],
      },
    ]);
  });

  it('prefix and extension value as literals', () => {
    expect(namespace('* NAMESPACE (({5}\r\nMail. "." "X-P" ({2}\r\nab))) NIL NIL').personal).toEqual([
      { prefix: 'Mail.', delimiter: '.', extensions: [{ name: 'X-P', values: ['ab'] }] },
    ]);
  });

  it('a group that is neither NIL nor ( is an error naming (', () => {
    const line = '* NAMESPACE x NIL NIL';
    const e = thrown(line);
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/^imap: expected \( at byte 12 /);
    expect(e.offset).toBe(12);
  });

  it('extension values must be a parenthesised list', () => {
    const line = '* NAMESPACE (("" "/" "X-PARAM" "A")) NIL NIL';
    const e = thrown(line);
    expect(e.message).toMatch(/^imap: expected \( at byte/);
    expect(e.offset).toBe(line.indexOf('"A"'));
  });

  it('a namespace not closed after its delimiter is an error naming )', () => {
    const line = '* NAMESPACE (("" "/"x)) NIL NIL';
    const e = thrown(line);
    expect(e.message).toMatch(/^imap: expected \) at byte/);
    expect(e.offset).toBe(line.indexOf('x'));
  });

  it('a group not closed after its namespaces is an error naming )', () => {
    const line = '* NAMESPACE (("" "/")x NIL NIL';
    const e = thrown(line);
    expect(e.message).toMatch(/^imap: expected \) at byte/);
    expect(e.offset).toBe(line.indexOf('x'));
  });

  it('a space between namespaces (Exchange, Domino) warns EXTRA_SPACE at the space; strict refuses it', () => {
    const line = '* NAMESPACE (("" "/") ("x" ".")) NIL NIL';
    const evs = parse(`${line}\r\n`);
    expect(kinds(evs)).toEqual(['warning:EXTRA_SPACE', 'response']);
    expect(evs[0]).toMatchObject({ message: 'space between namespace descriptors', offset: 21 });
    expect(evs[1]).toMatchObject({
      response: {
        personal: [
          { prefix: '', delimiter: '/' },
          { prefix: 'x', delimiter: '.' },
        ],
      },
    });
    const e = thrown(line);
    expect(e.message).toMatch(/^imap: space between namespace descriptors at byte 21 /);
  });

  it('a space after a namespace not followed by another one is not that quirk: the group must close there', () => {
    const line = '* NAMESPACE (("" "/") NIL NIL';
    const e = thrown(line);
    expect(e.message).toMatch(/^imap: expected \) at byte 21 /);
    // lenient: one error at the space, no warning
    const evs = parse(`${line}\r\n`);
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
    expect(evs[0]?.type === 'error' && evs[0].error.offset).toBe(21);
  });

  it('maxNestingDepth: a group and its namespaces are two levels', () => {
    const line = '* NAMESPACE (("" "/")) NIL NIL';
    expect(namespace(line, { limits: { maxNestingDepth: 2 } }).personal).toHaveLength(1);
    const e = thrown(line, { limits: { maxNestingDepth: 1 } });
    expect(e.code).toBe('NESTING_TOO_DEEP');
    expect(e.offset).toBe(14);
  });

  it('maxListItems: namespaces in a group at the limit read, one past is LIST_TOO_LONG', () => {
    const limits = { maxListItems: 2 };
    expect(namespace('* NAMESPACE (("a" "/")("b" "/")) NIL NIL', { limits }).personal).toHaveLength(2);
    const e = thrown('* NAMESPACE (("a" "/")("b" "/")("c" "/")) NIL NIL', { limits });
    expect(e.code).toBe('LIST_TOO_LONG');
    expect(e.message).toMatch(/^imap: more than maxListItems \(2\) items at byte/);
  });
});

describe('QUOTA (RFC 9208 §5.1)', () => {
  it('several resources with 63-bit capable usage and limit', () => {
    expect(
      one(
        '* QUOTA "#user/alice" (STORAGE 1024 4096 MESSAGE 12 1000 MAILBOX 3 50 ANNOTATION-STORAGE 9007199254740991 9007199254740991)',
      ),
    ).toEqual({
      type: 'quota',
      root: '#user/alice',
      resources: [
        { name: 'STORAGE', usage: 1024, limit: 4096 },
        { name: 'MESSAGE', usage: 12, limit: 1000 },
        { name: 'MAILBOX', usage: 3, limit: 50 },
        { name: 'ANNOTATION-STORAGE', usage: 9007199254740991, limit: 9007199254740991 },
      ],
    });
  });

  it('an atom root and an empty resource list (RFC 2087 §5.1 quota_list = "(" #quota_resource ")")', () => {
    expect(one('* QUOTA user.bob ()')).toEqual({ type: 'quota', root: 'user.bob', resources: [] });
  });

  it('a root sent as a literal', () => {
    expect(one('* QUOTA {3}\r\na b (STORAGE 1 2)')).toMatchObject({ root: 'a b' });
  });

  it('a missing ( is an error naming it', () => {
    const line = '* QUOTA "" STORAGE 10 512';
    const e = thrown(line);
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/^imap: expected \( at byte 11 /);
    expect(e.offset).toBe(11);
  });

  it('a resource without its limit is an error at the )', () => {
    const line = '* QUOTA "" (STORAGE 10)';
    const e = thrown(line);
    expect(e.message).toMatch(/^imap: expected SP at byte/);
    expect(e.offset).toBe(line.indexOf(')'));
  });

  it('usage past 2^53 - 1 is NUMBER_OVERFLOW', () => {
    const line = '* QUOTA "" (STORAGE 9007199254740992 1)';
    const e = thrown(line);
    expect(e.code).toBe('NUMBER_OVERFLOW');
    expect(e.offset).toBe(line.indexOf('9'));
  });

  it('maxListItems: resources at the limit read, one past is LIST_TOO_LONG', () => {
    const limits = { maxListItems: 2 };
    expect(one('* QUOTA "" (STORAGE 1 2 MESSAGE 3 4)', { limits })).toMatchObject({
      resources: [{ name: 'STORAGE' }, { name: 'MESSAGE' }],
    });
    expect(thrown('* QUOTA "" (STORAGE 1 2 MESSAGE 3 4 MAILBOX 5 6)', { limits }).code).toBe('LIST_TOO_LONG');
  });
});

describe('QUOTAROOT (RFC 9208 §5.2: mailbox *(SP quota-root-name))', () => {
  it('no roots at all', () => {
    expect(one('* QUOTAROOT INBOX')).toEqual({
      type: 'quotaroot',
      mailbox: { name: 'INBOX', raw: 'INBOX' },
      roots: [],
    });
  });

  it('several roots: empty, quoted, atom, literal', () => {
    expect(one('* QUOTAROOT comp.mail.mime "" "#user/x" user.y {3}\r\na b')).toEqual({
      type: 'quotaroot',
      mailbox: { name: 'comp.mail.mime', raw: 'comp.mail.mime' },
      roots: ['', '#user/x', 'user.y', 'a b'],
    });
  });

  it('the mailbox is a mailbox: inbox in any case is INBOX', () => {
    expect(one('* QUOTAROOT inbox ""')).toMatchObject({
      mailbox: { name: 'INBOX', raw: 'inbox' },
      roots: [''],
    });
  });

  it('a trailing space (Exchange, Courier) warns TRAILING_SPACE; strict refuses it', () => {
    const line = '* QUOTAROOT INBOX "" ';
    const evs = parse(`${line}\r\n`);
    expect(kinds(evs)).toEqual(['warning:TRAILING_SPACE', 'response']);
    expect(evs[1]).toMatchObject({ response: { roots: [''] } });
    expect(thrown(line).code).toBe('BAD_SYNTAX');
  });

  it('a root may start with "]" (ASTRING-CHAR includes resp-specials): not a trailing space', () => {
    // a fuzz finding: the serializer writes the root "]" bare, which the reader took for the
    // end of a response code and then refused
    const evs = parse('* QUOTAROOT INBOX ] ]x a]\r\n');
    expect(kinds(evs)).toEqual(['response']);
    expect(evs[0]).toMatchObject({ response: { roots: [']', ']x', 'a]'] } });
    expect(one('* QUOTAROOT INBOX ]', { strict: true })).toMatchObject({ roots: [']'] });
    const r = one('* QUOTAROOT "" "]"');
    expect(one(dec(serializeResponse(r)).replace(/\r\n$/, ''))).toEqual(r);
  });

  it('maxListItems: roots at the limit read, one past is LIST_TOO_LONG', () => {
    const limits = { maxListItems: 2 };
    expect(one('* QUOTAROOT INBOX a b', { limits })).toMatchObject({ roots: ['a', 'b'] });
    expect(thrown('* QUOTAROOT INBOX a b c', { limits }).code).toBe('LIST_TOO_LONG');
  });
});
