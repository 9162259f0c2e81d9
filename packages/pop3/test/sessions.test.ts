import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Pop3Command, Pop3ResponseParser } from '../src/index';
import { bytes, feed, latin1, ofType } from './event-helpers';

const example = new Uint8Array(readFileSync(new URL('../../../examples/pop3-session.txt', import.meta.url)));

describe('the seed session (examples/pop3-session.txt)', () => {
  const commands: Pop3Command[] = [
    { name: 'USER', user: 'bob' },
    { name: 'PASS', password: 'secret' },
    { name: 'STAT' },
    { name: 'LIST' },
    { name: 'TOP', msg: 1, lines: 2 },
    { name: 'RETR', msg: 1 },
    { name: 'DELE', msg: 1 },
    { name: 'QUIT' },
  ];

  it('parses every response and matches it to its command', () => {
    const parser = new Pop3ResponseParser({ greeting: true });
    for (const c of commands) parser.expectCommand(c);
    const events = feed(parser, example);
    expect(ofType(events, 'warning')).toEqual([]);
    expect(ofType(events, 'error')).toEqual([]);
    const responses = ofType(events, 'response');
    expect(responses.map((r) => r.command?.name ?? r.kind)).toEqual([
      'greeting',
      'USER',
      'PASS',
      'STAT',
      'LIST',
      'TOP',
      'RETR',
      'DELE',
      'QUIT',
    ]);
    const [greeting, user, , stat, list, top, retr] = responses;
    expect(greeting?.timestamp).toBe('<1896.697170952@mail.example.net>');
    expect(user?.text).toBe(''); // Dovecot answers USER with a bare "+OK"
    expect(stat?.drop).toEqual({ count: 2, size: 575 });
    expect(list?.scans).toEqual([
      { msg: 1, size: 413 },
      { msg: 2, size: 162 },
    ]);
    expect(latin1(top?.body)).toMatch(/^Return-Path: <alice@example.org>\r\n[\s\S]*\r\n\r\nHi Bob,\r\n\r\n$/);
    expect(retr?.text).toBe('413 octets');
    expect(retr?.body?.length).toBe(413);
    expect(latin1(retr?.body)).toContain('\r\n.hidden files must not be committed\r\n');
  });

  it('streams the RETR body above the threshold, with the same bytes', () => {
    const whole = new Pop3ResponseParser({ greeting: true });
    const streamed = new Pop3ResponseParser({ greeting: true, bodyThreshold: 100 });
    for (const c of commands) {
      whole.expectCommand(c);
      streamed.expectCommand(c);
    }
    const a = feed(whole, example);
    const b = feed(streamed, example);
    const retr = ofType(a, 'response').find((r) => r.command?.name === 'RETR');
    const start = ofType(b, 'bodyStart');
    expect(start.map((s) => s.command?.name)).toEqual(['TOP', 'RETR']);
    expect(start[1]?.text).toBe('413 octets');
    const ends = ofType(b, 'bodyEnd');
    expect(ends.map((e) => e.size)).toEqual([latin1(ofType(a, 'response')[5]?.body).length, 413]);
    // The RETR chunks are the ones between the second bodyStart and the second bodyEnd.
    const i0 = b.indexOf(start[1] as (typeof b)[number]);
    const i1 = b.indexOf(ends[1] as (typeof b)[number]);
    const chunks = ofType(b.slice(i0, i1), 'bodyChunk');
    expect(chunks.map((c) => latin1(c.data)).join('')).toBe(latin1(retr?.body));
  });
});

