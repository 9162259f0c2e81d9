import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { type Pop3Capabilities, Pop3ResponseParser, type Pop3ResponseParserEvent } from '../src/index';
import { bytes, feed, ofType } from './event-helpers';

function capaEvents(lines: string[], strict = false): Pop3ResponseParserEvent[] {
  const p = new Pop3ResponseParser({ strict });
  p.expectCommand({ name: 'CAPA' });
  return feed(p, bytes(`+OK Capability list follows\r\n${lines.map((l) => `${l}\r\n`).join('')}.\r\n`));
}

/** The interpreted capabilities of a CAPA answer made of `lines` (strict: no quirk allowed). */
function capa(lines: string[]): Pop3Capabilities {
  const [r] = ofType(capaEvents(lines, true), 'response');
  if (!r?.capabilities) throw new Error('no capabilities');
  return r.capabilities;
}

/** Every capability flag unset (RFC 2449 §6: a capability not listed is not offered). */
const NO_FLAGS = {
  top: false,
  user: false,
  sasl: [],
  respCodes: false,
  pipelining: false,
  stls: false,
  uidl: false,
  lang: false,
};

describe('CAPA: what is not announced is off (RFC 2449 §5)', () => {
  it('an empty capability list gives every flag false, no values', () => {
    expect(capa([])).toEqual({ entries: [], ...NO_FLAGS });
  });

  it('only unknown capabilities: kept in entries, every flag still false', () => {
    expect(capa(['X-FOO bar', 'XTND'])).toEqual({
      entries: [
        { name: 'X-FOO', args: ['bar'] },
        { name: 'XTND', args: [] },
      ],
      ...NO_FLAGS,
    });
  });

  it('the RFC 2449 §6 example list, plus STLS (RFC 2595 §4)', () => {
    const c = capa([
      'TOP',
      'USER',
      'SASL CRAM-MD5 KERBEROS_V4',
      'RESP-CODES',
      'LOGIN-DELAY 900',
      'PIPELINING',
      'EXPIRE 60',
      'UIDL',
      'IMPLEMENTATION Shlemazle-Plotz-v302',
      'STLS',
    ]);
    expect(c).toMatchObject({
      top: true,
      user: true,
      sasl: ['CRAM-MD5', 'KERBEROS_V4'],
      respCodes: true,
      pipelining: true,
      stls: true,
      uidl: true,
      lang: false,
      loginDelay: { seconds: 900, perUser: false },
      expire: { never: false, days: 60, perUser: false },
      implementation: 'Shlemazle-Plotz-v302',
    });
    expect(c.utf8).toBeUndefined();
  });
});

describe('SASL (RFC 2449 §6.3, RFC 5034 §3)', () => {
  it('mechanisms are upper-cased and listed once, in first-seen order, across lines', () => {
    expect(capa(['SASL PLAIN plain LOGIN', 'SASL login XOAUTH2']).sasl).toEqual([
      'PLAIN',
      'LOGIN',
      'XOAUTH2',
    ]);
  });
});

describe('IMPLEMENTATION (RFC 2449 §6.9): free text kept whole', () => {
  it('text with several spaces is one argument, and no EXTRA_SPACE quirk', () => {
    const c = capa(['IMPLEMENTATION Cyrus  POP3 v2.4']);
    expect(c.entries).toEqual([{ name: 'IMPLEMENTATION', args: ['Cyrus  POP3 v2.4'] }]);
    expect(c.implementation).toBe('Cyrus  POP3 v2.4');
  });

  it('IMPLEMENTATION without text: no argument, empty implementation string', () => {
    const c = capa(['IMPLEMENTATION']);
    expect(c.entries).toEqual([{ name: 'IMPLEMENTATION', args: [] }]);
    expect(c.implementation).toBe('');
  });
});

