import { ParseError, type SaslMechanism } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { type Pop3ClientEvent, Pop3ClientProtocol } from '../src/index';
import { bytes, latin1, ofType } from './event-helpers';

const GREETING = '+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n';

function connected(options: ConstructorParameters<typeof Pop3ClientProtocol>[0] = {}): Pop3ClientProtocol {
  const c = new Pop3ClientProtocol(options);
  expect(c.receive(bytes(GREETING))).toMatchObject([
    { type: 'response', kind: 'greeting', timestamp: '<1896.697170952@dbc.mtview.ca.us>' },
    { type: 'phase', phase: 'authorization' },
  ]);
  return c;
}

function loggedIn(): Pop3ClientProtocol {
  const c = connected();
  c.send({ name: 'USER', user: 'mrose' });
  c.send({ name: 'PASS', password: 'secret' });
  c.receive(bytes('+OK\r\n+OK maildrop ready\r\n'));
  expect(c.phase).toBe('transaction');
  return c;
}

const invalidState = expect.objectContaining({ code: 'INVALID_STATE' });

/** A scripted SASL mechanism standing in for @mailwire/sasl (this package must not depend on it). */
function fakeMechanism(
  name: string,
  initial: Uint8Array | undefined,
  answer: (challenge: Uint8Array) => Uint8Array,
): SaslMechanism & { verified: number; challenges: string[] } {
  return {
    name,
    verified: 0,
    challenges: [],
    initialResponse: () => initial,
    respond(challenge) {
      this.challenges.push(latin1(challenge));
      return answer(challenge);
    },
    verify(final) {
      expect(final).toBeUndefined();
      this.verified++;
    },
  };
}

