import { ParseError, type SaslMechanism } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import {
  type MailCommand,
  type RcptCommand,
  type SmtpClientEvent,
  SmtpClientProtocol,
  type SmtpClientProtocolOptions,
} from '../src/index';
import { bytes } from './session-wire';

const dec = new TextDecoder();
const FULL_EHLO =
  '250-mx.example.com\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n' +
  '250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250-CHUNKING\r\n250-DSN\r\n250-ETRN\r\n250 ATRN\r\n';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return err.code;
    throw err;
  }
  return 'no error';
}

function types(events: SmtpClientEvent[]): string[] {
  return events.map((e) => e.type);
}

/** A session greeted and past EHLO with the given capability lines. */
function session(ehlo = FULL_EHLO, options: SmtpClientProtocolOptions = {}): SmtpClientProtocol {
  const p = new SmtpClientProtocol(options);
  p.receive(bytes('220 mx.example.com ESMTP\r\n'));
  p.send({ verb: 'EHLO', domain: 'client.example' });
  p.receive(bytes(ehlo));
  return p;
}

const mail: MailCommand = {
  verb: 'MAIL',
  reversePath: { mailbox: { localPart: 'a', domain: 'b.example' } },
  params: [],
};
const rcpt: RcptCommand = {
  verb: 'RCPT',
  forwardPath: { mailbox: { localPart: 'c', domain: 'd.example' } },
  params: [],
};

function mechanism(
  name: string,
  answers: string[],
  options: { ir?: string; verify?: () => void } = {},
): SaslMechanism & { challenges: string[] } {
  const challenges: string[] = [];
  return {
    name,
    challenges,
    initialResponse: () => (options.ir === undefined ? undefined : bytes(options.ir)),
    respond: (challenge) => {
      challenges.push(dec.decode(challenge));
      const next = answers.shift();
      if (next === undefined)
        throw new ParseError({ protocol: 'sasl', code: 'AUTH_FAILED', message: 'no more answers' });
      return bytes(next);
    },
    verify: options.verify ?? (() => {}),
  };
}

describe('SmtpClientProtocol: greeting and EHLO', () => {
  it('nothing may be sent before the greeting', () => {
    const p = new SmtpClientProtocol();
    expect(codeOf(() => p.send({ verb: 'EHLO', domain: 'x' }))).toBe('INVALID_STATE');
    const events = p.receive(bytes('220 mx.example.com ESMTP Postfix\r\n'));
    expect(events).toMatchObject([{ type: 'greeting', greeting: { domain: 'mx.example.com', esmtp: true } }]);
    expect(p.phase).toBe('hello');
  });

  it('EHLO reply: capabilities event, session phase, enhanced codes switched on', () => {
    const p = new SmtpClientProtocol();
    p.receive(bytes('220 mx ESMTP\r\n'));
    expect(dec.decode(p.send({ verb: 'EHLO', domain: 'client.example' }))).toBe('EHLO client.example\r\n');
    const events = p.receive(bytes(FULL_EHLO));
    expect(types(events)).toEqual(['reply', 'capabilities']);
    expect(p.phase).toBe('session');
    expect(p.capabilities?.authMechanisms).toEqual(['PLAIN', 'LOGIN']);
    p.send({ verb: 'NOOP' });
    const [noop] = p.receive(bytes('250 5.5.5 class disagrees but advertised\r\n'));
    expect(noop?.type === 'reply' && noop.reply.enhanced?.raw).toBe('5.5.5');
  });

  it('HELO fallback when EHLO gets 5xx (RFC 821-only servers)', () => {
    const p = new SmtpClientProtocol();
    p.receive(bytes('220 old.example Sendmail 5.x\r\n'));
    p.send({ verb: 'EHLO', domain: 'client.example' });
    const events = p.receive(bytes('502 Command not implemented\r\n'));
    expect(types(events)).toEqual(['reply', 'ehlo-rejected']);
    const rejected = events[1];
    if (rejected?.type !== 'ehlo-rejected') throw new Error('no ehlo-rejected');
    expect(dec.decode(p.send(rejected.fallback))).toBe('HELO client.example\r\n');
    p.receive(bytes('250 old.example Hello\r\n'));
    expect(p.phase).toBe('session');
    expect(p.capabilities).toBeUndefined();
    expect(codeOf(() => p.send({ verb: 'STARTTLS' }))).toBe('INVALID_STATE');
    expect(codeOf(() => p.send({ ...mail, size: 10 }))).toBe('INVALID_STATE');
    expect(dec.decode(p.send(mail))).toBe('MAIL FROM:<a@b.example>\r\n');
  });

  it('a 554 greeting: only QUIT makes sense; 421 greeting closes', () => {
    const p = new SmtpClientProtocol();
    expect(p.receive(bytes('554 No SMTP service here\r\n'))).toMatchObject([
      { type: 'greeting', greeting: { ready: false } },
    ]);
    p.send({ verb: 'QUIT' });
    expect(types(p.receive(bytes('221 bye\r\n')))).toEqual(['reply', 'closed']);
    const q = new SmtpClientProtocol();
    expect(types(q.receive(bytes('421 busy\r\n')))).toEqual(['greeting', 'closed']);
    expect(codeOf(() => q.send({ verb: 'QUIT' }))).toBe('INVALID_STATE');
  });
});

