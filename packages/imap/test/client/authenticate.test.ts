import { encodeBase64 } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { completedOf, dec, feed, greeted, TestMechanism, writes } from './helpers';

const b64 = (s: string) => encodeBase64(new TextEncoder().encode(s));

describe('AUTHENTICATE with a mechanism object', () => {
  it('SASL-IR: the initial response goes on the command line (RFC 4959)', () => {
    const p = greeted('* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] hi');
    const m = new TestMechanism('PLAIN', '\0bob\0secret');
    const r = p.authenticate(m);
    expect(dec(r.bytes)).toBe(`A1 AUTHENTICATE PLAIN ${b64('\0bob\0secret')}\r\n`);
    const ev = feed(p, 'A1 OK [CAPABILITY IMAP4rev1 IDLE] authenticated\r\n');
    expect(completedOf(ev, 'A1').status).toBe('OK');
    expect(m.verified).toBe(1);
    expect(p.state).toBe('authenticated');
    expect(p.capabilities).toEqual(['IMAP4rev1', 'IDLE']);
  });

  it('without SASL-IR the initial response answers the first empty challenge', () => {
    const p = greeted('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi');
    const r = p.authenticate(new TestMechanism('PLAIN', '\0bob\0secret'));
    expect(dec(r.bytes)).toBe('A1 AUTHENTICATE PLAIN\r\n');
    expect(() => p.send({ name: 'NOOP' })).toThrow(/AUTHENTICATE exchange/);
    expect(p.continuation).toBe('authenticate');
    expect(writes(feed(p, '+ \r\n'))).toBe(`${b64('\0bob\0secret')}\r\n`);
    feed(p, 'A1 OK done\r\n');
    expect(p.state).toBe('authenticated');
  });

  it('answers each base64 challenge through write events', () => {
    const p = greeted();
    const m = new TestMechanism('X-TEST');
    p.authenticate(m);
    const ev = feed(p, `+ ${b64('first')}\r\n+ ${b64('second')}\r\n`);
    expect(ev.map((e) => e.type)).toEqual(['auth-challenge', 'write', 'auth-challenge', 'write']);
    expect(writes(ev)).toBe(`${b64('re:first')}\r\n${b64('re:second')}\r\n`);
    expect(m.challenges).toEqual(['first', 'second']);
    feed(p, 'A1 OK done\r\n');
    expect(m.verified).toBe(1);
  });

  it('cancels with "*" when the mechanism throws; the server answers BAD', () => {
    const p = greeted();
    p.authenticate(new TestMechanism('X-TEST', undefined, 'evil'));
    const ev = feed(p, `+ ${b64('evil')}\r\n`);
    expect(ev.map((e) => e.type)).toEqual(['auth-challenge', 'error', 'write']);
    expect(writes(ev)).toBe('*\r\n');
    const done = feed(p, 'A1 BAD AUTHENTICATE cancelled\r\n');
    expect(completedOf(done, 'A1').status).toBe('BAD');
    expect(p.state).toBe('not-authenticated');
    expect(p.send({ name: 'NOOP' }).tag).toBe('A2');
  });

  it('cancels a challenge that is not base64', () => {
    const p = greeted();
    p.authenticate(new TestMechanism());
    const ev = feed(p, '+ not base64!\r\n');
    expect(ev[0]?.type === 'error' && ev[0].error.code).toBe('BAD_BASE64');
    expect(writes(ev)).toBe('*\r\n');
  });

  it('a server that fails to prove itself aborts the session', () => {
    const p = greeted();
    p.authenticate(new TestMechanism('X-TEST', undefined, undefined, true));
    const ev = feed(p, 'A1 OK done\r\n');
    expect(ev.map((e) => e.type)).toEqual(['error', 'completed', 'state']);
    expect(completedOf(ev, 'A1')).toMatchObject({ status: 'ABORTED', error: { code: 'AUTH_FAILED' } });
    expect(p.state).toBe('logout');
  });

  it('send() refuses AUTHENTICATE without a mechanism object', () => {
    const p = greeted();
    expect(() => p.send({ name: 'AUTHENTICATE', mechanism: 'PLAIN' })).toThrow(/authenticate\(mechanism\)/);
  });

  it('refuses AUTHENTICATE once authenticated', () => {
    const p = greeted('* PREAUTH hi');
    expect(() => p.authenticate(new TestMechanism())).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
  });
});
