import { describe, expect, it } from 'vitest';
import type { ImapResponse } from '../src/index';
import { expectError, kinds, one, parse, strictError } from './helpers';

/** Lenient parse of one response: its warnings (code, message, offset) and the response. */
function lenient(input: string): {
  warnings: Array<{ code: string; message: string; offset: number }>;
  response: ImapResponse | undefined;
} {
  const evs = parse(input);
  expect(evs.filter((e) => e.type === 'error')).toEqual([]);
  const r = evs.find((e) => e.type === 'response');
  return {
    warnings: evs.flatMap((e) =>
      e.type === 'warning' ? [{ code: e.code, message: e.message, offset: e.offset }] : [],
    ),
    response: r?.type === 'response' ? r.response : undefined,
  };
}

describe('SEARCH and SORT (RFC 3501 §7.2.5, RFC 5256 §4, RFC 7162 §3.1.5)', () => {
  it('an empty SEARCH, and numbers at their bounds (nz-number: 1 .. 2^32-1)', () => {
    expect(one('* SEARCH')).toEqual({ type: 'search', ids: [], modseq: null });
    expect(one('* SEARCH 1 4294967295')).toEqual({ type: 'search', ids: [1, 4294967295], modseq: null });
    expect(one('* SORT 5 1 3')).toEqual({ type: 'sort', ids: [5, 1, 3], modseq: null });
    expectError(
      strictError('* SEARCH 2 4294967296\r\n'),
      'NUMBER_OVERFLOW',
      'number larger than 4294967295',
      11,
    );
    // 0 is not an nz-number: a leniency
    expect(kinds(parse('* SEARCH 0\r\n'))).toEqual(['warning:ZERO_NUMBER', 'response']);
  });

  it('SEARCH with (MODSEQ n) (RFC 7162 §3.1.5), up to 2^63-1', () => {
    expect(one('* SEARCH 2 5 (MODSEQ 1)')).toEqual({ type: 'search', ids: [2, 5], modseq: 1n });
    expect(one('* SEARCH 7 (MODSEQ 9223372036854775807)')).toEqual({
      type: 'search',
      ids: [7],
      modseq: 9223372036854775807n,
    });
    expect(one('* SORT 3 1 (modseq 42)')).toEqual({ type: 'sort', ids: [3, 1], modseq: 42n });
    expectError(
      strictError('* SEARCH 7 (MODSEQ 9223372036854775808)\r\n'),
      'NUMBER_OVERFLOW',
      'number larger than 2^63 - 1',
      19,
    );
  });

  it('(MODSEQ 0): mod-sequence-value is non-zero, so zero is a leniency', () => {
    const { warnings, response } = lenient('* SEARCH 4 (MODSEQ 0)\r\n');
    expect(warnings).toEqual([{ code: 'ZERO_NUMBER', message: 'zero mod-sequence', offset: 20 }]);
    expect(response).toEqual({ type: 'search', ids: [4], modseq: 0n });
    expectError(strictError('* SEARCH 4 (MODSEQ 0)\r\n'), 'BAD_SYNTAX', 'zero mod-sequence', 20);
  });

  it('a parenthesised item other than MODSEQ, an unclosed one, or data after it, is an error', () => {
    expectError(strictError('* SEARCH 4 (FOO 3)\r\n'), 'BAD_SYNTAX', 'expected MODSEQ', 12);
    expectError(strictError('* SEARCH 4 (MODSEQ 5\r\n'), 'BAD_SYNTAX', 'expected )', 20);
    expectError(
      strictError('* SEARCH 4 (MODSEQ 5) 6\r\n'),
      'BAD_SYNTAX',
      'unexpected data at the end of the response',
      21,
    );
    // lenient: an error event, and the next response still parses
    expect(kinds(parse('* SEARCH 4 (FOO 3)\r\n* SEARCH 1\r\n'))).toEqual(['error:BAD_SYNTAX', 'response']);
  });

  it('a doubled space between numbers (Exchange 2010, older Zimbra): EXTRA_SPACE', () => {
    const { warnings, response } = lenient('* SEARCH 1  2\r\n');
    expect(warnings).toEqual([{ code: 'EXTRA_SPACE', message: 'doubled space', offset: 11 }]);
    expect(response).toEqual({ type: 'search', ids: [1, 2], modseq: null });
    expectError(strictError('* SEARCH 1  2\r\n'), 'BAD_SYNTAX', 'doubled space', 11);
  });

  it('a trailing space (Exchange, Courier): TRAILING_SPACE, at the line end', () => {
    const { warnings, response } = lenient('* SEARCH 3 \r\n');
    expect(warnings).toEqual([
      { code: 'TRAILING_SPACE', message: 'trailing space after SEARCH', offset: 11 },
    ]);
    expect(response).toEqual({ type: 'search', ids: [3], modseq: null });
    expectError(strictError('* SEARCH \r\n'), 'BAD_SYNTAX', 'trailing space after SEARCH', 9);
  });

  it('a literal where a number is due is an error, not a trailing space', () => {
    const evs = parse('* SEARCH 1 {1}\r\n2\r\n');
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
    const e = evs[0]?.type === 'error' ? evs[0].error : undefined;
    expect(e?.message.startsWith('imap: expected a number at byte 11')).toBe(true);
  });
});

