import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import {
  type Pop3Command,
  Pop3CommandParser,
  type Pop3CommandParserEvent,
  type Pop3CommandParserOptions,
} from '../src/index';
import { bytes, caught, errorsIn, feed, latin1, ofType, warningsIn } from './event-helpers';

function run(input: string | Uint8Array, options: Pop3CommandParserOptions = {}): Pop3CommandParserEvent[] {
  return feed(new Pop3CommandParser(options), typeof input === 'string' ? bytes(input) : input);
}

function commands(input: string, options: Pop3CommandParserOptions = {}): Pop3Command[] {
  return ofType(run(input, options), 'command').map((e) => e.command);
}

const errors = (input: string, options: Pop3CommandParserOptions = {}) => errorsIn(run(input, options));
const warnings = (input: string, options: Pop3CommandParserOptions = {}) => warningsIn(run(input, options));
/** The ParseError a strict parser throws for `input`. */
const strictError = (input: string, options: Pop3CommandParserOptions = {}) =>
  caught(() => run(input, { ...options, strict: true }));

const HEX = 'c4c9334bac560ecc979e58001b3e22fb';

describe('command line shape (RFC 1939 §3, RFC 2449 §4)', () => {
  it('a line starting with a space has no keyword: BAD_SYNTAX at the line, next line parsed', () => {
    const events = run('NOOP\r\n NOOP\r\nSTAT\r\n');
    expect(ofType(events, 'error').map((e) => e.error)).toMatchObject([
      {
        protocol: 'pop3',
        code: 'BAD_SYNTAX',
        offset: 6,
        message: expect.stringMatching(/does not start with a keyword/),
      },
    ]);
    expect(ofType(events, 'command').map((e) => e.command)).toEqual([{ name: 'NOOP' }, { name: 'STAT' }]);
  });

  // Vendor extensions (Eudora's XTND family, short test keywords) use other lengths: accepted, said.
  it('a two-character keyword is a KEYWORD_LENGTH quirk; strict throws BAD_SYNTAX naming it', () => {
    const events = run('NOOP\r\nXY\r\n');
    expect(ofType(events, 'warning')).toMatchObject([
      { code: 'KEYWORD_LENGTH', offset: 6, message: expect.stringMatching(/3 or 4 characters/) },
    ]);
    expect(ofType(events, 'command').map((e) => e.command)).toEqual([
      { name: 'NOOP' },
      { name: 'OTHER', keyword: 'XY', args: [] },
    ]);
    const err = strictError('NOOP\r\nXY\r\n');
    expect(err).toMatchObject({ protocol: 'pop3', code: 'BAD_SYNTAX', offset: 6 });
    expect(err.message).toMatch(/3 or 4 characters.*\[KEYWORD_LENGTH\]/);
  });

  it('255 octets including CRLF is the limit: 253 + CRLF passes, 254 + CRLF is COMMAND_TOO_LONG', () => {
    const commandLimits = { maxArgumentLength: 300 };
    const at = `USER ${'u'.repeat(248)}`;
    expect(at.length + 2).toBe(255);
    expect(warnings(`${at}\r\n`, { commandLimits })).toEqual([]);
    expect(warnings(`NOOP\r\n${at}u\r\n`, { commandLimits })).toEqual([
      { code: 'COMMAND_TOO_LONG', message: 'command line longer than 255 octets', offset: 6 },
    ]);
  });

  it('the command line limit is an option', () => {
    const commandLimits = { maxCommandLength: 10 };
    expect(warnings('USER abc\r\n', { commandLimits })).toEqual([]);
    expect(warnings('USER abcd\r\n', { commandLimits })).toMatchObject([
      { code: 'COMMAND_TOO_LONG', message: expect.stringMatching(/longer than 10 octets/), offset: 0 },
    ]);
  });

  it('UTF-8 arguments are not an EIGHT_BIT_TEXT quirk (RFC 6856 clients send UTF-8 user names)', () => {
    const events = run(new TextEncoder().encode('USER jörg\r\n'));
    expect(events).toMatchObject([{ type: 'command', command: { name: 'USER', user: 'jörg' } }]);
    expect(events).toHaveLength(1);
  });

  it('a bare LF line end is a BARE_LF warning that says so (telnet / netcat sessions)', () => {
    expect(warnings('NOOP\r\nSTAT\n')).toEqual([
      { code: 'BARE_LF', message: 'command line ended by a bare LF', offset: 6 },
    ]);
  });

  // Found by a mutation survivor: "LIST 1 " warned but "LIST " did not, and strict accepted it.
  it('a single trailing space after the keyword is EXTRA_SPACE, like one after an argument', () => {
    const events = run('NOOP\r\nLIST \r\nSTAT \r\n');
    expect(ofType(events, 'warning')).toMatchObject([
      { code: 'EXTRA_SPACE', offset: 10, message: expect.stringMatching(/trailing space/) },
      { code: 'EXTRA_SPACE', offset: 17 },
    ]);
    expect(ofType(events, 'command').map((e) => e.command)).toEqual([
      { name: 'NOOP' },
      { name: 'LIST' },
      { name: 'STAT' },
    ]);
    expect(strictError('LIST \r\n')).toMatchObject({
      code: 'BAD_SYNTAX',
      message: expect.stringMatching(/\[EXTRA_SPACE\]/),
    });
  });
});

