import { describe, expect, it } from 'vitest';
import { completedOf, dec, feed, greeted } from './helpers';

function selected() {
  const p = greeted('* PREAUTH [CAPABILITY IMAP4rev1 IDLE] hi');
  p.send({ name: 'SELECT', mailbox: 'INBOX' });
  feed(p, '* 2 EXISTS\r\nA1 OK [READ-WRITE] ok\r\n');
  return p;
}

describe('IDLE (RFC 2177)', () => {
  it('idling event, unsolicited updates as mailbox events, done() and the tagged OK', () => {
    const p = selected();
    expect(p.continuation).toBe('none');
    expect(dec(p.idle().bytes)).toBe('A2 IDLE\r\n');
    expect(p.continuation).toBe('idle-requested');
    expect(() => p.done()).toThrow(/accepted/); // not before the "+"
    expect(() => p.send({ name: 'NOOP' })).toThrow(/IDLE is in progress/);
    expect(feed(p, '+ idling\r\n')).toEqual([{ type: 'idling', tag: 'A2', text: 'idling' }]);
    const updates = feed(p, '* 3 EXISTS\r\n* 1 EXPUNGE\r\n* 1 FETCH (FLAGS (\\Seen))\r\n* OK still here\r\n');
    expect(updates.map((e) => (e.type === 'mailbox' ? e.response.type : e.type))).toEqual([
      'exists',
      'expunge',
      'fetch',
      'untagged',
    ]);
    expect(p.mailbox?.exists).toBe(2);
    expect(p.continuation).toBe('idling');
    expect(dec(p.done())).toBe('DONE\r\n');
    expect(p.continuation).toBe('idle-done');
    expect(() => p.done()).toThrow();
    const end = feed(p, 'A2 OK IDLE terminated\r\n');
    expect(completedOf(end, 'A2')).toMatchObject({ status: 'OK', data: [] });
    expect(p.continuation).toBe('none');
    expect(p.send({ name: 'NOOP' }).tag).toBe('A3');
  });

  it('a server without IDLE answers BAD instead of "+"', () => {
    const p = selected();
    p.idle();
    const ev = feed(p, 'A2 BAD unknown command\r\n');
    expect(completedOf(ev, 'A2').status).toBe('BAD');
    expect(() => p.done()).toThrow();
  });

  it('IDLE in the authenticated state', () => {
    const p = greeted('* PREAUTH hi');
    p.idle();
    expect(feed(p, '+ idling\r\n')[0]?.type).toBe('idling');
  });
});
