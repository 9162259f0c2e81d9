import { describe, expect, it } from 'vitest';
import type { ResponseCode, StatusResponse } from '../src/index';
import { kinds, one, parse, thrown } from './helpers';

function code(line: string): ResponseCode | null {
  return (one(line) as StatusResponse).code;
}

/** Lenient parse: warnings (code, message, offset) and the status response. */
function lenient(line: string) {
  const evs = parse(`${line}\r\n`);
  const warnings = evs.flatMap((e) =>
    e.type === 'warning' ? [{ code: e.code, message: e.message, offset: e.offset }] : [],
  );
  const r = evs.find((e) => e.type === 'response');
  if (r?.type !== 'response' || r.response.type !== 'status')
    throw new Error(`no status: ${kinds(evs).join()}`);
  return { warnings, response: r.response };
}

describe('response codes without arguments (RFC 3501 §7.1, RFC 5530, RFC 7162, RFC 4315)', () => {
  it.each([
    'ALERT',
    'PARSE',
    'READ-ONLY',
    'READ-WRITE',
    'TRYCREATE',
    'UIDNOTSTICKY',
    'NOMODSEQ',
    'CLOSED',
    'UNAVAILABLE',
    'AUTHENTICATIONFAILED',
    'AUTHORIZATIONFAILED',
    'EXPIRED',
    'PRIVACYREQUIRED',
    'CONTACTADMIN',
    'NOPERM',
    'INUSE',
    'EXPUNGEISSUED',
    'CORRUPTION',
    'SERVERBUG',
    'CLIENTBUG',
    'CANNOT',
    'LIMIT',
    'OVERQUOTA',
    'ALREADYEXISTS',
    'NONEXISTENT',
    'HASCHILDREN',
    'UNKNOWN-CTE',
  ])('[%s]', (name) => {
    expect(one(`a1 NO [${name}] text`)).toEqual({
      type: 'status',
      tag: 'a1',
      status: 'NO',
      code: { name },
      text: 'text',
    });
  });

  it('names are case-insensitive (RFC 3501 §9: atoms are)', () => {
    expect(code('a1 NO [hasChildren] x')).toEqual({ name: 'HASCHILDREN' });
    expect(code('a1 NO [unknown-cte] x')).toEqual({ name: 'UNKNOWN-CTE' });
  });
});

describe('response codes with arguments', () => {
  it('APPENDUID and COPYUID (RFC 4315 §3)', () => {
    expect(code('a1 OK [APPENDUID 38505 3955] APPEND completed')).toEqual({
      name: 'APPENDUID',
      uidValidity: 38505,
      uids: [3955],
    });
    expect(code('a1 OK [COPYUID 38505 304,319:320 3956:3958] Done')).toEqual({
      name: 'COPYUID',
      uidValidity: 38505,
      source: [304, [319, 320]],
      destination: [[3956, 3958]],
    });
  });

  it('HIGHESTMODSEQ up to 2^63-1 and MODIFIED (RFC 7162 §3.1.2.1, §3.1.3)', () => {
    expect(code('* OK [HIGHESTMODSEQ 9223372036854775807] Highest')).toEqual({
      name: 'HIGHESTMODSEQ',
      value: 9223372036854775807n,
    });
    expect(code('a1 OK [MODIFIED 7,9] Conditional STORE failed')).toEqual({ name: 'MODIFIED', set: [7, 9] });
  });

  it('HIGHESTMODSEQ 0: mod-sequence-value is positive (RFC 7162 §7), ZERO_NUMBER leniency', () => {
    const { warnings, response } = lenient('* OK [HIGHESTMODSEQ 0] x');
    expect(warnings).toEqual([{ code: 'ZERO_NUMBER', message: 'zero mod-sequence', offset: 21 }]);
    expect(response.code).toEqual({ name: 'HIGHESTMODSEQ', value: 0n });
    const err = thrown('* OK [HIGHESTMODSEQ 0] x');
    expect(err.code).toBe('BAD_SYNTAX');
    expect(err.message).toMatch(/^imap: zero mod-sequence at byte 21 /);
  });

  it('BADCHARSET with and without the charset list (RFC 3501 §7.1)', () => {
    expect(code('a1 NO [BADCHARSET] x')).toEqual({ name: 'BADCHARSET', charsets: [] });
    expect(code('a1 NO [BADCHARSET (US-ASCII "UTF-8")] x')).toEqual({
      name: 'BADCHARSET',
      charsets: ['US-ASCII', 'UTF-8'],
    });
  });

  it('BADCHARSET with a bare charset: strict error names "(", lenient keeps it raw', () => {
    const err = thrown('* NO [BADCHARSET UTF-8] x');
    expect(err.code).toBe('BAD_SYNTAX');
    expect(err.message).toMatch(/^imap: expected \( at byte 17 /);
    expect(err.offset).toBe(17);
    const { warnings, response } = lenient('* NO [BADCHARSET UTF-8] x');
    expect(warnings).toEqual([{ code: 'BAD_CODE', message: 'malformed response code kept raw', offset: 6 }]);
    expect(response.code).toEqual({ name: 'OTHER', atom: 'BADCHARSET', text: 'UTF-8' });
  });

  it('BADCHARSET list not closed: strict error names ")"', () => {
    const err = thrown('* NO [BADCHARSET (UTF-8"x")] y');
    expect(err.message).toMatch(/^imap: expected \) at byte 23 /);
    expect(err.offset).toBe(23);
  });
});