describe('message numbers (RFC 1939 §5: msg is a decimal number, from 1)', () => {
  it('a number with a non-digit is BAD_NUMBER at the argument, not NaN or an exponent', () => {
    expect(errors('NOOP\r\nRETR 1x\r\nDELE 1e3\r\nLIST -1\r\n')).toMatchObject([
      {
        protocol: 'pop3',
        code: 'BAD_NUMBER',
        offset: 11,
        message: expect.stringMatching(/RETR: argument is not a number/),
      },
      { code: 'BAD_NUMBER', offset: 20, message: expect.stringMatching(/DELE: argument is not a number/) },
      { code: 'BAD_NUMBER', offset: 30, message: expect.stringMatching(/LIST: argument is not a number/) },
    ]);
  });

  it('the offset of a bad second argument points at it', () => {
    expect(errors('NOOP\r\nTOP 1 x\r\n')).toMatchObject([
      { code: 'BAD_NUMBER', offset: 12, message: expect.stringMatching(/TOP: argument is not a number/) },
    ]);
  });

  it('2^53 - 1 is the largest number; one more is NUMBER_OVERFLOW', () => {
    expect(commands('RETR 9007199254740991\r\n')).toEqual([{ name: 'RETR', msg: 9007199254740991 }]);
    expect(errors('NOOP\r\nRETR 9007199254740992\r\nTOP 1 99999999999999999999\r\n')).toMatchObject([
      {
        protocol: 'pop3',
        code: 'NUMBER_OVERFLOW',
        offset: 11,
        message: expect.stringMatching(/RETR: number too large/),
      },
      {
        protocol: 'pop3',
        code: 'NUMBER_OVERFLOW',
        offset: 35,
        message: expect.stringMatching(/TOP: number too large/),
      },
    ]);
  });

  it('message number 0 is BAD_NUMBER at the argument; TOP n 0 (headers only) is fine', () => {
    const events = run('RETR  0\r\nTOP 1 0\r\nTOP 0 5\r\n');
    expect(ofType(events, 'warning').map((w) => [w.code, w.offset])).toEqual([['EXTRA_SPACE', 5]]);
    expect(ofType(events, 'error').map((e) => e.error)).toMatchObject([
      {
        protocol: 'pop3',
        code: 'BAD_NUMBER',
        offset: 6,
        message: expect.stringMatching(/RETR: message numbers start at 1/),
      },
      { code: 'BAD_NUMBER', offset: 22, message: expect.stringMatching(/TOP: message numbers start at 1/) },
    ]);
    expect(ofType(events, 'command').map((e) => e.command)).toEqual([{ name: 'TOP', msg: 1, lines: 0 }]);
  });
});