describe('SmtpClientProtocol: pipelining (RFC 2920)', () => {
  it('with PIPELINING, MAIL RCPT RCPT DATA go as one group; DATA ends it', () => {
    const p = session();
    p.send(mail);
    p.send(rcpt);
    p.send(rcpt);
    p.send({ verb: 'DATA' });
    expect(codeOf(() => p.send({ verb: 'NOOP' }))).toBe('INVALID_STATE');
    expect(p.pendingReplies).toBe(4);
    const events = p.receive(bytes('250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n550 5.1.1 No\r\n354 go\r\n'));
    expect(
      events.filter((e) => e.type === 'reply').map((e) => e.type === 'reply' && [e.command.verb, e.ok]),
    ).toEqual([
      ['MAIL', true],
      ['RCPT', true],
      ['RCPT', false],
      ['DATA', true],
    ]);
    expect(types(events).at(-1)).toBe('data-ready');
    expect(p.recipients).toBe(1);
  });

  it('without PIPELINING every command waits for its reply', () => {
    const p = session('250-mx\r\n250 8BITMIME\r\n');
    p.send(mail);
    expect(codeOf(() => p.send(rcpt))).toBe('INVALID_STATE');
    p.receive(bytes('250 ok\r\n'));
    p.send(rcpt);
  });

  it('EHLO, STARTTLS, AUTH, VRFY, NOOP, QUIT end a group', () => {
    for (const cmd of [{ verb: 'NOOP' }, { verb: 'VRFY', argument: 'x' }, { verb: 'STARTTLS' }] as const) {
      const p = session();
      p.send(cmd);
      expect(codeOf(() => p.send({ verb: 'RSET' }))).toBe('INVALID_STATE');
    }
    const p = session();
    p.auth(mechanism('LOGIN', []));
    expect(codeOf(() => p.send(mail))).toBe('INVALID_STATE');
  });

  it('AUTH PLAIN with an initial response may be followed in the same group (RFC 4954 §4)', () => {
    const p = session();
    expect(dec.decode(p.auth(mechanism('PLAIN', [], { ir: '\0a\0b' })))).toBe('AUTH PLAIN AGEAYg==\r\n');
    p.send(mail);
    const events = p.receive(bytes('235 2.7.0 ok\r\n250 2.1.0 ok\r\n'));
    expect(types(events)).toEqual(['reply', 'authenticated', 'reply']);
    expect(p.authenticated).toBe(true);
  });

  it('after the message content, the next commands may be pipelined without waiting', () => {
    const p = session();
    p.send(mail);
    p.send(rcpt);
    p.send({ verb: 'DATA' });
    p.receive(bytes('250 ok\r\n250 ok\r\n354 go\r\n'));
    p.dataChunk(bytes('hi\r\n'));
    p.dataEnd();
    p.send({ verb: 'QUIT' });
    const events = p.receive(bytes('250 queued\r\n221 bye\r\n'));
    expect(types(events)).toEqual(['message-reply', 'reply', 'closed']);
  });
});