describe('EXPIRE (RFC 2449 §6.7: "EXPIRE" SP ("NEVER" / 1*DIGIT [SP "USER"]))', () => {
  it.each([
    ['EXPIRE NEVER', { never: true }],
    ['EXPIRE never', { never: true }],
    ['EXPIRE 0', { never: false, days: 0, perUser: false }],
    ['EXPIRE 30', { never: false, days: 30, perUser: false }],
    ['EXPIRE 30 USER', { never: false, days: 30, perUser: true }],
    ['EXPIRE 30 user', { never: false, days: 30, perUser: true }],
    ['EXPIRE 30 OTHER', { never: false, days: 30, perUser: false }],
    // 15 digits is the most the codec reads (exact as a JavaScript number)
    ['EXPIRE 999999999999999', { never: false, days: 999_999_999_999_999, perUser: false }],
  ])('%s', (line, expire) => {
    expect(capa([line]).expire).toEqual(expire);
  });

  it.each([
    ['EXPIRE'],
    ['EXPIRE soon'],
    ['EXPIRE x5'],
    ['EXPIRE 5x'],
    ['EXPIRE -1'],
    // one digit past the 15 the codec reads: no value rather than a rounded one
    ['EXPIRE 1234567890123456'],
  ])('%s: a value that is no number is ignored (the entry is kept)', (line) => {
    const c = capa([line]);
    expect(c.expire).toBeUndefined();
    expect(c.entries).toHaveLength(1);
    expect(c.entries[0]?.name).toBe('EXPIRE');
  });
});

describe('LOGIN-DELAY (RFC 2449 §6.5: "LOGIN-DELAY" SP 1*DIGIT [SP "USER"])', () => {
  it.each([
    ['LOGIN-DELAY 0', { seconds: 0, perUser: false }],
    ['LOGIN-DELAY 900', { seconds: 900, perUser: false }],
    ['LOGIN-DELAY 900 USER', { seconds: 900, perUser: true }],
    ['LOGIN-DELAY 900 User', { seconds: 900, perUser: true }],
  ])('%s', (line, loginDelay) => {
    expect(capa([line]).loginDelay).toEqual(loginDelay);
  });

  it.each([['LOGIN-DELAY'], ['LOGIN-DELAY never'], ['LOGIN-DELAY 1.5'], ['LOGIN-DELAY 1234567890123456']])(
    '%s: ignored',
    (line) => {
      expect(capa([line]).loginDelay).toBeUndefined();
    },
  );
});

describe('UTF8 (RFC 6856 §2: "UTF8" [SP "USER"])', () => {
  it.each([
    ['UTF8', false],
    ['UTF8 USER', true],
    ['UTF8 user', true],
    ['UTF8 X-OTHER', false],
    // a later extension parameter after USER does not hide it
    ['UTF8 USER X-OTHER', true],
  ])('%s -> user %s', (line, user) => {
    expect(capa([line]).utf8).toEqual({ user });
  });
});

describe('capability tags', () => {
  it('are case-insensitive and kept upper-cased; arguments as sent', () => {
    expect(capa(['top', 'Sasl plain', 'x-Vendor MiXed']).entries).toEqual([
      { name: 'TOP', args: [] },
      { name: 'SASL', args: ['plain'] },
      { name: 'X-VENDOR', args: ['MiXed'] },
    ]);
  });

  it('lenient: a leading space is EXTRA_SPACE and the tag is the first field after it', () => {
    // Seen from hand-written test servers that indent the list.
    const events = capaEvents([' TOP', ' SASL PLAIN', ' IMPLEMENTATION Foo  1.0']);
    // "+OK Capability list follows\r\n" is 29 bytes: the lines start at 29, 35 and 48
    expect(ofType(events, 'warning').map(({ code, offset }) => ({ code, offset }))).toEqual([
      { code: 'EXTRA_SPACE', offset: 29 },
      { code: 'EXTRA_SPACE', offset: 35 },
      { code: 'EXTRA_SPACE', offset: 48 },
    ]);
    const c = ofType(events, 'response')[0]?.capabilities;
    expect(c?.entries).toEqual([
      { name: 'TOP', args: [] },
      { name: 'SASL', args: ['PLAIN'] },
      { name: 'IMPLEMENTATION', args: ['Foo  1.0'] },
    ]);
    expect(c).toMatchObject({ top: true, sasl: ['PLAIN'], implementation: 'Foo  1.0' });
  });

  it('strict: a leading space throws BAD_SYNTAX [EXTRA_SPACE]', () => {
    let err: unknown;
    try {
      capaEvents([' TOP'], true);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParseError);
    expect(err).toMatchObject({ code: 'BAD_SYNTAX', offset: 29 });
    expect((err as ParseError).message).toMatch(/\[EXTRA_SPACE\]/);
  });
});
