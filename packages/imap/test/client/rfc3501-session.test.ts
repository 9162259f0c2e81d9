import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ImapClientEvent, ImapClientProtocol, ImapCommandParser, responsesOf } from '../../src/index';
import { completedOf, dec, enc, feed, normalize } from './helpers';

const HEADER =
  'Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\n' +
  'From: Terry Gray <gray@cac.washington.edu>\r\n' +
  'Subject: IMAP4rev1 WG mtg summary and minutes\r\n' +
  'To: imap@cac.washington.edu\r\n' +
  'cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\n' +
  'Message-Id: <B27397-0100000@cac.washington.edu>\r\n' +
  'MIME-Version: 1.0\r\n' +
  'Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n' +
  '\r\n';

/** RFC 3501 §8: the server's lines, one entry per client command (index 0: the greeting). */
const SERVER: string[] = [
  '* OK IMAP4rev1 Service Ready\r\n',
  'a001 OK LOGIN completed\r\n',
  '* 18 EXISTS\r\n' +
    '* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n' +
    '* 2 RECENT\r\n' +
    '* OK [UNSEEN 17] Message 17 is the first unseen message\r\n' +
    '* OK [UIDVALIDITY 3857529045] UIDs valid\r\n' +
    'a002 OK [READ-WRITE] SELECT completed\r\n',
  '* 12 FETCH (FLAGS (\\Seen) INTERNALDATE "17-Jul-1996 02:44:25 -0700" RFC822.SIZE 4286 ENVELOPE ("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" "IMAP4rev1 WG mtg summary and minutes" (("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) ((NIL NIL "imap" "cac.washington.edu")) ((NIL NIL "minutes" "CNRI.Reston.VA.US")("John Klensin" NIL "KLENSIN" "MIT.EDU")) NIL NIL "<B27397-0100000@cac.washington.edu>") BODY ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92))\r\n' +
    'a003 OK FETCH completed\r\n',
  `* 12 FETCH (BODY[HEADER] {342}\r\n${HEADER})\r\na004 OK FETCH completed\r\n`,
  '* 12 FETCH (FLAGS (\\Seen \\Deleted))\r\na005 OK +FLAGS completed\r\n',
  '* BYE IMAP4rev1 server terminating connection\r\na006 OK LOGOUT completed\r\n',
];

/**
 * RFC 3501 §8's client lines. The RFC writes them in lower case and the STORE flag without
 * parentheses; the serializer writes keywords in upper case and flags as a flag-list, both
 * equally valid (RFC 3501 §9: keywords are case-insensitive; store-att-flags allows both).
 * The comparison below ignores ASCII case, and the expected STORE line has the parentheses.
 */
const CLIENT: string[] = [
  'a001 login mrc secret\r\n',
  'a002 select inbox\r\n',
  'a003 fetch 12 full\r\n',
  'a004 fetch 12 body[header]\r\n',
  'a005 store 12 +flags (\\deleted)\r\n',
  'a006 logout\r\n',
];

function runSession(split: (s: string) => number[]): {
  out: string[];
  events: ImapClientEvent[][];
  p: ImapClientProtocol;
} {
  const p = new ImapClientProtocol({ tagPrefix: 'a', tagDigits: 3 });
  const events: ImapClientEvent[][] = [feed(p, SERVER[0] as string, split(SERVER[0] as string))];
  const out: string[] = [];
  const commands = [
    () => p.send({ name: 'LOGIN', username: 'mrc', password: 'secret' }),
    () => p.send({ name: 'SELECT', mailbox: 'inbox' }),
    () => p.send({ name: 'FETCH', uid: false, sequenceSet: [12], items: 'FULL' }),
    () =>
      p.send({
        name: 'FETCH',
        uid: false,
        sequenceSet: [12],
        items: [{ name: 'BODY[]', peek: false, section: { part: [], text: 'HEADER' } }],
      }),
    () =>
      p.send({
        name: 'STORE',
        uid: false,
        sequenceSet: [12],
        operation: 'add',
        silent: false,
        flags: ['\\deleted'], // as the RFC writes it
      }),
    () => p.send({ name: 'LOGOUT' }),
  ];
  commands.forEach((send, i) => {
    out.push(dec(send().bytes));
    const s = SERVER[i + 1] as string;
    events.push(feed(p, s, split(s)));
  });
  return { out, events, p };
}