describe('Pop3ClientProtocol: phases', () => {
  it('the seed session: authorization -> transaction -> update -> closed', () => {
    const c = connected();
    expect(latin1(c.send({ name: 'USER', user: 'mrose' }))).toBe('USER mrose\r\n');
    expect(c.receive(bytes('+OK mrose is a real hoopy frood\r\n'))).toMatchObject([
      { type: 'response', command: { name: 'USER' } },
    ]);
    c.send({ name: 'PASS', password: 'secret' });
    expect(c.receive(bytes("+OK mrose's maildrop has 2 messages (320 octets)\r\n"))).toMatchObject([
      { type: 'response', command: { name: 'PASS' } },
      { type: 'phase', phase: 'transaction' },
    ]);
    c.send({ name: 'STAT' });
    c.send({ name: 'RETR', msg: 1 });
    c.send({ name: 'DELE', msg: 1 });
    const events = c.receive(
      bytes('+OK 2 320\r\n+OK 120 octets\r\nSubject: hi\r\n\r\n..dot\r\n.\r\n+OK message 1 deleted\r\n'),
    );
    expect(events.map((e) => e.type === 'response' && e.command?.name)).toEqual(['STAT', 'RETR', 'DELE']);
    expect(latin1(ofType(events, 'response')[1]?.body)).toBe('Subject: hi\r\n\r\n.dot\r\n');
    c.send({ name: 'QUIT' });
    expect(c.phase).toBe('update');
    expect(c.receive(bytes('+OK dewey POP3 server signing off\r\n'))).toMatchObject([
      { type: 'response', command: { name: 'QUIT' } },
      { type: 'phase', phase: 'closed' },
    ]);
    expect(() => c.send({ name: 'NOOP' })).toThrow(invalidState);
  });

  it('refuses commands the phase does not allow', () => {
    const fresh = new Pop3ClientProtocol();
    expect(() => fresh.send({ name: 'USER', user: 'a' })).toThrow(invalidState); // before the greeting
    const c = connected();
    for (const cmd of [
      { name: 'STAT' },
      { name: 'RETR', msg: 1 },
      { name: 'NOOP' },
      { name: 'PASS', password: 'x' },
    ] as const) {
      expect(() => c.send(cmd)).toThrow(invalidState);
    }
    c.send({ name: 'USER', user: 'a' });
    c.receive(bytes('-ERR unknown user\r\n'));
    expect(() => c.send({ name: 'PASS', password: 'x' })).toThrow(invalidState); // USER was refused
    const t = loggedIn();
    for (const cmd of [
      { name: 'USER', user: 'a' },
      { name: 'STLS' },
      { name: 'UTF8' },
      { name: 'AUTH', mechanism: 'PLAIN' },
    ] as const) {
      expect(() => t.send(cmd)).toThrow(invalidState);
    }
    expect(pendingNames(t)).toEqual([]);
  });

  it('QUIT in AUTHORIZATION closes without UPDATE', () => {
    const c = connected();
    c.send({ name: 'QUIT' });
    expect(c.phase).toBe('authorization');
    expect(c.receive(bytes('+OK bye\r\n')).at(-1)).toEqual({ type: 'phase', phase: 'closed' });
  });

  it('-ERR greeting closes', () => {
    const c = new Pop3ClientProtocol();
    expect(c.receive(bytes('-ERR [SYS/TEMP] busy\r\n')).at(-1)).toEqual({ type: 'phase', phase: 'closed' });
  });

  it('end() closes; a missing response is UNEXPECTED_EOF', () => {
    const c = loggedIn();
    c.send({ name: 'STAT' });
    const events = c.end();
    expect(events).toMatchObject([
      { type: 'error', error: { code: 'UNEXPECTED_EOF' } },
      { type: 'phase', phase: 'closed' },
    ]);
  });

  it('responses nobody asked for are UNEXPECTED_RESPONSE', () => {
    const c = loggedIn();
    expect(c.receive(bytes('+OK surprise\r\n'))).toMatchObject([
      { type: 'error', error: { code: 'UNEXPECTED_RESPONSE' } },
    ]);
  });

  it('strict mode: a bad response throws and the session stays failed', () => {
    const c = connected({ strict: true });
    c.send({ name: 'CAPA' });
    expect(() => c.receive(bytes('+OK\r\nTOP\n.\r\n'))).toThrow(ParseError);
    expect(() => c.receive(bytes('+OK\r\n'))).toThrow(ParseError);
    expect(() => c.send({ name: 'QUIT' })).toThrow(invalidState);
  });

  it('strict mode: the responses a chunk completed before the error are on the error', () => {
    const c = connected({ strict: true });
    c.send({ name: 'CAPA' });
    c.send({ name: 'CAPA' });
    let thrown: unknown;
    try {
      c.receive(bytes('+OK\r\nTOP\r\n.\r\n?? not a response\r\n'));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ParseError);
    const before = (thrown as ParseError).eventsBefore as Pop3ClientEvent[];
    expect(before).toMatchObject([{ type: 'response', command: { name: 'CAPA' }, status: 'OK' }]);
    expect(c.receive.bind(c, bytes('+OK\r\n'))).toThrow(thrown as Error);
  });
});

function pendingNames(c: Pop3ClientProtocol): string[] {
  return c.pending.map((p) => p.name);
}

