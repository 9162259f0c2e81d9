import { ParseError } from '@mailwire/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ImapClientEvent, ImapClientProtocol, type ImapSendResult } from '../../src/index';
import { enc, TestMechanism } from './helpers';

/** Server lines a fuzzer would combine: valid, truncated and hostile. */
const PIECES = [
  '* OK hi\r\n',
  '* PREAUTH hi\r\n',
  '* BYE bye\r\n',
  '+ go\r\n',
  '+ \r\n',
  '+ b25l\r\n',
  'A1 OK done\r\n',
  'A2 NO no\r\n',
  'A3 BAD bad\r\n',
  'A4 OK [READ-ONLY] x\r\n',
  '* 3 EXISTS\r\n',
  '* 1 EXPUNGE\r\n',
  '* VANISHED 1:2\r\n',
  '* 1 FETCH (FLAGS (\\Seen) BODY[] {5}\r\nhello)\r\n',
  '* 2 FETCH (BODY[] {20}\r\n0123456789',
  '* SEARCH 1 2\r\n',
  '* CAPABILITY IMAP4rev1 LITERAL+\r\n',
  '* LIST () "/" INBOX\r\n',
  '* OK [ALERT] careful\r\n',
  '* FLAGS (\\Seen)\r\n',
  'garbage line\r\n',
  '{5}\r\n',
  '\r\n',
  '* 1 FETCH (',
];

function drive(script: Array<{ server: string[]; action: number }>, strict: boolean): ImapClientEvent[] {
  const p = new ImapClientProtocol({ strict, streamThreshold: 8 });
  const out: ImapClientEvent[] = p.receive(enc('* OK hi\r\n'));
  const sent: string[] = [];
  const actions = [
    () => p.send({ name: 'NOOP' }),
    () => p.send({ name: 'SELECT', mailbox: 'INBOX' }),
    () => p.send({ name: 'FETCH', uid: false, sequenceSet: [1], items: 'FAST' }),
    () =>
      p.send({ name: 'APPEND', mailbox: 'INBOX', messages: [{ flags: [], data: enc('x'), binary: false }] }),
    () => p.authenticate(new TestMechanism()),
    () => p.idle(),
    () => p.send({ name: 'STARTTLS' }),
    () => p.send({ name: 'LOGOUT' }),
    () => p.done(),
    () => p.tlsStarted(),
    () => p.send({ name: 'LOGIN', username: 'u', password: 'p' }),
  ];
  try {
    for (const step of script) {
      try {
        const r: unknown = actions[step.action % actions.length]?.();
        if (typeof r === 'object' && r !== null && 'tag' in r) sent.push((r as ImapSendResult).tag);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
      }
      for (const s of step.server) out.push(...p.receive(enc(s)));
    }
    out.push(...p.end());
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    // strict mode, or a session failed at the STARTTLS boundary: it stays failed
    expect(() => p.receive(enc('* OK\r\n'))).toThrow(ParseError);
    return out;
  }
  // every command sent completed exactly once
  const done = out.filter((e) => e.type === 'completed').map((e) => (e.type === 'completed' ? e.tag : ''));
  expect([...done].sort()).toEqual([...sent].sort());
  expect(p.pending).toEqual([]);
  return out;
}

describe('totality', () => {
  const script = fc.array(
    fc.record({
      server: fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }),
      action: fc.nat({ max: 20 }),
    }),
    { maxLength: 10 },
  );

  it('lenient: any server bytes give events or a ParseError, and every command completes once', () => {
    fc.assert(fc.property(script, (s) => void drive(s, false)));
  });

  it('strict: only ParseError escapes', () => {
    fc.assert(fc.property(script, (s) => void drive(s, true)));
  });

  it('random bytes after a greeting', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const p = new ImapClientProtocol();
        p.receive(enc('* OK hi\r\n'));
        p.send({ name: 'NOOP' });
        // lenient: bad bytes are error events, never exceptions (no STARTTLS here)
        const events = [...p.receive(bytes), ...p.end()];
        expect(events.filter((e) => e.type === 'completed')).toHaveLength(1);
      }),
    );
  });
});
