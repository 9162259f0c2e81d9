import { encodeBase64 } from '@mailwire/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ImapClientEvent, ImapClientProtocol, type ImapSendResult } from '../../src/index';
import { dec, enc, feed, normalize, TestMechanism } from './helpers';

const b64 = (s: string) => encodeBase64(enc(s));

/** A session with every continuation kind: SASL challenges, a synchronizing literal, IDLE, STARTTLS. */
const STEPS: Array<{ send: (p: ImapClientProtocol) => ImapSendResult | undefined; server: string }> = [
  { send: () => undefined, server: '* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=X-TEST] hi\r\n' },
  { send: (p) => p.send({ name: 'STARTTLS' }), server: '* OK [ALERT] be careful\r\nA1 OK go\r\n' },
  {
    send: (p) => {
      p.tlsStarted();
      return p.authenticate(new TestMechanism());
    },
    server: `+ ${b64('one')}\r\n+ \r\n+ ${b64('two')}\r\nA2 OK [CAPABILITY IMAP4rev1 IDLE] welcome\r\n`,
  },
  {
    send: (p) =>
      p.send({
        name: 'APPEND',
        mailbox: 'INBOX',
        messages: [{ flags: ['\\Seen'], data: enc('Subject: x\r\n\r\nbody\r\n'), binary: false }],
      }),
    server: '+ go on\r\n* 1 EXISTS\r\nA3 OK [APPENDUID 1 1] appended\r\n',
  },
  {
    send: (p) => p.send({ name: 'SELECT', mailbox: 'INBOX' }),
    server: '* 1 EXISTS\r\n* 0 RECENT\r\nA4 OK [READ-WRITE] ok\r\n',
  },
  {
    send: (p) => p.idle(),
    server: '+ idling\r\n* 2 EXISTS\r\n* 1 FETCH (FLAGS (\\Seen \\Answered))\r\nA5 OK idle done\r\n',
  },
  {
    send: (p) =>
      p.send({
        name: 'FETCH',
        uid: false,
        sequenceSet: [2],
        items: [{ name: 'BODY[]', peek: true, section: { part: [] } }],
      }),
    server: '* 2 FETCH (BODY[] {28}\r\nSubject: y\r\n\r\n0123456789abcd)\r\nA6 OK done\r\n',
  },
  { send: (p) => p.send({ name: 'LOGOUT' }), server: '* BYE bye\r\nA7 OK out\r\n' },
];

function run(
  split: (s: string) => number[],
  streamThreshold: number,
): { events: ImapClientEvent[]; sent: string } {
  const p = new ImapClientProtocol({ streamThreshold });
  const events: ImapClientEvent[] = [];
  let sent = '';
  for (const step of STEPS) {
    const r = step.send(p);
    if (r !== undefined) sent += dec(r.bytes);
    events.push(...feed(p, step.server, split(step.server)));
  }
  sent += events.map((e) => (e.type === 'write' ? dec(e.bytes) : '')).join('');
  return { events: [...events, ...p.end()], sent };
}

describe('any split of the server bytes gives the same events', () => {
  for (const threshold of [1 << 20, 8]) {
    it(`with continuations of every kind (streamThreshold ${threshold})`, () => {
      const reference = run(() => [], threshold);
      expect(
        reference.events
          .filter((e) => e.type === 'completed')
          .map((e) => (e.type === 'completed' ? e.status : '')),
      ).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK']);
      expect(reference.events.some((e) => e.type === 'error')).toBe(false);
      const expected = normalize(reference.events);
      fc.assert(
        fc.property(fc.array(fc.nat({ max: 200 }), { maxLength: 6 }), (raw) => {
          const split = (s: string) =>
            [...new Set(raw.map((n) => n % (enc(s).length + 1)))].sort((a, b) => a - b);
          const r = run(split, threshold);
          expect(normalize(r.events)).toEqual(expected);
          expect(r.sent).toBe(reference.sent);
        }),
      );
    });
  }
});