describe('SmtpClientProtocol: STARTTLS boundary', () => {
  it('bytes after the 220 in the same read: UNEXPECTED_DATA (CVE-2011-0411 class)', () => {
    const p = session();
    p.send({ verb: 'STARTTLS' });
    expect(codeOf(() => p.receive(bytes('220 2.0.0 Ready to start TLS\r\n250-injected\r\n')))).toBe(
      'UNEXPECTED_DATA',
    );
    // unusable afterwards
    expect(codeOf(() => p.receive(bytes('x')))).toBe('UNEXPECTED_DATA');
    expect(codeOf(() => p.send({ verb: 'NOOP' }))).toBe('UNEXPECTED_DATA');
  });

  it('even a partial line after the 220 is refused', () => {
    const p = session();
    p.send({ verb: 'STARTTLS' });
    expect(codeOf(() => p.receive(bytes('220 go\r\n2')))).toBe('UNEXPECTED_DATA');
  });

  it('bytes in a later read before tlsStarted(): UNEXPECTED_DATA', () => {
    const p = session();
    p.send({ verb: 'STARTTLS' });
    expect(types(p.receive(bytes('220 go\r\n')))).toEqual(['reply', 'tls-ready']);
    expect(p.phase).toBe('tls-handshake');
    expect(codeOf(() => p.send({ verb: 'NOOP' }))).toBe('INVALID_STATE');
    expect(codeOf(() => p.receive(bytes('250 injected\r\n')))).toBe('UNEXPECTED_DATA');
  });

  it('after tlsStarted() everything earlier is forgotten: EHLO again', () => {
    const p = session();
    p.send({ verb: 'STARTTLS' });
    p.receive(bytes('220 go\r\n'));
    p.tlsStarted();
    expect(p.tls).toBe(true);
    expect(p.phase).toBe('hello');
    expect(p.capabilities).toBeUndefined();
    expect(codeOf(() => p.send(mail))).toBe('INVALID_STATE');
    expect(codeOf(() => p.tlsStarted())).toBe('INVALID_STATE');
    p.send({ verb: 'EHLO', domain: 'client.example' });
    p.receive(bytes('250-mx\r\n250-AUTH PLAIN\r\n250 STARTTLS\r\n'));
    expect(p.capabilities?.authMechanisms).toEqual(['PLAIN']);
    expect(codeOf(() => p.send({ verb: 'STARTTLS' }))).toBe('INVALID_STATE');
  });

  it('a whole openssl s_client -starttls smtp session: capabilities before and after TLS differ', () => {
    const p = new SmtpClientProtocol();
    const out: string[] = [];
    const rx = (text: string) => p.receive(bytes(text));
    rx('220 mx.example.com ESMTP Postfix\r\n');
    out.push(dec.decode(p.send({ verb: 'EHLO', domain: 'laptop.example' })));
    rx('250-mx.example.com\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250 8BITMIME\r\n');
    expect(p.capabilities?.authMechanisms).toEqual([]);
    out.push(dec.decode(p.send({ verb: 'STARTTLS' })));
    expect(types(rx('220 2.0.0 Ready to start TLS\r\n'))).toEqual(['reply', 'tls-ready']);
    p.tlsStarted();
    out.push(dec.decode(p.send({ verb: 'EHLO', domain: 'laptop.example' })));
    rx(
      '250-mx.example.com\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n',
    );
    expect(p.capabilities?.startTls).toBe(false);
    out.push(dec.decode(p.auth(mechanism('PLAIN', [], { ir: '\0alice\0secret' }))));
    p.send(mail);
    p.send(rcpt);
    p.send({ verb: 'DATA' });
    const events = rx(
      '235 2.7.0 Authentication successful\r\n250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data\r\n',
    );
    expect(types(events)).toEqual(['reply', 'authenticated', 'reply', 'reply', 'reply', 'data-ready']);
    out.push(dec.decode(p.dataChunk(bytes('Subject: hi\r\n\r\nhello\r\n'))), dec.decode(p.dataEnd()));
    out.push(dec.decode(p.send({ verb: 'QUIT' })));
    expect(types(rx('250 2.0.0 Ok: queued as 1234\r\n221 2.0.0 Bye\r\n'))).toEqual([
      'message-reply',
      'reply',
      'closed',
    ]);
    expect(out.join('')).toBe(
      'EHLO laptop.example\r\nSTARTTLS\r\nEHLO laptop.example\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n' +
        'Subject: hi\r\n\r\nhello\r\n.\r\nQUIT\r\n',
    );
  });

  it('454 to STARTTLS: stays in plaintext', () => {
    const p = session();
    p.send({ verb: 'STARTTLS' });
    p.receive(bytes('454 4.7.0 TLS not available\r\n'));
    expect(p.phase).toBe('session');
    expect(p.tls).toBe(false);
  });

  it('STARTTLS needs the capability and is refused on implicit TLS (port 465)', () => {
    expect(codeOf(() => session('250-mx\r\n250 PIPELINING\r\n').send({ verb: 'STARTTLS' }))).toBe(
      'INVALID_STATE',
    );
    expect(codeOf(() => session(FULL_EHLO, { tls: true }).send({ verb: 'STARTTLS' }))).toBe('INVALID_STATE');
  });
});