describe('ESEARCH (RFC 4731 §3, RFC 9051 §7.3.4)', () => {
  it('UID MIN / MAX / COUNT / ALL with a tag, numbers at their bounds', () => {
    expect(one('* ESEARCH (TAG "x") UID MIN 1 MAX 4294967295 COUNT 0 ALL 1:3,5,4294967295')).toEqual({
      type: 'esearch',
      tag: 'x',
      uid: true,
      data: [
        { name: 'MIN', value: 1 },
        { name: 'MAX', value: 4294967295 },
        { name: 'COUNT', value: 0 },
        { name: 'ALL', set: [[1, 3], 5, 4294967295] },
      ],
    });
    expectError(
      strictError('* ESEARCH COUNT 4294967296\r\n'),
      'NUMBER_OVERFLOW',
      'number larger than 4294967295',
      16,
    );
  });

  it('the (TAG ...) correlator is optional (unsolicited ESEARCH)', () => {
    expect(one('* ESEARCH UID COUNT 5')).toEqual({
      type: 'esearch',
      tag: null,
      uid: true,
      data: [{ name: 'COUNT', value: 5 }],
    });
    expect(one('* ESEARCH MIN 3')).toEqual({
      type: 'esearch',
      tag: null,
      uid: false,
      data: [{ name: 'MIN', value: 3 }],
    });
  });

  it('no return data: a search that matched nothing (RFC 4731 §3.1)', () => {
    expect(one('* ESEARCH (TAG "A1")')).toEqual({ type: 'esearch', tag: 'A1', uid: false, data: [] });
    expect(one('* ESEARCH (TAG "A2") UID')).toEqual({ type: 'esearch', tag: 'A2', uid: true, data: [] });
  });

  it('MODSEQ return data (RFC 7162 §3.1.5) up to 2^63-1; zero is a leniency', () => {
    expect(one('* ESEARCH (TAG "a") MAX 9 MODSEQ 9223372036854775807')).toMatchObject({
      data: [
        { name: 'MAX', value: 9 },
        { name: 'MODSEQ', value: 9223372036854775807n },
      ],
    });
    const { warnings, response } = lenient('* ESEARCH (TAG "a") MODSEQ 0\r\n');
    expect(warnings).toEqual([{ code: 'ZERO_NUMBER', message: 'zero mod-sequence', offset: 28 }]);
    expect(response).toEqual({
      type: 'esearch',
      tag: 'a',
      uid: false,
      data: [{ name: 'MODSEQ', value: 0n }],
    });
  });

  it('a malformed correlator is an error naming what was expected', () => {
    expectError(strictError('* ESEARCH (FOO "x")\r\n'), 'BAD_SYNTAX', 'expected TAG', 11);
    expectError(strictError('* ESEARCH (TAG "x" UID\r\n'), 'BAD_SYNTAX', 'expected )', 18);
  });
});