describe('argument length (RFC 2449 §4: up to 40 characters)', () => {
  it('40 octets pass, 41 are ARGUMENT_TOO_LONG at the argument', () => {
    expect(warnings(`USER ${'a'.repeat(40)}\r\n`)).toEqual([]);
    expect(warnings(`NOOP\r\nUSER ${'a'.repeat(41)}\r\n`)).toEqual([
      { code: 'ARGUMENT_TOO_LONG', message: 'argument longer than 40 octets (RFC 2449 §4)', offset: 11 },
    ]);
  });

  it('the second argument of any command but AUTH is checked too', () => {
    expect(warnings(`NOOP\r\nXTND a ${'b'.repeat(41)}\r\n`)).toEqual([
      { code: 'ARGUMENT_TOO_LONG', message: 'argument longer than 40 octets (RFC 2449 §4)', offset: 13 },
    ]);
  });

  it('the AUTH initial response is exempt (RFC 5034 §4), the mechanism is not', () => {
    const ir = 'A'.repeat(200);
    const events = run(`AUTH PLAIN ${ir}\r\n`);
    expect(events).toMatchObject([
      { type: 'command', command: { name: 'AUTH', mechanism: 'PLAIN', initialResponse: ir } },
    ]);
    expect(events).toHaveLength(1);
    expect(warnings(`AUTH ${'M'.repeat(41)}\r\n`)).toMatchObject([{ code: 'ARGUMENT_TOO_LONG', offset: 5 }]);
  });

  it('a PASS password counts as one argument, spaces included (RFC 1939 §7)', () => {
    const forty = `${'p'.repeat(19)} ${'q'.repeat(20)}`;
    expect(commands(`PASS ${forty}\r\n`)).toEqual([{ name: 'PASS', password: forty }]);
    expect(warnings(`PASS ${forty}\r\n`)).toEqual([]);
    expect(warnings(`PASS ${forty}r\r\n`)).toMatchObject([{ code: 'ARGUMENT_TOO_LONG', offset: 5 }]);
  });

  it('the argument limit is an option', () => {
    expect(warnings(`USER ${'a'.repeat(41)}\r\n`, { commandLimits: { maxArgumentLength: 64 } })).toEqual([]);
    expect(warnings(`USER ${'a'.repeat(9)}\r\n`, { commandLimits: { maxArgumentLength: 8 } })).toMatchObject([
      { code: 'ARGUMENT_TOO_LONG', message: expect.stringMatching(/longer than 8 octets/) },
    ]);
  });
});

describe('argument counts', () => {
  it('PASS with nothing (or only the separating space) needs a password', () => {
    expect(errors('PASS\r\nPASS \r\n')).toMatchObject([
      {
        protocol: 'pop3',
        code: 'BAD_SYNTAX',
        offset: 0,
        message: expect.stringMatching(/PASS needs a password/),
      },
      { code: 'BAD_SYNTAX', offset: 6, message: expect.stringMatching(/PASS needs a password/) },
    ]);
  });

  it('missing arguments name the command and how many it needs', () => {
    expect(errors('RETR\r\nTOP 1\r\nUSER\r\n').map((e) => e.message)).toEqual([
      expect.stringMatching(/RETR needs 1 argument\(s\)/),
      expect.stringMatching(/TOP needs 2 argument\(s\)/),
      expect.stringMatching(/USER needs 1 argument\(s\)/),
    ]);
  });

  it('extra arguments are ignored with a warning naming the command', () => {
    const events = run('STAT now\r\nLIST 1 2\r\n');
    expect(ofType(events, 'warning')).toEqual([
      {
        type: 'warning',
        code: 'EXTRA_ARGUMENTS',
        message: 'STAT takes at most 0 argument(s); extra ignored',
        offset: 0,
      },
      {
        type: 'warning',
        code: 'EXTRA_ARGUMENTS',
        message: 'LIST takes at most 1 argument(s); extra ignored',
        offset: 10,
      },
    ]);
    expect(ofType(events, 'command').map((e) => e.command)).toEqual([
      { name: 'STAT' },
      { name: 'LIST', msg: 1 },
    ]);
  });
});