describe('Pop3ClientProtocol: pipelining (RFC 2449 §6.6)', () => {
  it('matches pipelined responses to their commands, whatever the chunking', () => {
    const wire = bytes(
      '+OK\r\n+OK logged in\r\n+OK 2 messages\r\n1 120\r\n2 200\r\n.\r\n+OK 2 200\r\n+OK\r\n1 a\r\n2 b\r\n.\r\n' +
        '+OK\r\nbody one\r\n.\r\n-ERR no such message\r\n+OK\r\nhead\r\n\r\n.\r\n',
    );
    for (let cut = 0; cut <= wire.length; cut += 7) {
      const c = connected();
      for (const cmd of [
        { name: 'USER', user: 'a' },
        { name: 'PASS', password: 'b' },
        { name: 'LIST' },
        { name: 'LIST', msg: 2 },
        { name: 'UIDL' },
        { name: 'RETR', msg: 1 },
        { name: 'RETR', msg: 9 },
        { name: 'TOP', msg: 2, lines: 0 },
      ] as const) {
        c.send(cmd);
      }
      expect(pendingNames(c)).toEqual(['USER', 'PASS', 'LIST', 'LIST', 'UIDL', 'RETR', 'RETR', 'TOP']);
      const events = [...c.receive(wire.subarray(0, cut)), ...c.receive(wire.subarray(cut))];
      const responses = ofType(events, 'response');
      expect(responses.map((r) => `${r.command?.name}:${r.kind}:${r.status}`)).toEqual([
        'USER:single:OK',
        'PASS:single:OK',
        'LIST:list:OK',
        'LIST:list-one:OK',
        'UIDL:uidl:OK',
        'RETR:multiline-body:OK',
        'RETR:multiline-body:ERR',
        'TOP:multiline-body:OK',
      ]);
      expect(responses[3]?.scans).toEqual([{ msg: 2, size: 200 }]);
      expect(c.pending).toEqual([]);
      expect(c.phase).toBe('transaction');
    }
  });

  it('an extension command with a multi-line answer, told by the caller', () => {
    const c = loggedIn();
    c.send({ name: 'OTHER', keyword: 'XTND', args: ['XLST'] }, 'multiline');
    c.send({ name: 'NOOP' });
    const events = c.receive(bytes('+OK\r\nline a\r\n..b\r\n.\r\n+OK\r\n'));
    expect(ofType(events, 'response').map((r) => r.command?.name)).toEqual(['OTHER', 'NOOP']);
    expect(ofType(events, 'response')[0]?.lines?.map(latin1)).toEqual(['line a', '.b']);
  });

  it('streams a big RETR and ends it with bodyEnd carrying the command', () => {
    const c = new Pop3ClientProtocol({ bodyThreshold: 8 });
    c.receive(bytes(GREETING));
    c.send({ name: 'USER', user: 'a' });
    c.send({ name: 'PASS', password: 'b' });
    c.send({ name: 'RETR', msg: 3 });
    const events = c.receive(bytes('+OK\r\n+OK\r\n+OK\r\n0123456789\r\nabc\r\n.\r\n'));
    expect(events.map((e) => e.type)).toEqual([
      'response',
      'response',
      'phase',
      'bodyStart',
      'bodyChunk',
      'bodyEnd',
    ]);
    expect(ofType(events, 'bodyEnd')[0]).toMatchObject({ size: 17, command: { name: 'RETR', msg: 3 } });
    expect(c.pending).toEqual([]);
  });
});

describe('Pop3ClientProtocol: APOP (RFC 1939 §7)', () => {
  it('with a precomputed digest or a digest function of the timestamp', () => {
    const c = connected();
    expect(latin1(c.apop('mrose', 'C4C9334BAC560ECC979E58001B3E22FB'))).toBe(
      'APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n',
    );
    expect(c.receive(bytes('+OK maildrop has 1 message\r\n')).at(-1)).toEqual({
      type: 'phase',
      phase: 'transaction',
    });
    const d = connected();
    const seen: string[] = [];
    d.apop('mrose', (ts) => {
      seen.push(ts);
      return 'c4c9334bac560ecc979e58001b3e22fb';
    });
    expect(seen).toEqual(['<1896.697170952@dbc.mtview.ca.us>']);
  });

  it('needs a greeting timestamp', () => {
    const c = new Pop3ClientProtocol();
    c.receive(bytes('+OK ready\r\n'));
    expect(() => c.apop('u', 'c4c9334bac560ecc979e58001b3e22fb')).toThrow(invalidState);
    expect(() => c.send({ name: 'APOP', user: 'u', digest: 'c4c9334bac560ecc979e58001b3e22fb' })).toThrow(
      invalidState,
    );
  });
});

