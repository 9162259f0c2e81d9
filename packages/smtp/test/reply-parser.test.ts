import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { SmtpReplyParser, type SmtpReplyParserEvent, type SmtpReplyParserOptions } from '../src/index';
import { bytes, plain, splitAt } from './session-wire';

function parse(text: string | Uint8Array, options: SmtpReplyParserOptions = {}): SmtpReplyParserEvent[] {
  const p = new SmtpReplyParser(options);
  return [...p.push(typeof text === 'string' ? bytes(text) : text), ...p.end()];
}

function replies(events: SmtpReplyParserEvent[]) {
  return events.flatMap((e) => (e.type === 'reply' ? [e.reply] : []));
}

function warnings(events: SmtpReplyParserEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'warning' ? [e.code] : []));
}

function errors(events: SmtpReplyParserEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'error' ? [e.error.code] : []));
}

function strictThrows(text: string | Uint8Array, code: string, options: SmtpReplyParserOptions = {}): void {
  const p = new SmtpReplyParser({ ...options, strict: true });
  let caught: unknown;
  try {
    p.push(typeof text === 'string' ? bytes(text) : text);
    p.end();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ParseError);
  expect((caught as ParseError).code).toBe(code);
  // The parser is unusable afterwards: the same error again.
  expect(() => p.push(bytes('250 ok\r\n'))).toThrow(caught as Error);
}

const EHLO_REPLY =
  '250-mx.example.com Hello [192.0.2.1]\r\n250-SIZE 52428800\r\n250-8BITMIME\r\n250-PIPELINING\r\n' +
  '250-AUTH PLAIN LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n250-CHUNKING\r\n250 SMTPUTF8\r\n';

describe('SmtpReplyParser: valid replies', () => {
  it('reads a single-line reply', () => {
    const [r] = replies(parse('220 mx.example.com ESMTP ready\r\n'));
    expect(r?.code).toBe(220);
    expect(r?.lines).toEqual(['mx.example.com ESMTP ready']);
    expect(r?.offset).toBe(0);
    expect(r?.byteLength).toBe(32);
  });

  it('reads a multi-line reply: code of the last line, every line kept', () => {
    const events = parse(EHLO_REPLY, { strict: true });
    expect(events).toHaveLength(1);
    const [r] = replies(events);
    expect(r?.code).toBe(250);
    expect(r?.lines).toEqual([
      'mx.example.com Hello [192.0.2.1]',
      'SIZE 52428800',
      '8BITMIME',
      'PIPELINING',
      'AUTH PLAIN LOGIN',
      'ENHANCEDSTATUSCODES',
      'CHUNKING',
      'SMTPUTF8',
    ]);
    expect(r?.rawLines.map((l) => new TextDecoder().decode(l))).toEqual(r?.lines);
  });

  it('reads several replies in one chunk with their offsets', () => {
    const rs = replies(parse('250 a\r\n251 b\r\n252-c\r\n252 d\r\n'));
    expect(rs.map((r) => [r.code, r.offset])).toEqual([
      [250, 0],
      [251, 7],
      [252, 14],
    ]);
  });

  it('empty text after the space, and empty continuation lines, are valid', () => {
    const events = parse('250 \r\n250-\r\n250 \r\n', { strict: true });
    expect(replies(events).map((r) => r.lines)).toEqual([[''], ['', '']]);
  });

  it('gives the same events for every split of the input at every byte position', () => {
    const input = bytes(`220 mx ESMTP\r\n${EHLO_REPLY}334 VXNlcm5hbWU6\r\n250 2.1.5 Ok\r\n354 go\r\n`);
    const whole = plain(parse(input));
    for (let i = 1; i < input.length; i++) {
      const p = new SmtpReplyParser();
      const events = splitAt(input, [i]).flatMap((c) => p.push(c));
      events.push(...p.end());
      expect(plain(events)).toEqual(whole);
    }
    // and byte by byte
    const p = new SmtpReplyParser();
    const events: SmtpReplyParserEvent[] = [];
    for (let i = 0; i < input.length; i++) events.push(...p.push(input.subarray(i, i + 1)));
    events.push(...p.end());
    expect(plain(events)).toEqual(whole);
  });

  it('every two-way split inside the three-digit code of quirky input gives the same events', () => {
    const input = bytes('250-first\n251 second\r\n334\r\n250OK\r\n');
    const whole = plain(parse(input));
    for (let i = 1; i < input.length; i++) {
      for (let j = i + 1; j < Math.min(input.length, i + 6); j++) {
        const p = new SmtpReplyParser();
        const events = splitAt(input, [i, j]).flatMap((c) => p.push(c));
        events.push(...p.end());
        expect(plain(events)).toEqual(whole);
      }
    }
  });
});

