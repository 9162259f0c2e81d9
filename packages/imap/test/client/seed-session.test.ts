import { describe, expect, it } from 'vitest';
import {
  type ImapClientEvent,
  ImapClientProtocol,
  ImapCommandParser,
  ImapResponseParser,
  responsesOf,
} from '../../src/index';
import { completedOf, dec, enc, feed, normalize } from './helpers';

const BODY =
  'From: alice@example.org\r\nTo: bob@example.org\r\nSubject: hello\r\n\r\nHi Bob,\r\nsee you.\r\n';

/** The server's answer to each step, after the greeting. */
const STEPS: Array<{ client: string; server: string }> = [
  {
    client: 'A1 LOGIN bob "p a s s"\r\n',
    server: 'A1 OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS] Logged in\r\n',
  },
  {
    client: 'A2 LIST "" *\r\n',
    server:
      '* LIST (\\HasNoChildren) "/" INBOX\r\n* LIST (\\HasNoChildren \\Trash) "/" Trash\r\nA2 OK List completed\r\n',
  },
  {
    client: 'A3 SELECT INBOX\r\n',
    server:
      '* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n' +
      '* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.\r\n' +
      '* 3 EXISTS\r\n* 0 RECENT\r\n' +
      '* OK [UIDVALIDITY 1700000000] UIDs valid\r\n* OK [UIDNEXT 4] Predicted next UID\r\n' +
      'A3 OK [READ-WRITE] Select completed\r\n',
  },
  { client: 'A4 SEARCH FROM alice\r\n', server: '* SEARCH 2\r\nA4 OK Search completed\r\n' },
  {
    client: 'A5 FETCH 2 (UID BODY.PEEK[])\r\n',
    server: `* 2 FETCH (UID 2 BODY[] {${enc(BODY).length}}\r\n${BODY})\r\nA5 OK Fetch completed\r\n`,
  },
  {
    client: 'A6 STORE 2 +FLAGS.SILENT (\\Deleted)\r\n',
    server: 'A6 OK Store completed\r\n',
  },
  { client: 'A7 EXPUNGE\r\n', server: '* 2 EXPUNGE\r\nA7 OK Expunge completed\r\n' },
  { client: 'A8 LOGOUT\r\n', server: '* BYE Logging out\r\nA8 OK Logout completed\r\n' },
];

function run(
  streamThreshold?: number,
  bytewise = false,
): { p: ImapClientProtocol; sent: string[]; events: ImapClientEvent[][] } {
  const p = new ImapClientProtocol(streamThreshold === undefined ? {} : { streamThreshold });
  const cuts = (s: string) => (bytewise ? Array.from({ length: enc(s).length }, (_, i) => i) : []);
  const g = '* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n';
  const events: ImapClientEvent[][] = [feed(p, g, cuts(g))];
  // LOGINDISABLED (RFC 3501 §6.2.3): LOGIN is refused while the server announces it; an
  // unsolicited CAPABILITY without it (as after STARTTLS) lifts the refusal.
  expect(() => p.send({ name: 'LOGIN', username: 'bob', password: 'p a s s' })).toThrow(/LOGINDISABLED/);
  feed(p, '* CAPABILITY IMAP4rev1 LITERAL+\r\n');
  const sends = [
    () => p.send({ name: 'LOGIN', username: 'bob', password: 'p a s s' }),
    () => p.send({ name: 'LIST', reference: '', patterns: ['*'] }),
    () => p.send({ name: 'SELECT', mailbox: 'INBOX' }),
    () => p.send({ name: 'SEARCH', uid: false, criteria: [{ key: 'FROM', value: 'alice' }] }),
    () =>
      p.send({
        name: 'FETCH',
        uid: false,
        sequenceSet: [2],
        items: [{ name: 'UID' }, { name: 'BODY[]', peek: true, section: { part: [] } }],
      }),
    () =>
      p.send({
        name: 'STORE',
        uid: false,
        sequenceSet: [2],
        operation: 'add',
        silent: true,
        flags: ['\\Deleted'],
      }),
    () => p.send({ name: 'EXPUNGE', uid: false }),
    () => p.send({ name: 'LOGOUT' }),
  ];
  const sent: string[] = [];
  sends.forEach((s, i) => {
    sent.push(dec(s().bytes));
    const server = (STEPS[i] as { server: string }).server;
    events.push(feed(p, server, cuts(server)));
  });
  return { p, sent, events };
}