describe('RFC 3501 §8 sample session', () => {
  it('writes the client lines of §8 and reads the server lines into results', () => {
    const { out, events, p } = runSession(() => []);
    expect(out.map((l) => l.toLowerCase())).toEqual(CLIENT);

    const [greeting, login, select, fetchFull, fetchHeader, store, logout] = events as ImapClientEvent[][];
    expect(greeting).toEqual([
      { type: 'greeting', status: 'OK', code: null, text: 'IMAP4rev1 Service Ready' },
      { type: 'state', state: 'not-authenticated' },
    ]);
    expect(login).toEqual([
      expect.objectContaining({
        type: 'completed',
        tag: 'a001',
        status: 'OK',
        text: 'LOGIN completed',
        data: [],
      }),
      { type: 'state', state: 'authenticated' },
    ]);

    const sel = completedOf(select ?? [], 'a002');
    expect(sel.status).toBe('OK');
    expect(sel.code).toEqual({ name: 'READ-WRITE' });
    expect(sel.data.map((d) => d.type)).toEqual(['exists', 'flags', 'recent', 'status', 'status']);
    expect(select?.map((e) => e.type)).toEqual(['completed', 'state']);

    const full = completedOf(fetchFull ?? [], 'a003');
    const [msg] = responsesOf(full.data, 'fetch');
    expect(msg?.seq).toBe(12);
    expect(msg?.items.map((i) => i.name)).toEqual([
      'FLAGS',
      'INTERNALDATE',
      'RFC822.SIZE',
      'ENVELOPE',
      'BODY',
    ]);

    const header = completedOf(fetchHeader ?? [], 'a004');
    const item = responsesOf(header.data, 'fetch')[0]?.items[0];
    expect(item?.name).toBe('BODY[]');
    if (item?.name === 'BODY[]') {
      expect(item.section).toEqual({ part: [], text: 'HEADER' });
      expect(item.data?.length).toBe(342);
      expect(dec(item.data ?? new Uint8Array())).toBe(HEADER);
    }

    // The FETCH caused by a non-silent STORE is the STORE's data, not a mailbox event.
    const st = completedOf(store ?? [], 'a005');
    expect(st.text).toBe('+FLAGS completed');
    expect(responsesOf(st.data, 'fetch')[0]?.items).toEqual([
      { name: 'FLAGS', flags: ['\\Seen', '\\Deleted'] },
    ]);
    expect(store?.map((e) => e.type)).toEqual(['completed']);

    expect(logout?.map((e) => e.type)).toEqual(['bye', 'state', 'completed']);
    expect(completedOf(logout ?? [], 'a006').status).toBe('OK');
    expect(p.state).toBe('logout');
    expect(p.pending).toEqual([]);
  });

  it('writes the same commands as the RFC text, as a server-side parser reads them', () => {
    const rfcText =
      'a001 login mrc secret\r\na002 select inbox\r\na003 fetch 12 full\r\na004 fetch 12 body[header]\r\na005 store 12 +flags \\deleted\r\na006 logout\r\n';
    const commands = (text: string) =>
      new ImapCommandParser().push(enc(text)).map((e) => (e.type === 'command' ? e.command : e.type));
    expect(commands(runSession(() => []).out.join(''))).toEqual(commands(rfcText));
  });

  it('keeps the selected mailbox from the SELECT data', () => {
    const p = new ImapClientProtocol({ tagPrefix: 'a', tagDigits: 3 });
    feed(p, SERVER[0] as string);
    p.send({ name: 'LOGIN', username: 'mrc', password: 'secret' });
    feed(p, SERVER[1] as string);
    p.send({ name: 'SELECT', mailbox: 'inbox' });
    expect(p.mailbox).toBeNull();
    feed(p, SERVER[2] as string);
    expect(p.state).toBe('selected');
    expect(p.mailbox).toEqual({
      name: 'inbox',
      readOnly: false,
      exists: 18,
      recent: 2,
      uidValidity: 3857529045,
      uidNext: null,
      flags: ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'],
      permanentFlags: null,
      highestModSeq: null,
      noModSeq: false,
      unseen: 17,
    });
  });

  it('gives the same events for any split of the server bytes', () => {
    const reference = normalize(runSession(() => []).events.flat());
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1000 }), { maxLength: 8 }), (raw) => {
        const split = (s: string) =>
          [...new Set(raw.map((n) => n % (enc(s).length + 1)))].sort((a, b) => a - b);
        expect(normalize(runSession(split).events.flat())).toEqual(reference);
      }),
    );
  });

  it('gives the same events when fed one byte at a time', () => {
    const reference = normalize(runSession(() => []).events.flat());
    const bytewise = (s: string) => Array.from({ length: enc(s).length }, (_, i) => i);
    expect(normalize(runSession(bytewise).events.flat())).toEqual(reference);
  });
});
