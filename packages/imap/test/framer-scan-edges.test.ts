/**
 * The framer's two scans of a line (src/framer.ts): the response keyword, which decides
 * whether the response may announce literals at all, and the literal announcement at the
 * very end of the line (`{n}`, `{n+}`, `{n-}`, `~{n}`). Each case is pushed whole and in
 * strict mode, so any framing mistake shows up as a wrong response list or a thrown error.
 */
import { describe, expect, it } from 'vitest';
import { type FrameSink, type LiteralAnnouncement, ResponseFramer } from '../src/framer';
import type { ImapResponseEvent } from '../src/index';
import { dec, enc, expectError, kinds, normalise, parse, strictError } from './helpers';

/** One short line per event: `unknown <raw>`, `status <STATUS>: <text>`, `exists <n>`, … */
function summary(evs: ImapResponseEvent[]): string[] {
  return evs.map((e) => {
    if (e.type !== 'response') return e.type === 'error' ? `error:${e.error.code}` : e.type;
    const r = e.response;
    switch (r.type) {
      case 'unknown':
        return `unknown ${dec(r.raw)}`;
      case 'status':
        return `status ${r.status}: ${r.text}`;
      case 'exists':
        return `exists ${r.value}`;
      default:
        return r.type;
    }
  });
}

const strict = (input: string): string[] => summary(parse(input, { strict: true }));

describe('framer: only untagged data responses announce literals (RFC 3501 §7.1, §9)', () => {
  it.each(['OK', 'NO', 'BAD', 'BYE', 'PREAUTH'])(
    '* %s text ending in {3} is resp-text: the response ends with its line',
    (kw) => {
      expect(strict(`* ${kw} text {3}\r\n* 1 EXISTS\r\n`)).toEqual([`status ${kw}: text {3}`, 'exists 1']);
    },
  );

  it('the status keyword is matched case-insensitively (RFC 3501 §9), with the lower-case warning', () => {
    // old Cyrus / hMailServer write keywords in lower or mixed case
    for (const kw of ['ok', 'No', 'bAd', 'Bye', 'PreAuth']) {
      const evs = parse(`* ${kw} text {3}\r\n* 1 EXISTS\r\n`);
      expect(kinds(evs)).toEqual(['warning:LOWERCASE_KEYWORD', 'response', 'response']);
      expect(summary(evs).slice(1)).toEqual([`status ${kw.toUpperCase()}: text {3}`, 'exists 1']);
    }
  });

  it('a status word glued to its response code (`* OK[ALERT]`, no SP) still ends with its line', () => {
    // the keyword ends at `[`: the line is a status response whatever the grammar makes of it
    expect(strict('* OK[ALERT] x {3}\r\n* 1 EXISTS\r\n')).toEqual(['unknown * OK[ALERT] x {3}', 'exists 1']);
  });

  it.each([
    // one letter away from OK / NO
    'OX',
    'XK',
    'NX',
    'XO',
    // one letter away from BAD / BYE
    'XAD',
    'BXD',
    'BAX',
    'XYE',
    'BXE',
    'BYX',
    // one letter away from PREAUTH
    'XREAUTH',
    'PXEAUTH',
    'PRXAUTH',
    'PREXUTH',
    'PREAXTH',
    'PREAUXH',
    'PREAUTX',
    // shorter or longer than every status word
    'O',
    'OKAY',
    'PREAUTHS',
  ])('* %s is no status word: an extension response may carry a literal', (kw) => {
    expect(strict(`* ${kw} {3}\r\nabc\r\n`)).toEqual([`unknown * ${kw} {3}\r\nabc`]);
  });

  it('short data responses carry literals: ID (two letters, RFC 2971), a three-digit FETCH', () => {
    expect(parse('* ID ("name" {7}\r\nDovecot)\r\n', { strict: true })).toMatchObject([
      { type: 'response', response: { type: 'id', params: [['name', 'Dovecot']] } },
    ]);
    expect(normalise(parse('* 123 FETCH (BODY[] {3}\r\nabc)\r\n', { strict: true }))).toMatchObject([
      { type: 'response', response: { type: 'fetch', seq: 123, items: [{ name: 'BODY[]', data: 'abc' }] } },
    ]);
  });
});