describe('SmtpReplyParser: enhanced status codes (RFC 3463)', () => {
  it('reads class, subject and detail when the text clearly starts with one', () => {
    const [r] = replies(parse('550 5.1.1 <nobody@example.com>: Recipient address rejected\r\n'));
    expect(r?.enhanced).toEqual({ class: 5, subject: 1, detail: 1, raw: '5.1.1' });
    expect(r?.lines[0]).toBe('5.1.1 <nobody@example.com>: Recipient address rejected');
  });

  it('three-digit subject and detail', () => {
    expect(replies(parse('451 4.123.999 later\r\n'))[0]?.enhanced).toEqual({
      class: 4,
      subject: 123,
      detail: 999,
      raw: '4.123.999',
    });
  });

  it('never takes a first word that is not one', () => {
    for (const text of [
      '250 2.0 Ok',
      '250 2.0.0.1 x',
      '250 2.0.0x',
      '250 OK 2.0.0',
      '250 1.2.3 x',
      '250 2..0 x',
      '250 2.1234.0 x',
    ]) {
      expect(replies(parse(`${text}\r\n`))[0]?.enhanced).toBeUndefined();
    }
  });

  it('without ENHANCEDSTATUSCODES a class that disagrees with the reply code is not taken', () => {
    expect(replies(parse('250 5.1.1 odd\r\n'))[0]?.enhanced).toBeUndefined();
    expect(replies(parse('250 5.1.1 odd\r\n', { enhancedStatusCodes: true }))[0]?.enhanced?.raw).toBe(
      '5.1.1',
    );
  });

  it('a code with nothing after it is still one', () => {
    expect(replies(parse('250 2.0.0\r\n'))[0]?.enhanced?.raw).toBe('2.0.0');
  });
});

describe('SmtpReplyParser: lenient quirks (warning) and strict mode (ParseError)', () => {
  it('bare LF line ends: some qmail/sendmail-era and embedded servers', () => {
    const events = parse('250-first\n250 second\n');
    expect(warnings(events)).toEqual(['BARE_LF', 'BARE_LF']);
    expect(replies(events)[0]?.lines).toEqual(['first', 'second']);
    strictThrows('250-first\n250 second\r\n', 'BARE_LF');
  });

  it('missing space after the code: certain IIS/Exchange versions ("250OK")', () => {
    const events = parse('250OK\r\n');
    expect(warnings(events)).toEqual(['MISSING_SPACE']);
    expect(replies(events)[0]).toMatchObject({ code: 250, lines: ['OK'] });
    strictThrows('250OK\r\n', 'BAD_SYNTAX');
  });

  it('bare 334 without the space: many servers, Postfix among them, for an empty challenge', () => {
    const events = parse('334\r\n');
    expect(warnings(events)).toEqual(['MISSING_TEXT']);
    expect(replies(events)[0]).toMatchObject({ code: 334, lines: [''] });
    strictThrows('334\r\n', 'BAD_SYNTAX');
    expect(warnings(parse('334 \r\n'))).toEqual([]);
    // A bare "250": some embedded and test servers.
    expect(warnings(parse('250\r\n'))).toEqual(['MISSING_TEXT']);
    strictThrows('250\r\n', 'BAD_SYNTAX');
  });

  it('mismatched codes between lines: proxies and old gateways splicing replies', () => {
    const events = parse('250-first\r\n251 last\r\n');
    expect(warnings(events)).toEqual(['CODE_MISMATCH']);
    expect(replies(events)[0]).toMatchObject({ code: 251, lines: ['first', 'last'] });
    strictThrows('250-first\r\n251 last\r\n', 'BAD_SYNTAX');
  });

  it('8-bit text: localised servers sending Latin-1 or UTF-8 without SMTPUTF8', () => {
    const latin1 = Uint8Array.from([...bytes('550 Empf'), 0xe4, ...bytes('nger unbekannt\r\n')]);
    const events = parse(latin1);
    expect(warnings(events)).toEqual(['EIGHT_BIT_TEXT']);
    const [r] = replies(events);
    expect(r?.lines[0]).toBe('Empfänger unbekannt');
    expect(Array.from(r?.rawLines[0] ?? [])).toContain(0xe4);
    strictThrows(latin1, 'BAD_SYNTAX');
    // UTF-8 with SMTPUTF8 in effect is not a quirk.
    const utf8 = bytes('550 Empfänger unbekannt\r\n');
    expect(warnings(parse(utf8, { utf8: true, strict: true }))).toEqual([]);
    expect(warnings(parse(utf8))).toEqual(['EIGHT_BIT_TEXT']);
  });

  it('control characters and bare CR in text: broken embedded servers', () => {
    const events = parse('250 a\rb\r\n');
    expect(warnings(events)).toEqual(['CONTROL_CHARACTER']);
    strictThrows('250 a\rb\r\n', 'BARE_CR');
    strictThrows('250 a\x00b\r\n', 'BAD_SYNTAX');
  });

  it('codes outside RFC 5321 ranges: broken appliances', () => {
    expect(warnings(parse('199 hm\r\n'))).toEqual(['UNUSUAL_CODE']);
    expect(warnings(parse('260 hm\r\n'))).toEqual(['UNUSUAL_CODE']);
    strictThrows('199 hm\r\n', 'BAD_SYNTAX');
  });
});

