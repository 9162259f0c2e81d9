import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { parseAuthChallenge, parseEhloReply, parseGreeting, serializeReply } from '../src/index';

const reply = (code: number, ...lines: string[]) => ({ code, lines });

describe('parseEhloReply', () => {
  const caps = parseEhloReply(
    reply(
      250,
      'mx.example.com Hello client [192.0.2.1]',
      'SIZE 35882577',
      '8bitmime',
      'Pipelining',
      'AUTH LOGIN PLAIN XOAUTH2',
      'AUTH=LOGIN PLAIN',
      'X-EXPS GSSAPI NTLM',
      'ENHANCEDSTATUSCODES',
      'STARTTLS',
      'SMTPUTF8',
      'CHUNKING',
      'BINARYMIME',
      'DSN',
      'REQUIRETLS',
      'ETRN',
      'ATRN',
      'DELIVERBY 240',
      'X-ANONYMOUSTLS',
      'XCLIENT NAME ADDR  PROTO',
    ),
  );

  it('domain and greeting from the first line', () => {
    expect(caps.domain).toBe('mx.example.com');
    expect(caps.greeting).toBe('Hello client [192.0.2.1]');
  });

  it('keywords are case-insensitive', () => {
    expect(caps.has('pipelining')).toBe(true);
    expect(caps.has('8BITMIME')).toBe(true);
    expect(caps.eightBitMime).toBe(true);
    expect(caps.pipelining).toBe(true);
    expect(caps.has('VRFY')).toBe(false);
  });

  it('typed flags and parameters', () => {
    expect(caps.size).toBe(35882577);
    expect(caps.authMechanisms).toEqual(['LOGIN', 'PLAIN', 'XOAUTH2']);
    expect(caps.exchangeAuthMechanisms).toEqual(['GSSAPI', 'NTLM']);
    expect(caps.deliverBy).toBe(240);
    expect([
      caps.enhancedStatusCodes,
      caps.startTls,
      caps.smtpUtf8,
      caps.chunking,
      caps.binaryMime,
      caps.dsn,
      caps.requireTls,
      caps.etrn,
      caps.atrn,
    ]).toEqual([true, true, true, true, true, true, true, true, true]);
  });

  it('unknown keywords are kept with their parameters', () => {
    expect(caps.unknown.map((e) => [e.keyword, e.params])).toEqual([
      ['X-ANONYMOUSTLS', []],
      ['XCLIENT', ['NAME', 'ADDR', 'PROTO']],
    ]);
    expect(caps.params('xclient')).toEqual(['NAME', 'ADDR', 'PROTO']);
  });

  it('the old AUTH= form alone (servers targeting Outlook Express) gives the mechanisms', () => {
    const c = parseEhloReply(reply(250, 'x', 'AUTH=LOGIN PLAIN'));
    expect(c.authMechanisms).toEqual(['LOGIN', 'PLAIN']);
    expect(c.entries[0]?.equalsForm).toBe(true);
  });

  it('SIZE without a number or with 0 means no fixed limit; garbage gives undefined', () => {
    expect(parseEhloReply(reply(250, 'x', 'SIZE')).size).toBe(0);
    expect(parseEhloReply(reply(250, 'x', 'SIZE 0')).size).toBe(0);
    expect(parseEhloReply(reply(250, 'x', 'SIZE big')).size).toBeUndefined();
    expect(parseEhloReply(reply(250, 'x')).size).toBeUndefined();
  });

  it('a single-line EHLO reply has no extensions', () => {
    const c = parseEhloReply(reply(250, 'xyz.com is on the air'));
    expect(c.entries).toEqual([]);
    expect(c.domain).toBe('xyz.com');
  });

  it('refuses a reply that is not 250', () => {
    expect(() => parseEhloReply(reply(502, 'no'))).toThrow(ParseError);
  });
});

describe('parseGreeting', () => {
  it('domain and ESMTP flag', () => {
    expect(parseGreeting(reply(220, 'mx.example.com ESMTP Postfix'))).toEqual({
      code: 220,
      ready: true,
      domain: 'mx.example.com',
      text: 'ESMTP Postfix',
      esmtp: true,
    });
    expect(parseGreeting(reply(220, 'foo.com Simple Mail Transfer Service Ready')).esmtp).toBe(false);
    expect(parseGreeting(reply(220, 'mail.example.net Microsoft ESMTP MAIL Service ready')).esmtp).toBe(true);
  });

  it('554: the server will not talk; multi-line greeting', () => {
    const g = parseGreeting(reply(554, 'mx.example.com', 'No SMTP service here'));
    expect(g.ready).toBe(false);
    expect(g.domain).toBe('mx.example.com');
  });

  it('refuses other codes', () => {
    expect(() => parseGreeting(reply(250, 'x'))).toThrow(ParseError);
  });
});

describe('parseAuthChallenge', () => {
  it('decodes base64 and keeps the raw text', () => {
    const c = parseAuthChallenge(reply(334, 'VXNlcm5hbWU6'));
    expect(new TextDecoder().decode(c.challenge)).toBe('Username:');
    expect(c.text).toBe('VXNlcm5hbWU6');
  });

  it('an empty challenge (bare 334 or "334 ") is empty bytes', () => {
    expect(parseAuthChallenge(reply(334, '')).challenge).toEqual(new Uint8Array(0));
  });

  it('bad base64 is a ParseError BAD_BASE64', () => {
    expect(() => parseAuthChallenge(reply(334, 'not base64!'))).toThrow(
      expect.objectContaining({ code: 'BAD_BASE64' }),
    );
  });
});

describe('serializeReply', () => {
  const text = (b: Uint8Array) => new TextDecoder().decode(b);

  it('writes continuation lines with "-" and the last with " "', () => {
    expect(text(serializeReply(reply(250, 'mx', 'SIZE 10', 'HELP')))).toBe(
      '250-mx\r\n250-SIZE 10\r\n250 HELP\r\n',
    );
    expect(text(serializeReply(reply(334, '')))).toBe('334 \r\n');
    expect(text(serializeReply(reply(250)))).toBe('250 \r\n');
  });

  it('refuses CR/LF in text and odd codes', () => {
    expect(() => serializeReply(reply(250, 'ok\r\n250 forged'))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => serializeReply(reply(99, 'x'))).toThrow(ParseError);
    expect(() => serializeReply(reply(250.5, 'x'))).toThrow(ParseError);
  });
});
