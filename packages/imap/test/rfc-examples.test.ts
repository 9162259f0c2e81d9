import { describe, expect, it } from 'vitest';
import type { FetchResponse } from '../src/index';
import { dec, one, responses } from './helpers';

const HEADER =
  'Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\nFrom: Terry Gray <gray@cac.washington.edu>\r\nSubject: IMAP4rev1 WG mtg summary and minutes\r\n\r\n';

describe('RFC 3501 §8 sample session (server side)', () => {
  const session = [
    '* OK IMAP4rev1 Service Ready',
    'a001 OK LOGIN completed',
    '* 18 EXISTS',
    '* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)',
    '* 2 RECENT',
    '* OK [UNSEEN 17] Message 17 is the first unseen message',
    '* OK [UIDVALIDITY 3857529045] UIDs valid',
    'a002 OK [READ-WRITE] SELECT completed',
    '* 12 FETCH (FLAGS (\\Seen) INTERNALDATE "17-Jul-1996 02:44:25 -0700" RFC822.SIZE 4286 ENVELOPE ("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" "IMAP4rev1 WG mtg summary and minutes" (("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) ((NIL NIL "imap" "cac.washington.edu")) ((NIL NIL "minutes" "CNRI.Reston.VA.US")("John Klensin" NIL "KLENSIN" "MIT.EDU")) NIL NIL "<B27397-0100000@cac.washington.edu>") BODY ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92))',
    'a003 OK FETCH completed',
    `* 12 FETCH (BODY[HEADER] {${HEADER.length}}\r\n${HEADER})`,
    'a004 OK FETCH completed',
    '* 12 FETCH (FLAGS (\\Seen \\Deleted))',
    'a005 OK +FLAGS completed',
    '* BYE IMAP4rev1 server logging out',
    'a006 OK LOGOUT completed',
  ]
    .map((l) => `${l}\r\n`)
    .join('');

  it('parses every response with the right types', () => {
    const rs = responses(session, { strict: true });
    expect(rs.map((r) => r.type)).toEqual([
      'status',
      'status',
      'exists',
      'flags',
      'recent',
      'status',
      'status',
      'status',
      'fetch',
      'status',
      'fetch',
      'status',
      'fetch',
      'status',
      'status',
      'status',
    ]);
    expect(rs[1]).toEqual({ type: 'status', tag: 'a001', status: 'OK', code: null, text: 'LOGIN completed' });
    expect(rs[5]).toMatchObject({ code: { name: 'UNSEEN', value: 17 } });
    expect(rs[6]).toMatchObject({ code: { name: 'UIDVALIDITY', value: 3857529045 } });
    expect(rs[7]).toMatchObject({ tag: 'a002', code: { name: 'READ-WRITE' }, text: 'SELECT completed' });
    const f = rs[8] as FetchResponse;
    expect(f.seq).toBe(12);
    expect(f.items.map((i) => i.name)).toEqual(['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY']);
    expect(f.items[1]).toEqual({
      name: 'INTERNALDATE',
      date: { date: new Date('1996-07-17T09:44:25Z'), zone: '-0700', zoneMinutes: -420 },
    });
    const env = f.items[3];
    expect(env?.name === 'ENVELOPE' && env.envelope.cc).toEqual([
      { kind: 'mailbox', name: null, adl: null, mailbox: 'minutes', host: 'CNRI.Reston.VA.US' },
      { kind: 'mailbox', name: 'John Klensin', adl: null, mailbox: 'KLENSIN', host: 'MIT.EDU' },
    ]);
    expect(f.items[4]).toEqual({
      name: 'BODY',
      structure: {
        kind: 'single',
        type: 'TEXT',
        subtype: 'PLAIN',
        params: [['CHARSET', 'US-ASCII']],
        id: null,
        description: null,
        encoding: '7BIT',
        size: 3028,
        lines: 92,
      },
    });
    const h = (rs[10] as FetchResponse).items[0];
    expect(h?.name).toBe('BODY[]');
    expect(h?.name === 'BODY[]' && dec(h.data as Uint8Array)).toBe(HEADER);
    expect(h?.name === 'BODY[]' && h.section).toEqual({ part: [], text: 'HEADER' });
    expect(rs[14]).toEqual({
      type: 'status',
      tag: null,
      status: 'BYE',
      code: null,
      text: 'IMAP4rev1 server logging out',
    });
  });
});

