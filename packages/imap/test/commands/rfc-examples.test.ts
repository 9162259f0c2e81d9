import { describe, expect, it } from 'vitest';
import { type ImapCommand, serializeCommandBytes } from '../../src/commands/index';
import { commands, dec, enc, one, parseAll } from './helpers';

describe('RFC 3501 §8 sample session, client lines', () => {
  it('parses each line to its typed command', () => {
    const session =
      'a001 login mrc secret\r\n' +
      'a002 select inbox\r\n' +
      'a003 fetch 12 full\r\n' +
      'a004 fetch 12 body[header]\r\n' +
      'a005 store 12 +flags \\deleted\r\n' +
      'a006 logout\r\n';
    expect(commands(session, { strict: true })).toEqual([
      { tag: 'a001', name: 'LOGIN', username: 'mrc', password: 'secret' },
      { tag: 'a002', name: 'SELECT', mailbox: 'INBOX' },
      { tag: 'a003', name: 'FETCH', uid: false, sequenceSet: [12], items: 'FULL' },
      {
        tag: 'a004',
        name: 'FETCH',
        uid: false,
        sequenceSet: [12],
        items: [{ name: 'BODY[]', peek: false, section: { part: [], text: 'HEADER' } }],
      },
      {
        tag: 'a005',
        name: 'STORE',
        uid: false,
        sequenceSet: [12],
        operation: 'add',
        silent: false,
        flags: ['\\deleted'],
      },
      { tag: 'a006', name: 'LOGOUT' },
    ]);
  });
});

