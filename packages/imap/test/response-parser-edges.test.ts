import type { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STREAM_THRESHOLD, type ImapResponseEvent, ImapResponseParser } from '../src/index';
import { dec, enc, kinds, normalise, parse, strictError } from './helpers';

// ImapResponseParser itself: its options, which responses it streams (the FETCH head test
// done before any grammar is read), literals above the threshold that are buffered instead,
// the streamed-FETCH state between literals, end(), and the tag errors carry.

const L20 = 'x'.repeat(20);

/** The only error event of `evs` (a test failure when there is not exactly one). */
function onlyError(evs: ImapResponseEvent[]): ParseError {
  const errors = evs.flatMap((e) => (e.type === 'error' ? [e.error] : []));
  expect(errors).toHaveLength(1);
  return errors[0] as ParseError;
}

describe('options: streamThreshold', () => {
  it('defaults to DEFAULT_STREAM_THRESHOLD (1 MiB)', () => {
    expect(DEFAULT_STREAM_THRESHOLD).toBe(1024 * 1024);
    expect(new ImapResponseParser().streamThreshold).toBe(DEFAULT_STREAM_THRESHOLD);
  });

  it('must be a non-negative safe integer (RangeError naming the value)', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => new ImapResponseParser({ streamThreshold: bad })).toThrow(RangeError);
      expect(() => new ImapResponseParser({ streamThreshold: bad })).toThrow(
        `streamThreshold must be a non-negative safe integer, got ${bad}`,
      );
    }
  });

  it('0 is allowed: every non-empty FETCH body streams, an empty one is delivered whole', () => {
    expect(new ImapResponseParser({ streamThreshold: 0 }).streamThreshold).toBe(0);
    expect(kinds(parse('* 1 FETCH (BODY[] {1}\r\nx)\r\n', { streamThreshold: 0 }))).toEqual([
      'fetchStart',
      'bodyStart',
      'bodyChunk',
      'bodyEnd',
      'fetchEnd',
    ]);
    expect(normalise(parse('* 1 FETCH (BODY[] {0}\r\n)\r\n', { streamThreshold: 0 }))).toEqual([
      {
        type: 'response',
        offset: 0,
        response: {
          type: 'fetch',
          seq: 1,
          items: [{ name: 'BODY[]', section: { part: [], text: null }, origin: null, data: '' }],
        },
      },
    ]);
  });
});

