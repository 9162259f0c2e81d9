import { describe, expect, it } from 'vitest';
import {
  extractApopTimestamp,
  isValidResponseCode,
  type Pop3ResponseEvent,
  Pop3ResponseParser,
  parseResponseCode,
} from '../src/index';
import { bytes, feed, ofType } from './event-helpers';

function one(
  line: string,
  options: ConstructorParameters<typeof Pop3ResponseParser>[0] = {},
): Pop3ResponseEvent {
  const events = feed(new Pop3ResponseParser(options), bytes(line));
  const r = ofType(events, 'response');
  expect(r).toHaveLength(1);
  return r[0] as Pop3ResponseEvent;
}

describe('status lines', () => {
  it('+OK / -ERR with text', () => {
    expect(one('+OK ready\r\n')).toMatchObject({ status: 'OK', text: 'ready', kind: 'single', offset: 0 });
    expect(one('-ERR nope\r\n')).toMatchObject({ status: 'ERR', text: 'nope' });
  });

  it('+OK without text is valid (RFC 2449 §9: status [SP text]); Dovecot answers USER so', () => {
    const events = feed(new Pop3ResponseParser({ strict: true }), bytes('+OK\r\n'));
    expect(events).toMatchObject([{ type: 'response', status: 'OK', text: '' }]);
  });

  it('keeps the raw text bytes', () => {
    expect(Array.from(one('+OK [SYS/TEMP] x\r\n').textBytes)).toEqual(Array.from(bytes('[SYS/TEMP] x')));
  });

  it('rejects a line that is no response (error event, line skipped, expectation kept)', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'STAT' });
    const events = feed(p, bytes('HELLO\r\n+OK 1 2\r\n'));
    expect(events[0]).toMatchObject({ type: 'error', error: { code: 'BAD_SYNTAX', offset: 0 } });
    expect(events[1]).toMatchObject({ type: 'response', drop: { count: 1, size: 2 } });
  });

  it('strict mode throws and stays failed', () => {
    const p = new Pop3ResponseParser({ strict: true });
    expect(() => p.push(bytes('HELLO\r\n'))).toThrow(/BAD_SYNTAX/);
    expect(() => p.push(bytes('+OK\r\n'))).toThrow(/BAD_SYNTAX/);
  });
});

describe('RFC 2449 §8 response codes', () => {
  it.each([
    ['IN-USE', ['IN-USE'], true],
    ['LOGIN-DELAY', ['LOGIN-DELAY'], true],
    ['SYS/TEMP', ['SYS', 'TEMP'], true],
    ['SYS/PERM', ['SYS', 'PERM'], true],
    ['AUTH', ['AUTH'], true],
    ['UTF8', ['UTF8'], true],
    ['X-VENDOR/SUB/LEAF', ['X-VENDOR', 'SUB', 'LEAF'], false],
  ])('[%s]', (raw, parts, known) => {
    const r = one(`-ERR [${raw}] message text\r\n`);
    expect(r.code).toEqual({ raw, parts, known });
    expect(r.text).toBe('message text');
  });

  it('a code with no text after it', () => {
    expect(one('-ERR [AUTH]\r\n')).toMatchObject({ code: { raw: 'AUTH' }, text: '' });
  });

  it('brackets that are no valid code stay text', () => {
    expect(one('+OK [not a code] x\r\n').code).toBeUndefined();
    expect(one('+OK [] x\r\n').code).toBeUndefined();
    expect(one('+OK [A//B] x\r\n').code).toBeUndefined();
    expect(one('+OK [unclosed\r\n').text).toBe('[unclosed');
    expect(one('+OK text [SYS/TEMP]\r\n').code).toBeUndefined();
  });

  it('parseResponseCode / isValidResponseCode agree', () => {
    expect(parseResponseCode(bytes('[SYS/TEMP] x'))?.textStart).toBe(11);
    expect(isValidResponseCode('SYS/TEMP')).toBe(true);
    expect(isValidResponseCode('SYS/')).toBe(false);
    expect(isValidResponseCode('A B')).toBe(false);
    expect(isValidResponseCode('A]')).toBe(false);
  });
});