describe('RFC 1939 examples', () => {
  it('§7 APOP greeting, §5 STAT / LIST / RETR / DELE, §6 QUIT', () => {
    const p = new Pop3ResponseParser({ greeting: true });
    p.expectCommand({ name: 'APOP', user: 'mrose', digest: 'c4c9334bac560ecc979e58001b3e22fb' });
    p.expectCommand({ name: 'STAT' });
    p.expectCommand({ name: 'LIST' });
    p.expectCommand({ name: 'LIST', msg: 2 });
    p.expectCommand({ name: 'LIST', msg: 3 });
    p.expectCommand({ name: 'RETR', msg: 1 });
    p.expectCommand({ name: 'DELE', msg: 1 });
    p.expectCommand({ name: 'DELE', msg: 1 });
    p.expectCommand({ name: 'QUIT' });
    const input = bytes(
      '+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n' +
        "+OK mrose's maildrop has 2 messages (320 octets)\r\n" +
        '+OK 2 320\r\n' +
        '+OK 2 messages (320 octets)\r\n1 120\r\n2 200\r\n.\r\n' +
        '+OK 2 200\r\n' +
        '-ERR no such message, only 2 messages in maildrop\r\n' +
        '+OK 120 octets\r\n<the POP3 server sends the entire message here>\r\n.\r\n' +
        '+OK message 1 deleted\r\n' +
        '-ERR message 1 already deleted\r\n' +
        '+OK dewey POP3 server signing off (maildrop empty)\r\n',
    );
    const events = feed(p, input);
    const r = ofType(events, 'response');
    expect(events).toHaveLength(10);
    expect(r[0]?.timestamp).toBe('<1896.697170952@dbc.mtview.ca.us>');
    expect(r[2]?.drop).toEqual({ count: 2, size: 320 });
    expect(r[3]?.scans).toEqual([
      { msg: 1, size: 120 },
      { msg: 2, size: 200 },
    ]);
    expect(r[4]?.scans).toEqual([{ msg: 2, size: 200 }]);
    expect(r[5]).toMatchObject({ status: 'ERR', text: 'no such message, only 2 messages in maildrop' });
    expect(r[5]?.scans).toBeUndefined();
    expect(latin1(r[6]?.body)).toBe('<the POP3 server sends the entire message here>\r\n');
    expect(r[8]?.status).toBe('ERR');
    expect(r[9]?.command).toEqual({ name: 'QUIT' });
  });

  it('§7 UIDL and TOP', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'UIDL' });
    p.expectCommand({ name: 'UIDL', msg: 2 });
    p.expectCommand({ name: 'TOP', msg: 1, lines: 10 });
    p.expectCommand({ name: 'TOP', msg: 100, lines: 3 });
    const events = feed(
      p,
      bytes(
        '+OK\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n.\r\n' +
          '+OK 2 QhdPYR:00WBw1Ph7x7\r\n' +
          '+OK\r\nSubject: x\r\n\r\nline\r\n.\r\n' +
          '-ERR no such message\r\n',
      ),
    );
    const r = ofType(events, 'response');
    expect(r[0]?.uids).toEqual([
      { msg: 1, uid: 'whqtswO00WBw418f9t5JxYwZ' },
      { msg: 2, uid: 'QhdPYR:00WBw1Ph7x7' },
    ]);
    expect(r[1]?.uids).toEqual([{ msg: 2, uid: 'QhdPYR:00WBw1Ph7x7' }]);
    expect(latin1(r[2]?.body)).toBe('Subject: x\r\n\r\nline\r\n');
    expect(r[3]).toMatchObject({ status: 'ERR', kind: 'multiline-body' });
  });
});

describe('RFC 2449 examples', () => {
  it('§5 CAPA', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'CAPA' });
    const [r, ...rest] = feed(
      p,
      bytes(
        '+OK Capability list follows\r\nTOP\r\nUSER\r\nSASL CRAM-MD5 KERBEROS_V4\r\nRESP-CODES\r\n' +
          'LOGIN-DELAY 900\r\nPIPELINING\r\nEXPIRE 60\r\nUIDL\r\nIMPLEMENTATION Shlemazle-Plotz-v302\r\n.\r\n',
      ),
    );
    expect(rest).toEqual([]);
    expect(r?.type === 'response' && r.capabilities).toMatchObject({
      top: true,
      user: true,
      sasl: ['CRAM-MD5', 'KERBEROS_V4'],
      respCodes: true,
      pipelining: true,
      uidl: true,
      stls: false,
      expire: { never: false, days: 60, perUser: false },
      loginDelay: { seconds: 900, perUser: false },
      implementation: 'Shlemazle-Plotz-v302',
    });
  });

  it('§8.1 IN-USE and LOGIN-DELAY codes on -ERR to PASS', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'PASS', password: 'x' });
    p.expectCommand({ name: 'PASS', password: 'x' });
    const r = ofType(
      feed(
        p,
        bytes('-ERR [IN-USE] Do you have another POP session running?\r\n-ERR [LOGIN-DELAY] wait longer\r\n'),
      ),
      'response',
    );
    expect(r[0]).toMatchObject({
      status: 'ERR',
      code: { raw: 'IN-USE', parts: ['IN-USE'], known: true },
      text: 'Do you have another POP session running?',
    });
    expect(r[1]?.code?.raw).toBe('LOGIN-DELAY');
  });
});
