import type { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import {
  formatLocalPart,
  formatPath,
  isAddressLiteral,
  isDomain,
  isDotString,
  parsePath,
  type SmtpPath,
} from '../src/index';
import { caught } from './caught';

/** The error parsePath throws, checked to be a smtp BAD_SYNTAX. */
function refused(text: string, lenient: boolean): ParseError {
  const err = caught(() => parsePath(text, lenient));
  expect(err.code, text).toBe('BAD_SYNTAX');
  expect(err.protocol, text).toBe('smtp');
  return err;
}

const box = (localPart: string, domain: string): SmtpPath => ({ mailbox: { localPart, domain } });

describe('isDotString (RFC 5321 §4.1.2 Dot-string, RFC 5322 atext, RFC 6531 §3.3)', () => {
  it('letters and digits at both ends of their ranges, every atext special', () => {
    for (const s of ['a', 'z', 'A', 'Z', '0', '9', 'user42', "!#$%&'*+-/=?^_`{|}~", 'first.last']) {
      expect(isDotString(s), s).toBe(true);
    }
  });

  it('UTF8-non-ascii is atext from U+0080 on (SMTPUTF8)', () => {
    expect(isDotString('\u0080')).toBe(true);
    expect(isDotString('jürgen')).toBe(true);
  });

  it('specials, space and controls are not atext', () => {
    for (const ch of [' ', '"', '(', ')', ',', ':', ';', '<', '>', '@', '[', '\\', ']', '\x7f', '\x00']) {
      expect(isDotString(`a${ch}b`), JSON.stringify(ch)).toBe(false);
    }
  });

  it('dots only between atoms', () => {
    for (const s of ['', '.', '.a', 'a.', 'a..b']) expect(isDotString(s), s).toBe(false);
  });
});

describe('isDomain (RFC 5321 §4.1.2 Domain, §4.5.3.1.2 length)', () => {
  it('Let-dig at both ends of each label, hyphens inside', () => {
    expect(isDomain('A.EXAMPLE')).toBe(true);
    expect(isDomain('mx-1.example')).toBe(true);
    expect(isDomain('bücher.example')).toBe(true);
    expect(isDomain('\u0080.example')).toBe(true);
    for (const s of [
      '-a.example',
      'a-.example',
      'a_b.example',
      'a~b.example',
      'a{b}.example',
      'a b.example',
    ]) {
      expect(isDomain(s), s).toBe(false);
    }
  });

  it('a label is at most 63 octets', () => {
    expect(isDomain(`${'a'.repeat(63)}.example`)).toBe(true);
    expect(isDomain(`${'a'.repeat(64)}.example`)).toBe(false);
  });

  it('a domain is at most 255 octets', () => {
    const l63 = 'a'.repeat(63);
    const d255 = [l63, l63, l63, l63].join('.');
    expect(d255.length).toBe(255);
    expect(isDomain(d255)).toBe(true);
    const d256 = [l63, l63, l63, 'a'.repeat(62), 'b'].join('.');
    expect(d256.length).toBe(256);
    expect(isDomain(d256)).toBe(false);
  });
});

describe('isAddressLiteral (RFC 5321 §4.1.3)', () => {
  it('IPv4: every octet 0-255, exactly four', () => {
    for (const s of ['[255.255.255.255]', '[203.0.113.249]', '[8.8.8.8]', '[0.0.0.0]', '[10.99.100.199]']) {
      expect(isAddressLiteral(s), s).toBe(true);
    }
    for (const s of ['[256.0.0.1]', '[192.0.2.300]', '[1.2.3]', '[1.2.3.4.5]']) {
      expect(isAddressLiteral(s), s).toBe(false);
    }
  });

  it('needs both brackets', () => {
    for (const s of ['192.0.2.1', '(192.0.2.1]', '[192.0.2.1)', '[192.0.2.1', '192.0.2.1]']) {
      expect(isAddressLiteral(s), s).toBe(false);
    }
  });

  it('IPv6: hex, colons and dots, at most 45 characters, at least one colon', () => {
    expect(isAddressLiteral('[IPv6:::1]')).toBe(true);
    expect(isAddressLiteral('[IPv6:0000:0000:0000:0000:0000:ffff:255.255.255.255]')).toBe(true);
    expect(isAddressLiteral(`[IPv6:${'0:'.repeat(23)}]`)).toBe(false); // 46 characters
    expect(isAddressLiteral('[IPv6:1234]')).toBe(false);
    // A zone id (fe80::1%eth0) is not part of an address literal.
    expect(isAddressLiteral('[IPv6:fe80::1%eth0]')).toBe(false);
    // "IPv6" as a tag is reserved for IPv6 addresses: not a general literal.
    expect(isAddressLiteral('[IPv6:zzz]')).toBe(false);
  });

  it('IPv6-addr follows RFC 5321 §4.1.3: full, compressed, and with an IPv4 tail', () => {
    const valid = [
      '1:2:3:4:5:6:7:8', // IPv6-full
      'FFFF:0:0:0:0:0:0:abcd',
      '::', // IPv6-comp: "::" alone, at the start, the end, or inside
      '::1',
      '1::',
      '2001:db8::8:800:200c:417a',
      '1:2:3:4:5:6::', // six groups besides "::"
      '::1:2:3:4:5:6',
      '1:2:3:4:5:6:1.2.3.4', // IPv6v4-full
      '::1.2.3.4', // IPv6v4-comp
      '::ffff:192.0.2.1',
      '1:2:3:4::1.2.3.4', // four groups besides "::" and the IPv4 address
      '1::2:3:4:1.2.3.4',
    ];
    for (const a of valid) expect(isAddressLiteral(`[IPv6:${a}]`), a).toBe(true);
    expect(isAddressLiteral('[ipv6:::1]')).toBe(true); // the tag is case-insensitive
    const invalid = [
      '1:2:3:4:5:6:7', // seven groups, no "::"
      '1:2:3:4:5:6:7:g',
      '12345:2:3:4:5:6:7:8',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7::', // seven besides "::"
      '::1:2:3:4:5:6:7',
      '1::2::3', // "::" twice
      ':::1',
      '1:::2',
      ':1::2',
      '::1:',
      '12345::1', // five hex digits
      '1::g',
      '1.2.3.4', // an IPv4 address alone is not an IPv6 one
      '1:2:3:4:5:1.2.3.4', // five groups before the IPv4 address
      '1:2:3:4:5::1.2.3.4', // five besides "::"
      '::1:2:3:4:5:1.2.3.4',
      '1:2:3:4:5:6:7:8:1.2.3.4',
      '1:2:3:4:5:6:7:1.2.3.4',
      '::1.2.3',
      '::256.1.1.1',
      '::1.2.3.4:1',
      '1.2.3.4::',
      '',
    ];
    for (const a of invalid) expect(isAddressLiteral(`[IPv6:${a}]`), a).toBe(false);
  });

  it('General-address-literal = Standardized-tag ":" 1*dcontent', () => {
    for (const s of ['[x:y]', '[Foo:bar]', '[x-tag:a.b]', '[IPv6x:foo]', '[xIPv6:foo]']) {
      expect(isAddressLiteral(s), s).toBe(true);
    }
    // tag: Ldh-str (no leading or trailing "-", no "_"); dcontent excludes "[", "\", "]" and SP.
    for (const s of [
      '[:y]',
      '[x-:y]',
      '[-ab:y]',
      '[-IPv6:::1]',
      '[a_b:y]',
      '[Foo:]',
      '[Foo:a\\b]',
      '[Foo:a b]',
    ]) {
      expect(isAddressLiteral(s), s).toBe(false);
    }
  });
});

describe('parsePath: angle brackets', () => {
  it('a path must be enclosed in < and >; only lenient mode takes a bare mailbox', () => {
    for (const text of ['<a@b.example', 'a@b.example>', 'xa@b.example>', '']) {
      expect(refused(text, true).message, text).toMatch(/path must be enclosed in < and >/);
    }
    expect(refused('a@b.example', false).message).toMatch(/path must be enclosed in < and >/);
    expect(parsePath('a@b.example', true)).toEqual({
      path: box('a', 'b.example'),
      raw: 'a@b.example',
      quirks: ['MISSING_ANGLE_BRACKETS'],
    });
  });

  it('a path without a source route has no sourceRoute property', () => {
    expect(parsePath('<a@b.example>', false).path).toStrictEqual(box('a', 'b.example'));
  });
});

describe('parsePath: source routes (RFC 5321 §4.1.2 A-d-l, Appendix C)', () => {
  it('kept, with address-literal hops', () => {
    expect(parsePath('<@[192.0.2.1],@relay.example:u@c.example>', false).path).toStrictEqual({
      mailbox: { localPart: 'u', domain: 'c.example' },
      sourceRoute: ['@[192.0.2.1]', '@relay.example'],
    });
  });

  it('needs ":" before the mailbox', () => {
    expect(refused('<@a.example>', true).message).toMatch(/source route without ":"/);
  });

  it('every hop is "@" and a domain, in both modes', () => {
    for (const text of [
      '<@bad_host:u@c.example>',
      '<@hosta.int,jkl.org:userc@d.bar.org>',
      '<@:u@c.example>',
    ]) {
      expect(refused(text, true).message, text).toMatch(/bad source route/);
    }
  });

  it('no empty local part after a route; no <Postmaster> with a route', () => {
    expect(refused('<@a.example:@c.example>', true).message).toMatch(/bad local part/);
    expect(refused('<@a.example:Postmaster>', true).message).toMatch(/mailbox without "@domain"/);
  });
});

describe('parsePath: quoted local parts (RFC 5321 §4.1.2 Quoted-string)', () => {
  it('quoted-pairSMTP takes %d32-126: an escaped space is the space', () => {
    expect(parsePath('<"a\\ b"@c.example>', false).path).toEqual(box('a b', 'c.example'));
  });

  it('controls and DEL are refused, escaped or not', () => {
    for (const text of [
      '<"a\\\x01b"@c.example>',
      '<"a\\\x7fb"@c.example>',
      '<"a\x01b"@c.example>',
      '<"a\x7fb"@c.example>',
    ]) {
      expect(refused(text, true).message, JSON.stringify(text)).toMatch(
        /control character in quoted local part/,
      );
    }
  });

  it('unterminated: no closing quote, or a final backslash', () => {
    expect(refused('<"abc@d.example>', true).message).toMatch(/unterminated quoted local part/);
    expect(refused('<"ab\\>', true).message).toMatch(/unterminated quoted local part/);
  });

  it('"@domain" must follow the closing quote', () => {
    expect(refused('<"ab">', true).message).toMatch(/mailbox without "@domain"/);
    expect(refused('<"ab"x@c.example>', true).message).toMatch(/expected "@" after the quoted local part/);
  });
});

describe('parsePath: dot-string local parts and domains', () => {
  it('only <Postmaster> may omit the domain', () => {
    expect(refused('<alice>', true).message).toMatch(/mailbox without "@domain"/);
    expect(parsePath('<postmaster>', false).path).toEqual(box('postmaster', ''));
  });

  it('space or specials in an unquoted local part: refused in both modes', () => {
    expect(refused('<a b@c.example>', true).message).toMatch(/bad local part/);
  });

  it('a local part that is not a dot-string is an error in strict mode', () => {
    expect(refused('<a..b@c.example>', false).message).toMatch(/local part is not a dot-string/);
    expect(parsePath('<a..b@c.example>', true).quirks).toEqual(['BAD_LOCAL_PART']);
  });

  it('a bad domain is an error in strict mode', () => {
    expect(refused('<a@b..example>', false).message).toMatch(/bad domain in path/);
  });
});

describe('formatLocalPart / formatPath refuse what could not be read back', () => {
  function invalid(fn: () => unknown): ParseError {
    const err = caught(fn);
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.protocol).toBe('smtp');
    return err;
  }

  it('control characters in a local part (CR, LF, DEL, ...)', () => {
    for (const lp of ['a\x01b', 'a\x7fb', 'a\r\nb']) {
      expect(invalid(() => formatLocalPart(lp)).message).toMatch(
        /local part must not contain control characters/,
      );
    }
    expect(formatLocalPart('a\x80b')).toBe('a\x80b');
  });

  it('source routes: an empty route is no route; hops joined by ","', () => {
    expect(formatPath({ ...box('u', 'c.example'), sourceRoute: [] })).toBe('<u@c.example>');
    expect(formatPath({ ...box('u', 'c.example'), sourceRoute: ['@a.example', '@[192.0.2.1]'] })).toBe(
      '<@a.example,@[192.0.2.1]:u@c.example>',
    );
  });

  it('every hop is "@" and a domain or address literal', () => {
    for (const hop of ['a.example', 'xhost.example', '@bad_host', '@']) {
      const err = invalid(() => formatPath({ ...box('u', 'c.example'), sourceRoute: [hop] }));
      expect(err.message, hop).toMatch(/bad source route hop/);
    }
  });

  it('only <Postmaster>, without a route, may have no domain', () => {
    expect(formatPath(box('postmaster', ''))).toBe('<postmaster>');
    expect(invalid(() => formatPath(box('alice', ''))).message).toMatch(
      /only <Postmaster> may have no domain/,
    );
    expect(
      invalid(() => formatPath({ ...box('Postmaster', ''), sourceRoute: ['@a.example'] })).message,
    ).toMatch(/only <Postmaster> may have no domain/);
  });

  it('a domain that is neither a domain name nor an address literal', () => {
    expect(invalid(() => formatPath(box('a', 'b_c.example'))).message).toMatch(
      /domain is neither a domain name nor an address literal/,
    );
  });
});
