import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { formatPath, parsePath, type SmtpCommand, serializeCommand } from '../src/index';

const text = (cmd: SmtpCommand) => new TextDecoder().decode(serializeCommand(cmd));
const box = (localPart: string, domain: string) => ({ mailbox: { localPart, domain } });

function refused(cmd: SmtpCommand): ParseError {
  try {
    serializeCommand(cmd);
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('serializeCommand', () => {
  it('writes every verb', () => {
    expect(text({ verb: 'EHLO', domain: 'bar.com' })).toBe('EHLO bar.com\r\n');
    expect(text({ verb: 'HELO', domain: '[192.0.2.1]' })).toBe('HELO [192.0.2.1]\r\n');
    expect(text({ verb: 'DATA' })).toBe('DATA\r\n');
    expect(text({ verb: 'BDAT', size: 86, last: false })).toBe('BDAT 86\r\n');
    expect(text({ verb: 'BDAT', size: 0, last: true })).toBe('BDAT 0 LAST\r\n');
    expect(text({ verb: 'RSET' })).toBe('RSET\r\n');
    expect(text({ verb: 'VRFY', argument: 'Crispin' })).toBe('VRFY Crispin\r\n');
    expect(text({ verb: 'EXPN', argument: 'staff' })).toBe('EXPN staff\r\n');
    expect(text({ verb: 'HELP' })).toBe('HELP\r\n');
    expect(text({ verb: 'HELP', argument: 'MAIL' })).toBe('HELP MAIL\r\n');
    expect(text({ verb: 'NOOP' })).toBe('NOOP\r\n');
    expect(text({ verb: 'QUIT' })).toBe('QUIT\r\n');
    expect(text({ verb: 'STARTTLS' })).toBe('STARTTLS\r\n');
    expect(text({ verb: 'TURN' })).toBe('TURN\r\n');
    expect(text({ verb: 'ATRN', domains: [] })).toBe('ATRN\r\n');
    expect(text({ verb: 'ATRN', domains: ['a.example', 'b.example'] })).toBe('ATRN a.example,b.example\r\n');
    expect(text({ verb: 'ETRN', node: '#queue1' })).toBe('ETRN #queue1\r\n');
    expect(text({ verb: 'AUTH', mechanism: 'LOGIN' })).toBe('AUTH LOGIN\r\n');
    expect(text({ verb: 'AUTH', mechanism: 'EXTERNAL', initialResponse: new Uint8Array(0) })).toBe(
      'AUTH EXTERNAL =\r\n',
    );
    expect(
      text({ verb: 'AUTH', mechanism: 'PLAIN', initialResponse: new TextEncoder().encode('\0a\0b') }),
    ).toBe('AUTH PLAIN AGEAYg==\r\n');
    expect(text({ verb: 'UNKNOWN', name: 'XCLIENT', argument: 'ADDR=192.0.2.1' })).toBe(
      'XCLIENT ADDR=192.0.2.1\r\n',
    );
  });

  it('MAIL and RCPT with their parameters (known ones first, xtext-encoded)', () => {
    expect(
      text({
        verb: 'MAIL',
        reversePath: box('alice', 'example.net'),
        size: 120,
        body: '8BITMIME',
        smtputf8: true,
        ret: 'FULL',
        envid: 'id+1=2',
        auth: '<>',
        requireTls: true,
        params: [{ keyword: 'MT-PRIORITY', value: '3' }, { keyword: 'X-FLAG' }],
      }),
    ).toBe(
      'MAIL FROM:<alice@example.net> SIZE=120 BODY=8BITMIME SMTPUTF8 RET=FULL ENVID=id+2B1+3D2 AUTH=<> REQUIRETLS MT-PRIORITY=3 X-FLAG\r\n',
    );
    expect(text({ verb: 'MAIL', reversePath: { mailbox: null }, params: [] })).toBe('MAIL FROM:<>\r\n');
    expect(
      text({
        verb: 'RCPT',
        forwardPath: box('bob', 'example.org'),
        notify: ['FAILURE', 'DELAY'],
        orcpt: { addrType: 'rfc822', address: 'bob@example.org' },
        params: [],
      }),
    ).toBe('RCPT TO:<bob@example.org> NOTIFY=FAILURE,DELAY ORCPT=rfc822;bob@example.org\r\n');
    expect(text({ verb: 'RCPT', forwardPath: box('Postmaster', ''), params: [] })).toBe(
      'RCPT TO:<Postmaster>\r\n',
    );
  });

  it('quotes local parts that are not dot-strings', () => {
    expect(text({ verb: 'RCPT', forwardPath: box('john smith', 'example.com'), params: [] })).toBe(
      'RCPT TO:<"john smith"@example.com>\r\n',
    );
    expect(formatPath(box('a"b\\c', 'x.y'))).toBe('<"a\\"b\\\\c"@x.y>');
    expect(formatPath(box('', 'x.y'))).toBe('<""@x.y>');
    expect(formatPath({ mailbox: { localPart: 'u', domain: 'c.d' }, sourceRoute: ['@a.b'] })).toBe(
      '<@a.b:u@c.d>',
    );
  });

  it('refuses CR or LF in any argument: command injection', () => {
    const attempts: SmtpCommand[] = [
      { verb: 'EHLO', domain: 'x\r\nRCPT TO:<victim@example.com>' },
      { verb: 'VRFY', argument: 'a\nDATA' },
      { verb: 'HELP', argument: 'x\rQUIT' },
      { verb: 'ETRN', node: 'a\r\nb' },
      { verb: 'MAIL', reversePath: box('a\r\nRCPT TO:<v@x.y>', 'b.c'), params: [] },
      { verb: 'MAIL', reversePath: box('a', 'b.c\r\nDATA'), params: [] },
      {
        verb: 'MAIL',
        reversePath: box('a', 'b.c'),
        envid: 'x',
        params: [{ keyword: 'X', value: 'a\r\nRSET' }],
      },
      {
        verb: 'RCPT',
        forwardPath: box('a', 'b.c'),
        orcpt: { addrType: 'rfc822\r\n', address: 'x' },
        params: [],
      },
      { verb: 'UNKNOWN', name: 'XFOO', argument: 'a\r\nQUIT' },
      { verb: 'ATRN', domains: ['a.b\r\nQUIT'] },
    ];
    for (const cmd of attempts) {
      const err = refused(cmd);
      expect(err.code).toBe('INVALID_ARGUMENT');
    }
    expect(refused({ verb: 'EHLO', domain: 'x\r\nQUIT' }).message).toMatch(/must not contain CR, LF/);
  });

  it('refuses other values that would not read back', () => {
    const bad: SmtpCommand[] = [
      { verb: 'EHLO', domain: '' },
      { verb: 'EHLO', domain: 'two words' },
      { verb: 'BDAT', size: -1, last: false },
      { verb: 'BDAT', size: 1.5, last: false },
      { verb: 'AUTH', mechanism: 'NOT A MECH' },
      { verb: 'AUTH', mechanism: 'WAY-TOO-LONG-MECHANISM-NAME' },
      { verb: 'RCPT', forwardPath: { mailbox: null }, params: [] },
      { verb: 'MAIL', reversePath: box('a', 'not a domain'), params: [] },
      { verb: 'MAIL', reversePath: box('a', 'b.c'), size: -5, params: [] },
      { verb: 'MAIL', reversePath: box('a', 'b.c'), params: [{ keyword: 'BAD KEY' }] },
      { verb: 'MAIL', reversePath: box('a', 'b.c'), params: [{ keyword: 'K', value: 'has space' }] },
      { verb: 'RCPT', forwardPath: box('a', 'b.c'), notify: [], params: [] },
      { verb: 'VRFY', argument: ' ' },
    ];
    for (const cmd of bad) expect(refused(cmd).code).toBe('INVALID_ARGUMENT');
  });
});

describe('parsePath', () => {
  it('reads mailbox, null path, address literals', () => {
    expect(parsePath('<>', false).path).toEqual({ mailbox: null });
    expect(parsePath('<a@[192.0.2.1]>', false).path).toEqual(box('a', '[192.0.2.1]'));
    expect(parsePath('<a@[IPv6:2001:db8::1]>', false).path).toEqual(box('a', '[IPv6:2001:db8::1]'));
    expect(parsePath('<"a@b"@c.d>', false).path).toEqual(box('a@b', 'c.d'));
    expect(parsePath('<"x"@c.d>', false).raw).toBe('"x"@c.d');
  });

  it('rejects broken paths in both modes', () => {
    for (const p of ['<a@b', 'a@b>', '<@a.b>', '<a>', '<a@>', '<a b@c.d>', '<"unterminated@c.d>']) {
      expect(() => parsePath(p, true), p).toThrow(ParseError);
    }
    // Odd domains are a lenient quirk, an error in strict mode.
    for (const p of ['<a@b..c>', '<a@[300.1.1.1]>', '<a@-x.example>']) {
      expect(() => parsePath(p, false), p).toThrow(ParseError);
      expect(parsePath(p, true).quirks).toEqual(['BAD_DOMAIN']);
    }
  });
});