describe('Pop3ClientProtocol: AUTH (RFC 5034)', () => {
  it('PLAIN with an initial response on the AUTH line', () => {
    const c = connected();
    const mech = fakeMechanism('PLAIN', bytes('\0mrose\0secret'), () => new Uint8Array(0));
    expect(latin1(c.authenticate(mech))).toBe('AUTH PLAIN AG1yb3NlAHNlY3JldA==\r\n');
    expect(() => c.send({ name: 'CAPA' })).toThrow(invalidState); // nothing during the exchange
    expect(c.receive(bytes('+OK Logged in\r\n')).at(-1)).toEqual({ type: 'phase', phase: 'transaction' });
    expect(mech.verified).toBe(1);
  });

  it('an empty initial response is "="', () => {
    const c = connected();
    expect(
      latin1(c.authenticate(fakeMechanism('EXTERNAL', new Uint8Array(0), () => new Uint8Array(0)))),
    ).toBe('AUTH EXTERNAL =\r\n');
  });

  it('challenge / response: the protocol answers through write events', () => {
    const c = connected();
    const mech = fakeMechanism('CRAM-MD5', undefined, (ch) => bytes(`tim ${latin1(ch).length}`));
    expect(latin1(c.authenticate(mech))).toBe('AUTH CRAM-MD5\r\n');
    const events = c.receive(bytes('+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n'));
    expect(events.map((e) => e.type)).toEqual(['continuation', 'write']);
    expect(mech.challenges).toEqual(['<1896.697170952@postoffice.reston.mci.net>']);
    expect(latin1(ofType(events, 'write')[0]?.data)).toBe('dGltIDQy\r\n');
    c.receive(bytes('+OK\r\n'));
    expect(c.phase).toBe('transaction');
  });

  it('an initial response too long for the 255-octet line waits for the first empty challenge', () => {
    const c = connected();
    const ir = new Uint8Array(300).fill(0x61);
    const line = latin1(c.authenticate(fakeMechanism('PLAIN', ir, () => new Uint8Array(0))));
    expect(line).toBe('AUTH PLAIN\r\n');
    const events = c.receive(bytes('+ \r\n'));
    expect(latin1(ofType(events, 'write')[0]?.data)).toBe(`${btoa('a'.repeat(300))}\r\n`);
  });

  it('the 255-octet boundary: a 255-octet AUTH line carries the initial response, 256 does not', () => {
    const ir = new Uint8Array(180).fill(0x62); // 240 base64 characters
    // "AUTH " + 7-character name + " " + 240 + CRLF = 255 octets
    const fits = latin1(connected().authenticate(fakeMechanism('XPLAIN7', ir, () => new Uint8Array(0))));
    expect(fits.length).toBe(255);
    // one more character in the name: 256 octets, so the initial response waits for the first challenge
    const c = connected();
    expect(latin1(c.authenticate(fakeMechanism('XPLAIN88', ir, () => new Uint8Array(0))))).toBe(
      'AUTH XPLAIN88\r\n',
    );
    expect(ofType(c.receive(bytes('+\r\n')), 'write')[0]?.data.length).toBe(242);
  });

  it('a mechanism that cannot answer cancels with "*"', () => {
    const c = connected();
    const mech = fakeMechanism('SCRAM-SHA-256', bytes('n,,n=u,r=abc'), () => {
      throw new ParseError({ protocol: 'sasl', code: 'AUTH_FAILED', message: 'bad server nonce' });
    });
    c.authenticate(mech);
    const events = c.receive(bytes('+ cj14eXo=\r\n'));
    expect(events.map((e) => e.type)).toEqual(['continuation', 'error', 'write']);
    expect(latin1(ofType(events, 'write')[0]?.data)).toBe('*\r\n');
    c.receive(bytes('-ERR [AUTH] cancelled\r\n'));
    expect(c.phase).toBe('authorization');
    expect(() => c.send({ name: 'CAPA' })).not.toThrow();
  });

  it('an undecodable challenge cancels too', () => {
    const c = connected();
    c.authenticate(fakeMechanism('LOGIN', undefined, () => bytes('x')));
    const events = c.receive(bytes('+ ###\r\n'));
    expect(events.map((e) => e.type)).toEqual(['error', 'write']);
    expect(latin1(ofType(events, 'write')[0]?.data)).toBe('*\r\n');
  });

  it('a server that fails verification closes the session', () => {
    const c = connected();
    const mech = fakeMechanism('PLAIN', bytes('x'), () => new Uint8Array(0));
    mech.verify = () => {
      throw new ParseError({ protocol: 'sasl', code: 'AUTH_FAILED', message: 'server signature mismatch' });
    };
    const events = c.authenticate(mech) && c.receive(bytes('+OK\r\n'));
    expect(events.map((e) => e.type)).toEqual(['response', 'error', 'phase']);
    expect(c.phase).toBe('closed');
  });

  it('manual exchange: send(AUTH), continuation event, authResponse()', () => {
    const c = connected();
    c.send({ name: 'AUTH', mechanism: 'LOGIN' });
    expect(() => c.authResponse(bytes('x'))).toThrow(invalidState); // no challenge yet
    expect(c.receive(bytes('+ VXNlcm5hbWU6\r\n'))).toMatchObject([{ type: 'continuation' }]);
    expect(latin1(c.authResponse(bytes('mrose')))).toBe('bXJvc2U=\r\n');
    c.receive(bytes('+ UGFzc3dvcmQ6\r\n'));
    expect(latin1(c.cancelAuth())).toBe('*\r\n');
    c.receive(bytes('-ERR cancelled\r\n'));
    expect(c.phase).toBe('authorization');
  });

  it('AUTH without a mechanism lists mechanisms', () => {
    const c = connected();
    c.send({ name: 'AUTH' });
    const [r] = c.receive(bytes('+OK\r\nPLAIN\r\nLOGIN\r\n.\r\n'));
    expect(r).toMatchObject({ type: 'response', kind: 'auth-list', mechanisms: ['PLAIN', 'LOGIN'] });
    expect(c.phase).toBe('authorization');
  });
});