describe('RFC 3501 §7 response examples', () => {
  it('status responses', () => {
    expect(one('* PREAUTH IMAP4rev1 server logged in as Smith')).toMatchObject({
      status: 'PREAUTH',
      tag: null,
    });
    expect(one('* BAD Command line too long')).toMatchObject({
      status: 'BAD',
      text: 'Command line too long',
    });
    expect(one('* NO Disk is 98% full, please delete unnecessary data')).toMatchObject({ status: 'NO' });
    expect(one('A223 NO [TRYCREATE] COPY failed')).toMatchObject({
      tag: 'A223',
      code: { name: 'TRYCREATE' },
    });
    expect(one('* OK [ALERT] System shutdown in 10 minutes')).toMatchObject({ code: { name: 'ALERT' } });
  });
  it('CAPABILITY, LIST, LSUB, STATUS, SEARCH, EXPUNGE', () => {
    expect(one('* CAPABILITY IMAP4rev1 STARTTLS AUTH=GSSAPI XPIG-LATIN')).toEqual({
      type: 'capability',
      capabilities: ['IMAP4rev1', 'STARTTLS', 'AUTH=GSSAPI', 'XPIG-LATIN'],
    });
    expect(one('* LIST (\\Noselect) "/" ~/Mail/foo')).toEqual({
      type: 'list',
      command: 'LIST',
      attributes: ['\\Noselect'],
      delimiter: '/',
      mailbox: { name: '~/Mail/foo', raw: '~/Mail/foo' },
      extended: [],
    });
    expect(one('* LSUB () "." #news.comp.mail.misc')).toMatchObject({
      command: 'LSUB',
      attributes: [],
      mailbox: { name: '#news.comp.mail.misc' },
    });
    expect(one('* LIST (\\Noselect) NIL ""')).toMatchObject({ delimiter: null, mailbox: { name: '' } });
    expect(one('* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)')).toEqual({
      type: 'mailbox-status',
      mailbox: { name: 'blurdybloop', raw: 'blurdybloop' },
      attributes: [
        { name: 'MESSAGES', value: 231 },
        { name: 'UIDNEXT', value: 44292 },
      ],
    });
    expect(one('* SEARCH 2 3 6')).toEqual({ type: 'search', ids: [2, 3, 6], modseq: null });
    expect(one('* SEARCH')).toEqual({ type: 'search', ids: [], modseq: null });
    expect(one('* 44 EXPUNGE')).toEqual({ type: 'expunge', value: 44 });
    expect(one('* 23 FETCH (FLAGS (\\Seen) RFC822.SIZE 44827)')).toEqual({
      type: 'fetch',
      seq: 23,
      items: [
        { name: 'FLAGS', flags: ['\\Seen'] },
        { name: 'RFC822.SIZE', value: 44827 },
      ],
    });
  });
  it('continuation requests', () => {
    expect(one('+ Ready for additional command text')).toEqual({
      type: 'continuation',
      code: null,
      text: 'Ready for additional command text',
      base64: null,
    });
    const c = one('+ YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ=');
    expect(c.type === 'continuation' && c.base64?.length).toBe(53);
  });
});

