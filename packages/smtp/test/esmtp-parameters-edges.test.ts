import type { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import {
  type BodyType,
  type DsnNotify,
  type DsnReturn,
  formatCommand,
  type MailCommand,
  parseCommandLine,
  parseEsmtpParams,
  type RcptCommand,
  type SmtpCommand,
} from '../src/index';
import { caught } from './caught';

/** Parses one command line in lenient mode, collecting the quirks reported. */
function lenient(line: string): { cmd: SmtpCommand; quirks: [string, string][] } {
  const quirks: [string, string][] = [];
  const cmd = parseCommandLine(line, true, (name, message) => {
    quirks.push([name, message]);
  });
  return { cmd, quirks };
}

function rejected(line: string): ParseError {
  return caught(() => lenient(line));
}

const mailbox = { mailbox: { localPart: 'a', domain: 'b.example' } };
const mail = (fields: Partial<MailCommand>): MailCommand => ({
  verb: 'MAIL',
  reversePath: mailbox,
  params: [],
  ...fields,
});
const rcpt = (fields: Partial<RcptCommand>): RcptCommand => ({
  verb: 'RCPT',
  forwardPath: mailbox,
  params: [],
  ...fields,
});

function invalid(cmd: SmtpCommand): ParseError {
  const err = caught(() => formatCommand(cmd));
  expect(err.code).toBe('INVALID_ARGUMENT');
  expect(err.protocol).toBe('smtp');
  return err;
}

describe('parseEsmtpParams (RFC 5321 §4.1.2 esmtp-keyword / esmtp-value)', () => {
  it('keywords upper-cased, values kept as written', () => {
    expect(parseEsmtpParams(['x-Flag', 'mt-priority=3'])).toEqual([
      { keyword: 'X-FLAG' },
      { keyword: 'MT-PRIORITY', value: '3' },
    ]);
  });

  it('a bad keyword is BAD_SYNTAX', () => {
    for (const word of ['X_Y=1', '-X', '=v', 'X!']) {
      const err = caught(() => parseEsmtpParams([word]));
      expect(err.code, word).toBe('BAD_SYNTAX');
      expect(err.protocol).toBe('smtp');
      expect(err.message).toMatch(/^smtp: bad ESMTP parameter keyword/);
    }
  });

  it('a value is 1*(%d33-60 / %d62-126): not empty, no "="', () => {
    for (const word of ['X=', 'X=a=b']) {
      const err = caught(() => parseEsmtpParams([word]));
      expect(err.code, word).toBe('BAD_SYNTAX');
      expect(err.message).toMatch(/^smtp: bad ESMTP parameter value/);
    }
  });
});

describe('MAIL parameters, parsed', () => {
  it('BODY=7BIT (RFC 6152), case-insensitive', () => {
    expect(lenient('MAIL FROM:<a@b.example> BODY=7bit').cmd).toEqual(mail({ body: '7BIT' }));
  });

  it('RET=FULL and RET=HDRS (RFC 3461 §4.3), anything else is an error', () => {
    expect(lenient('MAIL FROM:<a@b.example> RET=full').cmd).toEqual(mail({ ret: 'FULL' }));
    const err = rejected('MAIL FROM:<a@b.example> RET=NEVER');
    expect(err.code).toBe('BAD_SYNTAX');
    expect(err.message).toMatch(/^smtp: RET must be FULL or HDRS/);
  });

  it('a parameter that needs a value, given none: BAD_SYNTAX naming it', () => {
    for (const kw of ['SIZE', 'BODY', 'RET', 'ENVID', 'AUTH']) {
      const err = rejected(`MAIL FROM:<a@b.example> ${kw}`);
      expect(err.code, kw).toBe('BAD_SYNTAX');
      expect(err.message).toMatch(new RegExp(`^smtp: ${kw} needs a value`));
    }
  });

  it('SIZE must be a decimal number (RFC 1870)', () => {
    const err = rejected('MAIL FROM:<a@b.example> SIZE=12k');
    expect(err.code).toBe('BAD_NUMBER');
    expect(err.protocol).toBe('smtp');
  });

  it('ENVID and AUTH accept lower-case xtext hex (some MUAs write it)', () => {
    expect(lenient('MAIL FROM:<a@b.example> ENVID=a+2bb AUTH=e+3dmc2@example.com').cmd).toEqual(
      mail({ envid: 'a+b', auth: 'e=mc2@example.com' }),
    );
  });

  it('each known parameter given twice: the first is kept, DUPLICATE_PARAM', () => {
    const cases: [string, Partial<MailCommand>][] = [
      ['BODY=7BIT BODY=8BITMIME', { body: '7BIT' }],
      ['SMTPUTF8 SMTPUTF8=x', { smtputf8: true }],
      ['RET=HDRS RET=FULL', { ret: 'HDRS' }],
      ['ENVID=one ENVID=two', { envid: 'one' }],
      ['AUTH=<> AUTH=bob@example.com', { auth: '<>' }],
      ['REQUIRETLS REQUIRETLS=x', { requireTls: true }],
    ];
    for (const [params, fields] of cases) {
      const { cmd, quirks } = lenient(`MAIL FROM:<a@b.example> ${params}`);
      expect(cmd, params).toEqual(mail(fields));
      const keyword = params.split('=')[0]?.split(' ')[0];
      expect(quirks, params).toEqual([['DUPLICATE_PARAM', `${keyword} given twice; the first is kept`]]);
    }
  });

  it('unknown parameters may repeat: kept in order, no warning', () => {
    const { cmd, quirks } = lenient('MAIL FROM:<a@b.example> X-A=1 X-A=2');
    expect(cmd).toEqual(
      mail({
        params: [
          { keyword: 'X-A', value: '1' },
          { keyword: 'X-A', value: '2' },
        ],
      }),
    );
    expect(quirks).toEqual([]);
  });

  it('warning messages name the parameter', () => {
    expect(lenient('MAIL FROM:<a@b.example> SMTPUTF8=yes').quirks).toEqual([
      ['PARAM_VALUE', 'SMTPUTF8 takes no value'],
    ]);
    expect(lenient('MAIL FROM:<a@b.example> BODY=9bit').quirks).toEqual([
      ['UNKNOWN_BODY', 'unknown BODY=9BIT; kept as an extra parameter'],
    ]);
  });
});

describe('RCPT parameters, parsed (RFC 3461 §4.1, §4.2)', () => {
  it('NOTIFY: one event, a list without repeats', () => {
    expect(lenient('RCPT TO:<a@b.example> NOTIFY=success').cmd).toEqual(rcpt({ notify: ['SUCCESS'] }));
    expect(lenient('RCPT TO:<a@b.example> NOTIFY=FAILURE,SUCCESS,FAILURE').cmd).toEqual(
      rcpt({ notify: ['FAILURE', 'SUCCESS'] }),
    );
  });

  it('NOTIFY: NEVER cannot be combined; unknown values are refused', () => {
    for (const value of ['NEVER,SUCCESS', 'SUCCESS,BOGUS']) {
      const err = rejected(`RCPT TO:<a@b.example> NOTIFY=${value}`);
      expect(err.code, value).toBe('BAD_SYNTAX');
      expect(err.message).toMatch(/^smtp: NOTIFY must be NEVER or a list of SUCCESS, FAILURE, DELAY/);
      expect(err.excerpt).toBe(value);
    }
  });

  it('ORCPT: addr-type ";" xtext; the type must not be empty; lower-case hex accepted', () => {
    expect(lenient('RCPT TO:<a@b.example> ORCPT=rfc822;a+2bb@b.example').cmd).toEqual(
      rcpt({ orcpt: { addrType: 'rfc822', address: 'a+b@b.example' } }),
    );
    for (const value of [';a@b.example', 'a@b.example']) {
      const err = rejected(`RCPT TO:<a@b.example> ORCPT=${value}`);
      expect(err.code, value).toBe('BAD_SYNTAX');
      expect(err.message).toMatch(/^smtp: ORCPT must be addr-type;address/);
    }
  });

  it('NOTIFY or ORCPT given twice: the first is kept, DUPLICATE_PARAM', () => {
    const n = lenient('RCPT TO:<a@b.example> NOTIFY=NEVER NOTIFY=SUCCESS');
    expect(n.cmd).toEqual(rcpt({ notify: 'NEVER' }));
    expect(n.quirks).toEqual([['DUPLICATE_PARAM', 'NOTIFY given twice; the first is kept']]);
    const o = lenient('RCPT TO:<a@b.example> ORCPT=rfc822;x@y.example ORCPT=rfc822;z@y.example');
    expect(o.cmd).toEqual(rcpt({ orcpt: { addrType: 'rfc822', address: 'x@y.example' } }));
    expect(o.quirks).toEqual([['DUPLICATE_PARAM', 'ORCPT given twice; the first is kept']]);
  });

  it('other RCPT parameters may repeat without a warning', () => {
    const { cmd, quirks } = lenient('RCPT TO:<a@b.example> X-B X-B');
    expect(cmd).toEqual(rcpt({ params: [{ keyword: 'X-B' }, { keyword: 'X-B' }] }));
    expect(quirks).toEqual([]);
  });
});

describe('MAIL / RCPT parameters, written', () => {
  it('SIZE=0 is a valid declaration (RFC 1870 size-value = 1*20DIGIT)', () => {
    expect(formatCommand(mail({ size: 0 }))).toBe('MAIL FROM:<a@b.example> SIZE=0');
    expect(invalid(mail({ size: -1 })).message).toMatch(/SIZE must be a non-negative integer/);
  });

  it('every BODY value; anything else refused', () => {
    for (const body of ['7BIT', '8BITMIME', 'BINARYMIME'] as const) {
      expect(formatCommand(mail({ body }))).toBe(`MAIL FROM:<a@b.example> BODY=${body}`);
    }
    expect(invalid(mail({ body: '9BIT' as BodyType })).message).toMatch(/bad BODY/);
  });

  it('RET other than FULL/HDRS refused', () => {
    expect(invalid(mail({ ret: 'NEVER' as DsnReturn })).message).toMatch(/bad RET/);
  });

  it('empty ENVID, AUTH or ORCPT address refused, naming the parameter', () => {
    expect(invalid(mail({ envid: '' })).message).toMatch(/ENVID must not be empty/);
    expect(invalid(mail({ auth: '' })).message).toMatch(/AUTH must not be empty/);
    expect(invalid(rcpt({ orcpt: { addrType: 'rfc822', address: '' } })).message).toMatch(
      /ORCPT must not be empty/,
    );
  });

  it('NOTIFY: every event; an empty list or an unknown value refused', () => {
    expect(formatCommand(rcpt({ notify: ['SUCCESS', 'FAILURE', 'DELAY'] }))).toBe(
      'RCPT TO:<a@b.example> NOTIFY=SUCCESS,FAILURE,DELAY',
    );
    expect(invalid(rcpt({ notify: [] })).message).toBe(
      'smtp: NOTIFY needs at least one value [INVALID_ARGUMENT]',
    );
    expect(invalid(rcpt({ notify: ['SUCCESS', 'NEVER' as DsnNotify] })).message).toMatch(/bad NOTIFY value/);
  });

  it('ORCPT address type must be an esmtp-keyword-like atom', () => {
    for (const addrType of ['', '-rfc822', 'rfc822;x', 'rfc 822']) {
      const err = invalid(rcpt({ orcpt: { addrType, address: 'a@b.example' } }));
      expect(err.message, addrType).toMatch(/bad ORCPT address type/);
    }
  });

  it('extra parameters: bad keyword or value refused', () => {
    expect(invalid(mail({ params: [{ keyword: 'BAD KEY' }] })).message).toMatch(
      /bad ESMTP parameter keyword/,
    );
    expect(invalid(rcpt({ params: [{ keyword: 'X', value: 'a b' }] })).message).toMatch(
      /bad ESMTP parameter value \(CR, LF, SP, = are not allowed\)/,
    );
  });
});