describe('APOP digest (RFC 1939 §7: 32 hex digits)', () => {
  it('exactly 32 hex digits, either case', () => {
    expect(commands(`APOP mrose ${HEX.toUpperCase()}\r\n`)).toEqual([
      { name: 'APOP', user: 'mrose', digest: HEX.toUpperCase() },
    ]);
  });

  it.each([
    ['31 digits', HEX.slice(1)],
    ['33 digits', `${HEX}0`],
    ['a non-hex digit before 32 hex digits', `g${HEX}`],
    ['a non-hex digit after 32 hex digits', `${HEX}g`],
  ])('%s is BAD_SYNTAX', (_label, digest) => {
    expect(errors(`APOP mrose ${digest}\r\n`)).toMatchObject([
      {
        protocol: 'pop3',
        code: 'BAD_SYNTAX',
        offset: 0,
        message: expect.stringMatching(/APOP digest must be 32 hex digits/),
      },
    ]);
  });
});

describe('AUTH exchange (RFC 5034 §4)', () => {
  it.each<[string, Pop3Command]>([
    ['QUIT', { name: 'QUIT' }],
    ['quit', { name: 'QUIT' }],
    ['LIST 1', { name: 'LIST', msg: 1 }],
    ['TOP 1 10', { name: 'TOP', msg: 1, lines: 10 }],
    ['AUTH', { name: 'AUTH' }],
  ])('a line starting with a known keyword (%s) ends the exchange', (line, command) => {
    const p = new Pop3CommandParser();
    p.push(bytes('AUTH PLAIN\r\n'));
    expect(p.authExchange).toBe(true);
    expect(p.push(bytes(`${line}\r\n`))).toMatchObject([{ type: 'command', command, offset: 12 }]);
    expect(p.authExchange).toBe(false);
  });

  it('lines that only look like keywords stay SASL responses', () => {
    const events = run('AUTH LOGIN\r\nQUITQUIT\r\nXTND\r\nQUI=\r\n');
    expect(ofType(events, 'authResponse').map((r) => r.text)).toEqual(['QUITQUIT', 'XTND', 'QUI=']);
    expect(ofType(events, 'command')).toHaveLength(1);
  });

  it('a response keeps its text, decoded data and offset', () => {
    expect(run('AUTH PLAIN\r\nAHUAcA==\r\n')[1]).toEqual({
      type: 'authResponse',
      cancel: false,
      data: bytes('\0u\0p'),
      text: 'AHUAcA==',
      offset: 12,
    });
  });

  it('AUTH without a mechanism (the RFC 5034 listing) starts no exchange', () => {
    const p = new Pop3CommandParser();
    expect(p.push(bytes('AUTH\r\nabcd\r\n')).map((e) => e.type)).toEqual(['command', 'command']);
    expect(p.authExchange).toBe(false);
  });

  it('other commands start no exchange', () => {
    expect(commands('NOOP\r\nabcd\r\n')).toEqual([
      { name: 'NOOP' },
      { name: 'OTHER', keyword: 'ABCD', args: [] },
    ]);
  });

  it('"*" cancels: the next line is a command again, whatever it looks like', () => {
    const p = new Pop3CommandParser();
    const events = p.push(bytes('AUTH PLAIN\r\n*\r\nabcd\r\n'));
    expect(events[1]).toEqual({
      type: 'authResponse',
      cancel: true,
      data: new Uint8Array(0),
      text: '*',
      offset: 12,
    });
    expect(events[2]).toMatchObject({ type: 'command', command: { name: 'OTHER', keyword: 'ABCD' } });
    expect(p.authExchange).toBe(false);
  });

  it('bad base64 is a pop3 BAD_BASE64 error; the exchange goes on', () => {
    const p = new Pop3CommandParser();
    const events = p.push(bytes('AUTH PLAIN\r\nabc\r\ndGVzdA==\r\n'));
    expect(events[1]).toMatchObject({ type: 'error', error: { protocol: 'pop3', code: 'BAD_BASE64' } });
    expect(events[2]).toMatchObject({ type: 'authResponse', text: 'dGVzdA==', offset: 17 });
    expect(latin1((events[2] as { data: Uint8Array }).data)).toBe('test');
    expect(p.authExchange).toBe(true);
  });
});