describe('RFC 3501 §6 examples', () => {
  const cases: Array<[string, ImapCommand]> = [
    ['abcd CAPABILITY', { tag: 'abcd', name: 'CAPABILITY' }],
    ['a002 NOOP', { tag: 'a002', name: 'NOOP' }],
    ['A023 LOGOUT', { tag: 'A023', name: 'LOGOUT' }],
    ['a001 STARTTLS', { tag: 'a001', name: 'STARTTLS' }],
    ['A001 AUTHENTICATE GSSAPI', { tag: 'A001', name: 'AUTHENTICATE', mechanism: 'GSSAPI' }],
    ['a001 LOGIN SMITH SESAME', { tag: 'a001', name: 'LOGIN', username: 'SMITH', password: 'SESAME' }],
    ['A932 EXAMINE blurdybloop', { tag: 'A932', name: 'EXAMINE', mailbox: 'blurdybloop' }],
    ['A003 CREATE owatagusiam/', { tag: 'A003', name: 'CREATE', mailbox: 'owatagusiam/' }],
    ['A683 DELETE blurdybloop', { tag: 'A683', name: 'DELETE', mailbox: 'blurdybloop' }],
    [
      'A683 RENAME blurdybloop sarasoop',
      { tag: 'A683', name: 'RENAME', from: 'blurdybloop', to: 'sarasoop' },
    ],
    [
      'A002 SUBSCRIBE #news.comp.mail.mime',
      { tag: 'A002', name: 'SUBSCRIBE', mailbox: '#news.comp.mail.mime' },
    ],
    [
      'A002 UNSUBSCRIBE #news.comp.mail.mime',
      { tag: 'A002', name: 'UNSUBSCRIBE', mailbox: '#news.comp.mail.mime' },
    ],
    ['A101 LIST "" ""', { tag: 'A101', name: 'LIST', reference: '', patterns: [''] }],
    [
      'A102 LIST #news.comp.mail.misc ""',
      { tag: 'A102', name: 'LIST', reference: '#news.comp.mail.misc', patterns: [''] },
    ],
    ['A202 LIST ~/Mail/ %', { tag: 'A202', name: 'LIST', reference: '~/Mail/', patterns: ['%'] }],
    [
      'A002 LSUB "#news." "comp.mail.*"',
      { tag: 'A002', name: 'LSUB', reference: '#news.', pattern: 'comp.mail.*' },
    ],
    [
      'A042 STATUS blurdybloop (UIDNEXT MESSAGES)',
      { tag: 'A042', name: 'STATUS', mailbox: 'blurdybloop', items: ['UIDNEXT', 'MESSAGES'] },
    ],
    ['FXXZ CHECK', { tag: 'FXXZ', name: 'CHECK' }],
    ['A341 CLOSE', { tag: 'A341', name: 'CLOSE' }],
    ['A202 EXPUNGE', { tag: 'A202', name: 'EXPUNGE', uid: false }],
    [
      'A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"',
      {
        tag: 'A282',
        name: 'SEARCH',
        uid: false,
        criteria: [
          { key: 'FLAGGED' },
          { key: 'SINCE', date: { year: 1994, month: 2, day: 1 } },
          { key: 'NOT', operand: { key: 'FROM', value: 'Smith' } },
        ],
      },
    ],
    [
      'A283 SEARCH TEXT "string not in mailbox"',
      {
        tag: 'A283',
        name: 'SEARCH',
        uid: false,
        criteria: [{ key: 'TEXT', value: 'string not in mailbox' }],
      },
    ],
    [
      'A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])',
      {
        tag: 'A654',
        name: 'FETCH',
        uid: false,
        sequenceSet: [[2, 4]],
        items: [
          { name: 'FLAGS' },
          {
            name: 'BODY[]',
            peek: false,
            section: { part: [], text: 'HEADER.FIELDS', fields: ['DATE', 'FROM'] },
          },
        ],
      },
    ],
    [
      'A003 STORE 2:4 +FLAGS (\\Deleted)',
      {
        tag: 'A003',
        name: 'STORE',
        uid: false,
        sequenceSet: [[2, 4]],
        operation: 'add',
        silent: false,
        flags: ['\\Deleted'],
      },
    ],
    [
      'A003 COPY 2:4 MEETING',
      { tag: 'A003', name: 'COPY', uid: false, sequenceSet: [[2, 4]], mailbox: 'MEETING' },
    ],
    [
      'A999 UID FETCH 4827313:4828442 FLAGS',
      {
        tag: 'A999',
        name: 'FETCH',
        uid: true,
        sequenceSet: [[4827313, 4828442]],
        items: [{ name: 'FLAGS' }],
      },
    ],
  ];
  for (const [line, expected] of cases) {
    it(line, () => {
      expect(one(line)).toEqual(expected);
    });
  }

  it('APPEND with a synchronizing literal (§6.3.11)', () => {
    const msg =
      'Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\nFrom: Fred Foobar <foobar@Blurdybloop.COM>\r\n' +
      'Subject: afternoon meeting\r\n\r\nHello Joe, do you think we can meet at 3:30 tomorrow?\r\n';
    const input = `A003 APPEND saved-messages (\\Seen) {${enc(msg).length}}\r\n${msg}\r\n`;
    const evs = parseAll(input, { strict: true });
    expect(evs.map((e) => e.type)).toEqual(['continuation-needed', 'command']);
    expect(evs[0]).toMatchObject({ type: 'continuation-needed', tag: 'A003', size: enc(msg).length });
    const cmd = (evs[1] as { command: ImapCommand }).command;
    expect(cmd).toMatchObject({ tag: 'A003', name: 'APPEND', mailbox: 'saved-messages' });
    if (cmd.name !== 'APPEND') throw new Error('not APPEND');
    expect(cmd.messages[0]?.flags).toEqual(['\\Seen']);
    expect(dec(cmd.messages[0]?.data as Uint8Array)).toBe(msg);
  });

  it('SEARCH CHARSET with an 8-bit literal (§6.4.4)', () => {
    const evs = parseAll('A284 SEARCH CHARSET UTF-8 TEXT {6}\r\nXXXXXX\r\n', { strict: true });
    expect(evs.map((e) => e.type)).toEqual(['continuation-needed', 'command']);
    expect((evs[1] as { command: ImapCommand }).command).toEqual({
      tag: 'A284',
      name: 'SEARCH',
      uid: false,
      charset: 'UTF-8',
      criteria: [{ key: 'TEXT', value: 'XXXXXX' }],
    });
  });
});

