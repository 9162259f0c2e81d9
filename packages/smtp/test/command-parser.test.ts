import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import {
  type SmtpCommand,
  SmtpCommandParser,
  type SmtpCommandParserEvent,
  type SmtpCommandParserOptions,
} from '../src/index';
import { bytes, concat, plain, splitAt } from './session-wire';

const dec = new TextDecoder();

function parse(text: string | Uint8Array, options: SmtpCommandParserOptions = {}): SmtpCommandParserEvent[] {
  const p = new SmtpCommandParser(options);
  return [...p.push(typeof text === 'string' ? bytes(text) : text), ...p.end()];
}
const commands = (events: SmtpCommandParserEvent[]): SmtpCommand[] =>
  events.flatMap((e) => (e.type === 'command' ? [e.command] : []));
const warnings = (events: SmtpCommandParserEvent[]) =>
  events.flatMap((e) => (e.type === 'warning' ? [e.code] : []));
const errors = (events: SmtpCommandParserEvent[]) =>
  events.flatMap((e) => (e.type === 'error' ? [e.error.code] : []));
const one = (line: string, options: SmtpCommandParserOptions = { strict: true }) =>
  commands(parse(`${line}\r\n`, options))[0];

function strictThrows(text: string, code: string): void {
  const p = new SmtpCommandParser({ strict: true });
  let caught: unknown;
  try {
    p.push(bytes(text));
    p.end();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ParseError);
  expect((caught as ParseError).code).toBe(code);
  expect(() => p.push(bytes('NOOP\r\n'))).toThrow(caught as Error);
}