describe('SmtpClientProtocol: AUTH', () => {
  it('AUTH LOGIN: 334 prompts decoded, answers written as write events', () => {
    const p = session();
    const mech = mechanism('LOGIN', ['alice', 'secret']);
    expect(dec.decode(p.auth(mech))).toBe('AUTH LOGIN\r\n');
    const first = p.receive(bytes('334 VXNlcm5hbWU6\r\n'));
    expect(types(first)).toEqual(['auth-challenge', 'write']);
    expect(first[1]?.type === 'write' && dec.decode(first[1].bytes)).toBe('YWxpY2U=\r\n');
    const second = p.receive(bytes('334 UGFzc3dvcmQ6\r\n'));
    expect(second[1]?.type === 'write' && dec.decode(second[1].bytes)).toBe('c2VjcmV0\r\n');
    expect(types(p.receive(bytes('235 2.7.0 Authentication successful\r\n')))).toEqual([
      'reply',
      'authenticated',
    ]);
    expect(mech.challenges).toEqual(['Username:', 'Password:']);
    expect(codeOf(() => p.auth(mechanism('PLAIN', [])))).toBe('INVALID_STATE');
  });

  it('a mechanism that cannot answer cancels with "*"', () => {
    const p = session();
    p.auth(mechanism('LOGIN', []));
    const events = p.receive(bytes('334 VXNlcm5hbWU6\r\n'));
    expect(types(events)).toEqual(['auth-challenge', 'error', 'write']);
    expect(events[2]?.type === 'write' && dec.decode(events[2].bytes)).toBe('*\r\n');
    expect(types(p.receive(bytes('501 5.7.0 cancelled\r\n')))).toEqual(['reply']);
    expect(p.authenticated).toBe(false);
  });

  it('a challenge that is not base64 cancels too', () => {
    const p = session();
    p.auth(mechanism('LOGIN', ['x']));
    const events = p.receive(bytes('334 %%%\r\n'));
    expect(events.map((e) => (e.type === 'error' ? e.error.code : e.type))).toEqual(['BAD_BASE64', 'write']);
  });

  it("a server that fails the mechanism's final check is fatal (AUTH_FAILED)", () => {
    const p = session();
    p.auth(
      mechanism('PLAIN', [], {
        ir: 'x',
        verify: () => {
          throw new ParseError({ protocol: 'sasl', code: 'AUTH_FAILED', message: 'bad server signature' });
        },
      }),
    );
    expect(codeOf(() => p.receive(bytes('235 ok\r\n')))).toBe('AUTH_FAILED');
  });

  it('refuses mechanisms the server did not advertise, and AUTH via send()', () => {
    expect(codeOf(() => session().auth(mechanism('CRAM-MD5', [])))).toBe('INVALID_STATE');
    expect(codeOf(() => session().send({ verb: 'AUTH', mechanism: 'PLAIN' }))).toBe('INVALID_STATE');
    const p = session();
    p.send(mail);
    p.receive(bytes('250 ok\r\n'));
    expect(codeOf(() => p.auth(mechanism('PLAIN', [])))).toBe('INVALID_STATE');
  });
});

