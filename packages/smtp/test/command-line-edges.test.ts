import type { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { parseCommandLine, type SmtpCommand } from '../src/index';
import { caught } from './caught';

/** Parses one command line, collecting the quirks reported (lenient paths unless told). */
function run(line: string, lenient = true): { cmd: SmtpCommand; quirks: [string, string][] } {
  const quirks: [string, string][] = [];
  const cmd = parseCommandLine(line, lenient, (name, message) => {
    quirks.push([name, message]);
  });
  return { cmd, quirks };
}

/** The error for a line, checked to be a smtp BAD_SYNTAX. */
function bad(line: string): ParseError {
  const err = caught(() => run(line));
  expect(err.code, line).toBe('BAD_SYNTAX');
  expect(err.protocol, line).toBe('smtp');
  return err;
}

const a = { mailbox: { localPart: 'a', domain: 'b.example' } };

describe('parseCommandLine: verb and argument', () => {
  it('an empty verb is an error (empty line, leading space)', () => {
    expect(bad('').message).toMatch(/^smtp: empty command/);
    expect(bad(' NOOP').message).toMatch(/^smtp: empty command/);
  });

  it('a single space and nothing after it is no argument', () => {
    expect(run('NOOP ')).toStrictEqual({ cmd: { verb: 'NOOP' }, quirks: [] });
    expect(run('QUIT ')).toStrictEqual({ cmd: { verb: 'QUIT' }, quirks: [] });
    expect(run('XFOO ')).toStrictEqual({ cmd: { verb: 'UNKNOWN', name: 'XFOO' }, quirks: [] });
  });

  it('HELP, NOOP and unknown verbs without an argument have no argument property', () => {
    expect(run('HELP').cmd).toStrictEqual({ verb: 'HELP' });
    expect(run('NOOP').cmd).toStrictEqual({ verb: 'NOOP' });
    expect(run('XFOO').cmd).toStrictEqual({ verb: 'UNKNOWN', name: 'XFOO' });
    expect(run('xclient ADDR=192.0.2.1').cmd).toStrictEqual({
      verb: 'UNKNOWN',
      name: 'xclient',
      argument: 'ADDR=192.0.2.1',
    });
  });

  it('several spaces after the verb: EXTRA_SPACE, all of them skipped (scripts, Windows clients)', () => {
    expect(run('HELO   client.example')).toStrictEqual({
      cmd: { verb: 'HELO', domain: 'client.example' },
      quirks: [['EXTRA_SPACE', 'more than one space after the verb']],
    });
  });

  it('missing and unexpected arguments are reported with the verb named', () => {
    expect(run('HELO').quirks).toEqual([['MISSING_ARGUMENT', 'HELO without a domain']]);
    expect(run('ETRN').quirks).toEqual([['MISSING_ARGUMENT', 'ETRN without a node name']]);
    expect(run('QUIT now').quirks).toEqual([['UNEXPECTED_ARGUMENT', 'QUIT takes no argument; ignored']]);
  });

  it('VRFY / EXPN without an argument: MISSING_ARGUMENT, argument ""', () => {
    for (const verb of ['VRFY', 'EXPN'] as const) {
      expect(run(verb)).toStrictEqual({
        cmd: { verb, argument: '' },
        quirks: [['MISSING_ARGUMENT', `${verb} without an argument`]],
      });
    }
  });
});

describe('parseCommandLine: MAIL FROM / RCPT TO (RFC 5321 §4.1.1.2, §4.1.1.3)', () => {
  it('the keyword is checked, naming the verb', () => {
    expect(bad('MAIL TO:<a@b.example>').message).toMatch(/^smtp: MAIL must be followed by FROM:/);
    expect(bad('RCPT FROM:<a@b.example>').message).toMatch(/^smtp: RCPT must be followed by TO:/);
    const mail = bad('MAIL');
    expect(mail.message).toMatch(/^smtp: MAIL must be followed by FROM:/);
    expect(mail.excerpt).toBe('');
    const rcptAlone = bad('RCPT');
    expect(rcptAlone.message).toMatch(/^smtp: RCPT must be followed by TO:/);
    expect(rcptAlone.excerpt).toBe('');
  });

  it('spaces after the colon: SPACE_AFTER_COLON, all skipped (Outlook Express-era clients)', () => {
    expect(run('MAIL FROM:  <a@b.example>')).toStrictEqual({
      cmd: { verb: 'MAIL', reversePath: a, params: [] },
      quirks: [['SPACE_AFTER_COLON', 'space after FROM:']],
    });
  });

  it('a path without its closing ">" is an error', () => {
    expect(bad('MAIL FROM:<a@b.example').message).toMatch(/^smtp: path without its closing ">"/);
  });

  it('the path must be followed by a space', () => {
    expect(bad('MAIL FROM:<a@b.example>SIZE=1').message).toMatch(/^smtp: expected a space after the path/);
  });

  it('doubled spaces between parameters: EXTRA_SPACE; one trailing space is not reported here', () => {
    expect(run('MAIL FROM:<a@b.example>  SIZE=1')).toStrictEqual({
      cmd: { verb: 'MAIL', reversePath: a, size: 1, params: [] },
      quirks: [['EXTRA_SPACE', 'more than one space between parameters']],
    });
    // (SmtpCommandParser strips trailing spaces first and reports them as TRAILING_SPACE.)
    expect(run('MAIL FROM:<a@b.example> ').quirks).toEqual([]);
  });

  it('a path without angle brackets ends at the first space; parameters follow (hand-typed sessions)', () => {
    expect(run('MAIL FROM:a@b.example SIZE=100')).toStrictEqual({
      cmd: { verb: 'MAIL', reversePath: a, size: 100, params: [] },
      quirks: [['MISSING_ANGLE_BRACKETS', 'path without angle brackets (old clients, hand-typed sessions)']],
    });
  });

  it('each path quirk has its own message', () => {
    expect(run('RCPT TO:<taro..yamada.@docomo.ne.jp>').quirks).toEqual([
      [
        'BAD_LOCAL_PART',
        'local part is not an RFC 5321 dot-string (e.g. "a..b" of Japanese mobile carriers)',
      ],
    ]);
    expect(run('MAIL FROM:<a@my_host.example>').quirks).toEqual([
      ['BAD_DOMAIN', 'domain is not an RFC 5321 domain (e.g. "_" in a host name)'],
    ]);
  });

  it('UTF-8 address without SMTPUTF8 (RFC 6531 §3.4): reported', () => {
    expect(run('MAIL FROM:<jürgen@b.example>').quirks).toEqual([
      ['UTF8_WITHOUT_SMTPUTF8', 'non-ASCII address without the SMTPUTF8 parameter (RFC 6531 §3.4)'],
    ]);
  });

  it('RCPT TO:<> is an error', () => {
    expect(bad('RCPT TO:<>').message).toMatch(/^smtp: RCPT TO:<> has no recipient/);
  });
});

describe('parseCommandLine: BDAT (RFC 3030 §2)', () => {
  it('chunk-size is 1*DIGIT', () => {
    for (const line of ['BDAT', 'BDAT x5', 'BDAT 5x', 'BDAT -1']) {
      expect(bad(line).message, line).toMatch(/^smtp: BDAT needs a chunk size/);
    }
  });

  it('only LAST (any case) may follow the size', () => {
    expect(run('BDAT 5 last').cmd).toEqual({ verb: 'BDAT', size: 5, last: true });
    for (const line of ['BDAT 5 FIRST', 'BDAT 5 LAST x']) {
      expect(bad(line).message, line).toMatch(/^smtp: BDAT takes a size and an optional LAST/);
    }
  });

  it('a size past 2^53 - 1 is NUMBER_OVERFLOW', () => {
    const err = caught(() => run('BDAT 99999999999999999999'));
    expect(err.code).toBe('NUMBER_OVERFLOW');
    expect(err.protocol).toBe('smtp');
  });
});

describe('parseCommandLine: AUTH (RFC 4954 §4, RFC 4422 §3.1)', () => {
  it('a mechanism name is 1 to 20 of A-Z 0-9 - _', () => {
    expect(run(`AUTH ${'X'.repeat(20)}`).cmd).toEqual({ verb: 'AUTH', mechanism: 'X'.repeat(20) });
    for (const line of ['AUTH', `AUTH ${'X'.repeat(21)}`, 'AUTH X.PLAIN', 'AUTH PLAIN!']) {
      expect(bad(line).message, line).toMatch(/^smtp: AUTH needs a SASL mechanism name/);
    }
  });

  it('at most one initial response, which must be base64', () => {
    expect(bad('AUTH PLAIN AGE= AGI=').message).toMatch(
      /^smtp: AUTH takes a mechanism and an optional initial response/,
    );
    const err = caught(() => run('AUTH PLAIN !!!'));
    expect(err.code).toBe('BAD_BASE64');
    expect(err.protocol).toBe('smtp');
  });
});