describe('which responses stream: the FETCH head (`* n FETCH`, RFC 3501 §7.4.2)', () => {
  it('a FETCH head streams its big body, whatever digits the number has', () => {
    // 9 and 0 are the ends of the digit range
    const evs = parse(`* 90 FETCH (BODY[] {20}\r\n${L20})\r\n`, { strict: true, streamThreshold: 10 });
    expect(normalise(evs)).toEqual([
      { type: 'fetchStart', seq: 90, offset: 0 },
      {
        type: 'bodyStart',
        seq: 90,
        name: 'BODY[]',
        section: { part: [], text: null },
        origin: null,
        size: 20,
      },
      { type: 'bodyChunk', seq: 90, data: L20 },
      { type: 'bodyEnd', seq: 90 },
      { type: 'fetchEnd', seq: 90 },
    ]);
  });

  it('FETCH is case-insensitive (RFC 3501 §9); lower case is reported as on the buffered path', () => {
    // old Cyrus, hMailServer: `* 1 fetch`. Streamed or buffered, the same warning.
    const streamed = parse(`* 1 fetch (BODY[] {20}\r\n${L20})\r\n`, { streamThreshold: 10 });
    const buffered = parse(`* 1 fetch (BODY[] {20}\r\n${L20})\r\n`, { streamThreshold: 30 });
    expect(kinds(streamed)).toEqual([
      'warning:LOWERCASE_KEYWORD',
      'fetchStart',
      'bodyStart',
      'bodyChunk',
      'bodyEnd',
      'fetchEnd',
    ]);
    expect(kinds(buffered)).toEqual(['warning:LOWERCASE_KEYWORD', 'response']);
    expect(streamed[0]).toEqual(buffered[0]);
    expect(streamed[0]).toMatchObject({ message: 'keyword FETCH not in upper case', offset: 9 });
    // strict mode accepts lower case (legal), silently
    expect(
      kinds(parse(`* 1 FeTcH (BODY[] {20}\r\n${L20})\r\n`, { strict: true, streamThreshold: 10 })),
    ).toEqual(['fetchStart', 'bodyStart', 'bodyChunk', 'bodyEnd', 'fetchEnd']);
  });

  it('other heads with a big literal are buffered and read as the grammar says (here: unknown)', () => {
    // each differs from `* <digits> FETCH<SP or (>` in one place
    const heads: [string, string][] = [
      ['* FETCH (BODY[] ', 'FETCH'], // no number
      ['* X FETCH (BODY[] ', 'X'], // letters instead of digits
      ['* -1 FETCH (BODY[] ', '-1'], // a sign is not a digit
      ['* 1 A', 'A'], // too short to hold FETCH
      ['* 1 XETCH (BODY[] ', 'XETCH'],
      ['* 1 FXTCH (BODY[] ', 'FXTCH'],
      ['* 1 FEXCH (BODY[] ', 'FEXCH'],
      ['* 1 FETXH (BODY[] ', 'FETXH'],
      ['* 1 FETCX (BODY[] ', 'FETCX'],
      ['* 1 FETCHES (BODY[] ', 'FETCHES'], // FETCH must end there
    ];
    for (const [head, keyword] of heads) {
      const wire = `${head}{20}\r\n${L20})`;
      const evs = parse(`${wire}\r\n`, { strict: true, streamThreshold: 10 });
      expect(evs, head).toHaveLength(1);
      const [e] = evs;
      expect(e?.type === 'response' && e.response.type === 'unknown' && e.response.keyword, head).toBe(
        keyword,
      );
      expect(e?.type === 'response' && e.response.type === 'unknown' && dec(e.response.raw), head).toBe(wire);
    }
  });

  it('`* 1 FETCH(` is a FETCH head: its missing SP is reported when the head arrives, the body is never buffered', () => {
    const p = new ImapResponseParser({ streamThreshold: 8, limits: { maxResponseSize: 30 } });
    const first = p.push(enc('* 1 FETCH(BODY[] {40}\r\n'));
    const err = onlyError(first);
    expect(err.code).toBe('BAD_SYNTAX'); // not RESPONSE_TOO_LARGE: the 40 bytes are skipped, not held
    expect(err.offset).toBe(9);
    expect(err.message).toMatch(/expected SP at byte 9/);
    expect(p.push(enc(`${'b'.repeat(40)})\r\n* 2 EXISTS\r\n`))).toMatchObject([
      { type: 'response', response: { type: 'exists', value: 2 } },
    ]);
    expect(p.end()).toEqual([]);
  });
});

describe('a big literal outside a FETCH body is buffered, bounded by maxResponseSize', () => {
  const name = (n: number): string => 'm'.repeat(n);
  const opts = { streamThreshold: 10, limits: { maxResponseSize: 30 } };

  it('a literal of exactly maxResponseSize is delivered in its response', () => {
    const evs = parse(`* LIST () "/" {30}\r\n${name(30)}\r\n`, { ...opts, strict: true });
    expect(evs).toMatchObject([
      { type: 'response', response: { type: 'list', mailbox: { name: name(30) } } },
    ]);
  });

  it('one byte more is RESPONSE_TOO_LARGE at the announcement; the next response parses', () => {
    const evs = parse(`* LIST () "/" {31}\r\n${name(31)}\r\n* 3 EXISTS\r\n`, opts);
    expect(kinds(evs)).toEqual(['error:RESPONSE_TOO_LARGE', 'response']);
    const err = onlyError(evs);
    expect(err.protocol).toBe('imap');
    expect(err.offset).toBe(14); // the `{` of `{31}`
    expect(err.excerpt).toBe('{31}');
    expect(err.message).toMatch(
      /^imap: literal of 31 bytes outside a FETCH body exceeds maxResponseSize \(30\) at byte 14/,
    );
    expect(err.tag).toBeUndefined();
    // strict: thrown
    const thrown = strictError(`* LIST () "/" {31}\r\n${name(31)}\r\n`, opts);
    expect([thrown.code, thrown.offset]).toEqual(['RESPONSE_TOO_LARGE', 14]);
  });

  it('the error of an untagged response carries no tag, not the tag of the response before it', () => {
    // regression: the tag of `a1 OK` leaked into the next (untagged) response's error
    const evs = parse(`a1 OK done\r\n* LIST () "/" {31}\r\n${name(31)}\r\n`, opts);
    expect(kinds(evs)).toEqual(['response', 'error:RESPONSE_TOO_LARGE']);
    const err = onlyError(evs);
    expect(err.offset).toBe(26);
    expect(err.tag).toBeUndefined();
    expect(err.toJSON()).not.toHaveProperty('tag');
  });

  it('a buffered literal arriving in several chunks is reassembled in order', () => {
    const p = new ImapResponseParser({ strict: true, streamThreshold: 10 });
    const whole = 'abcdefghijklmnopqrstuvwxyz0123';
    expect(p.push(enc(`* LIST () "/" {30}\r\n${whole.slice(0, 7)}`))).toEqual([]);
    expect(p.push(enc(whole.slice(7, 19)))).toEqual([]);
    const evs = p.push(enc(`${whole.slice(19)}\r\n`));
    expect(evs).toMatchObject([{ type: 'response', response: { type: 'list', mailbox: { name: whole } } }]);
  });
});

