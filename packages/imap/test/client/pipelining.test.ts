import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ImapClientEvent,
  ImapClientProtocol,
  type ImapCommandInput,
  responsesOf,
} from '../../src/index';
import { completed, completedOf, enc, feed, greeted, normalize } from './helpers';

function selected(): ImapClientProtocol {
  const p = greeted('* PREAUTH [CAPABILITY IMAP4rev1] ready');
  p.send({ name: 'SELECT', mailbox: 'INBOX' });
  feed(p, '* 4 EXISTS\r\nA1 OK [READ-WRITE] selected\r\n');
  return p;
}

const MIX: ImapCommandInput[] = [
  { name: 'FETCH', uid: false, sequenceSet: [[1, 2]], items: [{ name: 'FLAGS' }] },
  { name: 'STORE', uid: false, sequenceSet: [1], operation: 'add', silent: false, flags: ['\\Seen'] },
  { name: 'SEARCH', uid: false, criteria: [{ key: 'UNSEEN' }] },
  { name: 'LIST', reference: '', patterns: ['*'] },
  { name: 'STATUS', mailbox: 'Trash', items: ['MESSAGES'] },
  { name: 'NOOP' },
];

/** Answers to MIX, interleaved across commands, two tagged responses out of order. */
const ANSWERS =
  '* 1 FETCH (FLAGS (\\Seen))\r\n' +
  '* LIST () "/" INBOX\r\n' +
  '* 2 FETCH (FLAGS ())\r\n' +
  'A2 OK fetched\r\n' +
  '* 1 FETCH (FLAGS (\\Seen))\r\n' +
  '* STATUS Trash (MESSAGES 3)\r\n' +
  '* SEARCH 2\r\n' +
  'A4 OK searched\r\n' +
  'A3 OK stored\r\n' +
  '* LIST () "/" Trash\r\n' +
  'A5 OK listed\r\n' +
  'A6 OK status\r\n' +
  '* 5 EXISTS\r\n' +
  'A7 OK noop\r\n';

function runMix(cuts: number[]): ImapClientEvent[] {
  const p = selected();
  for (const c of MIX) p.send(c);
  return feed(p, ANSWERS, cuts);
}

describe('pipelining', () => {
  it('routes interleaved untagged data to the command that caused it', () => {
    const events = runMix([]);
    expect(completed(events).map((c) => c.tag)).toEqual(['A2', 'A4', 'A3', 'A5', 'A6', 'A7']);
    const fetch = completedOf(events, 'A2');
    expect(responsesOf(fetch.data, 'fetch').map((f) => f.seq)).toEqual([1, 2]);
    expect(completedOf(events, 'A3').data).toEqual([
      { type: 'fetch', seq: 1, items: [{ name: 'FLAGS', flags: ['\\Seen'] }] },
    ]);
    expect(responsesOf(completedOf(events, 'A4').data, 'search')[0]?.ids).toEqual([2]);
    expect(responsesOf(completedOf(events, 'A5').data, 'list').map((l) => l.mailbox.name)).toEqual([
      'INBOX',
      'Trash',
    ]);
    expect(completedOf(events, 'A6').data).toEqual([
      {
        type: 'mailbox-status',
        mailbox: { name: 'Trash', raw: 'Trash' },
        attributes: [{ name: 'MESSAGES', value: 3 }],
      },
    ]);
    expect(completedOf(events, 'A7').data).toEqual([]);
    const mailbox = events.filter((e) => e.type === 'mailbox');
    expect(mailbox).toEqual([
      expect.objectContaining({
        response: { type: 'exists', value: 5 },
        mailbox: expect.objectContaining({ exists: 5 }),
      }),
    ]);
  });

  it('gives the same results for any split of the interleaved answers', () => {
    const reference = normalize(runMix([]));
    const n = enc(ANSWERS).length;
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: n }), { maxLength: 12 }), (cuts) => {
        expect(normalize(runMix([...cuts].sort((a, b) => a - b)))).toEqual(reference);
      }),
    );
  });

  it('gives the same results split at every byte', () => {
    const n = enc(ANSWERS).length;
    expect(normalize(runMix(Array.from({ length: n }, (_, i) => i)))).toEqual(normalize(runMix([])));
  });

  it('a flag change during a FETCH that did not ask for flags is unsolicited', () => {
    const p = selected();
    p.send({ name: 'FETCH', uid: false, sequenceSet: [1], items: [{ name: 'RFC822.SIZE' }] });
    const ev = feed(p, '* 3 FETCH (FLAGS (\\Deleted))\r\n* 1 FETCH (RFC822.SIZE 44)\r\nA2 OK done\r\n');
    expect(ev[0]).toMatchObject({ type: 'mailbox', response: { type: 'fetch', seq: 3 } });
    expect(completedOf(ev, 'A2').data).toEqual([
      { type: 'fetch', seq: 1, items: [{ name: 'RFC822.SIZE', value: 44 }] },
    ]);
  });

  it('ESEARCH is routed by its tag (RFC 4731)', () => {
    const p = selected();
    p.send({ name: 'SEARCH', uid: true, return: ['MIN'], criteria: [{ key: 'ALL' }] });
    p.send({ name: 'SEARCH', uid: true, return: ['MAX'], criteria: [{ key: 'ALL' }] });
    const ev = feed(
      p,
      '* ESEARCH (TAG "A3") UID MAX 9\r\n* ESEARCH (TAG "A2") UID MIN 1\r\nA2 OK\r\nA3 OK\r\n',
    );
    expect(responsesOf(completedOf(ev, 'A2').data, 'esearch')[0]?.data).toEqual([{ name: 'MIN', value: 1 }]);
    expect(responsesOf(completedOf(ev, 'A3').data, 'esearch')[0]?.data).toEqual([{ name: 'MAX', value: 9 }]);
  });
});