describe('SmtpReplyParser: errors and resynchronisation', () => {
  it('a line without a code is an error; parsing goes on at the next reply', () => {
    const events = parse('hello there\r\n250 ok\r\n');
    expect(errors(events)).toEqual(['BAD_SYNTAX']);
    expect(replies(events).map((r) => r.code)).toEqual([250]);
    strictThrows('hello\r\n', 'BAD_SYNTAX');
  });

  it('an error inside a multi-line reply drops the rest of that reply', () => {
    const events = parse('250-a\r\nxx-b\r\n250-c\r\n250 d\r\n220 next\r\n');
    expect(errors(events)).toEqual(['BAD_SYNTAX']);
    expect(replies(events).map((r) => [r.code, r.lines])).toEqual([[220, ['next']]]);
  });

  it('stream ending inside a reply: UNEXPECTED_EOF', () => {
    expect(errors(parse('250-a\r\n'))).toEqual(['UNEXPECTED_EOF']);
    expect(errors(parse('250 partial'))).toEqual(['UNEXPECTED_EOF']);
    strictThrows('250-a\r\n250 b', 'UNEXPECTED_EOF');
  });

  it('line length limit: 512 by default (RFC 5321 §4.5.3.1.5), then resync', () => {
    const long = `250 ${'x'.repeat(600)}\r\n`;
    const events = parse(`${long}250 ok\r\n`);
    expect(errors(events)).toEqual(['LINE_TOO_LONG']);
    expect(replies(events).map((r) => r.lines)).toEqual([['ok']]);
    expect(errors(parse(`250 ${'x'.repeat(508)}\r\n`))).toEqual([]);
    expect(errors(parse(`250 ${'x'.repeat(509)}\r\n`))).toEqual(['LINE_TOO_LONG']);
    strictThrows(long, 'LINE_TOO_LONG');
    expect(errors(parse(`250 ${'x'.repeat(600)}\r\n`, { limits: { maxLineLength: 1000 } }))).toEqual([]);
  });

  it('a too-long continuation line drops the whole reply, whatever the chunking', () => {
    const input = bytes(`250-${'x'.repeat(600)}\r\n250-b\r\n250 c\r\n221 bye\r\n`);
    const events = parse(input);
    expect(errors(events)).toEqual(['LINE_TOO_LONG']);
    expect(replies(events).map((r) => r.code)).toEqual([221]);
    for (let i = 1; i < 8; i++) {
      const p = new SmtpReplyParser();
      const split = splitAt(input, [i]).flatMap((c) => p.push(c));
      expect(plain(split)).toEqual(plain(events));
    }
  });

  it('lines per reply limit', () => {
    const text = `${'250-x\r\n'.repeat(5)}250 y\r\n221 bye\r\n`;
    const events = parse(text, { limits: { maxReplyLines: 3 } });
    expect(errors(events)).toEqual(['TOO_MANY_LINES']);
    expect(replies(events).map((r) => r.code)).toEqual([221]);
    strictThrows(text, 'TOO_MANY_LINES', { limits: { maxReplyLines: 3 } });
  });

  it('reply size limit', () => {
    const text = `${'250-xxxxxxxxxx\r\n'.repeat(10)}250 y\r\n221 bye\r\n`;
    const events = parse(text, { limits: { maxResponseSize: 100 } });
    expect(errors(events)).toEqual(['RESPONSE_TOO_LARGE']);
    expect(replies(events).map((r) => r.code)).toEqual([221]);
  });

  it('a long line arriving byte by byte is refused as soon as it passes the limit', () => {
    const p = new SmtpReplyParser({ limits: { maxLineLength: 20 } });
    const out: SmtpReplyParserEvent[] = [];
    for (let i = 0; i < 30; i++) out.push(...p.push(bytes('x')));
    expect(errors(out)).toEqual(['LINE_TOO_LONG']);
    expect(p.buffered).toBe(0);
  });
});