describe('Pop3ClientProtocol: STLS (RFC 2595)', () => {
  function afterStls(): { c: Pop3ClientProtocol; events: Pop3ClientEvent[] } {
    const c = connected();
    c.send({ name: 'CAPA' });
    c.receive(bytes('+OK\r\nSTLS\r\nUSER\r\n.\r\n'));
    expect(c.capabilities?.stls).toBe(true);
    c.send({ name: 'STLS' });
    expect(() => c.send({ name: 'CAPA' })).toThrow(invalidState); // nothing after STLS
    const events = c.receive(bytes('+OK Begin TLS negotiation\r\n'));
    return { c, events };
  }

  it('the handshake boundary: capabilities forgotten, STLS not again', () => {
    const { c } = afterStls();
    expect(c.awaitingTls).toBe(true);
    expect(() => c.send({ name: 'CAPA' })).toThrow(invalidState);
    c.tlsStarted();
    expect(c.tls).toBe(true);
    expect(c.capabilities).toBeUndefined();
    c.send({ name: 'CAPA' });
    c.receive(bytes('+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n'));
    expect(c.capabilities?.sasl).toEqual(['PLAIN']);
    expect(() => c.send({ name: 'STLS' })).toThrow(invalidState);
  });

  it('bytes before the handshake are UNEXPECTED_DATA and close the session', () => {
    const c = connected();
    c.send({ name: 'STLS' });
    const events = c.receive(bytes('+OK Begin TLS\r\n+OK injected\r\n'));
    expect(events).toMatchObject([
      { type: 'response', command: { name: 'STLS' } },
      { type: 'error', error: { code: 'UNEXPECTED_DATA' } },
      { type: 'phase', phase: 'closed' },
    ]);
    expect(() => c.tlsStarted()).toThrow(invalidState);
    expect(() => c.send({ name: 'USER', user: 'x' })).toThrow(invalidState);
  });

  it('-ERR to STLS: go on in plaintext', () => {
    const c = connected();
    c.send({ name: 'STLS' });
    c.receive(bytes('-ERR not now\r\n'));
    expect(c.awaitingTls).toBe(false);
    expect(() => c.tlsStarted()).toThrow(invalidState);
    c.send({ name: 'USER', user: 'x' });
  });

  it('implicit TLS (port 995) refuses STLS', () => {
    const c = connected({ tls: true });
    expect(() => c.send({ name: 'STLS' })).toThrow(invalidState);
  });
});

describe('Pop3ClientProtocol: UTF8 (RFC 6856)', () => {
  it('after +OK to UTF8, 8-bit text is expected, not a quirk', () => {
    const c = connected();
    const before = c.receive(bytes('')); // nothing
    expect(before).toEqual([]);
    c.send({ name: 'UTF8' });
    c.receive(bytes('+OK UTF8 enabled\r\n'));
    expect(c.utf8).toBe(true);
    c.send({ name: 'USER', user: 'jörg' });
    const events = c.receive(new TextEncoder().encode('-ERR Benutzer unbekannt: jörg\r\n'));
    expect(ofType(events, 'warning')).toEqual([]);
    expect(ofType(events, 'response')[0]?.text).toBe('Benutzer unbekannt: jörg');
  });
});
