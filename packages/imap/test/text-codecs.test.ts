import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeEncodedWords,
  decodeModifiedUtf7,
  encodeModifiedUtf7,
  formatDateTime,
  mailboxName,
  parseDateTime,
} from '../src/index';

describe('modified UTF-7 mailbox names (RFC 3501 §5.1.3)', () => {
  it('decodes the RFC example and special cases', () => {
    expect(decodeModifiedUtf7('~peter/mail/&U,BTFw-/&ZeVnLIqe-')).toBe('~peter/mail/台北/日本語');
    expect(decodeModifiedUtf7('&-')).toBe('&');
    expect(decodeModifiedUtf7('Entw&APw-rfe')).toBe('Entwürfe');
    expect(decodeModifiedUtf7('&2D3eAA-')).toBe('😀');
    expect(mailboxName('iNbOx')).toEqual({ name: 'INBOX', raw: 'iNbOx' });
  });
  it('rejects what is not modified UTF-7', () => {
    for (const bad of ['&', '&Zz', '&AGE-', '&ZeVnLIqe', 'a\u00e9', '&!!-', '&ZeVnLIq-']) {
      expect(decodeModifiedUtf7(bad)).toBeNull();
    }
  });
  it('encode then decode gives the name back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (s) => {
        const e = encodeModifiedUtf7(s);
        expect(e).toMatch(/^[\x20-\x7e]*$/);
        expect(decodeModifiedUtf7(e)).toBe(s);
      }),
    );
  });
});

describe('date-time (RFC 3501 §9)', () => {
  it('parses and keeps the zone', () => {
    expect(parseDateTime('17-Jul-1996 02:44:25 -0700')).toEqual({
      date: new Date('1996-07-17T09:44:25Z'),
      zone: '-0700',
      zoneMinutes: -420,
    });
    expect(parseDateTime(' 1-jan-2000 00:00:00 +0000')?.date).toEqual(new Date('2000-01-01T00:00:00Z'));
    expect(parseDateTime('1-Jan-2000 00:00:00 +0000')?.date).toEqual(new Date('2000-01-01T00:00:00Z'));
  });
  it('rejects malformed dates', () => {
    for (const bad of [
      '',
      '17-Jul-1996',
      '32-Jul-1996 02:44:25 -0700',
      '17-Foo-1996 02:44:25 -0700',
      '17-Jul-1996 24:00:00 +0000',
      '17-Jul-1996 02:44:25 0700',
    ]) {
      expect(parseDateTime(bad)).toBeNull();
    }
  });
  it('formats in its own zone', () => {
    const dt = parseDateTime(' 7-Feb-2024 23:59:59 +0530');
    expect(dt && formatDateTime(dt)).toBe(' 7-Feb-2024 23:59:59 +0530');
  });
});

describe('decodeEncodedWords (RFC 2047)', () => {
  it('decodes B and Q words in any TextDecoder charset, joining adjacent words', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= aus =?ISO-8859-1?Q?K=F6ln?=')).toBe(
      'Grüße aus Köln',
    );
    expect(decodeEncodedWords('=?utf-8?B?5pel5pys6Kqe?= =?utf-8?B?44Gn44GZ?=')).toBe('日本語です');
    expect(decodeEncodedWords('=?UTF-8?Q?a_b?=')).toBe('a b');
    expect(decodeEncodedWords('=?UTF-8*en?Q?hi?=')).toBe('hi');
  });
  it('leaves malformed words and unknown charsets alone', () => {
    for (const s of ['plain', '=?UTF-8?X?abc?=', '=?NOPE-9?Q?abc?=', '=?UTF-8?Q?a=ZZ?=', '=?UTF-8?Q?abc']) {
      expect(decodeEncodedWords(s)).toBe(s);
    }
  });
});