describe('a big literal outside a FETCH body', () => {
  it('is copied into a buffer grown as its bytes arrive, whatever the chunking', () => {
    // 300 KiB crosses the buffer's growth steps (64 KiB doubled to the announced size); a
    // byte pattern with period 26 shows any byte lost or moved in a copy
    const size = 300 * 1024;
    const whole = Array.from({ length: size }, (_, i) => String.fromCharCode(0x61 + (i % 26))).join('');
    const p = new ImapResponseParser({
      strict: true,
      streamThreshold: 10,
      limits: { maxResponseSize: size },
    });
    const cuts = [0, 1, 65_535, 65_537, 140_000, 262_144, size];
    expect(p.push(enc(`* LIST () "/" {${size}}\r\n`))).toEqual([]);
    for (let k = 1; k < cuts.length; k++) {
      expect(p.push(enc(whole.slice(cuts[k - 1], cuts[k])))).toEqual([]);
    }
    const evs = p.push(enc('\r\n'));
    expect(evs).toHaveLength(1);
    const list = evs[0]?.type === 'response' ? evs[0].response : undefined;
    expect(list?.type === 'list' ? list.mailbox.name : undefined).toBe(whole);
  });

  it('announced but cut short, it is UNEXPECTED_EOF, not a short value', () => {
    const p = new ImapResponseParser({ streamThreshold: 10, limits: { maxResponseSize: 16 * 1024 * 1024 } });
    expect(p.push(enc(`* LIST () "/" {16000000}\r\n${'x'.repeat(70_000)}`))).toEqual([]);
    expect(kinds(p.end())).toEqual(['error:UNEXPECTED_EOF']);
  });
});

