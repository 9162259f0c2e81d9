import { describe, expect, it } from 'vitest';
import type { FetchResponse, ImapResponseEvent } from '../src/index';
import { kinds, normalise, parse } from './helpers';

// A FETCH with a literal above `streamThreshold` is read item by item while it arrives (the
// resumable reader in fetch.ts); a complete FETCH is read in one go. Both must agree.

const BODY = '0123456789';

/** The non-body items of the streamed parse (streamThreshold 4: the 10-byte body streams). */
function streamedItems(evs: ImapResponseEvent[]): unknown[] {
  return normalise(evs.filter((e) => e.type === 'fetchItem')).map((e) => (e as { item: unknown }).item);
}

describe('streamed FETCH: items around a streamed body', () => {
  it('every common item reads as in a complete response', () => {
    const items =
      'UID 7 FLAGS (\\Seen $Junk) RFC822.SIZE 1234 INTERNALDATE "17-Jul-1996 02:44:25 -0700" ' +
      'BODY ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 10 1) ' +
      'BODYSTRUCTURE ("TEXT" "PLAIN" NIL NIL NIL "7BIT" 10 1 NIL NIL NIL NIL) ' +
      'ENVELOPE (NIL "Hi" NIL NIL NIL NIL NIL NIL NIL "<a@b>") MODSEQ (5) X-GM-MSGID 12';
    const streamed = parse(`* 3 FETCH (${items} BODY[] {10}\r\n${BODY})\r\n`, {
      strict: true,
      streamThreshold: 4,
    });
    expect(kinds(streamed)).toEqual([
      'fetchStart',
      ...Array(9).fill('fetchItem'),
      'bodyStart',
      'bodyChunk',
      'bodyEnd',
      'fetchEnd',
    ]);
    // the complete response (no literal) is read by the other reader: same items
    const [complete] = normalise(parse(`* 3 FETCH (${items})\r\n`, { strict: true })) as {
      response: FetchResponse;
    }[];
    expect(streamedItems(streamed)).toEqual(complete?.response.items);
    // and the values themselves
    expect(streamedItems(streamed).slice(2, 4)).toEqual([
      { name: 'RFC822.SIZE', value: 1234 },
      {
        name: 'INTERNALDATE',
        date: { date: '1996-07-17T09:44:25.000Z', zone: '-0700', zoneMinutes: -420 },
      },
    ]);
    expect(streamedItems(streamed).slice(4, 6)).toMatchObject([
      { name: 'BODY', structure: { type: 'TEXT', subtype: 'PLAIN', size: 10 } },
      { name: 'BODYSTRUCTURE', structure: { type: 'TEXT', subtype: 'PLAIN', size: 10 } },
    ]);
  });

  it('RFC822.HEADER and RFC822.TEXT values stream as bodies', () => {
    const evs = parse(`* 1 FETCH (RFC822.HEADER {10}\r\n${BODY} RFC822.TEXT {10}\r\n${BODY} UID 4)\r\n`, {
      streamThreshold: 4,
    });
    expect(
      evs.flatMap((e) => (e.type === 'bodyStart' ? [[e.name, e.section, e.origin, e.size]] : [])),
    ).toEqual([
      ['RFC822.HEADER', null, null, 10],
      ['RFC822.TEXT', null, null, 10],
    ]);
    expect(kinds(evs)).toEqual([
      'fetchStart',
      'bodyStart',
      'bodyChunk',
      'bodyEnd',
      'bodyStart',
      'bodyChunk',
      'bodyEnd',
      'fetchItem',
      'fetchEnd',
    ]);
  });

  it('a big literal in an unknown item is no body: it is buffered and the item kept raw', () => {
    const evs = parse(`* 1 FETCH (X-BLOB {10}\r\n${BODY} UID 4)\r\n`, { strict: true, streamThreshold: 4 });
    expect(normalise(evs)).toEqual([
      { type: 'fetchStart', seq: 1, offset: 0 },
      { type: 'fetchItem', seq: 1, item: { name: 'UNKNOWN', key: 'X-BLOB', raw: `{10}\r\n${BODY}` } },
      { type: 'fetchItem', seq: 1, item: { name: 'UID', value: 4 } },
      { type: 'fetchEnd', seq: 1 },
    ]);
  });

  it('a big literal in an ENVELOPE is no body either', () => {
    const evs = parse(`* 1 FETCH (ENVELOPE (NIL {10}\r\n${BODY} NIL NIL NIL NIL NIL NIL NIL NIL))\r\n`, {
      strict: true,
      streamThreshold: 4,
    });
    expect(kinds(evs)).toEqual(['fetchStart', 'fetchItem', 'fetchEnd']);
    expect(evs[1]).toMatchObject({ item: { name: 'ENVELOPE', envelope: { subject: BODY } } });
  });

  it('msg-att must be parenthesised here too', () => {
    const evs = parse(`* 1 FETCH UID 1 BODY[] {10}\r\n${BODY}\r\n* 2 EXISTS\r\n`, { streamThreshold: 4 });
    expect(kinds(evs)).toEqual(['fetchStart', 'error:BAD_SYNTAX', 'response']);
    const e = evs[1];
    expect(e?.type === 'error' && e.error.message).toMatch(/expected \(/);
    expect(e?.type === 'error' && e.error.offset).toBe(10);
  });
});

describe('streamed FETCH: leniencies of the resumable reader', () => {
  it('extra parentheses around items (old GroupWise, some proxies)', () => {
    const evs = parse(`* 1 FETCH ((UID 1) (FLAGS ()) BODY[] {10}\r\n${BODY} (MODSEQ (3)))\r\n`, {
      streamThreshold: 4,
    });
    expect(kinds(evs)).toEqual([
      'fetchStart',
      'warning:EXTRA_PARENS',
      'fetchItem',
      'warning:EXTRA_PARENS',
      'fetchItem',
      'bodyStart',
      'bodyChunk',
      'bodyEnd',
      'warning:EXTRA_PARENS',
      'fetchItem',
      'fetchEnd',
    ]);
    expect(evs[1]).toMatchObject({ message: 'extra parentheses around FETCH items', offset: 11 });
    expect(evs[3]).toMatchObject({ message: 'extra parentheses around FETCH items', offset: 19 });
    expect(evs[8]).toMatchObject({ message: 'extra parentheses around FETCH items', offset: 54 });
    expect(streamedItems(evs)).toEqual([
      { name: 'UID', value: 1 },
      { name: 'FLAGS', flags: [] },
      { name: 'MODSEQ', value: '3n' },
    ]);
  });

  it('a body inside extra parentheses', () => {
    const evs = parse(`* 1 FETCH (UID 1 (BODY[] {10}\r\n${BODY}))\r\n* 2 EXISTS\r\n`, { streamThreshold: 4 });
    expect(kinds(evs)).toEqual([
      'fetchStart',
      'fetchItem',
      'warning:EXTRA_PARENS',
      'bodyStart',
      'bodyChunk',
      'bodyEnd',
      'fetchEnd',
      'response',
    ]);
  });

  it('extra parentheses are an error in strict mode', () => {
    expect(() =>
      parse(`* 1 FETCH ((UID 1) BODY[] {10}\r\n${BODY})\r\n`, { strict: true, streamThreshold: 4 }),
    ).toThrow(/extra parentheses around FETCH items/);
  });

  it('a space before the closing ")" after a body (Exchange)', () => {
    const input = `* 1 FETCH (UID 1 BODY[] {10}\r\n${BODY} )\r\n`;
    const evs = parse(input, { streamThreshold: 4 });
    expect(kinds(evs)).toEqual([
      'fetchStart',
      'fetchItem',
      'bodyStart',
      'bodyChunk',
      'bodyEnd',
      'warning:TRAILING_SPACE',
      'fetchEnd',
    ]);
    // the ")": 28 bytes of the first line, CRLF, 10 bytes of body, then " )"
    expect(evs[5]).toMatchObject({ message: 'space before )', offset: 41 });
    expect(() => parse(input, { strict: true, streamThreshold: 4 })).toThrow(/space before \)/);
  });
});
