import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { SmtpReplyParser, type SmtpReplyParserEvent, type SmtpReplyParserOptions } from '../src/index';
import { bytes, plain, splitAt } from './session-wire';

function parse(text: string | Uint8Array, options: SmtpReplyParserOptions = {}): SmtpReplyParserEvent[] {
  const p = new SmtpReplyParser(options);
  return [...p.push(typeof text === 'string' ? bytes(text) : text), ...p.end()];
}

/** Replies as codes, errors and warnings by their code: the shape of an event stream. */
function shape(events: SmtpReplyParserEvent[]): (number | string)[] {
  return events.map((e) => (e.type === 'reply' ? e.reply.code : e.type === 'error' ? e.error.code : e.code));
}

function warning(events: SmtpReplyParserEvent[], code: string) {
  const w = events.find((e) => e.type === 'warning' && e.code === code);
  if (w?.type !== 'warning') throw new Error(`no ${code} warning`);
  return w;
}

function error(events: SmtpReplyParserEvent[]): ParseError {
  const e = events.find((x) => x.type === 'error');
  if (e?.type !== 'error') throw new Error('no error event');
  return e.error;
}

function strictError(text: string | Uint8Array, options: SmtpReplyParserOptions = {}): ParseError {
  const p = new SmtpReplyParser({ ...options, strict: true });
  try {
    p.push(typeof text === 'string' ? bytes(text) : text);
    p.end();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('no ParseError thrown');
}

describe('SmtpReplyParser: reply codes (RFC 5321 §4.2)', () => {
  it('each of the three code positions must be a digit', () => {
    for (const line of ['x50 ok', '2x0 ok', '25x ok']) {
      const events = parse(`${line}\r\n250 next\r\n`);
      expect(shape(events)).toEqual(['BAD_SYNTAX', 250]);
      const err = error(events);
      expect(err).toMatchObject({ protocol: 'smtp', offset: 0 });
      expect(err.message).toMatch(/reply line does not start with a three-digit reply code/);
    }
  });

  it('an empty line is a reply line without a code (reported by push itself)', () => {
    const p = new SmtpReplyParser();
    const events = p.push(bytes('\r\n250 ok\r\n'));
    expect(shape(events)).toEqual(['BAD_SYNTAX', 250]);
    expect(error(events).offset).toBe(0);
  });

  it('RFC 5321 §4.2.1 ranges: first digit 2-5, second 0-5; others are UNUSUAL_CODE', () => {
    for (const code of ['100', '600', '260']) {
      const events = parse(`${code} hm\r\n`);
      expect(shape(events)).toEqual(['UNUSUAL_CODE', Number(code)]);
      expect(warning(events, 'UNUSUAL_CODE').message).toMatch(
        new RegExp(`reply code ${code} is outside RFC 5321's ranges`),
      );
    }
    for (const code of ['200', '259', '500', '554'])
      expect(shape(parse(`${code} ok\r\n`))).toEqual([Number(code)]);
  });

  it('a reply without an enhanced status code has no `enhanced` property at all', () => {
    const [e] = parse('250 ok\r\n');
    expect(e?.type === 'reply' && Object.keys(e.reply).sort()).toEqual([
      'byteLength',
      'code',
      'lines',
      'offset',
      'rawLines',
    ]);
  });
});

describe('SmtpReplyParser: warnings carry the position and a message naming the quirk', () => {
  it('bare LF (qmail/sendmail-era and embedded servers): at the LF', () => {
    const w = warning(parse('250-first\n250 second\r\n'), 'BARE_LF');
    expect(w.offset).toBe(9);
    expect(w.message).toMatch(/reply line ended by a bare LF instead of CRLF/);
  });

  it('bare code without its space (Postfix empty 334): at the line start', () => {
    const w = warning(parse('250 ok\r\n334\r\n'), 'MISSING_TEXT');
    expect(w.offset).toBe(8);
    expect(w.message).toMatch(/reply 334 without the space after its code/);
  });

  it('"250OK" (certain IIS/Exchange versions): at the byte after the code', () => {
    const w = warning(parse('220 x\r\n250OK\r\n'), 'MISSING_SPACE');
    expect(w.offset).toBe(10);
    expect(w.message).toMatch(/no space or hyphen after the reply code/);
  });

  it('code mismatch (splicing proxies, old Exchange/Lotus gateways) names both codes', () => {
    const w = warning(parse('250-first\r\n251 last\r\n'), 'CODE_MISMATCH');
    expect(w.offset).toBe(11);
    expect(w.message).toMatch(/reply line has code 251 but the reply started with 250/);
  });

  it('control character (broken embedded servers): at the byte itself, named in hex', () => {
    const w = warning(parse('220 x\r\n250 a\x01b\r\n'), 'CONTROL_CHARACTER');
    expect(w.offset).toBe(12);
    expect(w.message).toMatch(/control character 0x01 in reply text/);
  });

  it('text of control characters only, and DEL (0x7f is not in textstring)', () => {
    expect(shape(parse('250 \x01\r\n'))).toEqual(['CONTROL_CHARACTER', 250]);
    const events = parse('250 \x7f\r\n');
    expect(shape(events)).toEqual(['CONTROL_CHARACTER', 250]);
    expect(warning(events, 'CONTROL_CHARACTER').message).toMatch(/0x7f/);
    expect(strictError('250 ~\x01\r\n')).toMatchObject({ code: 'BAD_SYNTAX', offset: 5 });
  });

  it('"~" (126) is textstring: no quirk next to UTF-8 text under SMTPUTF8', () => {
    const events = parse('250 ~ café\r\n', { utf8: true, strict: true });
    expect(shape(events)).toEqual([250]);
    expect(events[0]?.type === 'reply' && events[0].reply.lines).toEqual(['~ café']);
  });

  it('8-bit text (localised servers): at the start of the text', () => {
    const input = Uint8Array.from([...bytes('220 x\r\n550 Empf'), 0xe4, ...bytes('nger\r\n')]);
    const w = warning(parse(input), 'EIGHT_BIT_TEXT');
    expect(w.offset).toBe(11);
    expect(w.message).toMatch(/8-bit bytes in reply text/);
  });
});

describe('SmtpReplyParser: strict mode errors', () => {
  it('a quirk is a ParseError of protocol smtp at its position, after the events before it', () => {
    const err = strictError('220 x\r\n250OK\r\n');
    expect(err).toMatchObject({ protocol: 'smtp', code: 'BAD_SYNTAX', offset: 10 });
    expect(shape(err.eventsBefore as SmtpReplyParserEvent[])).toEqual([220]);
  });

  it('a bare LF inside a line is BARE_LF at the LF', () => {
    const err = strictError('250-first\n250 second\r\n');
    expect(err).toMatchObject({ protocol: 'smtp', code: 'BARE_LF', offset: 9 });
    expect(err.message).toMatch(/bare LF inside a reply line/);
  });

  it('a line too long is LINE_TOO_LONG of protocol smtp', () => {
    expect(strictError(`250 ${'x'.repeat(600)}\r\n`)).toMatchObject({
      protocol: 'smtp',
      code: 'LINE_TOO_LONG',
    });
    expect(error(parse(`250 ${'x'.repeat(600)}\r\n`))).toMatchObject({ protocol: 'smtp' });
  });
});

describe('SmtpReplyParser: limits, exactly at and one past', () => {
  it('maxReplyLines: that many lines pass, one more is TOO_MANY_LINES', () => {
    const limits = { maxReplyLines: 3 };
    expect(shape(parse('250-a\r\n250-b\r\n250 c\r\n', { limits }))).toEqual([250]);
    const events = parse('250-a\r\n250-b\r\n250-c\r\n250 d\r\n', { limits });
    expect(shape(events)).toEqual(['TOO_MANY_LINES']);
    expect(error(events)).toMatchObject({ protocol: 'smtp', offset: 21 });
    expect(error(events).message).toMatch(/reply has more than 3 lines/);
  });

  it('maxResponseSize: a reply of exactly that many bytes (line ends included) passes', () => {
    const text = '250-ab\r\n250 cd\r\n'; // 16 bytes
    expect(shape(parse(text, { limits: { maxResponseSize: 16 } }))).toEqual([250]);
    const events = parse(text, { limits: { maxResponseSize: 15 } });
    expect(shape(events)).toEqual(['RESPONSE_TOO_LARGE']);
    expect(error(events)).toMatchObject({ protocol: 'smtp', offset: 8 });
    expect(error(events).message).toMatch(/reply is larger than 15 bytes/);
  });
});

describe('SmtpReplyParser: resynchronisation after an error', () => {
  it('a line without a code inside a multi-line reply drops the rest of that reply', () => {
    expect(shape(parse('250-a\r\nxx b\r\n250-c\r\n250 d\r\n220 next\r\n'))).toEqual(['BAD_SYNTAX', 220]);
  });

  it('a codeless continuation-shaped line ("abc-") starts a broken reply that is skipped', () => {
    expect(shape(parse('abc-a\r\n250 b\r\n220 next\r\n'))).toEqual(['BAD_SYNTAX', 220]);
  });

  it('a too-long LAST line of a multi-line reply ends that reply: the next reply is kept', () => {
    // Regression: the reply after it used to be dropped as if it were the rest of the broken one.
    const input = bytes(`250-a\r\n250 ${'x'.repeat(600)}\r\n221 bye\r\n`);
    const events = parse(input);
    expect(shape(events)).toEqual(['LINE_TOO_LONG', 221]);
    for (let i = 1; i < 16; i++) {
      const p = new SmtpReplyParser();
      const split = splitAt(input, [5 + i]).flatMap((c) => p.push(c));
      split.push(...p.end());
      expect(plain(split)).toEqual(plain(events));
    }
  });

  it('a too-long line without a code inside a multi-line reply drops the rest of it', () => {
    const events = parse(`250-a\r\n${'x'.repeat(600)}\r\n250 c\r\n221 bye\r\n`);
    expect(shape(events)).toEqual(['LINE_TOO_LONG', 221]);
  });

  it('a too-long line split anywhere, even inside its code, gives the same events', () => {
    const input = bytes('250 abcd\r\n220 x\r\n221 y\r\n');
    const whole = parse(input, { limits: { maxLineLength: 5 } });
    expect(shape(whole)).toEqual(['LINE_TOO_LONG', 220, 221]);
    for (let i = 1; i < input.length; i++) {
      const p = new SmtpReplyParser({ limits: { maxLineLength: 5 } });
      const events = splitAt(input, [i]).flatMap((c) => p.push(c));
      events.push(...p.end());
      expect(plain(events)).toEqual(plain(whole));
    }
  });

  it('a limit shorter than the reply code: the line is refused with fewer than 4 bytes buffered', () => {
    const p = new SmtpReplyParser({ limits: { maxLineLength: 2 } });
    expect(shape(p.push(bytes('250')))).toEqual(['LINE_TOO_LONG']);
    expect(p.buffered).toBe(0);
    expect(p.push(bytes(' rest of it\r\n'))).toEqual([]);
    expect(p.end()).toEqual([]);
  });
});

describe('SmtpReplyParser: read(maxReplies) counts only completed replies', () => {
  it('error lines and skipped lines do not count', () => {
    const p = new SmtpReplyParser();
    p.write(bytes('250-a\r\nxx-b\r\n250 c\r\n221 bye\r\n354 go\r\n'));
    expect(shape(p.read(1))).toEqual(['BAD_SYNTAX', 221]);
    expect(shape(p.read(1))).toEqual([354]);
    const q = new SmtpReplyParser();
    q.write(bytes('oops\r\n250 ok\r\n'));
    expect(shape(q.read(1))).toEqual(['BAD_SYNTAX', 250]);
  });

  it('a reply dropped for a limit does not count', () => {
    const lines = new SmtpReplyParser({ limits: { maxReplyLines: 3 } });
    lines.write(bytes('250-x\r\n250-x\r\n250-x\r\n250-x\r\n250 y\r\n221 bye\r\n'));
    expect(shape(lines.read(1))).toEqual(['TOO_MANY_LINES', 221]);
    const size = new SmtpReplyParser({ limits: { maxResponseSize: 10 } });
    size.write(bytes('250-xxxxxxxx\r\n250 y\r\n221 bye\r\n'));
    expect(shape(size.read(1))).toEqual(['RESPONSE_TOO_LARGE', 221]);
  });
});

describe('SmtpReplyParser: end of stream and position', () => {
  it('offset is the stream offset of the next unread byte', () => {
    const p = new SmtpReplyParser();
    expect(p.offset).toBe(0);
    p.push(bytes('250 a\r\n25'));
    expect(p.offset).toBe(7);
    expect(p.buffered).toBe(2);
  });

  it('ending inside a multi-line reply: UNEXPECTED_EOF at the reply start, nothing left over', () => {
    const events = parse('250 a\r\n250-b\r\n');
    expect(shape(events)).toEqual([250, 'UNEXPECTED_EOF']);
    const err = error(events);
    expect(err).toMatchObject({ protocol: 'smtp', offset: 7, excerpt: '' });
    expect(err.message).toMatch(/stream ended inside a reply/);
  });

  it('ending inside a line: UNEXPECTED_EOF at the line start with the partial line as excerpt', () => {
    const p = new SmtpReplyParser();
    p.push(bytes('250 a\r\n250 partial'));
    const events = p.end();
    expect(shape(events)).toEqual(['UNEXPECTED_EOF']);
    expect(error(events)).toMatchObject({ offset: 7, excerpt: '250 partial' });
    expect(p.buffered).toBe(0);
  });

  it('strict: the EOF error is thrown with the replies completed before it', () => {
    const p = new SmtpReplyParser({ strict: true });
    p.write(bytes('250 a\r\n250-b\r\n'));
    let caught: unknown;
    try {
      p.end();
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'UNEXPECTED_EOF', offset: 7 });
    expect(shape((caught as ParseError).eventsBefore as SmtpReplyParserEvent[])).toEqual([250]);
  });
});
