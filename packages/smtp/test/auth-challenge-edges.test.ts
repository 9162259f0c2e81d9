import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { parseAuthChallenge } from '../src/index';

const reply = (code: number, ...lines: string[]) => ({ code, lines });
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('parseAuthChallenge (RFC 4954 §4)', () => {
  it('refuses a reply that is not 334 with UNEXPECTED_RESPONSE naming the code', () => {
    let caught: unknown;
    try {
      parseAuthChallenge(reply(235, '2.7.0 Authentication successful'));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ParseError);
    expect(caught).toMatchObject({ protocol: 'smtp', code: 'UNEXPECTED_RESPONSE' });
    expect((caught as ParseError).message).toMatch(/expected 334, got 235/);
  });

  it('surrounding spaces are ignored (some servers pad); the text is kept as received', () => {
    const c = parseAuthChallenge(reply(334, ' VXNlcm5hbWU6 '));
    expect(text(c.challenge)).toBe('Username:');
    expect(c.text).toBe(' VXNlcm5hbWU6 ');
    expect(parseAuthChallenge(reply(334, '  ')).challenge).toEqual(new Uint8Array(0));
  });

  it('a challenge continued over several lines is joined without separators', () => {
    const c = parseAuthChallenge(reply(334, 'VXNlcm5h', 'bWU6'));
    expect(text(c.challenge)).toBe('Username:');
    expect(c.text).toBe('VXNlcm5hbWU6');
  });

  it('bad base64 is an smtp BAD_BASE64 error', () => {
    expect(() => parseAuthChallenge(reply(334, 'VXNlcm5hbWU'))).toThrow(
      expect.objectContaining({ protocol: 'smtp', code: 'BAD_BASE64' }),
    );
  });
});