describe('malformed known codes (lenient: kept raw as OTHER; strict: the first error)', () => {
  it('arguments after a code that takes none: strict names the missing "]", lenient keeps it raw', () => {
    const err = thrown('* OK [ALERT x] y');
    expect(err.code).toBe('BAD_SYNTAX');
    expect(err.message).toMatch(/^imap: expected \] at byte 11 /);
    expect(err.offset).toBe(11);
    const { warnings, response } = lenient('* OK [ALERT x] y');
    expect(warnings).toEqual([{ code: 'BAD_CODE', message: 'malformed response code kept raw', offset: 6 }]);
    expect(response).toEqual({
      type: 'status',
      tag: null,
      status: 'OK',
      code: { name: 'OTHER', atom: 'ALERT', text: 'x' },
      text: 'y',
    });
  });

  it('strict mode reports the argument error itself, not the leniency (Zimbra `[UIDNEXT x]`)', () => {
    const err = thrown('* OK [UIDNEXT x] y');
    expect(err.message).toMatch(/^imap: expected a number at byte 14 /);
    expect(err.offset).toBe(14);
  });

  it('a raw code that never closes: BAD_CODE warning, then an error naming the missing "]"', () => {
    const evs = parse('* OK [UIDNEXT x\r\n');
    expect(kinds(evs)).toEqual(['warning:BAD_CODE', 'error:BAD_SYNTAX']);
    expect(evs[0]).toEqual({
      type: 'warning',
      code: 'BAD_CODE',
      message: 'malformed response code kept raw',
      offset: 6,
    });
    const err = evs[1]?.type === 'error' ? evs[1].error : undefined;
    expect(err?.message).toMatch(/^imap: expected \] at byte 15 /);
    expect(err?.offset).toBe(15);
  });

  it('HIGHESTMODSEQ past 2^63-1: strict NUMBER_OVERFLOW, lenient raw', () => {
    const err = thrown('* OK [HIGHESTMODSEQ 9223372036854775808] x');
    expect(err.code).toBe('NUMBER_OVERFLOW');
    expect(err.offset).toBe(20);
    expect(lenient('* OK [HIGHESTMODSEQ 9223372036854775808] x').response.code).toEqual({
      name: 'OTHER',
      atom: 'HIGHESTMODSEQ',
      text: '9223372036854775808',
    });
  });
});

describe('unknown codes (RFC 3501 §9: atom [SP 1*<any TEXT-CHAR except "]">])', () => {
  it('with and without text', () => {
    expect(code('* OK [X-FOO bar baz] t')).toEqual({ name: 'OTHER', atom: 'X-FOO', text: 'bar baz' });
    expect(code('* OK [X-FOO] t')).toEqual({ name: 'OTHER', atom: 'X-FOO', text: null });
  });
});
