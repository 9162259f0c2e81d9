import { describe, expect, it } from 'vitest';
import type { ImapResponse } from '../src/index';
import { enc, expectError, kinds, one, parse, strictError } from './helpers';

/** Lenient parse: the warnings (code, message, offset) and the responses. */
function lenient(input: string): {
  warnings: Array<{ code: string; message: string; offset: number }>;
  responses: ImapResponse[];
} {
  const evs = parse(input);
  expect(evs.filter((e) => e.type === 'error')).toEqual([]);
  return {
    warnings: evs.flatMap((e) =>
      e.type === 'warning' ? [{ code: e.code, message: e.message, offset: e.offset }] : [],
    ),
    responses: evs.flatMap((e) => (e.type === 'response' ? [e.response] : [])),
  };
}

describe('status responses (RFC 3501 §7.1, RFC 9051 §7.1)', () => {
  it('tagged OK / NO / BAD keep the tag; untagged ones have a null tag', () => {
    expect(one('a1 OK done')).toEqual({ type: 'status', tag: 'a1', status: 'OK', code: null, text: 'done' });
    expect(one('a2 NO no such mailbox')).toEqual({
      type: 'status',
      tag: 'a2',
      status: 'NO',
      code: null,
      text: 'no such mailbox',
    });
    expect(one('a3 BAD parse error')).toEqual({
      type: 'status',
      tag: 'a3',
      status: 'BAD',
      code: null,
      text: 'parse error',
    });
    for (const status of ['OK', 'NO', 'BAD', 'PREAUTH', 'BYE'] as const) {
      expect(one(`* ${status} some text`)).toEqual({
        type: 'status',
        tag: null,
        status,
        code: null,
        text: 'some text',
      });
    }
  });

  it('a tagged PREAUTH or BYE is only untagged in the grammar (resp-cond-auth, resp-cond-bye): a leniency', () => {
    expect(kinds(parse('a1 BYE going\r\n'))).toEqual(['warning:TAGGED_UNTAGGED', 'response']);
    expectError(strictError('a1 PREAUTH hi\r\n'), 'BAD_SYNTAX', 'tagged PREAUTH', 10);
  });

  it('text after a response code: resp-text = ["[" resp-text-code "]" SP] text', () => {
    expect(one('* OK [UIDNEXT 4392] Predicted next UID')).toEqual({
      type: 'status',
      tag: null,
      status: 'OK',
      code: { name: 'UIDNEXT', value: 4392 },
      text: 'Predicted next UID',
    });
    expect(one('a1 OK [READ-WRITE] SELECT completed')).toMatchObject({
      tag: 'a1',
      code: { name: 'READ-WRITE' },
      text: 'SELECT completed',
    });
  });

  it('a `[` inside the text (not at its start) is text, not a response code', () => {
    expect(one('a1 NO no [such] thing')).toEqual({
      type: 'status',
      tag: 'a1',
      status: 'NO',
      code: null,
      text: 'no [such] thing',
    });
    // and a `[` in the text after a code is text too
    expect(one('* NO [ALERT] quota [90%] reached')).toMatchObject({
      code: { name: 'ALERT' },
      text: 'quota [90%] reached',
    });
  });

  it('a code needs SP before its text', () => {
    expectError(strictError('* OK [ALERT]text\r\n'), 'BAD_SYNTAX', 'expected SP', 12);
  });

  it('a response code without text (Dovecot, Gmail, Yahoo): MISSING_TEXT, at the line end', () => {
    const { warnings, responses } = lenient('* OK hello\r\n* OK [READ-WRITE]\r\n');
    expect(warnings).toEqual([
      { code: 'MISSING_TEXT', message: 'response code without text', offset: 12 + 17 },
    ]);
    expect(responses[1]).toEqual({
      type: 'status',
      tag: null,
      status: 'OK',
      code: { name: 'READ-WRITE' },
      text: '',
    });
    const e = strictError('a9 OK [HIGHESTMODSEQ 9223372036854775807]\r\n');
    expectError(e, 'BAD_SYNTAX', 'response code without text', 41);
    expect(e.tag).toBe('a9');
  });

  it('a status without any text (Courier, some Exchange at logout): MISSING_TEXT naming the status', () => {
    const { warnings, responses } = lenient('* BYE\r\na1 NO\r\n');
    expect(warnings).toEqual([
      { code: 'MISSING_TEXT', message: 'BYE without text', offset: 5 },
      { code: 'MISSING_TEXT', message: 'NO without text', offset: 7 + 5 },
    ]);
    expect(responses).toEqual([
      { type: 'status', tag: null, status: 'BYE', code: null, text: '' },
      { type: 'status', tag: 'a1', status: 'NO', code: null, text: '' },
    ]);
    expectError(strictError('a7 BAD\r\n'), 'BAD_SYNTAX', 'BAD without text', 6);
  });
});

