import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { parseEhloReply } from '../src/index';

const reply = (code: number, ...lines: string[]) => ({ code, lines });

describe('parseEhloReply: first line (RFC 5321 §4.1.1.1 ehlo-ok-rsp)', () => {
  it('a domain alone: no greeting text', () => {
    const c = parseEhloReply(reply(250, 'mx.example.com'));
    expect(c.domain).toBe('mx.example.com');
    expect(c.greeting).toBe('');
  });

  it('no lines at all: empty domain and greeting', () => {
    const c = parseEhloReply(reply(250));
    expect([c.domain, c.greeting, c.entries]).toEqual(['', '', []]);
  });

  it('a first line starting with a space has an empty domain', () => {
    const c = parseEhloReply(reply(250, ' Hello there'));
    expect([c.domain, c.greeting]).toEqual(['', 'Hello there']);
  });

  it('refuses a reply that is not 250 with UNEXPECTED_RESPONSE naming the code', () => {
    let caught: unknown;
    try {
      parseEhloReply(reply(502, '5.5.1 EHLO not implemented'));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ParseError);
    expect(caught).toMatchObject({ protocol: 'smtp', code: 'UNEXPECTED_RESPONSE' });
    expect((caught as ParseError).message).toMatch(/EHLO reply must be 250, got 502/);
  });
});

describe('parseEhloReply: keyword lines', () => {
  it('empty and space-led lines: empty lines are skipped, leading blanks ignored', () => {
    const c = parseEhloReply(reply(250, 'mx', '', ' SIZE 1000', '\tPIPELINING'));
    expect(c.entries.map((e) => [e.keyword, e.params, e.line])).toEqual([
      ['SIZE', ['1000'], ' SIZE 1000'],
      ['PIPELINING', [], '\tPIPELINING'],
    ]);
    expect(c.size).toBe(1000);
  });

  it('equalsForm is false for ordinary lines and true for KEYWORD=param', () => {
    const c = parseEhloReply(reply(250, 'mx', 'AUTH LOGIN', 'AUTH=PLAIN'));
    expect(c.entries.map((e) => e.equalsForm)).toEqual([false, true]);
  });

  it('"AUTH= LOGIN PLAIN": an empty value after "=" adds no empty mechanism', () => {
    const c = parseEhloReply(reply(250, 'mx', 'AUTH= LOGIN PLAIN'));
    expect(c.entries[0]).toEqual({
      keyword: 'AUTH',
      params: ['LOGIN', 'PLAIN'],
      equalsForm: true,
      line: 'AUTH= LOGIN PLAIN',
    });
    expect(c.authMechanisms).toEqual(['LOGIN', 'PLAIN']);
  });

  it('a word starting with "=" has no keyword before it: kept whole, not the equals form', () => {
    const c = parseEhloReply(reply(250, 'mx', '=LOGIN'));
    expect(c.entries[0]).toMatchObject({ keyword: '=LOGIN', params: [], equalsForm: false });
  });

  it('VRFY, EXPN and HELP are known keywords, not listed as unknown', () => {
    const c = parseEhloReply(reply(250, 'mx', 'VRFY', 'EXPN', 'HELP', 'XFOO'));
    expect(c.unknown.map((e) => e.keyword)).toEqual(['XFOO']);
    expect(c.has('vrfy')).toBe(true);
  });
});

describe('SmtpCapabilities: SIZE (RFC 1870) and DELIVERBY (RFC 2852) values', () => {
  const size = (param: string) => parseEhloReply(reply(250, 'mx', `SIZE ${param}`)).size;
  const deliverBy = (...lines: string[]) => parseEhloReply(reply(250, 'mx', ...lines)).deliverBy;

  it('SIZE must be all digits: a number with letters before or after it is not a size', () => {
    expect(size('10485760')).toBe(10485760);
    expect(size('12abc')).toBeUndefined();
    expect(size('abc12')).toBeUndefined();
    // 15 digits at most (stays below 2^53); 16 is refused.
    expect(size('999999999999999')).toBe(999999999999999);
    expect(size('1234567890123456')).toBeUndefined();
  });

  it('DELIVERBY: undefined when not advertised, 0 without a (numeric) value', () => {
    expect(deliverBy('SIZE 10')).toBeUndefined();
    expect(deliverBy('DELIVERBY')).toBe(0);
    expect(deliverBy('DELIVERBY 240')).toBe(240);
    expect(deliverBy('DELIVERBY abc')).toBe(0);
    expect(deliverBy('DELIVERBY 12abc')).toBe(0);
    expect(deliverBy('DELIVERBY abc12')).toBe(0);
  });
});