describe('SmtpClientProtocol: mail transaction', () => {
  it('order is enforced: RCPT needs MAIL, DATA needs RCPT, one MAIL at a time', () => {
    const p = session();
    expect(codeOf(() => p.send(rcpt))).toBe('INVALID_STATE');
    expect(codeOf(() => p.send({ verb: 'DATA' }))).toBe('INVALID_STATE');
    p.send(mail);
    expect(codeOf(() => p.send(mail))).toBe('INVALID_STATE');
    expect(codeOf(() => p.send({ verb: 'DATA' }))).toBe('INVALID_STATE');
    expect(p.transaction).toBe('mail');
  });

  it('a refused MAIL closes the transaction', () => {
    const p = session();
    p.send(mail);
    p.receive(bytes('550 5.7.1 no\r\n'));
    expect(p.transaction).toBe('none');
    expect(codeOf(() => p.send(rcpt))).toBe('INVALID_STATE');
  });

  it('DATA content goes through DotStuffer after the 354', () => {
    const p = session();
    p.send(mail);
    p.send(rcpt);
    p.send({ verb: 'DATA' });
    expect(codeOf(() => p.dataChunk(bytes('x')))).toBe('INVALID_STATE');
    p.receive(bytes('250 ok\r\n250 ok\r\n354 go\r\n'));
    expect(p.transaction).toBe('data');
    expect(codeOf(() => p.send({ verb: 'NOOP' }))).toBe('INVALID_STATE');
    const out = dec.decode(p.dataChunk(bytes('.hidden\r\nline\n.'))) + dec.decode(p.dataEnd());
    expect(out).toBe('..hidden\r\nline\r\n..\r\n.\r\n');
    expect(p.receive(bytes('250 2.0.0 queued\r\n'))).toMatchObject([{ type: 'message-reply', ok: true }]);
    expect(p.transaction).toBe('none');
  });

  it('DATA refused (no valid recipients): no data-ready, RSET possible', () => {
    const p = session();
    p.send(mail);
    p.send(rcpt);
    p.send({ verb: 'DATA' });
    const events = p.receive(bytes('250 ok\r\n550 no\r\n554 5.5.1 no valid recipients\r\n'));
    expect(types(events)).toEqual(['reply', 'reply', 'reply']);
    expect(codeOf(() => p.dataChunk(bytes('x')))).toBe('INVALID_STATE');
    p.send({ verb: 'RSET' });
    expect(p.transaction).toBe('none');
  });

  it('BDAT (CHUNKING): the line followed by the chunk, pipelined chunks', () => {
    const p = session();
    p.send(mail);
    p.send(rcpt);
    expect(dec.decode(p.sendBdat(bytes('Subject: x\r\n'), false))).toBe('BDAT 12\r\nSubject: x\r\n');
    expect(dec.decode(p.sendBdat(bytes('\r\nbody\r\n'), true))).toBe('BDAT 8 LAST\r\n\r\nbody\r\n');
    expect(p.transaction).toBe('none');
    const events = p.receive(bytes('250 ok\r\n250 ok\r\n250 ok\r\n250 2.0.0 queued\r\n'));
    expect(events.map((e) => e.type === 'reply' && e.command.verb)).toEqual(['MAIL', 'RCPT', 'BDAT', 'BDAT']);
    expect(codeOf(() => p.send({ verb: 'BDAT', size: 1, last: true }))).toBe('INVALID_STATE');
  });

  it('BDAT without CHUNKING is refused', () => {
    const p = session('250-mx\r\n250 PIPELINING\r\n');
    p.send(mail);
    p.send(rcpt);
    expect(codeOf(() => p.sendBdat(bytes('x'), true))).toBe('INVALID_STATE');
  });

  it('MAIL parameters need their extensions; SIZE within the advertised limit', () => {
    expect(codeOf(() => session().send({ ...mail, size: 5000 }))).toBe('INVALID_STATE');
    expect(dec.decode(session().send({ ...mail, size: 500 }))).toBe('MAIL FROM:<a@b.example> SIZE=500\r\n');
    expect(codeOf(() => session().send({ ...mail, smtputf8: true }))).toBe('INVALID_STATE');
    expect(codeOf(() => session().send({ ...mail, body: 'BINARYMIME' }))).toBe('INVALID_STATE');
    const withRequireTls = '250-mx\r\n250 REQUIRETLS\r\n';
    expect(codeOf(() => session(withRequireTls).send({ ...mail, requireTls: true }))).toBe('INVALID_STATE');
    expect(session(withRequireTls, { tls: true }).send({ ...mail, requireTls: true }).length).toBeGreaterThan(
      0,
    );
    const p = session();
    p.send(mail);
    p.receive(bytes('250 ok\r\n'));
    expect(p.send({ ...rcpt, notify: 'NEVER' }).length).toBeGreaterThan(0);
    expect(
      session(FULL_EHLO, { enforceCapabilities: false }).send({ ...mail, smtputf8: true }).length,
    ).toBeGreaterThan(0);
  });
});