describe('RFC 9051 and extension examples', () => {
  const cases: Array<[string, ImapCommand]> = [
    ['A01 ENABLE UTF8=ACCEPT', { tag: 'A01', name: 'ENABLE', capabilities: ['UTF8=ACCEPT'] }],
    ['a UNSELECT', { tag: 'a', name: 'UNSELECT' }],
    ['A002 NAMESPACE', { tag: 'A002', name: 'NAMESPACE' }],
    ['a UID EXPUNGE 3000:3002', { tag: 'a', name: 'EXPUNGE', uid: true, sequenceSet: [[3000, 3002]] }],
    [
      'A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"',
      {
        tag: 'A282',
        name: 'SEARCH',
        uid: false,
        return: ['MIN', 'COUNT'],
        criteria: [
          { key: 'FLAGGED' },
          { key: 'SINCE', date: { year: 1994, month: 2, day: 1 } },
          { key: 'NOT', operand: { key: 'FROM', value: 'Smith' } },
        ],
      },
    ],
    [
      'A283 SEARCH RETURN () FLAGGED',
      { tag: 'A283', name: 'SEARCH', uid: false, return: [], criteria: [{ key: 'FLAGGED' }] },
    ],
    [
      'A301 SEARCH $ SMALLER 4096',
      {
        tag: 'A301',
        name: 'SEARCH',
        uid: false,
        criteria: [
          { key: 'SEQUENCE', set: '$' },
          { key: 'SMALLER', size: 4096 },
        ],
      },
    ],
    [
      'A04 LIST (SUBSCRIBED RECURSIVEMATCH) "" "%" RETURN (CHILDREN)',
      {
        tag: 'A04',
        name: 'LIST',
        selection: ['SUBSCRIBED', 'RECURSIVEMATCH'],
        reference: '',
        patterns: ['%'],
        return: [{ name: 'CHILDREN' }],
      },
    ],
    [
      'A01 LIST "" % RETURN (STATUS (MESSAGES UNSEEN))',
      {
        tag: 'A01',
        name: 'LIST',
        reference: '',
        patterns: ['%'],
        return: [{ name: 'STATUS', items: ['MESSAGES', 'UNSEEN'] }],
      },
    ],
    ['a UID MOVE 42:69 foo', { tag: 'a', name: 'MOVE', uid: true, sequenceSet: [[42, 69]], mailbox: 'foo' }],
    ['a103 SELECT INBOX (CONDSTORE)', { tag: 'a103', name: 'SELECT', mailbox: 'INBOX', condstore: true }],
    [
      'A02 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))',
      {
        tag: 'A02',
        name: 'SELECT',
        mailbox: 'INBOX',
        qresync: {
          uidValidity: 67890007,
          modSeq: 20050715194045000n,
          knownUids: [41, [43, 211], [214, 541]],
        },
      },
    ],
    [
      'B04 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9990:9999 15000,22500,27000,29970,29973,29976:29979)))',
      {
        tag: 'B04',
        name: 'SELECT',
        mailbox: 'INBOX',
        qresync: {
          uidValidity: 67890007,
          modSeq: 90060115194045000n,
          knownUids: [[1, 29997]],
          seqMatch: {
            sequences: [5000, 7500, 9000, [9990, 9999]],
            uids: [15000, 22500, 27000, 29970, 29973, [29976, 29979]],
          },
        },
      },
    ],
    [
      's100 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345 VANISHED)',
      {
        tag: 's100',
        name: 'FETCH',
        uid: true,
        sequenceSet: [[1, '*']],
        items: [{ name: 'FLAGS' }],
        modifiers: { changedSince: 12345n, vanished: true },
      },
    ],
    [
      'd105 STORE 7,5,9 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\\Deleted)',
      {
        tag: 'd105',
        name: 'STORE',
        uid: false,
        sequenceSet: [7, 5, 9],
        operation: 'add',
        silent: true,
        flags: ['\\Deleted'],
        unchangedSince: 320162338n,
      },
    ],
    [
      'a SEARCH MODSEQ "/flags/\\\\draft" all 620162338',
      {
        tag: 'a',
        name: 'SEARCH',
        uid: false,
        criteria: [{ key: 'MODSEQ', entry: { name: '/flags/\\draft', type: 'all' }, modSeq: 620162338n }],
      },
    ],
    [
      'a01 AUTHENTICATE PLAIN AGZyZWQAdGVzdA==',
      { tag: 'a01', name: 'AUTHENTICATE', mechanism: 'PLAIN', initialResponse: enc('\0fred\0test') },
    ],
    [
      'a023 ID ("name" "sodr" "version" "19.34" "vendor" "Pink Floyd Music Limited")',
      {
        tag: 'a023',
        name: 'ID',
        parameters: [
          ['name', 'sodr'],
          ['version', '19.34'],
          ['vendor', 'Pink Floyd Music Limited'],
        ],
      },
    ],
    ['a ID NIL', { tag: 'a', name: 'ID', parameters: null }],
    ['G GETQUOTA ""', { tag: 'G', name: 'GETQUOTA', root: '' }],
    ['A003 GETQUOTAROOT INBOX', { tag: 'A003', name: 'GETQUOTAROOT', mailbox: 'INBOX' }],
    [
      'A001 SETQUOTA "" (STORAGE 512)',
      { tag: 'A001', name: 'SETQUOTA', root: '', limits: [{ resource: 'STORAGE', limit: 512 }] },
    ],
    [
      'a GETMETADATA (MAXSIZE 1024 DEPTH infinity) INBOX (/private/comment /shared/comment)',
      {
        tag: 'a',
        name: 'GETMETADATA',
        maxSize: 1024,
        depth: 'infinity',
        mailbox: 'INBOX',
        entries: ['/private/comment', '/shared/comment'],
      },
    ],
    [
      'a SETMETADATA INBOX (/private/comment NIL)',
      {
        tag: 'a',
        name: 'SETMETADATA',
        mailbox: 'INBOX',
        entries: [{ entry: '/private/comment', value: null }],
      },
    ],
    [
      'A283 SORT (SUBJECT REVERSE DATE) UTF-8 ALL',
      {
        tag: 'A283',
        name: 'SORT',
        uid: false,
        criteria: [
          { key: 'SUBJECT', reverse: false },
          { key: 'DATE', reverse: true },
        ],
        charset: 'UTF-8',
        search: [{ key: 'ALL' }],
      },
    ],
    [
      'A283 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000',
      {
        tag: 'A283',
        name: 'THREAD',
        uid: false,
        algorithm: 'ORDEREDSUBJECT',
        charset: 'UTF-8',
        search: [{ key: 'SINCE', date: { year: 2000, month: 3, day: 5 } }],
      },
    ],
    ['a COMPRESS DEFLATE', { tag: 'a', name: 'COMPRESS', mechanism: 'DEFLATE' }],
    [
      't1 FETCH 1 (BINARY.PEEK[1]<0.100> BINARY.SIZE[1] PREVIEW (LAZY) EMAILID THREADID SAVEDATE MODSEQ)',
      {
        tag: 't1',
        name: 'FETCH',
        uid: false,
        sequenceSet: [1],
        items: [
          { name: 'BINARY[]', peek: true, part: [1], partial: { offset: 0, length: 100 } },
          { name: 'BINARY.SIZE', part: [1] },
          { name: 'PREVIEW', lazy: true },
          { name: 'EMAILID' },
          { name: 'THREADID' },
          { name: 'SAVEDATE' },
          { name: 'MODSEQ' },
        ],
      },
    ],
    [
      'a FETCH 1:4 (X-GM-MSGID X-GM-THRID X-GM-LABELS BODY.PEEK[1.2.MIME] BODY[3.TEXT]<5.10>)',
      {
        tag: 'a',
        name: 'FETCH',
        uid: false,
        sequenceSet: [[1, 4]],
        items: [
          { name: 'X-GM-MSGID' },
          { name: 'X-GM-THRID' },
          { name: 'X-GM-LABELS' },
          { name: 'BODY[]', peek: true, section: { part: [1, 2], text: 'MIME' } },
          {
            name: 'BODY[]',
            peek: false,
            section: { part: [3], text: 'TEXT' },
            partial: { offset: 5, length: 10 },
          },
        ],
      },
    ],
    [
      'a SEARCH X-GM-RAW "has:attachment in:unread" YOUNGER 3600 EMAILID M6d99ac3275bb4e',
      {
        tag: 'a',
        name: 'SEARCH',
        uid: false,
        criteria: [
          { key: 'X-GM-RAW', value: 'has:attachment in:unread' },
          { key: 'YOUNGER', seconds: 3600 },
          { key: 'EMAILID', id: 'M6d99ac3275bb4e' },
        ],
      },
    ],
    [
      'A001 SETACL INBOX Fred -w',
      { tag: 'A001', name: 'SETACL', mailbox: 'INBOX', identifier: 'Fred', rights: '-w' },
    ],
    ['A002 GETACL INBOX', { tag: 'A002', name: 'GETACL', mailbox: 'INBOX' }],
    ['A003 DELETEACL INBOX Fred', { tag: 'A003', name: 'DELETEACL', mailbox: 'INBOX', identifier: 'Fred' }],
    [
      'a LISTRIGHTS ~/Mail/saved smith',
      { tag: 'a', name: 'LISTRIGHTS', mailbox: '~/Mail/saved', identifier: 'smith' },
    ],
    ['A003 MYRIGHTS INBOX', { tag: 'A003', name: 'MYRIGHTS', mailbox: 'INBOX' }],
    ['a UNAUTHENTICATE', { tag: 'a', name: 'UNAUTHENTICATE' }],
    ['a CREATE Sent (USE (\\Sent))', { tag: 'a', name: 'CREATE', mailbox: 'Sent', specialUse: ['\\Sent'] }],
  ];
  for (const [line, expected] of cases) {
    it(line, () => {
      const parsed = one(line);
      expect(parsed).toEqual(expected);
      // and back: the serializer's canonical form parses to the same value
      expect(one(dec(serializeCommandBytes(parsed)).slice(0, -2))).toEqual(expected);
    });
  }

  it('APPEND with literal8 (RFC 3516 §4.4) and LITERAL+ (RFC 7888)', () => {
    const evs = parseAll('A003 APPEND saved-messages (\\Seen) ~{5+}\r\na\0b\0c\r\n', { strict: true });
    expect(evs.map((e) => e.type)).toEqual(['command']);
    const cmd = (evs[0] as { command: ImapCommand }).command;
    if (cmd.name !== 'APPEND') throw new Error('not APPEND');
    expect(cmd.messages[0]?.binary).toBe(true);
    expect(Array.from(cmd.messages[0]?.data ?? [])).toEqual([0x61, 0, 0x62, 0, 0x63]);
  });

  it('mailbox names are decoded from modified UTF-7 (RFC 3501 §5.1.3)', () => {
    expect(one('t SELECT ~peter/mail/&U,BTFw-/&ZeVnLIqe-')).toEqual({
      tag: 't',
      name: 'SELECT',
      mailbox: '~peter/mail/台北/日本語',
    });
    // with UTF8=ACCEPT the name is UTF-8 as is (RFC 6855 §3)
    expect(one('t SELECT "Entwürfe"', { utf8Accept: true })).toEqual({
      tag: 't',
      name: 'SELECT',
      mailbox: 'Entwürfe',
    });
  });
});