describe('continuation requests (RFC 3501 §7.5): `+ text`, `+ base64`, `+ [code] text`', () => {
  const bytes = (r: ImapResponse): number[] | null =>
    r.type === 'continuation' && r.base64 !== null ? [...r.base64] : null;

  it('valid base64 (SASL challenges, RFC 3501 §6.2.2) is decoded, with every alphabet class', () => {
    expect(bytes(one('+ aGk='))).toEqual([...enc('hi')]); // lower case, `a` the first
    expect(bytes(one('+ SGkh'))).toEqual([...enc('Hi!')]); // no padding
    expect(bytes(one('+ OQ=='))).toEqual([...enc('9')]); // two pad characters
    expect(bytes(one('+ 998='))).toEqual([0xf7, 0xdf]); // `9`, the last digit
    expect(bytes(one('+ +/8='))).toEqual([0xfb, 0xff]); // `+` and `/`
    expect(bytes(one('+ b2s/PDw/Pj4z'))).toEqual([...enc('ok?<<?>>3')]);
    expect(one('+ SGkh')).toEqual({ type: 'continuation', code: null, text: 'SGkh', base64: enc('Hi!') });
  });

  it('text that is not strict RFC 4648 base64 is text only (base64 null)', () => {
    const texts = [
      'idling', // length not a multiple of 4
      'Ready', // length 4n + 1 (atob would throw on it)
      'ab-c', // `-` below the digits
      'ab:c', // `:` just above `9`
      'ab_c', // `_` between the upper- and lower-case letters
      'ab~c', // `~` above `z`
      'abc!', // a non-alphabet character in the last place
      'a=bc', // `=` not at the end
      'ab=c', // `=` second to last without a `=` after it
      'a=b=', // `=` twice, not as the last two
    ];
    for (const text of texts) {
      expect(one(`+ ${text}`), text).toEqual({ type: 'continuation', code: null, text, base64: null });
    }
  });

  it('a code before the text: the text is never taken as base64', () => {
    expect(one('+ [ALERT] abcd')).toEqual({
      type: 'continuation',
      code: { name: 'ALERT' },
      text: 'abcd',
      base64: null,
    });
  });

  it('a code without text in a continuation is the MISSING_TEXT quirk too', () => {
    const { warnings, responses } = lenient('+ [ALERT]\r\n');
    expect(warnings).toEqual([{ code: 'MISSING_TEXT', message: 'response code without text', offset: 9 }]);
    expect(responses).toEqual([{ type: 'continuation', code: { name: 'ALERT' }, text: '', base64: null }]);
  });

  it('`+ ` with nothing after the space: an empty challenge, no warning', () => {
    // RFC 3501 §9: continue-req = "+" SP (resp-text / base64), and base64 may be empty
    expect(one('+ ')).toEqual({ type: 'continuation', code: null, text: '', base64: null });
  });

  it('text is any TEXT-CHAR (RFC 3501 §9: CHAR except CR and LF), a control byte first included', () => {
    expect(one('+ \x01go')).toEqual({ type: 'continuation', code: null, text: '\x01go', base64: null });
  });

  it('a bare `+` (Exchange AUTHENTICATE, Courier IDLE): BARE_CONTINUATION at the line end', () => {
    const { warnings, responses } = lenient('* OK hi\r\n+\r\n');
    expect(warnings).toEqual([
      { code: 'BARE_CONTINUATION', message: 'continuation request without text', offset: 9 + 1 },
    ]);
    expect(responses[1]).toEqual({ type: 'continuation', code: null, text: '', base64: null });
    expectError(strictError('+\r\n'), 'BAD_SYNTAX', 'continuation request without text', 1);
  });

  it('`+` must be followed by SP', () => {
    expectError(strictError('+x\r\n'), 'BAD_SYNTAX', 'expected SP', 1);
    // lenient: an error event, then the next response parses
    expect(kinds(parse('+x\r\n* OK fine\r\n'))).toEqual(['error:BAD_SYNTAX', 'response']);
  });
});
