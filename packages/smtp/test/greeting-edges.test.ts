import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { parseGreeting } from '../src/index';

const reply = (code: number, ...lines: string[]) => ({ code, lines });

describe('parseGreeting (RFC 5321 §4.2 greeting, §3.1)', () => {
  it('a domain alone: empty text', () => {
    expect(parseGreeting(reply(220, 'mx.example.com'))).toEqual({
      code: 220,
      ready: true,
      domain: 'mx.example.com',
      text: '',
      esmtp: false,
    });
  });

  it('no lines: empty domain; a leading space: empty domain, the rest is text', () => {
    expect(parseGreeting(reply(220))).toMatchObject({ domain: '', text: '' });
    expect(parseGreeting(reply(220, ' ESMTP ready'))).toMatchObject({ domain: '', text: 'ESMTP ready' });
  });

  it('421 (service not available) is a greeting, not ready', () => {
    expect(parseGreeting(reply(421, 'mx.example.com Service not available'))).toMatchObject({
      code: 421,
      ready: false,
    });
  });

  it('ESMTP at the start of a line, at its end, and on any line of a multi-line greeting', () => {
    expect(parseGreeting(reply(220, 'mx.example.com', 'ESMTP Postfix')).esmtp).toBe(true);
    expect(parseGreeting(reply(220, 'mx.example.com ESMTP')).esmtp).toBe(true);
    expect(parseGreeting(reply(220, 'mx.example.com ESMTP Exim', 'We do not authorize UBE')).esmtp).toBe(
      true,
    );
    expect(parseGreeting(reply(220, 'mx.example.com (ESMTP) ready')).esmtp).toBe(true);
    // A word that merely contains it is not the keyword.
    expect(parseGreeting(reply(220, 'mx.example.com NOESMTPX')).esmtp).toBe(false);
  });

  it('refuses other codes with UNEXPECTED_RESPONSE naming the code', () => {
    let caught: unknown;
    try {
      parseGreeting(reply(250, 'x'));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ParseError);
    expect(caught).toMatchObject({ protocol: 'smtp', code: 'UNEXPECTED_RESPONSE' });
    expect((caught as ParseError).message).toMatch(/greeting must be 220, 421 or 554, got 250/);
  });
});
