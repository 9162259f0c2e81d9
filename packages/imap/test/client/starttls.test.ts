import { describe, expect, it } from 'vitest';
import { completedOf, dec, enc, feed, greeted } from './helpers';

function starting() {
  const p = greeted('* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] hi');
  expect(dec(p.send({ name: 'STARTTLS' }).bytes)).toBe('A1 STARTTLS\r\n');
  return p;
}

describe('STARTTLS boundary', () => {
  it('tls-ready, then tlsStarted() forgets the capabilities', () => {
    const p = starting();
    expect(() => p.send({ name: 'NOOP' })).toThrow(/STARTTLS is in progress/);
    const ev = feed(p, 'A1 OK Begin TLS negotiation now\r\n');
    expect(ev.map((e) => e.type)).toEqual(['completed', 'tls-ready']);
    expect(p.awaitingTls).toBe(true);
    expect(() => p.send({ name: 'CAPABILITY' })).toThrow(/tlsStarted/);
    p.tlsStarted();
    expect(p.tls).toBe(true);
    expect(p.capabilities).toBeUndefined();
    expect(p.hasCapability('LOGINDISABLED')).toBe(false);
    p.send({ name: 'CAPABILITY' });
    feed(p, '* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\nA2 OK\r\n');
    expect(p.capabilities).toEqual(['IMAP4rev1', 'AUTH=PLAIN']);
    expect(() => p.send({ name: 'STARTTLS' })).toThrow(/already TLS/);
    expect(p.send({ name: 'LOGIN', username: 'u', password: 'p' }).tag).toBe('A3');
  });

  it('bytes after the tagged OK in the same chunk: UNEXPECTED_DATA, never parsed', () => {
    const p = starting();
    const ev = feed(p, 'A1 OK begin TLS\r\n* OK injected\r\n');
    expect(ev.map((e) => e.type)).toEqual(['completed', 'tls-ready', 'state', 'error']);
    const err = ev[3]?.type === 'error' ? ev[3].error : undefined;
    expect(err?.code).toBe('UNEXPECTED_DATA');
    expect(err?.offset).toBe(
      enc('* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] hi\r\nA1 OK begin TLS\r\n').length,
    );
    expect(ev.some((e) => e.type === 'untagged')).toBe(false);
    expect(() => p.tlsStarted()).toThrow(expect.objectContaining({ code: 'UNEXPECTED_DATA' }));
    expect(() => p.receive(enc('x'))).toThrow(expect.objectContaining({ code: 'UNEXPECTED_DATA' }));
  });

  it('bytes in a later chunk before tlsStarted(): the same', () => {
    const p = starting();
    feed(p, 'A1 OK begin TLS\r\n');
    const ev = feed(p, '* OK injected\r\n');
    expect(ev.map((e) => e.type)).toEqual(['state', 'error']);
  });

  it('strict mode throws at the injection', () => {
    const p = greeted('* OK [CAPABILITY IMAP4rev1 STARTTLS] hi', { strict: true });
    p.send({ name: 'STARTTLS' });
    expect(() => feed(p, 'A1 OK go\r\nA2 OK injected\r\n')).toThrow(
      expect.objectContaining({ code: 'UNEXPECTED_DATA' }),
    );
  });

  it('untagged data before the tagged OK is parsed; split anywhere the result is the same', () => {
    const text = '* OK [ALERT] go ahead\r\nA1 OK begin TLS\r\n* BYE injected\r\n';
    const boundary = text.indexOf('* BYE');
    for (let cut = 0; cut <= boundary; cut++) {
      const p = starting();
      const ev = feed(p, text, [cut]);
      expect(ev.map((e) => e.type)).toEqual(['alert', 'completed', 'tls-ready', 'state', 'error']);
      // the untagged OK arrived while STARTTLS ran: it is that command's data
      expect(completedOf(ev, 'A1').data).toEqual([
        { type: 'status', tag: null, status: 'OK', code: { name: 'ALERT' }, text: 'go ahead' },
      ]);
    }
  });

  it('a cut inside the injected bytes: the first piece fails the session, the next receive throws', () => {
    const p = starting();
    const ev = feed(p, 'A1 OK begin TLS\r\n* B');
    expect(ev.map((e) => e.type)).toEqual(['completed', 'tls-ready', 'state', 'error']);
    expect(() => p.receive(enc('YE injected\r\n'))).toThrow(
      expect.objectContaining({ code: 'UNEXPECTED_DATA' }),
    );
  });

  it('a refused STARTTLS leaves the session as it was', () => {
    const p = starting();
    const ev = feed(p, 'A1 NO [PRIVACYREQUIRED] not now\r\n* OK fine\r\n');
    expect(completedOf(ev, 'A1').status).toBe('NO');
    expect(ev.map((e) => e.type)).toEqual(['completed', 'untagged']);
    expect(p.awaitingTls).toBe(false);
  });
});

describe('COMPRESS boundary (RFC 4978)', () => {
  function compressing() {
    const p = greeted('* PREAUTH [CAPABILITY IMAP4rev1 COMPRESS=DEFLATE] hi');
    expect(dec(p.send({ name: 'COMPRESS', mechanism: 'DEFLATE' }).bytes)).toBe('A1 COMPRESS DEFLATE\r\n');
    return p;
  }

  it('hands over the bytes after the tagged OK, unparsed, then reads the inflated stream', () => {
    const compressedBytes = new Uint8Array([0x2a, 0x0a, 0x78, 0x9c, 0xff]); // opaque to the protocol
    for (let cut = 0; cut <= 19; cut++) {
      const p = compressing();
      const wire = new Uint8Array([...enc('A1 OK DEFLATE active\r\n'), ...compressedBytes]);
      const ev = feed(p, wire, [cut]);
      expect(ev.map((e) => e.type)).toEqual(['completed', 'compress-ready']);
      const ready = ev[1];
      expect(ready?.type === 'compress-ready' && [...ready.rest]).toEqual([...compressedBytes]);
      expect(p.compressed).toBe(true);
      // the adapter inflates and feeds plain protocol bytes again
      p.send({ name: 'NOOP' });
      expect(completedOf(feed(p, 'A2 OK\r\n'), 'A2').status).toBe('OK');
      expect(() => p.send({ name: 'COMPRESS', mechanism: 'DEFLATE' })).toThrow(/already active/);
    }
  });

  it('a refused COMPRESS changes nothing', () => {
    const p = compressing();
    const ev = feed(p, 'A1 NO [COMPRESSIONACTIVE] no\r\n* OK hi\r\n');
    expect(ev.map((e) => e.type)).toEqual(['completed', 'untagged']);
    expect(p.compressed).toBe(false);
  });
});