describe('line too long (maxLineLength) and resynchronisation', () => {
  it('the rest of an over-long line is skipped across chunks; the next lines parse', () => {
    const p = new Pop3CommandParser({ limits: { maxLineLength: 16 } });
    expect(p.push(bytes('X'.repeat(20)))).toMatchObject([
      { type: 'error', error: { protocol: 'pop3', code: 'LINE_TOO_LONG', offset: 0 } },
    ]);
    expect(p.push(bytes('yyy\r\nNOOP\r\n'))).toMatchObject([
      { type: 'command', command: { name: 'NOOP' }, offset: 25 },
    ]);
    expect(p.push(bytes('STAT\r\n'))).toMatchObject([
      { type: 'command', command: { name: 'STAT' }, offset: 31 },
    ]);
    expect(p.end()).toEqual([]);
  });

  it('an over-long line followed by commands in the same chunk', () => {
    const events = run(`${'X'.repeat(20)}\r\nNOOP\r\n`, { limits: { maxLineLength: 16 } });
    expect(events.map((e) => e.type)).toEqual(['error', 'command']);
  });

  it('the stream may end while the over-long line is skipped', () => {
    const events = run('X'.repeat(20), { limits: { maxLineLength: 16 } });
    expect(events).toMatchObject([{ type: 'error', error: { code: 'LINE_TOO_LONG' } }]);
    expect(events).toHaveLength(1);
  });
});

describe('end of stream and strict failure', () => {
  it('end() inside a line is UNEXPECTED_EOF at the unread bytes', () => {
    expect(errors('NOOP\r\nSTA')).toMatchObject([
      {
        protocol: 'pop3',
        code: 'UNEXPECTED_EOF',
        offset: 6,
        message: expect.stringMatching(/stream ended inside a command line/),
      },
    ]);
  });

  it('a failed strict parser rethrows the same error from push() and end()', () => {
    const p = new Pop3CommandParser({ strict: true });
    let first: unknown;
    try {
      p.push(bytes('NOOP\r\nRETR x\r\n'));
    } catch (e) {
      first = e;
    }
    expect(first).toBeInstanceOf(ParseError);
    expect((first as ParseError).eventsBefore).toMatchObject([
      { type: 'command', command: { name: 'NOOP' } },
    ]);
    expect(caught(() => p.push(bytes('NOOP\r\n')))).toBe(first);
    expect(caught(() => p.end())).toBe(first);
  });

  it('strict end() inside a line throws, then keeps throwing', () => {
    const p = new Pop3CommandParser({ strict: true });
    expect(p.push(bytes('STA'))).toEqual([]);
    const first = caught(() => p.end());
    expect(first).toMatchObject({
      code: 'UNEXPECTED_EOF',
      message: expect.stringMatching(/stream ended inside a command line/),
    });
    expect(caught(() => p.end())).toBe(first);
  });

  it('a strict quirk is a pop3 BAD_SYNTAX error naming the quirk', () => {
    expect(strictError('NOOP\r\nSTAT now\r\n')).toMatchObject({
      protocol: 'pop3',
      code: 'BAD_SYNTAX',
      offset: 6,
      message: expect.stringMatching(/STAT takes at most 0 argument\(s\); extra ignored \[EXTRA_ARGUMENTS\]/),
    });
  });
});