describe('RFC 9051 and extension examples', () => {
  it('ESEARCH (RFC 9051 §7.3.4)', () => {
    expect(one('* ESEARCH (TAG "A282") MIN 2 COUNT 3')).toEqual({
      type: 'esearch',
      tag: 'A282',
      uid: false,
      data: [
        { name: 'MIN', value: 2 },
        { name: 'COUNT', value: 3 },
      ],
    });
    expect(one('* ESEARCH (TAG "A283") UID ALL 2,10:11')).toMatchObject({
      uid: true,
      data: [{ name: 'ALL', set: [2, [10, 11]] }],
    });
    expect(one('* ESEARCH')).toEqual({ type: 'esearch', tag: null, uid: false, data: [] });
  });
  it('NAMESPACE (RFC 2342 / RFC 9051 §7.3.5)', () => {
    expect(
      one('* NAMESPACE (("" "/")) (("~" "/")) (("#shared/" "/")("#public/" "/")("#ftp/" "/")("#news." "."))'),
    ).toMatchObject({
      personal: [{ prefix: '', delimiter: '/', extensions: [] }],
      otherUsers: [{ prefix: '~' }],
      shared: [
        { prefix: '#shared/' },
        { prefix: '#public/' },
        { prefix: '#ftp/' },
        { prefix: '#news.', delimiter: '.' },
      ],
    });
    expect(one('* NAMESPACE (("" "/" "X-PARAM" ("FLAG1" "FLAG2"))) NIL NIL')).toEqual({
      type: 'namespace',
      personal: [
        { prefix: '', delimiter: '/', extensions: [{ name: 'X-PARAM', values: ['FLAG1', 'FLAG2'] }] },
      ],
      otherUsers: null,
      shared: null,
    });
  });
  it('UIDPLUS, CONDSTORE, QRESYNC codes and data', () => {
    expect(one('A003 OK [APPENDUID 38505 3955] APPEND completed')).toMatchObject({
      code: { name: 'APPENDUID', uidValidity: 38505, uids: [3955] },
    });
    expect(one('A004 OK [COPYUID 38505 304,319:320 3956:3958] Done')).toMatchObject({
      code: { name: 'COPYUID', uidValidity: 38505, source: [304, [319, 320]], destination: [[3956, 3958]] },
    });
    expect(one('* OK [HIGHESTMODSEQ 715194045007] Highest')).toMatchObject({
      code: { name: 'HIGHESTMODSEQ', value: 715194045007n },
    });
    expect(one('a103 OK [MODIFIED 7,9] Conditional STORE failed')).toMatchObject({
      code: { name: 'MODIFIED', set: [7, 9] },
    });
    expect(one("* OK [NOMODSEQ] Sorry, this mailbox format doesn't support modsequences")).toMatchObject({
      code: { name: 'NOMODSEQ' },
    });
    expect(one('* OK [CLOSED] Previous mailbox is now closed')).toMatchObject({ code: { name: 'CLOSED' } });
    expect(one('* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)')).toEqual({
      type: 'search',
      ids: [2, 5, 6, 7, 11, 12, 18, 19, 20, 23],
      modseq: 917162500n,
    });
    expect(one('* VANISHED (EARLIER) 41,43:116,118,120:211,214:540')).toEqual({
      type: 'vanished',
      earlier: true,
      uids: [41, [43, 116], 118, [120, 211], [214, 540]],
    });
    expect(one('* VANISHED 405,407,410,425')).toMatchObject({ earlier: false, uids: [405, 407, 410, 425] });
    expect(one('* 1 FETCH (UID 4 MODSEQ (65402) FLAGS (\\Seen))')).toMatchObject({
      items: [{ name: 'UID', value: 4 }, { name: 'MODSEQ', value: 65402n }, { name: 'FLAGS' }],
    });
    expect(one('* ENABLED CONDSTORE QRESYNC')).toEqual({
      type: 'enabled',
      capabilities: ['CONDSTORE', 'QRESYNC'],
    });
    expect(one('* ENABLED')).toEqual({ type: 'enabled', capabilities: [] });
  });
  it('RFC 5530 codes', () => {
    for (const c of [
      'UNAVAILABLE',
      'AUTHENTICATIONFAILED',
      'AUTHORIZATIONFAILED',
      'EXPIRED',
      'PRIVACYREQUIRED',
    ]) {
      expect(one(`a NO [${c}] x`)).toMatchObject({ code: { name: c } });
    }
    for (const c of [
      'CONTACTADMIN',
      'NOPERM',
      'INUSE',
      'EXPUNGEISSUED',
      'CORRUPTION',
      'SERVERBUG',
      'CLIENTBUG',
    ]) {
      expect(one(`a NO [${c}] x`)).toMatchObject({ code: { name: c } });
    }
    for (const c of ['CANNOT', 'LIMIT', 'OVERQUOTA', 'ALREADYEXISTS', 'NONEXISTENT']) {
      expect(one(`a NO [${c}] x`)).toMatchObject({ code: { name: c } });
    }
    expect(one('a NO [BADCHARSET (UTF-8 "ISO-8859-1")] no')).toMatchObject({
      code: { name: 'BADCHARSET', charsets: ['UTF-8', 'ISO-8859-1'] },
    });
    expect(one('a NO [BADCHARSET] no')).toMatchObject({ code: { name: 'BADCHARSET', charsets: [] } });
    expect(one('* OK [PARSE] bad header')).toMatchObject({ code: { name: 'PARSE' } });
    expect(one('* OK [READ-ONLY] ro')).toMatchObject({ code: { name: 'READ-ONLY' } });
    expect(one('* NO [UIDNOTSTICKY] x')).toMatchObject({ code: { name: 'UIDNOTSTICKY' } });
    expect(one('* OK [UIDNEXT 4392] Predicted next UID')).toMatchObject({
      code: { name: 'UIDNEXT', value: 4392 },
    });
    expect(one('* OK [X-GM-FOO bar baz] x')).toMatchObject({
      code: { name: 'OTHER', atom: 'X-GM-FOO', text: 'bar baz' },
    });
    expect(one('* OK [XYZZY] x')).toMatchObject({ code: { name: 'OTHER', atom: 'XYZZY', text: null } });
  });
  it('QUOTA, QUOTAROOT, ID, METADATA, SORT, THREAD', () => {
    expect(one('* QUOTAROOT INBOX ""')).toEqual({
      type: 'quotaroot',
      mailbox: { name: 'INBOX', raw: 'INBOX' },
      roots: [''],
    });
    expect(one('* QUOTA "" (STORAGE 10 512)')).toEqual({
      type: 'quota',
      root: '',
      resources: [{ name: 'STORAGE', usage: 10, limit: 512 }],
    });
    expect(
      one('* ID ("name" "Cyrus" "version" "1.5" "os" "sunos" "os-version" "5.5" "support-url" NIL)'),
    ).toEqual({
      type: 'id',
      params: [
        ['name', 'Cyrus'],
        ['version', '1.5'],
        ['os', 'sunos'],
        ['os-version', '5.5'],
        ['support-url', null],
      ],
    });
    expect(one('* ID NIL')).toEqual({ type: 'id', params: null });
    const m = one('* METADATA "INBOX" (/private/comment "My own comment")');
    expect(m.type === 'metadata' && m.entries?.[0]?.entry).toBe('/private/comment');
    expect(m.type === 'metadata' && dec(m.entries?.[0]?.value as Uint8Array)).toBe('My own comment');
    expect(one('* METADATA "" /shared/comment /shared/admin')).toMatchObject({
      entries: null,
      names: ['/shared/comment', '/shared/admin'],
    });
    expect(one('* SORT 2 84 882')).toEqual({ type: 'sort', ids: [2, 84, 882], modseq: null });
    expect(one('* THREAD (2)(3 6 (4 23)(44 7 96))')).toEqual({
      type: 'thread',
      threads: [
        { members: [2], children: [] },
        {
          members: [3, 6],
          children: [
            { members: [4, 23], children: [] },
            { members: [44, 7, 96], children: [] },
          ],
        },
      ],
    });
    expect(one('* THREAD ((3)(5))')).toMatchObject({
      threads: [{ members: [], children: [{ members: [3] }, { members: [5] }] }],
    });
  });
  it('BINARY (RFC 3516 / RFC 9051): literal8 and BINARY.SIZE', () => {
    const rs = responses('* 3 FETCH (BINARY[1] ~{5}\r\nhe\0lo BINARY.SIZE[1] 5)\r\n', { strict: true });
    const f = rs[0] as FetchResponse;
    expect(f.items[0]).toMatchObject({ name: 'BINARY[]', section: { part: [1], text: null }, origin: null });
    expect(f.items[0]?.name === 'BINARY[]' && Array.from(f.items[0].data as Uint8Array)).toEqual([
      104, 101, 0, 108, 111,
    ]);
    expect(f.items[1]).toEqual({ name: 'BINARY.SIZE', part: [1], value: 5 });
  });
  it('LIST-EXTENDED (RFC 5258) and mailbox names in modified UTF-7', () => {
    expect(one('* LIST (\\HasChildren) "/" "Fruit" ("CHILDINFO" ("SUBSCRIBED"))')).toMatchObject({
      extended: [{ tag: 'CHILDINFO', value: ['SUBSCRIBED'] }],
    });
    expect(one('* LIST () "/" "NewName" ("OLDNAME" ("OldName"))')).toMatchObject({
      extended: [{ tag: 'OLDNAME', value: ['OldName'] }],
    });
    expect(one('* LIST (\\Marked \\NoInferiors) "/" "inbox"')).toMatchObject({
      mailbox: { name: 'INBOX', raw: 'inbox' },
    });
    expect(one('* LIST () "/" "~peter/mail/&U,BTFw-/&ZeVnLIqe-"')).toMatchObject({
      mailbox: { name: '~peter/mail/台北/日本語', raw: '~peter/mail/&U,BTFw-/&ZeVnLIqe-' },
    });
    expect(one('* LIST () "." "Tom &- Jerry"')).toMatchObject({ mailbox: { name: 'Tom & Jerry' } });
    // a name that is not valid modified UTF-7 is kept as sent
    expect(one('* LIST () "/" "bad&-x&Zz"')).toMatchObject({ mailbox: { name: 'bad&-x&Zz' } });
  });
});