describe('streamed FETCH between literals', () => {
  it('a streamed body does not count against maxResponseSize (README: limits)', () => {
    const body = 'b'.repeat(200);
    const evs = parse(`* 1 FETCH (BODY[] {200}\r\n${body} UID 9)\r\n`, {
      strict: true,
      streamThreshold: 8,
      limits: { maxResponseSize: 100 },
    });
    expect(kinds(evs)).toEqual(['fetchStart', 'bodyStart', 'bodyChunk', 'bodyEnd', 'fetchItem', 'fetchEnd']);
    expect(normalise(evs)[2]).toEqual({ type: 'bodyChunk', seq: 1, data: body });
  });

  it('a big non-body literal after a streamed body is buffered into its item, not streamed', () => {
    const subject = 's'.repeat(20);
    const p = new ImapResponseParser({ strict: true, streamThreshold: 8 });
    const evs = [
      ...p.push(enc('* 1 FETCH (BODY[] {10}\r\n0123456789 ENVELOPE (NIL {20}\r\n')),
      ...p.push(enc(subject.slice(0, 5))),
      ...p.push(enc(`${subject.slice(5)} NIL NIL NIL NIL NIL NIL NIL NIL) UID 3)\r\n`)),
      ...p.end(),
    ];
    expect(normalise(evs)).toMatchObject([
      { type: 'fetchStart', seq: 1 },
      { type: 'bodyStart', seq: 1, name: 'BODY[]', size: 10 },
      { type: 'bodyChunk', seq: 1, data: '0123456789' },
      { type: 'bodyEnd', seq: 1 },
      { type: 'fetchItem', seq: 1, item: { name: 'ENVELOPE', envelope: { subject, from: null } } },
      { type: 'fetchItem', seq: 1, item: { name: 'UID', value: 3 } },
      { type: 'fetchEnd', seq: 1 },
    ]);
    expect(evs).toHaveLength(7);
  });

  it('two streamed bodies in one FETCH', () => {
    const evs = parse(`* 4 FETCH (BODY[1] {10}\r\n0123456789 BODY[2] {10}\r\nabcdefghij UID 8)\r\n`, {
      strict: true,
      streamThreshold: 8,
    });
    expect(
      normalise(evs).map((e) => {
        const o = e as { type: string; section?: { part: number[] }; data?: string; item?: unknown };
        return o.type === 'bodyStart'
          ? o.section?.part
          : o.type === 'bodyChunk'
            ? o.data
            : (o.item ?? o.type);
      }),
    ).toEqual([
      'fetchStart',
      [1],
      '0123456789',
      'bodyEnd',
      [2],
      'abcdefghij',
      'bodyEnd',
      { name: 'UID', value: 8 },
      'fetchEnd',
    ]);
  });

  it('once a streamed FETCH failed, its later literals start nothing new', () => {
    const evs = parse(
      '* 1 FETCH (UID x BODY[1] {12}\r\n0123456789ab BODY[2] {12}\r\n0123456789ab)\r\n* 2 EXISTS\r\n',
      { streamThreshold: 4 },
    );
    expect(kinds(evs)).toEqual(['fetchStart', 'error:BAD_SYNTAX', 'response']);
    expect(onlyError(evs).offset).toBe(15);
  });

  it('a literal after the closing parenthesis of the items is BAD_SYNTAX', () => {
    const evs = parse(`* 1 FETCH (UID 1) {20}\r\n${L20}\r\n* 2 EXISTS\r\n`, { streamThreshold: 10 });
    expect(kinds(evs)).toEqual(['fetchStart', 'fetchItem', 'error:BAD_SYNTAX', 'response']);
    const err = onlyError(evs);
    expect(err.offset).toBe(17);
    expect(err.message).toMatch(/^imap: literal after the end of the FETCH items at byte 17/);
  });
});

describe('end()', () => {
  it('a response cut short is UNEXPECTED_EOF at the end of the stream, with its tag', () => {
    const err = onlyError(parse('a1 OK don'));
    expect(err.code).toBe('UNEXPECTED_EOF');
    expect(err.protocol).toBe('imap');
    expect(err.offset).toBe(9);
    expect(err.tag).toBe('a1');
    expect(err.message).toBe('imap: stream ended inside a response at byte 9 [UNEXPECTED_EOF]');
    // untagged, cut inside its literal: no tag
    const untagged = onlyError(parse('* LIST () "/" {5}\r\nab'));
    expect([untagged.code, untagged.offset, untagged.tag]).toEqual(['UNEXPECTED_EOF', 21, undefined]);
  });

  it('a second end() has nothing more to report', () => {
    const p = new ImapResponseParser();
    p.push(enc('* 1 EXISTS\r\na1 OK don'));
    expect(kinds(p.end())).toEqual(['error:UNEXPECTED_EOF']);
    expect(p.end()).toEqual([]);
  });
});

describe('tags on errors', () => {
  it('an untagged (`*`) or continuation (`+`) response that fails has no tag', () => {
    // `*OK` / `+OK` without SP: the head is not a tag `*OK`
    for (const line of ['*OK hello', '+OK hello']) {
      const err = onlyError(parse(`${line}\r\n`));
      expect([err.code, err.offset, err.tag], line).toEqual(['BAD_SYNTAX', 1, undefined]);
    }
    const tagged = onlyError(parse('a7 FOO bar\r\n'));
    expect([tagged.code, tagged.tag]).toEqual(['BAD_SYNTAX', 'a7']);
  });
});
