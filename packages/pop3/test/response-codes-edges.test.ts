import { describe, expect, it } from 'vitest';
import {
  isValidResponseCode,
  type Pop3ResponseEvent,
  Pop3ResponseParser,
  type Pop3ResponseParserEvent,
  parseResponseCode,
  responseCode,
} from '../src/index';
import { bytes, feed, ofType } from './event-helpers';

function events(line: string, strict = false): Pop3ResponseParserEvent[] {
  return feed(new Pop3ResponseParser({ strict }), bytes(line));
}

function one(line: string, strict = false): Pop3ResponseEvent {
  const [r] = ofType(events(line, strict), 'response');
  if (!r) throw new Error('no response');
  return r;
}

// RFC 2449 §8: resp-code = "[" resp-level *("/" resp-level) "]"; resp-level = 1*rchar;
// rchar = %x21-2E / %x30-5C / %x5E-7F.
describe('the RFC 2449 §8.1 / RFC 3206 codes', () => {
  it.each([
    ['-ERR [IN-USE] Do you have another POP session running?', 'IN-USE', ['IN-USE']],
    ['-ERR [LOGIN-DELAY] wait a little longer', 'LOGIN-DELAY', ['LOGIN-DELAY']],
    ['-ERR [SYS/TEMP] Server busy, try later', 'SYS/TEMP', ['SYS', 'TEMP']],
    ['-ERR [SYS/PERM] Your account is locked', 'SYS/PERM', ['SYS', 'PERM']],
    ['-ERR [AUTH] Bad password', 'AUTH', ['AUTH']],
  ])('%s', (line, raw, parts) => {
    const r = one(`${line}\r\n`, true);
    expect(r.code).toEqual({ raw, parts, known: true });
    expect(r.text).toBe(line.slice(line.indexOf(']') + 2));
  });

  it('codes are matched case-insensitively for `known`, kept as sent in `raw`', () => {
    expect(one('-ERR [in-use] locked\r\n', true).code).toEqual({
      raw: 'in-use',
      parts: ['in-use'],
      known: true,
    });
  });
});

describe('the text after the code', () => {
  it('starts right after "]" when no space follows (one optional space is skipped, no more)', () => {
    expect(one('-ERR [SYS/TEMP]busy\r\n', true)).toMatchObject({ code: { raw: 'SYS/TEMP' }, text: 'busy' });
    expect(one('-ERR [AUTH]  two spaces\r\n', true).text).toBe(' two spaces');
    expect(parseResponseCode(bytes('[AUTH]x'))?.textStart).toBe(6);
    expect(parseResponseCode(bytes('[AUTH] x'))?.textStart).toBe(7);
    expect(parseResponseCode(bytes('[AUTH]'))?.textStart).toBe(6);
  });
});

describe('rchar range ends', () => {
  it('DEL (0x7F) is an rchar: still a code (the control character is a lenient warning)', () => {
    const ev = events('-ERR [X-DEL\x7f] odd\r\n');
    expect(ofType(ev, 'warning').map((w) => w.code)).toEqual(['CONTROL_CHARACTER']);
    expect(ofType(ev, 'response')[0]?.code).toEqual({ raw: 'X-DEL\x7f', parts: ['X-DEL\x7f'], known: false });
    expect(isValidResponseCode('X-DEL\x7f')).toBe(true);
    expect(parseResponseCode(bytes('[\x7f]'))?.code.raw).toBe('\x7f');
  });

  it('an 8-bit byte is no rchar: the brackets stay text', () => {
    const r = one('-ERR [IN-USE\xc4] locked\r\n');
    expect(r.code).toBeUndefined();
    expect(r.text).toBe('[IN-USE\u00c4] locked');
    expect(parseResponseCode(bytes('[\x80]'))).toBeUndefined();
    expect(isValidResponseCode('IN-USE\u00c4')).toBe(false);
    expect(isValidResponseCode('\u0100')).toBe(false);
  });

  it('"!" (0x21) is an rchar, space (0x20) is not', () => {
    expect(isValidResponseCode('!')).toBe(true);
    expect(parseResponseCode(bytes('[!] x'))?.code.raw).toBe('!');
    expect(parseResponseCode(bytes('[ ] x'))).toBeUndefined();
  });
});

describe('isValidResponseCode (the serializer refuses what it rejects)', () => {
  it('empty, and empty levels anywhere, are invalid', () => {
    expect(isValidResponseCode('')).toBe(false);
    expect(isValidResponseCode('/')).toBe(false);
    expect(isValidResponseCode('/SYS')).toBe(false);
    expect(isValidResponseCode('SYS//TEMP')).toBe(false);
    expect(isValidResponseCode('SYS/TEMP/')).toBe(false);
  });

  it('hierarchical codes with non-empty levels are valid', () => {
    expect(isValidResponseCode('A')).toBe(true);
    expect(isValidResponseCode('SYS/TEMP')).toBe(true);
    expect(isValidResponseCode('X-VENDOR/A/B')).toBe(true);
  });
});

describe('responseCode(raw)', () => {
  it('splits the levels and knows the registered codes, in any case', () => {
    expect(responseCode('SYS/TEMP')).toEqual({ raw: 'SYS/TEMP', parts: ['SYS', 'TEMP'], known: true });
    expect(responseCode('login-delay')).toEqual({ raw: 'login-delay', parts: ['login-delay'], known: true });
    expect(responseCode('X-VENDOR/A')).toEqual({ raw: 'X-VENDOR/A', parts: ['X-VENDOR', 'A'], known: false });
  });

  it('agrees with what the parser reads', () => {
    for (const raw of ['IN-USE', 'SYS/PERM', 'X-Y/Z']) {
      expect(parseResponseCode(bytes(`[${raw}] text`))?.code).toEqual(responseCode(raw));
    }
  });
});