describe('RFC 3501 §5.5 ambiguity rule', () => {
  const fetchSeq: ImapCommandInput = { name: 'FETCH', uid: false, sequenceSet: [1], items: 'FAST' };
  const fetchUid: ImapCommandInput = { name: 'FETCH', uid: true, sequenceSet: [1], items: 'FAST' };
  const store: ImapCommandInput = {
    name: 'STORE',
    uid: false,
    sequenceSet: [1],
    operation: 'add',
    silent: true,
    flags: ['\\Seen'],
  };
  const copy: ImapCommandInput = { name: 'COPY', uid: false, sequenceSet: [1], mailbox: 'Trash' };
  const search: ImapCommandInput = { name: 'SEARCH', uid: false, criteria: [{ key: 'ALL' }] };
  const check: ImapCommandInput = { name: 'CHECK' };
  const noop: ImapCommandInput = { name: 'NOOP' };
  const uidSearch = (seq: boolean): ImapCommandInput => ({
    name: 'SEARCH',
    uid: true,
    criteria: [
      seq ? { key: 'NOT', operand: { key: 'SEQUENCE', set: [[2, 4]] } } : { key: 'UID', set: [[2, 4]] },
    ],
  });

  function sequence(...cmds: ImapCommandInput[]): void {
    const p = selected();
    for (const c of cmds) p.send(c);
  }
  const refused = (...cmds: ImapCommandInput[]) =>
    expect(() => sequence(...cmds)).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE', message: expect.stringMatching(/§5\.5/) }),
    );

  it('refuses the invalid sequences of §5.5', () => {
    refused(fetchSeq, noop, store); // FETCH + NOOP + STORE
    refused(store, copy, fetchSeq); // STORE + COPY + FETCH
    refused(copy, copy); // COPY + COPY
    refused(check, fetchSeq); // CHECK + FETCH
    refused(fetchUid, fetchSeq); // a UID command may be followed by EXPUNGE
    refused(noop, uidSearch(true)); // UID SEARCH with sequence numbers
  });

  it('allows the valid sequences of §5.5', () => {
    expect(() => sequence(fetchSeq, store, search, check)).not.toThrow(); // FETCH + STORE + SEARCH + CHECK
    expect(() => sequence(store, copy, { name: 'EXPUNGE', uid: false })).not.toThrow(); // STORE + COPY + EXPUNGE
    expect(() => sequence(uidSearch(false), uidSearch(false))).not.toThrow();
    expect(() => sequence(noop, fetchUid, { name: 'LIST', reference: '', patterns: ['%'] })).not.toThrow();
  });

  it('allows the sequence-number command once the other command completed', () => {
    const p = selected();
    p.send(noop);
    expect(p.mustWait(fetchSeq)).toBe(true);
    expect(p.mustWait(fetchUid)).toBe(false);
    expect(() => p.send(fetchSeq)).toThrow();
    feed(p, 'A2 OK done\r\n');
    expect(p.mustWait(fetchSeq)).toBe(false);
    expect(p.send(fetchSeq).tag).toBe('A3');
  });
});

describe('connection states and exclusive commands', () => {
  it('refuses everything before the greeting', () => {
    const p = new ImapClientProtocol();
    expect(() => p.send({ name: 'CAPABILITY' })).toThrow(/greeting/);
  });

  it('checks commands against the state (RFC 3501 §6)', () => {
    const p = greeted();
    expect(p.state).toBe('not-authenticated');
    expect(() => p.send({ name: 'SELECT', mailbox: 'INBOX' })).toThrow(/not-authenticated/);
    expect(() => p.send({ name: 'FETCH', uid: true, sequenceSet: [1], items: 'ALL' })).toThrow(
      /INVALID|not allowed/,
    );
    p.send({ name: 'LOGIN', username: 'u', password: 'p' });
    feed(p, 'A1 OK in\r\n');
    expect(p.state).toBe('authenticated');
    expect(() => p.send({ name: 'LOGIN', username: 'u', password: 'p' })).toThrow(/authenticated state/);
    expect(() => p.send({ name: 'EXPUNGE', uid: false })).toThrow(/authenticated state/);
    expect(p.send({ name: 'ENABLE', capabilities: ['CONDSTORE'] }).tag).toBe('A2');
  });

  it('runs state-changing commands alone', () => {
    const p = selected();
    p.send({ name: 'NOOP' });
    expect(() => p.send({ name: 'SELECT', mailbox: 'Trash' })).toThrow(/wait until/);
    feed(p, 'A2 OK\r\n');
    p.send({ name: 'SELECT', mailbox: 'Trash' });
    expect(() => p.send({ name: 'NOOP' })).toThrow(/SELECT is in progress/);
  });

  it('LOGOUT may follow other commands, nothing may follow LOGOUT', () => {
    const p = selected();
    p.send({ name: 'NOOP' });
    expect(p.mustWait({ name: 'SELECT', mailbox: 'x' })).toBe(true);
    p.send({ name: 'LOGOUT' });
    expect(p.mustWait({ name: 'NOOP' })).toBe(false); // never, not later
    expect(() => p.send({ name: 'NOOP' })).toThrow(/after LOGOUT/);
  });

  it('refuses STARTTLS on a TLS connection', () => {
    const t = greeted('* OK hi', { tls: true });
    expect(() => t.send({ name: 'STARTTLS' })).toThrow(/already TLS/);
  });

  it('tags with the configured prefix and width', () => {
    const p = greeted('* OK hi', { tagPrefix: 'x', tagDigits: 4 });
    expect(p.send({ name: 'NOOP' }).tag).toBe('x0001');
    expect(p.send({ name: 'NOOP' }).tag).toBe('x0002');
  });
});