describe('SmtpCommandParser: commands', () => {
  it('HELO, EHLO (domain or address literal), verbs case-insensitive', () => {
    expect(one('HELO relay.example.org')).toEqual({ verb: 'HELO', domain: 'relay.example.org' });
    expect(one('ehlo [192.0.2.1]')).toEqual({ verb: 'EHLO', domain: '[192.0.2.1]' });
  });

  it('MAIL FROM with every known parameter', () => {
    expect(
      one(
        'MAIL FROM:<Smith@bar.com> SIZE=1024 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=QQ+2B314 AUTH=e+3Dmc2@example.com REQUIRETLS X-FOO=bar',
      ),
    ).toEqual({
      verb: 'MAIL',
      reversePath: { mailbox: { localPart: 'Smith', domain: 'bar.com' } },
      size: 1024,
      body: '8BITMIME',
      smtputf8: true,
      ret: 'HDRS',
      envid: 'QQ+314',
      auth: 'e=mc2@example.com',
      requireTls: true,
      params: [{ keyword: 'X-FOO', value: 'bar' }],
    });
  });

  it('null reverse-path, AUTH=<>, BODY=BINARYMIME, case-insensitive keywords', () => {
    expect(one('mail from:<> body=binarymime auth=<>')).toEqual({
      verb: 'MAIL',
      reversePath: { mailbox: null },
      body: 'BINARYMIME',
      auth: '<>',
      params: [],
    });
  });

  it('RCPT TO with NOTIFY and ORCPT; <Postmaster> without domain', () => {
    expect(one('RCPT TO:<bob@example.org> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;bob+2Bx@example.org')).toEqual({
      verb: 'RCPT',
      forwardPath: { mailbox: { localPart: 'bob', domain: 'example.org' } },
      notify: ['SUCCESS', 'DELAY'],
      orcpt: { addrType: 'rfc822', address: 'bob+x@example.org' },
      params: [],
    });
    expect(one('RCPT TO:<x@y.z> NOTIFY=NEVER')).toMatchObject({ notify: 'NEVER' });
    expect(one('RCPT TO:<Postmaster>')).toEqual({
      verb: 'RCPT',
      forwardPath: { mailbox: { localPart: 'Postmaster', domain: '' } },
      params: [],
    });
  });

  it('quoted local parts (with spaces, > and escapes) and source routes', () => {
    expect(one('RCPT TO:<"john smith>\\"x"@example.com> NOTIFY=NEVER')).toMatchObject({
      forwardPath: { mailbox: { localPart: 'john smith>"x', domain: 'example.com' } },
    });
    expect(one('RCPT TO:<@hosta.int,@jkl.org:userc@d.bar.org>')).toEqual({
      verb: 'RCPT',
      forwardPath: {
        mailbox: { localPart: 'userc', domain: 'd.bar.org' },
        sourceRoute: ['@hosta.int', '@jkl.org'],
      },
      params: [],
    });
  });

  it('UTF-8 addresses with SMTPUTF8 (RFC 6531)', () => {
    expect(one('MAIL FROM:<jürgen@bücher.example> SMTPUTF8')).toMatchObject({
      reversePath: { mailbox: { localPart: 'jürgen', domain: 'bücher.example' } },
      smtputf8: true,
    });
    expect(one('RCPT TO:<用户@例子.广告>')).toMatchObject({
      forwardPath: { mailbox: { localPart: '用户', domain: '例子.广告' } },
    });
  });

  it('the other verbs', () => {
    expect(one('DATA', { strict: true, autoData: false })).toEqual({ verb: 'DATA' });
    expect(one('RSET')).toEqual({ verb: 'RSET' });
    expect(one('VRFY Smith')).toEqual({ verb: 'VRFY', argument: 'Smith' });
    expect(one('EXPN Example-People')).toEqual({ verb: 'EXPN', argument: 'Example-People' });
    expect(one('HELP')).toEqual({ verb: 'HELP' });
    expect(one('HELP MAIL')).toEqual({ verb: 'HELP', argument: 'MAIL' });
    expect(one('NOOP')).toEqual({ verb: 'NOOP' });
    expect(one('QUIT')).toEqual({ verb: 'QUIT' });
    expect(one('STARTTLS')).toEqual({ verb: 'STARTTLS' });
    expect(one('TURN')).toEqual({ verb: 'TURN' });
    expect(one('ATRN')).toEqual({ verb: 'ATRN', domains: [] });
    expect(one('ATRN example.com,example.net')).toEqual({
      verb: 'ATRN',
      domains: ['example.com', 'example.net'],
    });
    expect(one('ETRN @example.com')).toEqual({ verb: 'ETRN', node: '@example.com' });
    expect(one('AUTH PLAIN AGFsaWNlAHNlY3JldA==')).toEqual({
      verb: 'AUTH',
      mechanism: 'PLAIN',
      initialResponse: bytes('\0alice\0secret'),
    });
    expect(one('AUTH EXTERNAL =')).toEqual({
      verb: 'AUTH',
      mechanism: 'EXTERNAL',
      initialResponse: new Uint8Array(0),
    });
    expect(one('XCLIENT NAME=spike.porcupine.org ADDR=168.100.189.2')).toEqual({
      verb: 'UNKNOWN',
      name: 'XCLIENT',
      argument: 'NAME=spike.porcupine.org ADDR=168.100.189.2',
    });
  });

  it('syntax errors are error events (lenient) and the next line parses', () => {
    const events = parse(
      'MAIL FROM:<a@b\r\nRCPT TO:<>\r\nMAIL TO:<a@b.c>\r\nBDAT x\r\nAUTH PLAIN !!!\r\nNOOP\r\n',
    );
    expect(errors(events)).toEqual(['BAD_SYNTAX', 'BAD_SYNTAX', 'BAD_SYNTAX', 'BAD_SYNTAX', 'BAD_BASE64']);
    expect(commands(events)).toEqual([{ verb: 'NOOP' }]);
    const err = events.find((e) => e.type === 'error');
    expect(err?.type === 'error' && err.error.offset).toBe(0);
    strictThrows('MAIL FROM:<a@b\r\n', 'BAD_SYNTAX');
  });
});

