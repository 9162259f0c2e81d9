import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { type ImapResponse, ImapResponseParser } from '../src/index';
import { enc, parse } from './helpers';

/** Lenient: the value and exactly the named warning(s); strict: a ParseError is thrown. */
function quirk(input: string | Uint8Array, code: string, expected: object | ((r: ImapResponse) => void)) {
  const bytes = typeof input === 'string' ? enc(`${input}\r\n`) : input;
  const evs = parse(bytes);
  const warnings = evs.filter((e) => e.type === 'warning').map((e) => (e.type === 'warning' ? e.code : ''));
  expect(warnings).toContain(code);
  expect(evs.filter((e) => e.type === 'error')).toEqual([]);
  const r = evs.find((e) => e.type === 'response');
  if (r?.type !== 'response') throw new Error('no response');
  if (typeof expected === 'function') expected(r.response);
  else expect(r.response).toMatchObject(expected);
  const strict = new ImapResponseParser({ strict: true });
  expect(() => {
    strict.push(bytes);
    strict.end();
  }).toThrow(ParseError);
}

describe('leniencies (each on by default, a warning; an error in strict mode)', () => {
  it('doubled spaces (Exchange 2010, older Zimbra)', () => {
    quirk('* 1 FETCH (UID 5  FLAGS (\\Seen))', 'EXTRA_SPACE', {
      items: [
        { name: 'UID', value: 5 },
        { name: 'FLAGS', flags: ['\\Seen'] },
      ],
    });
    quirk('*  3 EXISTS', 'EXTRA_SPACE', { type: 'exists', value: 3 });
    quirk('* CAPABILITY IMAP4rev1  IDLE', 'EXTRA_SPACE', { capabilities: ['IMAP4rev1', 'IDLE'] });
  });
  it('trailing spaces (Exchange, Courier)', () => {
    quirk('* 3 EXISTS ', 'TRAILING_SPACE', { type: 'exists', value: 3 });
    quirk('* CAPABILITY IMAP4rev1 IDLE ', 'TRAILING_SPACE', { capabilities: ['IMAP4rev1', 'IDLE'] });
    quirk('* FLAGS (\\Seen \\Draft )', 'TRAILING_SPACE', { flags: ['\\Seen', '\\Draft'] });
    quirk('* 1 FETCH (UID 5 )', 'TRAILING_SPACE', { items: [{ name: 'UID', value: 5 }] });
    quirk('* ESEARCH (TAG "a") COUNT 5 ', 'TRAILING_SPACE', { data: [{ name: 'COUNT', value: 5 }] });
    quirk('* 1 FETCH (BODY ("TEXT" "PLAIN" NIL NIL NIL "7BIT" 1 1 ))', 'TRAILING_SPACE', {
      items: [{ name: 'BODY', structure: { lines: 1 } }],
    });
    quirk('* LIST () "/" INBOX ', 'TRAILING_SPACE', { mailbox: { name: 'INBOX' } });
  });
  it('`* SEARCH ` with a trailing space (Exchange, Courier)', () => {
    quirk('* SEARCH ', 'TRAILING_SPACE', { type: 'search', ids: [] });
    quirk('* SEARCH 1 2 ', 'TRAILING_SPACE', { type: 'search', ids: [1, 2] });
  });
  it('`* BYE` with no text (Courier, some Exchange versions at logout)', () => {
    quirk('* BYE', 'MISSING_TEXT', { type: 'status', status: 'BYE', text: '' });
    quirk('a1 OK', 'MISSING_TEXT', { type: 'status', tag: 'a1', status: 'OK', text: '' });
  });
  it('bare `+` continuation (Exchange AUTHENTICATE, Courier IDLE)', () => {
    quirk('+', 'BARE_CONTINUATION', { type: 'continuation', text: '', base64: null });
  });
  it('`[HIGHESTMODSEQ n]` with no text (Dovecot, Yahoo)', () => {
    quirk('* OK [HIGHESTMODSEQ 42]', 'MISSING_TEXT', {
      code: { name: 'HIGHESTMODSEQ', value: 42n },
      text: '',
    });
  });
  it('lowercase keywords (old Cyrus, hMailServer): legal per RFC 3501 §9, so only reported', () => {
    const evs = parse('* ok [uidnext 5] fine\r\n* 2 exists\r\n* 1 fetch (uid 7)\r\n');
    expect(evs.filter((e) => e.type === 'warning').length).toBe(3);
    const rs = evs.flatMap((e) => (e.type === 'response' ? [e.response] : []));
    expect(rs[0]).toMatchObject({ status: 'OK', code: { name: 'UIDNEXT', value: 5 } });
    expect(rs[1]).toEqual({ type: 'exists', value: 2 });
    expect(rs[2]).toEqual({ type: 'fetch', seq: 1, items: [{ name: 'UID', value: 7 }] });
    // strict mode accepts them too: the RFC says keywords are case-insensitive
    expect(parse('* 2 exists\r\n', { strict: true })).toMatchObject([{ type: 'response' }]);
  });
  it('`STATUS INBOX ()` (Gmail for unsupported attributes, some Exchange versions)', () => {
    quirk('* STATUS INBOX ()', 'EMPTY_LIST', { type: 'mailbox-status', attributes: [] });
  });
  it('NIL where a list is due in BODYSTRUCTURE (Exchange for unparseable attachments)', () => {
    quirk('* 1 FETCH (BODYSTRUCTURE ("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 100 NIL NIL 5))', 'NIL_LIST', {
      items: [
        { name: 'BODYSTRUCTURE', structure: { type: 'MESSAGE', envelope: null, body: null, lines: 5 } },
      ],
    });
  });
  it('-1 sizes in BODYSTRUCTURE (Exchange 2007, some Domino versions)', () => {
    quirk('* 1 FETCH (BODY ("TEXT" "PLAIN" NIL NIL NIL "7BIT" -1 -1))', 'NEGATIVE_NUMBER', {
      items: [{ name: 'BODY', structure: { size: -1, lines: -1 } }],
    });
  });
  it('unescaped " inside a quoted string followed by a non-delimiter (Exchange subjects, old Zimbra)', () => {
    quirk('* 1 FETCH (ENVELOPE (NIL "say "hi" now" NIL NIL NIL NIL NIL NIL NIL NIL))', 'UNESCAPED_QUOTE', {
      items: [{ name: 'ENVELOPE', envelope: { subject: 'say "hi" now' } }],
    });
  });
  it('invalid UTF-8 in quoted strings (servers passing raw Latin-1 headers through)', () => {
    const line = new Uint8Array([
      ...enc('* 1 FETCH (ENVELOPE (NIL "caf'),
      0xe9,
      ...enc('" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n'),
    ]);
    quirk(line, 'INVALID_UTF8', { items: [{ name: 'ENVELOPE', envelope: { subject: 'caf\ufffd' } }] });
    // valid UTF-8 (RFC 9051, UTF8=ACCEPT) is no quirk at all
    expect(parse('* LIST () "/" "Café"\r\n', { strict: true })).toMatchObject([
      { type: 'response', response: { mailbox: { name: 'Café' } } },
    ]);
  });
  it('"[" and "]" inside flags and labels (Gmail)', () => {
    quirk('* FLAGS (\\Seen [Gmail]Label $Junk)', 'LOOSE_ATOM', {
      flags: ['\\Seen', '[Gmail]Label', '$Junk'],
    });
    quirk('* 1 FETCH (X-GM-LABELS (\\Inbox [Gmail]/Starred "Work stuff"))', 'LOOSE_ATOM', {
      items: [{ name: 'X-GM-LABELS', labels: ['\\Inbox', '[Gmail]/Starred', 'Work stuff'] }],
    });
  });
  it('extra parentheses around FETCH items (old GroupWise, some proxies)', () => {
    quirk('* 1 FETCH ((UID 5) (FLAGS (\\Seen)))', 'EXTRA_PARENS', {
      items: [
        { name: 'UID', value: 5 },
        { name: 'FLAGS', flags: ['\\Seen'] },
      ],
    });
  });
  it('zero where nz-number is due (UID 0 from broken Exchange stores)', () => {
    quirk('* 1 FETCH (UID 0)', 'ZERO_NUMBER', { items: [{ name: 'UID', value: 0 }] });
    quirk('* OK [UIDVALIDITY 0] x', 'ZERO_NUMBER', { code: { name: 'UIDVALIDITY', value: 0 } });
  });
  it('`* 0 FETCH` (Exchange, some IMAP proxies)', () => {
    quirk('* 0 FETCH (FLAGS ())', 'ZERO_NUMBER', { type: 'fetch', seq: 0 });
  });
  it('NUL padding before a response (Exchange front ends, broken proxies)', () => {
    quirk(new Uint8Array([0, 0, ...enc('* 3 EXISTS\r\n')]), 'NUL_PADDING', { type: 'exists', value: 3 });
  });
  it('bare LF line ends (hand-written test servers, some proxies)', () => {
    quirk(enc('* 3 EXISTS\n'), 'BARE_LF', { type: 'exists', value: 3 });
  });
  it('empty lines between responses (some servers after IDLE)', () => {
    quirk(enc('\r\n* 3 EXISTS\r\n'), 'EMPTY_LINE', { type: 'exists', value: 3 });
  });
  it('a known response code with unreadable arguments is kept raw (Zimbra sends [UIDNEXT ])', () => {
    quirk('* OK [UIDNEXT abc] x', 'BAD_CODE', { code: { name: 'OTHER', atom: 'UIDNEXT', text: 'abc' } });
  });
  it('empty parameter list `()` in BODYSTRUCTURE (Domino)', () => {
    quirk('* 1 FETCH (BODY ("TEXT" "PLAIN" () NIL NIL "7BIT" 1 1))', 'EMPTY_LIST', {
      items: [{ name: 'BODY', structure: { params: [] } }],
    });
  });
  it('NIL encoding in BODYSTRUCTURE (Exchange)', () => {
    quirk('* 1 FETCH (BODY ("APPLICATION" "PDF" NIL NIL NIL NIL 10))', 'NIL_STRING', {
      items: [{ name: 'BODY', structure: { encoding: '' } }],
    });
  });
  it('text part without line count (some Exchange versions)', () => {
    quirk('* 1 FETCH (BODY ("TEXT" "PLAIN" NIL NIL NIL "7BIT" 10))', 'MISSING_FIELD', {
      items: [{ name: 'BODY', structure: { size: 10 } }],
    });
  });
  it('space between multipart parts (old Domino)', () => {
    quirk(
      '* 1 FETCH (BODY (("TEXT" "PLAIN" NIL NIL NIL "7BIT" 1 1) ("TEXT" "HTML" NIL NIL NIL "7BIT" 1 1) "ALTERNATIVE"))',
      'EXTRA_SPACE',
      { items: [{ name: 'BODY', structure: { kind: 'multipart', subtype: 'ALTERNATIVE' } }] },
    );
  });
  it('backslash before another character in a quoted string (Zimbra Windows paths)', () => {
    quirk('* LIST () "/" "a\\b"', 'BAD_ESCAPE', { mailbox: { name: 'a\\b' } });
  });
  it('space after ( and between addresses / namespaces (Exchange, Domino)', () => {
    quirk('* FLAGS ( \\Seen)', 'EXTRA_SPACE', { flags: ['\\Seen'] });
    quirk(
      '* 1 FETCH (ENVELOPE (NIL NIL (("A" NIL "a" "x") ("B" NIL "b" "y")) NIL NIL NIL NIL NIL NIL NIL))',
      'EXTRA_SPACE',
      { items: [{ name: 'ENVELOPE', envelope: { from: [{ name: 'A' }, { name: 'B' }] } }] },
    );
    quirk('* NAMESPACE (("" "/") ("x" ".")) NIL NIL', 'EXTRA_SPACE', {
      personal: [{ prefix: '' }, { prefix: 'x' }],
    });
  });
  it('disposition without parameter list (Yahoo, Zimbra)', () => {
    quirk('* 1 FETCH (BODY ("IMAGE" "PNG" NIL NIL NIL "BASE64" 10 NIL ("inline")))', 'MISSING_FIELD', {
      items: [
        { name: 'BODY', structure: { ext: { md5: null, disposition: { type: 'inline', params: null } } } },
      ],
    });
  });
  it('address group without end marker (broken MIME parsers)', () => {
    quirk(
      '* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL ((NIL NIL "team" NIL)("A" NIL "a" "x")) NIL NIL NIL NIL))',
      'UNCLOSED_GROUP',
      {
        items: [
          { name: 'ENVELOPE', envelope: { to: [{ kind: 'group', name: 'team', members: [{ name: 'A' }] }] } },
        ],
      },
    );
  });
  it('tagged PREAUTH / BYE (rare broken servers)', () => {
    quirk('a1 BYE going away', 'TAGGED_UNTAGGED', {
      type: 'status',
      tag: 'a1',
      status: 'BYE',
      text: 'going away',
    });
  });
  it('8-bit bytes in an unquoted mailbox name (servers sending raw UTF-8 without UTF8=ACCEPT)', () => {
    quirk('* LIST () "/" Entwürfe', 'LOOSE_ATOM', { mailbox: { name: 'Entwürfe', raw: 'Entwürfe' } });
  });
});

describe('literal size mismatch (error, framing recovers)', () => {
  it('announced too small: the FETCH fails, the stream goes on', () => {
    const evs = parse('* 1 FETCH (BODY[] {5}\r\nHello World)\r\n* 2 EXISTS\r\na1 OK done\r\n');
    const kinds = evs.map((e) => e.type);
    expect(kinds).toEqual(['error', 'response', 'response']);
    expect(evs[1]).toMatchObject({ response: { type: 'exists', value: 2 } });
    expect(evs[2]).toMatchObject({ response: { tag: 'a1', status: 'OK' } });
  });
  it('announced too large: the literal swallows bytes, then the stream resynchronises at a line', () => {
    const evs = parse('* 1 FETCH (BODY[] {12}\r\nHello)\r\n* 2 EXISTS\r\na1 OK done\r\n');
    expect(evs.map((e) => e.type)).toEqual(['error', 'response']);
    expect(evs[1]).toMatchObject({ response: { tag: 'a1', status: 'OK' } });
  });
});