describe('framer: the literal announcement is `{` digits `}` at the very end of the line (RFC 3501 §9)', () => {
  it('`{12` inside a quoted string before the closing quote is no announcement', () => {
    const evs = parse('* LIST () "/" "a{12"\r\n* 1 EXISTS\r\n', { strict: true });
    expect(evs).toMatchObject([
      { type: 'response', offset: 0, response: { type: 'list', mailbox: { name: 'a{12' } } },
      { type: 'response', offset: 22, response: { type: 'exists', value: 1 } },
    ]);
  });

  it('the LITERAL+ / LITERAL- forms `{n+}` and `{n-}` (RFC 7888, client side) are tolerated', () => {
    expect(strict('* X {3+}\r\nabc\r\n')).toEqual(['unknown * X {3+}\r\nabc']);
    expect(strict('* X {3-}\r\nabc\r\n')).toEqual(['unknown * X {3-}\r\nabc']);
  });

  it.each(['{}', '{-3}', '{ 3}', '{3 }', '{+3}', '3}', '(3}', 'x{3}y'])(
    'a line ending in %s announces nothing: the next response follows',
    (tail) => {
      expect(strict(`* X ${tail}\r\n* 1 EXISTS\r\n`)).toEqual([`unknown * X ${tail}`, 'exists 1']);
    },
  );

  it('the shortest announcing line is the three bytes `{2}`', () => {
    // after the literal `a`, the next line is only an announcement
    expect(strict('* X {1}\r\na{2}\r\nbc\r\n')).toEqual(['unknown * X {1}\r\na{2}\r\nbc']);
  });

  it('the announcement never reaches back before its line (a literal ending in `{`)', () => {
    // literal `{`, then the line `123}`: its digits run to the line start, no `{` there
    expect(strict('* X {1}\r\n{123}\r\n* 1 EXISTS\r\n')).toEqual(['unknown * X {1}\r\n{123}', 'exists 1']);
  });

  it('leading zeros are digits like any other: `{00000000000000000003}` is 3 (number = 1*DIGIT)', () => {
    expect(strict('* X {00000000000000000003}\r\nabc\r\n')).toEqual([
      'unknown * X {00000000000000000003}\r\nabc',
    ]);
  });

  it('counts up to 2^53 - 1 are sizes (checked against maxLiteralSize); one more is NUMBER_OVERFLOW', () => {
    const limits = { maxLiteralSize: 1000 };
    const at = '* 1 FETCH (BODY[] '.length;
    const max = strictError('* 1 FETCH (BODY[] {9007199254740991}\r\n', { limits });
    expectError(
      max,
      'LITERAL_TOO_LARGE',
      'literal of 9007199254740991 bytes larger than maxLiteralSize (1000)',
      at,
    );
    // sixteen digits that fit
    const big = strictError('* 1 FETCH (BODY[] {1000000000000000}\r\n', { limits });
    expectError(
      big,
      'LITERAL_TOO_LARGE',
      'literal of 1000000000000000 bytes larger than maxLiteralSize (1000)',
      at,
    );
    const over = strictError('* 1 FETCH (BODY[] {9007199254740992}\r\n', { limits });
    expectError(over, 'NUMBER_OVERFLOW', 'literal size too large to represent', at);
    expect(over.excerpt).toBe('{9007199254740992}');
    const literal8 = strictError('* 1 FETCH (BINARY[] ~{18446744073709551616}\r\n');
    expectError(
      literal8,
      'NUMBER_OVERFLOW',
      'literal size too large to represent',
      '* 1 FETCH (BINARY[] '.length,
    );
  });

  it('lenient: after an unrepresentable count the stream resynchronises at the next line', () => {
    // the announcing line is skipped as if it ended the response: nothing is read as a literal
    expect(kinds(parse('* 1 FETCH (BODY[] {9007199254740992}\r\n* 2 EXISTS\r\n'))).toEqual([
      'error:NUMBER_OVERFLOW',
      'response',
    ]);
  });
});

describe('framer unit: the LiteralAnnouncement handed to the sink', () => {
  /** The announcement (or null) of every line the framer reports for `input` pushed whole. */
  function announcements(input: string): Array<LiteralAnnouncement | null> {
    const seen: Array<LiteralAnnouncement | null> = [];
    const sink: FrameSink = {
      line: (_buf, _start, _end, _offset, lit) => {
        seen.push(lit === null ? null : { ...lit });
      },
      literal: () => {},
      literalStart: () => {},
      literalChunk: () => {},
      literalEnd: () => {},
      responseEnd: () => {},
      frameError: (error) => {
        throw error;
      },
      warning: (code) => {
        throw new Error(`unexpected warning ${code}`);
      },
    };
    const framer = new ResponseFramer(
      {
        strict: true,
        maxLineLength: 1000,
        maxLiteralSize: 1000,
        maxResponseSize: 10_000,
        streamThreshold: 1000,
      },
      sink,
    );
    framer.push(enc(input));
    return seen;
  }

  it('`~{n}` is literal8 (RFC 3516) and starts at the `~`; `{n}` is not and starts at the `{`', () => {
    const input = '* 1 FETCH (BINARY[1] ~{3}\r\na\u0000c BODY[2] {2}\r\nxy)\r\n';
    expect(announcements(input)).toEqual([
      { size: 3, binary: true, at: input.indexOf('~') },
      { size: 2, binary: false, at: input.indexOf('{2}') },
      null,
    ]);
  });

  it('a `~` that ends the previous literal does not make the next line literal8', () => {
    // literal `~`, then the line `{2}`: the `~` is not part of that line
    const input = '* X {1}\r\n~{2}\r\nbc\r\n';
    expect(announcements(input)).toEqual([
      { size: 1, binary: false, at: 4 },
      { size: 2, binary: false, at: 10 },
      null,
    ]);
  });
});