describe('seed session: login, list, select, search, fetch, store, expunge, logout', () => {
  it('sends the expected bytes, which a server-side parser reads back', () => {
    const { sent } = run();
    expect(sent).toEqual(STEPS.map((s) => s.client));
    const parser = new ImapCommandParser();
    const names = parser
      .push(enc(sent.join('')))
      .filter((e) => e.type === 'command')
      .map((e) => (e.type === 'command' ? e.command.name : ''));
    expect(names).toEqual(['LOGIN', 'LIST', 'SELECT', 'SEARCH', 'FETCH', 'STORE', 'EXPUNGE', 'LOGOUT']);
  });

  it('collects each command result and tracks the mailbox', () => {
    const { p, events } = run();
    const [, login, list, select, search, fetch, store, expunge, logout] = events as ImapClientEvent[][];
    expect(completedOf(login ?? [], 'A1').status).toBe('OK');
    // tagged OK [CAPABILITY ...] after LOGIN replaces the capabilities
    expect(p.capabilities).toEqual(['IMAP4rev1', 'LITERAL+', 'UIDPLUS']);

    const names = responsesOf(completedOf(list ?? [], 'A2').data, 'list').map((l) => l.mailbox.name);
    expect(names).toEqual(['INBOX', 'Trash']);

    const sel = completedOf(select ?? [], 'A3');
    expect(sel.status).toBe('OK');
    expect(sel.data).toHaveLength(6);
    expect(sel.mailbox).toMatchObject({ name: 'INBOX', exists: 3, uidNext: 4, readOnly: false });

    expect(responsesOf(completedOf(search ?? [], 'A4').data, 'search')[0]?.ids).toEqual([2]);

    const f = responsesOf(completedOf(fetch ?? [], 'A5').data, 'fetch')[0];
    expect(f?.items[0]).toEqual({ name: 'UID', value: 2 });
    const body = f?.items[1];
    expect(body?.name === 'BODY[]' && body.data !== null ? dec(body.data) : null).toBe(BODY);

    expect(store).toEqual([
      expect.objectContaining({ type: 'completed', tag: 'A6', status: 'OK', data: [] }),
    ]);

    // The EXPUNGE is the command's data and, as it changes the mailbox, a mailbox event too.
    expect(completedOf(expunge ?? [], 'A7').data).toEqual([{ type: 'expunge', value: 2 }]);
    const mailboxEvents = (expunge ?? []).filter((e) => e.type === 'mailbox');
    expect(mailboxEvents).toHaveLength(1);
    expect(mailboxEvents[0]).toMatchObject({
      response: { type: 'expunge', value: 2 },
      mailbox: { exists: 2 },
    });

    expect(logout?.map((e) => e.type)).toEqual(['bye', 'state', 'completed']);
    expect(p.state).toBe('logout');
    expect(() => p.send({ name: 'NOOP' })).toThrow(/after LOGOUT/);
  });

  it('tracks the selected mailbox through the session', () => {
    const p = new ImapClientProtocol();
    feed(p, '* PREAUTH [CAPABILITY IMAP4rev1] welcome back\r\n');
    expect(p.state).toBe('authenticated');
    p.send({ name: 'SELECT', mailbox: 'INBOX' });
    feed(p, (STEPS[2] as { server: string }).server.replaceAll('A3', 'A1'));
    expect(p.mailbox).toMatchObject({
      name: 'INBOX',
      exists: 3,
      recent: 0,
      uidValidity: 1700000000,
      uidNext: 4,
      readOnly: false,
    });
    expect(p.mailbox?.permanentFlags).toContain('\\*');
    const unsolicited = feed(p, '* 4 EXISTS\r\n* 1 RECENT\r\n* OK [UIDNEXT 5] next\r\n');
    expect(unsolicited.map((e) => (e.type === 'mailbox' ? e.response.type : e.type))).toEqual([
      'exists',
      'recent',
      'status',
    ]);
    expect(p.mailbox).toMatchObject({ exists: 4, recent: 1, uidNext: 5 });
    p.send({ name: 'CLOSE' });
    const closed = feed(p, 'A2 OK Close completed\r\n');
    expect(closed.map((e) => e.type)).toEqual(['completed', 'state']);
    expect(p.state).toBe('authenticated');
    expect(p.mailbox).toBeNull();
    // FETCH is a selected-state command
    expect(() => p.send({ name: 'FETCH', uid: true, sequenceSet: [1], items: 'FAST' })).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
  });

  it('a failed SELECT leaves no mailbox selected (RFC 3501 §6.3.1)', () => {
    const p = new ImapClientProtocol();
    feed(p, '* PREAUTH ready\r\n');
    p.send({ name: 'SELECT', mailbox: 'INBOX' });
    feed(p, '* 1 EXISTS\r\nA1 OK [READ-ONLY] done\r\n');
    expect(p.mailbox?.readOnly).toBe(true);
    p.send({ name: 'EXAMINE', mailbox: 'Nope' });
    const ev = feed(p, 'A2 NO [NONEXISTENT] no such mailbox\r\n');
    expect(completedOf(ev, 'A2')).toMatchObject({ status: 'NO', code: { name: 'NONEXISTENT' } });
    expect(p.state).toBe('authenticated');
    expect(p.mailbox).toBeNull();
  });

  it('streams a big body with the FETCH tag on every event', () => {
    const { events } = run(16);
    const fetchEvents = events[5] ?? [];
    const streamed = fetchEvents.filter((e) => e.type !== 'completed');
    expect(streamed.map((e) => e.type)).toEqual([
      'fetchStart',
      'fetchItem',
      'bodyStart',
      'bodyChunk',
      'bodyEnd',
      'fetchEnd',
    ]);
    for (const e of streamed) expect(e).toHaveProperty('tag', 'A5');
    const chunks = fetchEvents.map((e) => (e.type === 'bodyChunk' ? dec(e.data) : '')).join('');
    expect(chunks).toBe(BODY);
    // the command's data still lists the message, its body marked as streamed (data null)
    const f = responsesOf(completedOf(fetchEvents, 'A5').data, 'fetch')[0];
    expect(f?.items).toEqual([
      { name: 'UID', value: 2 },
      { name: 'BODY[]', section: { part: [], text: null }, origin: null, data: null },
    ]);
    // fetchEnd hands over that same response, for a caller that collects streamed bodies
    const end = streamed.at(-1);
    expect(end?.type === 'fetchEnd' && end.response).toBe(f);
  });

  it("hands on every field of the response parser's streamed events, with the tag added", () => {
    const { events } = run(16);
    const streamed = (events[5] ?? []).filter((e) => e.type !== 'completed');
    // the same bytes through a bare response parser: the client adds the tag (and fetchEnd's
    // response) and must not drop or change anything else
    const server = [
      '* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n',
      '* CAPABILITY IMAP4rev1 LITERAL+\r\n',
      ...STEPS.slice(0, 5).map((s) => s.server),
    ].join('');
    const parsed = new ImapResponseParser({ streamThreshold: 16 })
      .push(enc(server))
      .filter((e) => e.type !== 'response');
    expect(parsed.map((e) => e.type)).toEqual(streamed.map((e) => e.type));
    expect(streamed).toEqual(
      parsed.map((e) => ({
        ...e,
        tag: 'A5',
        ...(e.type === 'fetchEnd' ? { response: expect.anything() } : {}),
      })),
    );
  });

  it('gives the same events fed one byte at a time, streamed or not', () => {
    for (const threshold of [undefined, 16]) {
      expect(normalize(run(threshold, true).events.flat())).toEqual(normalize(run(threshold).events.flat()));
    }
  });
});