describe('greetings', () => {
  it('extracts the APOP timestamp, brackets included', () => {
    const p = new Pop3ResponseParser({ greeting: true });
    const [r] = feed(p, bytes('+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n'));
    expect(r).toMatchObject({
      type: 'response',
      kind: 'greeting',
      timestamp: '<1896.697170952@dbc.mtview.ca.us>',
    });
  });

  it('Exchange: a trailing [base64] banner is neither a code nor a timestamp', () => {
    // Microsoft Exchange 2013+ appends a base64 server name in brackets.
    const p = new Pop3ResponseParser({ greeting: true, strict: true });
    const [r] = feed(
      p,
      bytes(
        '+OK The Microsoft Exchange POP3 service is ready. [QwBIADEAUABSADAAMQBDAEEAMAAwADEANAAuAA==]\r\n',
      ),
    );
    expect(r).toMatchObject({ type: 'response', kind: 'greeting' });
    expect(r?.type === 'response' && r.code).toBeUndefined();
    expect(r?.type === 'response' && r.timestamp).toBeUndefined();
  });

  it('timestamp rules', () => {
    expect(extractApopTimestamp('ready <a@b>')).toBe('<a@b>');
    expect(extractApopTimestamp('<no at sign> then <x.y@host>')).toBe('<x.y@host>');
    expect(extractApopTimestamp('<has space@host>')).toBeUndefined();
    expect(extractApopTimestamp('<@host>')).toBeUndefined();
    expect(extractApopTimestamp('no timestamp')).toBeUndefined();
  });

  it('-ERR greeting has no timestamp', () => {
    const [r] = feed(new Pop3ResponseParser({ greeting: true }), bytes('-ERR [SYS/TEMP] too busy <a@b>\r\n'));
    expect(r).toMatchObject({ type: 'response', status: 'ERR', code: { parts: ['SYS', 'TEMP'] } });
    expect(r?.type === 'response' && r.timestamp).toBeUndefined();
  });
});

describe('continuations (RFC 5034)', () => {
  it('+ base64 and bare + during AUTH; the expectation stays until +OK', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'AUTH', mechanism: 'CRAM-MD5' });
    const events = feed(
      p,
      bytes('+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n+\r\n+ \r\n+OK done\r\n'),
    );
    expect(events.map((e) => e.type)).toEqual(['continuation', 'continuation', 'continuation', 'response']);
    const c = ofType(events, 'continuation');
    expect(new TextDecoder().decode(c[0]?.data)).toBe('<1896.697170952@postoffice.reston.mci.net>');
    expect(c[1]?.data.length).toBe(0);
    expect(c[2]?.data.length).toBe(0);
  });

  it('bad base64 in a challenge is an error', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'AUTH', mechanism: 'PLAIN' });
    const events = feed(p, bytes('+ !!!\r\n-ERR cancelled\r\n'));
    expect(events[0]).toMatchObject({ type: 'error', error: { code: 'BAD_BASE64' } });
    expect(events[1]).toMatchObject({ type: 'response', status: 'ERR' });
  });

  it('a continuation outside AUTH is UNEXPECTED_RESPONSE', () => {
    const events = feed(new Pop3ResponseParser(), bytes('+ abc=\r\n'));
    expect(events[0]).toMatchObject({ type: 'error', error: { code: 'UNEXPECTED_RESPONSE' } });
  });
});

describe('linear work on hostile greetings', () => {
  it('a 64 KiB greeting of "<@" pairs has no timestamp (one-pass scan, no quadratic search)', () => {
    const hostile = `+OK ${'<@'.repeat(32_000)}>\r\n`;
    const [r] = feed(new Pop3ResponseParser({ greeting: true }), bytes(hostile));
    expect(r?.type === 'response' && r.timestamp).toBeUndefined();
    expect(extractApopTimestamp(`${'<a'.repeat(1000)}<x@y>`)).toBe('<x@y>');
    expect(extractApopTimestamp('<a@>')).toBeUndefined();
    expect(extractApopTimestamp('<a@b@c>')).toBe('<a@b@c>');
  });
});
