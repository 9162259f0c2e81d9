import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { ImapClientProtocol } from '../../src/index';
import { completed, completedOf, feed, greeted } from './helpers';

describe('a server that fails commands', () => {
  it('NO and BAD complete the command with the reason and code', () => {
    const p = greeted('* PREAUTH hi');
    p.send({ name: 'CREATE', mailbox: 'Trash' });
    p.send({ name: 'DELETE', mailbox: 'Nope' });
    const ev = feed(p, 'A1 NO [ALREADYEXISTS] Mailbox exists\r\nA2 BAD Unknown command\r\n');
    expect(completedOf(ev, 'A1')).toMatchObject({
      status: 'NO',
      code: { name: 'ALREADYEXISTS' },
      text: 'Mailbox exists',
    });
    expect(completedOf(ev, 'A2')).toMatchObject({ status: 'BAD', code: null, text: 'Unknown command' });
    expect(p.pending).toEqual([]);
    expect(p.state).toBe('authenticated');
  });

  it('a failed LOGIN stays not-authenticated, with ALERT reported', () => {
    const p = greeted();
    p.send({ name: 'LOGIN', username: 'u', password: 'wrong' });
    const ev = feed(p, 'A1 NO [ALERT] Account locked\r\n');
    expect(ev.map((e) => e.type)).toEqual(['alert', 'completed']);
    expect(ev[0]).toEqual({ type: 'alert', tag: 'A1', text: 'Account locked' });
    expect(p.state).toBe('not-authenticated');
  });

  it('BYE mid-command: every pending command fails with the reason, LOGOUT excepted', () => {
    const p = greeted('* PREAUTH hi');
    p.send({ name: 'LIST', reference: '', patterns: ['*'] });
    p.send({ name: 'STATUS', mailbox: 'INBOX', items: ['MESSAGES'] });
    const ev = feed(p, '* LIST () "/" INBOX\r\n* BYE [UNAVAILABLE] Server shutting down\r\n');
    expect(ev.map((e) => e.type)).toEqual(['bye', 'completed', 'completed', 'state']);
    const [list, status] = completed(ev);
    expect(list).toMatchObject({
      tag: 'A1',
      status: 'ABORTED',
      text: 'Server shutting down',
      code: { name: 'UNAVAILABLE' },
    });
    expect(list?.data).toHaveLength(1); // what arrived before stays available
    expect(list?.error?.code).toBe('UNEXPECTED_RESPONSE');
    expect(status).toMatchObject({ tag: 'A2', status: 'ABORTED' });
    expect(p.state).toBe('logout');
    expect(() => p.send({ name: 'NOOP' })).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(p.end()).toEqual([]);
  });

  it('end() aborts what is still pending', () => {
    const p = greeted('* PREAUTH hi');
    p.send({ name: 'NAMESPACE' });
    const ev = p.end();
    expect(ev.map((e) => e.type)).toEqual(['completed', 'state']);
    expect(completedOf(ev, 'A1')).toMatchObject({
      status: 'ABORTED',
      error: { code: 'UNEXPECTED_EOF', tag: 'A1' },
    });
  });

  it('end() in the middle of a response reports it and aborts the command', () => {
    const p = greeted('* PREAUTH hi');
    p.send({ name: 'NAMESPACE' });
    const ev = [...feed(p, '* NAMESPACE (("" "/"'), ...p.end()];
    expect(ev.map((e) => e.type)).toEqual(['error', 'completed', 'state']);
  });

  it('LOGOUT answered by BYE alone completes when the stream ends', () => {
    const p = greeted('* PREAUTH hi');
    p.send({ name: 'LOGOUT' });
    feed(p, '* BYE bye\r\n');
    expect(completedOf(p.end(), 'A1').status).toBe('OK');
  });

  it('greeting BYE: nothing may be sent', () => {
    const p = new ImapClientProtocol();
    const ev = feed(p, '* BYE Too many connections\r\n');
    expect(ev.map((e) => e.type)).toEqual(['greeting', 'bye', 'state']);
    expect(p.state).toBe('logout');
    expect(() => p.send({ name: 'NOOP' })).toThrow(/after LOGOUT/);
  });

  it('a greeting that is no greeting is an error', () => {
    const p = new ImapClientProtocol();
    const ev = feed(p, 'A1 OK what\r\n');
    expect(ev[0]?.type === 'error' && ev[0].error.code).toBe('UNEXPECTED_RESPONSE');
    expect(p.state).toBe('greeting');
  });

  it('a tagged response for an unknown tag is an error, not a completion', () => {
    const p = greeted('* PREAUTH hi');
    p.send({ name: 'NOOP' });
    const ev = feed(p, 'B7 OK who?\r\nA1 OK done\r\n');
    expect(ev.map((e) => e.type)).toEqual(['error', 'completed']);
  });

  it('an unparseable tagged response aborts its command (its outcome is unknown)', () => {
    const p = greeted('* PREAUTH hi');
    p.send({ name: 'NOOP' });
    const ev = feed(p, 'A1 MAYBE done\r\n');
    expect(ev.map((e) => e.type)).toEqual(['error', 'completed']);
    expect(completedOf(ev, 'A1')).toMatchObject({ status: 'ABORTED', error: { tag: 'A1' } });
  });

  it('strict mode throws protocol errors, and stays failed', () => {
    const p = greeted('* PREAUTH hi', { strict: true });
    expect(() => p.receive(new TextEncoder().encode('+ unexpected\r\n'))).toThrow(
      expect.objectContaining({ code: 'UNEXPECTED_RESPONSE' }),
    );
    expect(() => p.send({ name: 'NOOP' })).toThrow(expect.objectContaining({ code: 'UNEXPECTED_RESPONSE' }));
  });

  it('strict mode: what a chunk completed before the error is on the error (parser and client errors)', () => {
    const caught = (f: () => unknown): ParseError => {
      try {
        f();
      } catch (e) {
        if (e instanceof ParseError) return e;
      }
      throw new Error('expected a ParseError');
    };
    // a response the parser rejects, after a tagged OK in the same chunk
    const p = greeted('* PREAUTH hi', { strict: true });
    p.send({ name: 'NOOP' });
    const parserError = caught(() => p.receive(new TextEncoder().encode('A1 OK done\r\n* ( bad\r\n')));
    expect(parserError.code).toBe('BAD_SYNTAX');
    expect(parserError.eventsBefore).toMatchObject([{ type: 'completed', tag: 'A1', status: 'OK' }]);
    // a response the client cannot place, after untagged data in the same chunk
    const q = greeted('* PREAUTH hi', { strict: true });
    const clientError = caught(() => q.receive(new TextEncoder().encode('* 3 EXISTS\r\n+ unexpected\r\n')));
    expect(clientError.code).toBe('UNEXPECTED_RESPONSE');
    expect(clientError.eventsBefore.length).toBeGreaterThan(0);
    expect(clientError.eventsBefore.every((e) => (e as { type: string }).type !== 'error')).toBe(true);
  });

  it('untagged NO/BAD while a command runs go to its data', () => {
    const p = greeted('* PREAUTH hi');
    p.send({ name: 'NOOP' });
    const ev = feed(p, '* NO Disk is 98% full\r\nA1 OK done\r\n* OK still here\r\n');
    expect(completedOf(ev, 'A1').data).toEqual([
      { type: 'status', tag: null, status: 'NO', code: null, text: 'Disk is 98% full' },
    ]);
    expect(ev[1]).toMatchObject({ type: 'untagged', response: { text: 'still here' } });
  });
});