describe('SmtpClientProtocol: unsolicited replies, closing, TURN', () => {
  it('421 at any time closes the session (RFC 5321 §3.8)', () => {
    const p = session();
    expect(types(p.receive(bytes('421 4.3.2 shutting down\r\n')))).toEqual(['unsolicited-reply', 'closed']);
    expect(p.phase).toBe('closed');
  });

  it('a reply to no command: error event (lenient) or ParseError (strict)', () => {
    const p = session();
    const events = p.receive(bytes('250 what?\r\n'));
    expect(events.map((e) => (e.type === 'error' ? e.error.code : e.type))).toEqual([
      'unsolicited-reply',
      'UNEXPECTED_RESPONSE',
    ]);
    const s = session(FULL_EHLO, { strict: true });
    expect(codeOf(() => s.receive(bytes('250 what?\r\n')))).toBe('UNEXPECTED_RESPONSE');
    expect(codeOf(() => s.send({ verb: 'NOOP' }))).toBe('UNEXPECTED_RESPONSE');
  });

  it('strict mode: the replies a chunk completed before the error are on the error', () => {
    const s = session(FULL_EHLO, { strict: true });
    s.send({ verb: 'NOOP' });
    let thrown: unknown;
    try {
      s.receive(bytes('250 2.0.0 ok\r\nnot a reply\r\n'));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({ code: 'BAD_SYNTAX', offset: expect.any(Number) });
    expect((thrown as ParseError).eventsBefore).toMatchObject([
      { type: 'reply', command: { verb: 'NOOP' }, reply: { code: 250 } },
    ]);
  });

  it('the server closing early: UNEXPECTED_EOF', () => {
    const p = session();
    p.send({ verb: 'NOOP' });
    const events = p.end();
    expect(events.map((e) => (e.type === 'error' ? e.error.code : e.type))).toEqual([
      'UNEXPECTED_EOF',
      'closed',
    ]);
  });

  it('reply-parser warnings pass through (lenient quirks from the server)', () => {
    const p = session();
    p.send({ verb: 'NOOP' });
    expect(types(p.receive(bytes('250OK\r\n')))).toEqual(['warning', 'reply']);
  });

  it('ATRN accepted: roles reverse; TURN refused keeps the session', () => {
    const p = session();
    p.send({ verb: 'TURN' });
    p.receive(bytes('502 5.5.1 TURN not implemented\r\n'));
    expect(p.phase).toBe('session');
    p.send({ verb: 'ATRN', domains: ['example.org'] });
    expect(types(p.receive(bytes('250 OK now reversing the connection\r\n')))).toEqual(['reply', 'turned']);
    expect(p.phase).toBe('turned');
    expect(codeOf(() => p.send({ verb: 'NOOP' }))).toBe('INVALID_STATE');
  });

  it('ETRN needs the extension', () => {
    expect(
      codeOf(() => session('250-mx\r\n250 PIPELINING\r\n').send({ verb: 'ETRN', node: '@x.example' })),
    ).toBe('INVALID_STATE');
    expect(dec.decode(session().send({ verb: 'ETRN', node: '@x.example' }))).toBe('ETRN @x.example\r\n');
  });

  it('the same events whichever way the server bytes are split', () => {
    const segments = [
      '220 mx ESMTP\r\n',
      FULL_EHLO,
      '250 2.1.0 ok\r\n250 2.1.5 ok\r\n354 go\r\n',
      '250 2.0.0 queued\r\n221 bye\r\n',
    ].map(bytes);
    /** Each segment arrives only after the commands it answers; `cut` splits whichever segment holds it. */
    const run = (cut: number) => {
      const pieces = (segment: Uint8Array, start: number) =>
        cut > start && cut < start + segment.length
          ? [segment.subarray(0, cut - start), segment.subarray(cut - start)]
          : [segment];
      let start = 0;
      const feed = (segment: Uint8Array) => {
        const out = pieces(segment, start).flatMap((piece) => p.receive(piece));
        start += segment.length;
        return out;
      };
      const p = new SmtpClientProtocol({ strict: true });
      const events: SmtpClientEvent[] = [];
      events.push(...feed(segments[0] as Uint8Array));
      p.send({ verb: 'EHLO', domain: 'c' });
      events.push(...feed(segments[1] as Uint8Array));
      p.send(mail);
      p.send(rcpt);
      p.send({ verb: 'DATA' });
      events.push(...feed(segments[2] as Uint8Array));
      p.dataChunk(bytes('x'));
      p.dataEnd();
      p.send({ verb: 'QUIT' });
      events.push(...feed(segments[3] as Uint8Array));
      expect(p.phase).toBe('closed');
      return JSON.stringify(
        events.map((e) => ({ type: e.type, reply: 'reply' in e ? e.reply?.lines : undefined })),
      );
    };
    const whole = run(0);
    const total = segments.reduce((n, s) => n + s.length, 0);
    for (let cut = 1; cut < total; cut++) expect(run(cut)).toBe(whole);
  });
});