describe('SmtpCommandParser: DATA body and BDAT', () => {
  it('DATA switches to body mode, unstuffs, emits chunks, then reads commands again', () => {
    const events = parse('DATA\r\nSubject: x\r\n\r\n..dot\r\nline\r\n.\r\nQUIT\r\n', { strict: true });
    expect(events.map((e) => e.type)).toEqual(['command', 'body-chunk', 'body-chunk', 'body-end', 'command']);
    const body = concat(events.flatMap((e) => (e.type === 'body-chunk' ? [e.data] : [])));
    expect(dec.decode(body)).toBe('Subject: x\r\n\r\n.dot\r\nline\r\n');
    expect(events[3]).toMatchObject({ type: 'body-end', kind: 'DATA', size: body.length, last: true });
  });

  it('only CRLF.CRLF ends the body: LF.LF and LF.CRLF are body bytes (SMTP smuggling)', () => {
    const events = parse('DATA\r\nfirst\n.\nMAIL FROM:<evil@x.y>\r\nx\n.\r\nmore\r\n.\r\nQUIT\r\n');
    const body = dec.decode(concat(events.flatMap((e) => (e.type === 'body-chunk' ? [e.data] : []))));
    expect(body).toBe('first\n.\nMAIL FROM:<evil@x.y>\r\nx\n.\r\nmore\r\n');
    expect(commands(events).map((c) => c.verb)).toEqual(['DATA', 'QUIT']);
  });

  it('body chunks are zero-copy views of the input', () => {
    const input = bytes('DATA\r\nhello world\r\n.\r\n');
    const events = parse(input);
    const chunk = events.find((e) => e.type === 'body-chunk');
    expect(chunk?.type === 'body-chunk' && chunk.data.buffer).toBe(input.buffer);
    expect(chunk?.type === 'body-chunk' && chunk.offset).toBe(6);
  });

  it('BDAT n reads exactly n bytes, even CRLF.CRLF and command-like text', () => {
    const events = parse('BDAT 12\r\n.\r\nQUIT\r\n.\r\nBDAT 3 LAST\r\nabcRSET\r\n', { strict: true });
    expect(events.map((e) => e.type)).toEqual([
      'command',
      'body-chunk',
      'body-end',
      'command',
      'body-chunk',
      'body-end',
      'command',
    ]);
    const chunks = events.flatMap((e) => (e.type === 'body-chunk' ? [dec.decode(e.data)] : []));
    expect(chunks).toEqual(['.\r\nQUIT\r\n.\r\n', 'abc']);
    expect(events.filter((e) => e.type === 'body-end')).toEqual([
      { type: 'body-end', kind: 'BDAT', size: 12, last: false, offset: 21 },
      { type: 'body-end', kind: 'BDAT', size: 3, last: true, offset: 37 },
    ]);
    expect(one('BDAT 0 LAST')).toEqual({ verb: 'BDAT', size: 0, last: true });
  });

  it('the same events for every split of a session with DATA and BDAT', () => {
    const input = bytes(
      'EHLO x\r\nDATA\r\na\r\n..b\r\n.\r\nBDAT 5 LAST\r\n12345NOOP\r\nAUTH LOGIN\r\nYQ==\r\nYg==\r\nQUIT\r\n',
    );
    const whole = plain(mergeBodies(parse(input)));
    for (let i = 1; i < input.length; i++) {
      const p = new SmtpCommandParser();
      const events = splitAt(input, [i]).flatMap((c) => p.push(c));
      events.push(...p.end());
      expect(plain(mergeBodies(events))).toEqual(whole);
    }
  });

  it('manual DATA: waits for acceptData()/rejectData()', () => {
    const p = new SmtpCommandParser({ autoData: false });
    const first = p.push(bytes('DATA\r\nbody\r\n.\r\n'));
    expect(first.map((e) => e.type)).toEqual(['command']);
    expect(p.state).toBe('data-wait');
    expect(p.acceptData().map((e) => e.type)).toEqual(['body-chunk', 'body-end']);
    const q = new SmtpCommandParser({ autoData: false });
    q.push(bytes('DATA\r\nNOOP\r\n'));
    expect(commands(q.rejectData())).toEqual([{ verb: 'NOOP' }]);
    expect(() => q.acceptData()).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('DATA body over maxPayloadSize: error, the rest skipped, commands resume', () => {
    const events = parse('DATA\r\n0123456789\r\n0123456789\r\n.\r\nNOOP\r\n', {
      limits: { maxPayloadSize: 15 },
    });
    expect(errors(events)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(commands(events).map((c) => c.verb)).toEqual(['DATA', 'NOOP']);
  });

  it('BDAT over maxPayloadSize: error, the chunk skipped', () => {
    const events = parse('BDAT 20\r\n01234567890123456789NOOP\r\n', { limits: { maxPayloadSize: 10 } });
    expect(errors(events)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(events.filter((e) => e.type === 'body-chunk')).toEqual([]);
    expect(commands(events).map((c) => c.verb)).toEqual(['BDAT', 'NOOP']);
  });

  it('stream ending inside a body or a line: UNEXPECTED_EOF', () => {
    expect(errors(parse('DATA\r\nabc\r\n'))).toEqual(['UNEXPECTED_EOF']);
    expect(errors(parse('BDAT 10\r\nabc'))).toEqual(['UNEXPECTED_EOF']);
    expect(errors(parse('NOOP'))).toEqual(['UNEXPECTED_EOF']);
    strictThrows('DATA\r\nabc\r\n', 'UNEXPECTED_EOF');
  });
});

describe('SmtpCommandParser: AUTH exchanges', () => {
  const responses = (events: SmtpCommandParserEvent[]) =>
    events.flatMap((e) => (e.type === 'auth-response' ? [e.cancelled ? '*' : dec.decode(e.data)] : []));

  it('LOGIN: two responses; then commands', () => {
    const events = parse('AUTH LOGIN\r\nYWxpY2U=\r\nc2VjcmV0\r\nMAIL FROM:<a@b.c>\r\n');
    expect(responses(events)).toEqual(['alice', 'secret']);
    expect(commands(events).map((c) => c.verb)).toEqual(['AUTH', 'MAIL']);
  });

  it('AUTH refused at once (504): the next command is read as a command', () => {
    const events = parse('AUTH LOGIN\r\nMAIL FROM:<a@b.c>\r\nDATA\r\n');
    expect(responses(events)).toEqual([]);
    expect(commands(events).map((c) => c.verb)).toEqual(['AUTH', 'MAIL', 'DATA']);
  });

  it('PLAIN with an initial response: no response lines; a base64-looking verb is still a command', () => {
    const events = parse('AUTH PLAIN AGEAYg==\r\nQUIT\r\n');
    expect(responses(events)).toEqual([]);
    expect(commands(events).map((c) => c.verb)).toEqual(['AUTH', 'QUIT']);
  });

  it('cancel with "*"; unknown mechanisms by shape; empty response', () => {
    expect(responses(parse('AUTH LOGIN\r\n*\r\nNOOP\r\n'))).toEqual(['*']);
    expect(responses(parse('AUTH SCRAM-SHA-256\r\nbixhPWEscj1y\r\ncj1yLHA9cA==\r\n\r\nNOOP\r\n'))).toEqual([
      'n,a=a,r=r',
      'r=r,p=p',
      '',
    ]);
  });

  it('"=" as an empty response: lenient warning (some clients send it)', () => {
    const events = parse('AUTH XOAUTH2\r\n=\r\n');
    expect(warnings(events)).toEqual(['EQUALS_RESPONSE']);
    expect(responses(events)).toEqual(['']);
  });

  it('manual mode: a line is a response only after expectAuthResponse()', () => {
    const p = new SmtpCommandParser({ authResponses: 'manual' });
    expect(p.push(bytes('AUTH LOGIN\r\n')).map((e) => e.type)).toEqual(['command']);
    p.expectAuthResponse();
    expect(p.push(bytes('YWxpY2U=\r\n')).map((e) => e.type)).toEqual(['auth-response']);
    expect(p.push(bytes('YWxpY2U=\r\n')).map((e) => e.type)).toEqual(['command']);
  });
});

describe('SmtpCommandParser: lenient quirks and strict mode', () => {
  it('bare LF line ends: hand-typed telnet/nc sessions and embedded clients', () => {
    const events = parse('HELO x\nQUIT\n');
    expect(warnings(events)).toEqual(['BARE_LF', 'BARE_LF']);
    expect(commands(events).map((c) => c.verb)).toEqual(['HELO', 'QUIT']);
    strictThrows('HELO x\nQUIT\r\n', 'BARE_LF');
  });

  it('space after the colon: Outlook Express-era clients and scripts', () => {
    const events = parse('MAIL FROM: <a@b.c>\r\n');
    expect(warnings(events)).toEqual(['SPACE_AFTER_COLON']);
    expect(commands(events)[0]).toMatchObject({
      reversePath: { mailbox: { localPart: 'a', domain: 'b.c' } },
    });
    strictThrows('MAIL FROM: <a@b.c>\r\n', 'BAD_SYNTAX');
  });

  it('path without angle brackets: very old clients and hand-typed sessions', () => {
    const events = parse('RCPT TO:bob@example.org\r\n');
    expect(warnings(events)).toEqual(['MISSING_ANGLE_BRACKETS']);
    expect(commands(events)[0]).toMatchObject({ forwardPath: { mailbox: { localPart: 'bob' } } });
    strictThrows('RCPT TO:bob@example.org\r\n', 'BAD_SYNTAX');
  });

  it('local part that is not a dot-string: Japanese mobile carriers\' "a..b" addresses', () => {
    const events = parse('RCPT TO:<taro..yamada.@docomo.ne.jp>\r\n');
    expect(warnings(events)).toEqual(['BAD_LOCAL_PART']);
    expect(commands(events)[0]).toMatchObject({ forwardPath: { mailbox: { localPart: 'taro..yamada.' } } });
    strictThrows('RCPT TO:<taro..yamada.@docomo.ne.jp>\r\n', 'BAD_SYNTAX');
  });

  it('underscore in a domain: Windows hosts named with "_"', () => {
    const events = parse('MAIL FROM:<a@my_host.example.com>\r\n');
    expect(warnings(events)).toEqual(['BAD_DOMAIN']);
    strictThrows('MAIL FROM:<a@my_host.example.com>\r\n', 'BAD_SYNTAX');
  });

  it('trailing spaces and doubled spaces: scripts and some Windows clients', () => {
    const events = parse('RCPT TO:<a@b.c>  NOTIFY=NEVER \r\nHELO  x\r\n');
    expect(warnings(events)).toEqual(['TRAILING_SPACE', 'EXTRA_SPACE', 'EXTRA_SPACE']);
    expect(commands(events)).toMatchObject([{ notify: 'NEVER' }, { verb: 'HELO', domain: 'x' }]);
    strictThrows('NOOP \r\n', 'BAD_SYNTAX');
  });

  it('empty line: a telnet user hitting Enter', () => {
    expect(warnings(parse('\r\nNOOP\r\n'))).toEqual(['EMPTY_LINE']);
    strictThrows('\r\n', 'BAD_SYNTAX');
  });

  it('HELO without a domain: scanners and broken embedded clients (printers, cameras)', () => {
    const events = parse('HELO\r\n');
    expect(warnings(events)).toEqual(['MISSING_ARGUMENT']);
    expect(commands(events)).toEqual([{ verb: 'HELO', domain: '' }]);
    strictThrows('HELO\r\n', 'BAD_SYNTAX');
  });

  it('argument to a verb that takes none: some old clients send "DATA " or "QUIT now"', () => {
    expect(warnings(parse('QUIT now\r\n'))).toEqual(['UNEXPECTED_ARGUMENT']);
    strictThrows('QUIT now\r\n', 'BAD_SYNTAX');
  });

  it('UTF-8 address without SMTPUTF8: clients that assume it', () => {
    expect(warnings(parse('MAIL FROM:<jürgen@example.com>\r\n'))).toEqual(['UTF8_WITHOUT_SMTPUTF8']);
    strictThrows('MAIL FROM:<jürgen@example.com>\r\n', 'BAD_SYNTAX');
  });

  it('Latin-1 bytes in a command line: old European clients', () => {
    const line = Uint8Array.from([...bytes('VRFY J'), 0xfc, ...bytes('rgen\r\n')]);
    const events = parse(line);
    expect(warnings(events)).toEqual(['EIGHT_BIT_TEXT']);
    expect(commands(events)).toEqual([{ verb: 'VRFY', argument: 'Jürgen' }]);
  });

  it('control characters: NUL from fuzzers and broken clients', () => {
    expect(warnings(parse('NOOP a\x00b\r\n'))).toEqual(['CONTROL_CHARACTER']);
    strictThrows('NOOP a\x00b\r\n', 'BAD_SYNTAX');
  });

  it('duplicate and valued flag parameters', () => {
    expect(warnings(parse('MAIL FROM:<a@b.c> SIZE=1 SIZE=2 SMTPUTF8=yes\r\n'))).toEqual([
      'DUPLICATE_PARAM',
      'PARAM_VALUE',
    ]);
  });

  it('unknown BODY value is kept as an extra parameter', () => {
    const events = parse('MAIL FROM:<a@b.c> BODY=9BIT\r\n');
    expect(warnings(events)).toEqual(['UNKNOWN_BODY']);
    expect(commands(events)[0]).toMatchObject({ params: [{ keyword: 'BODY', value: '9BIT' }] });
  });

  it('pathological lines (long runs of spaces, long address literals) parse in one pass', () => {
    const spaces = parse(`NOOP x${' '.repeat(12000)}y\r\n`, { strict: true });
    expect(commands(spaces)).toEqual([{ verb: 'NOOP', argument: `x${' '.repeat(12000)}y` }]);
    const literal = parse(`RCPT TO:<a@[${'a'.repeat(12000)}]>\r\n`);
    expect(warnings(literal)).toEqual(['BAD_DOMAIN']);
  });

  it('line length limit: 12288 by default (RFC 4954 §4 AUTH lines)', () => {
    expect(errors(parse(`NOOP ${'x'.repeat(12000)}\r\nQUIT\r\n`))).toEqual([]);
    const events = parse(`NOOP ${'x'.repeat(13000)}\r\nQUIT\r\n`);
    expect(errors(events)).toEqual(['LINE_TOO_LONG']);
    expect(commands(events)).toEqual([{ verb: 'QUIT' }]);
    expect(errors(parse(`NOOP ${'x'.repeat(600)}\r\n`, { limits: { maxLineLength: 512 } }))).toEqual([
      'LINE_TOO_LONG',
    ]);
  });
});

/** Body chunks merged per body (chunk boundaries depend on input chunking; content does not). */
function mergeBodies(events: SmtpCommandParserEvent[]): unknown[] {
  const out: unknown[] = [];
  let body: Uint8Array[] = [];
  for (const e of events) {
    if (e.type === 'body-chunk') body.push(e.data);
    else {
      if (e.type === 'body-end') {
        out.push({ body: dec.decode(concat(body)) });
        body = [];
      }
      out.push(e);
    }
  }
  return out;
}

describe('SmtpCommandParser: STARTTLS boundary (server side, CVE-2011-0411)', () => {
  it('commands pipelined after STARTTLS in plaintext are refused and dropped', () => {
    const p = new SmtpCommandParser({ tlsBoundary: true });
    const events = p.push(bytes('EHLO x\r\nSTARTTLS\r\nRSET\r\nMAIL FROM:<evil@example.com>\r\n'));
    expect(events.map((e) => (e.type === 'error' ? e.error.code : e.type))).toEqual([
      'command',
      'command',
      'UNEXPECTED_DATA',
    ]);
    expect(p.state).toBe('tls-wait');
    expect(errors(p.push(bytes('NOOP\r\n')))).toEqual(['UNEXPECTED_DATA']);
    p.tlsStarted();
    expect(commands(p.push(bytes('EHLO x\r\n')))).toEqual([{ verb: 'EHLO', domain: 'x' }]);
    expect(() => p.tlsStarted()).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('strict mode throws; a clean STARTTLS waits quietly; a refused STARTTLS goes on in plaintext', () => {
    const strict = new SmtpCommandParser({ tlsBoundary: true, strict: true });
    expect(() => strict.push(bytes('STARTTLS\r\nQUIT\r\n'))).toThrow(
      expect.objectContaining({ code: 'UNEXPECTED_DATA' }),
    );
    const p = new SmtpCommandParser({ tlsBoundary: true });
    expect(p.push(bytes('STARTTLS\r\n')).map((e) => e.type)).toEqual(['command']);
    expect(p.rejectStartTls()).toEqual([]);
    expect(commands(p.push(bytes('QUIT\r\n')))).toEqual([{ verb: 'QUIT' }]);
  });

  it('without tlsBoundary (captures of decrypted sessions) commands after STARTTLS are read on', () => {
    expect(commands(parse('STARTTLS\r\nEHLO x\r\n')).map((c) => c.verb)).toEqual(['STARTTLS', 'EHLO']);
  });
});
