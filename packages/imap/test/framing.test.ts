import { readFileSync } from 'node:fs';
import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { type ImapResponseEvent, ImapResponseParser } from '../src/index';
import { enc, kinds, normalise, parse } from './helpers';

function pushAll(p: ImapResponseParser, chunks: Uint8Array[]): ImapResponseEvent[] {
  const out: ImapResponseEvent[] = [];
  for (const c of chunks) out.push(...p.push(c));
  out.push(...p.end());
  return out;
}

describe('framing: literals only where the grammar allows them', () => {
  it('status resp-text ending in {n} is text, not a literal announcement', () => {
    const evs = parse(
      '* OK text {5}\r\n* 2 EXISTS\r\na1 NO [ALERT] {10}\r\n* BYE bye {3}\r\n+ more {4}\r\n* 3 EXISTS\r\n',
    );
    expect(kinds(evs)).toEqual(['response', 'response', 'response', 'response', 'response', 'response']);
    expect(evs[0]).toMatchObject({ response: { type: 'status', status: 'OK', text: 'text {5}' } });
    expect(evs[2]).toMatchObject({
      response: { tag: 'a1', status: 'NO', code: { name: 'ALERT' }, text: '{10}' },
    });
    expect(evs[3]).toMatchObject({ response: { status: 'BYE', text: 'bye {3}' } });
    expect(evs[4]).toMatchObject({ response: { type: 'continuation', text: 'more {4}' } });
    expect(evs[5]).toMatchObject({ response: { type: 'exists', value: 3 } });
  });
  it('untagged data responses carry literals, {0} and several in one response included', () => {
    const evs = parse('* LIST () "/" {3}\r\na/b\r\n* 1 FETCH (BODY[1] {0}\r\n BODY[2] {2}\r\nxy)\r\n', {
      strict: true,
    });
    expect(evs[0]).toMatchObject({ response: { type: 'list', mailbox: { name: 'a/b' } } });
    expect(evs[1]).toMatchObject({ type: 'response', response: { type: 'fetch' } });
  });
  it('literal bytes may contain CRLF and anything else', () => {
    const body = 'line1\r\n)\r\n* 9 EXISTS\r\n{3}\r\n';
    const evs = parse(`* 1 FETCH (RFC822 {${body.length}}\r\n${body})\r\n`, { strict: true });
    expect(evs).toHaveLength(1);
    const f = evs[0];
    expect(f?.type === 'response' && f.response.type === 'fetch' && f.response.items[0]).toMatchObject({
      name: 'RFC822',
    });
  });
  it('offsets are stream offsets', () => {
    const evs = parse('* 1 EXISTS\r\n* 2 EXISTS\r\n');
    expect(evs.map((e) => (e.type === 'response' ? e.offset : -1))).toEqual([0, 12]);
  });
});

describe('errors keep the stream in sync', () => {
  it('a malformed response is an error event and the next one parses', () => {
    const evs = parse('* 1 FETCH (UID x)\r\n* LIST garbage\r\na1 OK fine\r\n');
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX', 'error:BAD_SYNTAX', 'response']);
  });
  it('the tag of a failed tagged response is reported', () => {
    const evs = parse('a7 FROB x\r\nb8 OK [UIDNEXT 1 fine\r\n');
    const errs = evs.flatMap((e) => (e.type === 'error' ? [e.error] : []));
    expect(errs[0]?.tag).toBe('a7');
    const strict = new ImapResponseParser({ strict: true });
    try {
      strict.push(enc('b9 OK [UIDNEXT x] no\r\n'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      expect((e as ParseError).tag).toBe('b9');
    }
  });
  it('strict mode throws and stays failed', () => {
    const p = new ImapResponseParser({ strict: true });
    expect(() => p.push(enc('* 1 FETCH (UID x)\r\n'))).toThrow(ParseError);
    expect(() => p.push(enc('* 1 EXISTS\r\n'))).toThrow(ParseError);
    expect(() => p.end()).toThrow(ParseError);
  });
  it('end() inside a response or literal is UNEXPECTED_EOF', () => {
    expect(kinds(parse('* 1 EXISTS'))).toEqual(['error:UNEXPECTED_EOF']);
    expect(kinds(parse('* 1 FETCH (BODY[] {10}\r\nabc'))).toEqual(['error:UNEXPECTED_EOF']);
    expect(kinds(parse('* 1 FETCH (BODY[] {3}\r\nabc'))).toEqual(['error:UNEXPECTED_EOF']);
    const eofTag = parse('a1 OK almost').flatMap((e) => (e.type === 'error' ? [e.error.tag] : []));
    expect(eofTag).toEqual(['a1']);
    expect(() => parse('* 1 EXISTS', { strict: true })).toThrow(ParseError);
  });
  it('any other exception never escapes: only ParseError', () => {
    expect(kinds(parse('* 99999999999 EXISTS\r\n'))).toEqual(['error:NUMBER_OVERFLOW']);
    expect(kinds(parse('* 1 FETCH (MODSEQ (9223372036854775808))\r\n'))).toEqual(['error:NUMBER_OVERFLOW']);
    expect(kinds(parse('* 1 FETCH (MODSEQ (9223372036854775807))\r\n'))).toEqual(['response']);
    expect(kinds(parse('* 1 FETCH (X-GM-MSGID 18446744073709551615)\r\n'))).toEqual(['response']);
    expect(kinds(parse('* 1 FETCH (X-GM-MSGID 18446744073709551616)\r\n'))).toEqual([
      'error:NUMBER_OVERFLOW',
    ]);
    expect(kinds(parse('* 1 FETCH (UID 4294967296)\r\n'))).toEqual(['error:NUMBER_OVERFLOW']);
    expect(kinds(parse('* 1 FETCH (UID 4294967295)\r\n'))).toEqual(['response']);
    expect(kinds(parse('* 1 FETCH (BODY[] {99999999999999999999}\r\n'))).toEqual(['error:NUMBER_OVERFLOW']);
  });
});

describe('limits', () => {
  it('maxLineLength, in one chunk and across chunks; the next response parses', () => {
    const long = `* OK ${'x'.repeat(200)}\r\n* 1 EXISTS\r\n`;
    expect(kinds(parse(long, { limits: { maxLineLength: 100 } }))).toEqual([
      'error:LINE_TOO_LONG',
      'response',
    ]);
    const p = new ImapResponseParser({ limits: { maxLineLength: 100 } });
    const b = enc(long);
    const evs = pushAll(
      p,
      Array.from({ length: b.length }, (_, i) => b.subarray(i, i + 1)),
    );
    expect(kinds(evs)).toEqual(['error:LINE_TOO_LONG', 'response']);
  });
  it('maxLiteralSize is checked on the announcement, before any literal byte arrives', () => {
    const p = new ImapResponseParser({ limits: { maxLiteralSize: 10 } });
    expect(kinds(p.push(enc('a1 OK x\r\n* 1 FETCH (BODY[] {1000}\r\n')))).toEqual([
      'response',
      'error:LITERAL_TOO_LARGE',
    ]);
    // the literal is skipped, not parsed as lines
    const rest = p.push(enc(`${'* 9 EXISTS\r\n'.repeat(83)}abcd)\r\n* 2 EXISTS\r\n`));
    expect(kinds(rest)).toEqual(['response']);
    expect(rest[0]).toMatchObject({ response: { value: 2 } });
  });
  it('maxResponseSize', () => {
    const lines = `* 1 FETCH (BODY[1] {60}\r\n${'y'.repeat(60)} BODY[2] {60}\r\n${'z'.repeat(60)})\r\n* 3 EXISTS\r\n`;
    expect(kinds(parse(lines, { limits: { maxResponseSize: 100 } }))).toEqual([
      'error:RESPONSE_TOO_LARGE',
      'response',
    ]);
  });
  it('maxNestingDepth (BODYSTRUCTURE too) and maxListItems', () => {
    let body = '("TEXT" "PLAIN" NIL NIL NIL "7BIT" 1 1)';
    for (let i = 0; i < 10; i++) body = `(${body} "MIXED")`;
    expect(kinds(parse(`* 1 FETCH (BODYSTRUCTURE ${body})\r\n`, { limits: { maxNestingDepth: 8 } }))).toEqual(
      ['error:NESTING_TOO_DEEP'],
    );
    expect(
      kinds(parse(`* 1 FETCH (BODYSTRUCTURE ${body})\r\n`, { limits: { maxNestingDepth: 12 } })),
    ).toEqual(['response']);
    expect(kinds(parse('* SEARCH 1 2 3 4 5\r\n* 1 EXISTS\r\n', { limits: { maxListItems: 4 } }))).toEqual([
      'error:LIST_TOO_LONG',
      'response',
    ]);
    // deep nesting in an unknown FETCH item is bounded too
    expect(kinds(parse(`* 1 FETCH (X-FOO ${'('.repeat(100)}${')'.repeat(100)})\r\n`))).toEqual([
      'error:NESTING_TOO_DEEP',
    ]);
  });
});

const SAMPLES = [
  '* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n',
  'a1 OK [READ-WRITE] SELECT completed\r\n',
  '+ \r\n',
  '* 1 FETCH (UID 5 BODY[HEADER.FIELDS (FROM TO)]<0> {7}\r\nFrom: x ENVELOPE (NIL {3}\r\nsub NIL NIL NIL NIL NIL NIL NIL NIL))\r\n',
  '* LIST (\\HasNoChildren) "/" {4}\r\nA\r\nB\r\n',
  '* STATUS "a b" (MESSAGES 2)\r\n',
  '* 2 FETCH (BODYSTRUCTURE (("TEXT" "PLAIN" ("CHARSET" "UTF-8") NIL NIL "7BIT" 10 1 NIL NIL NIL NIL)("IMAGE" "PNG" NIL "<id>" NIL "BASE64" 400 NIL ("inline" NIL) NIL NIL) "MIXED" ("BOUNDARY" "x") NIL NIL NIL))\r\n',
  '* 3 FETCH (UID 1  FLAGS (\\Seen ))\r\n',
  '* 1 FETCH (UID x)\r\n',
  'a2 NO [ALERT] {10}\r\n',
];

describe('chunking: every split gives the same events', () => {
  it('every response split at every byte, and byte by byte', () => {
    for (const s of SAMPLES) {
      const b = enc(s);
      const whole = normalise(parse(b));
      for (let i = 1; i < b.length; i++) {
        const p = new ImapResponseParser();
        expect(normalise(pushAll(p, [b.subarray(0, i), b.subarray(i)]))).toEqual(whole);
      }
      const p = new ImapResponseParser();
      expect(
        normalise(
          pushAll(
            p,
            Array.from({ length: b.length }, (_, i) => b.subarray(i, i + 1)),
          ),
        ),
      ).toEqual(whole);
    }
  });
  it('the same with streaming on (threshold 2): streamed bodies join to the same bytes', () => {
    const s =
      '* 1 FETCH (UID 5 BODY[] {10}\r\n0123456789 BODY[TEXT] {3}\r\nabc RFC822.HEADER {2}\r\nhi)\r\na1 OK x\r\n';
    const b = enc(s);
    const whole = normalise(parse(b, { streamThreshold: 2 }));
    expect(whole.map((e) => (e as { type: string }).type)).toEqual([
      'fetchStart',
      'fetchItem',
      'bodyStart',
      'bodyChunk',
      'bodyEnd',
      'bodyStart',
      'bodyChunk',
      'bodyEnd',
      'fetchItem',
      'fetchEnd',
      'response',
    ]);
    for (let i = 1; i < b.length; i++) {
      const p = new ImapResponseParser({ streamThreshold: 2 });
      expect(normalise(pushAll(p, [b.subarray(0, i), b.subarray(i)]))).toEqual(whole);
    }
  });
});

describe('the example session (examples/imap-session.txt)', () => {
  const session = new Uint8Array(
    readFileSync(new URL('../../../examples/imap-session.txt', import.meta.url)),
  );
  it('parses strictly and gives the same events split at every byte, streaming on and off', () => {
    // quadratic in the session's size: a mutation run (one test run per mutant) takes
    // every 7th split; the property tests cover chunking there too
    const step = process.env.MAILWIRE_MUTATION === '1' ? 7 : 1;
    for (const threshold of [1024 * 1024, 100]) {
      const whole = normalise(parse(session, { strict: true, streamThreshold: threshold }));
      expect(whole.length).toBeGreaterThanOrEqual(30);
      for (let i = 1; i < session.length; i += step) {
        const p = new ImapResponseParser({ strict: true, streamThreshold: threshold });
        expect(normalise(pushAll(p, [session.subarray(0, i), session.subarray(i)]))).toEqual(whole);
      }
    }
  });
});

describe('linear work', () => {
  it('searches each byte for the line end once, whatever the chunking', () => {
    const original = Uint8Array.prototype.indexOf;
    let scanned = 0;
    Uint8Array.prototype.indexOf = function (this: Uint8Array, value: number, from?: number) {
      const at = original.call(this, value, from);
      // bytes actually examined by this search
      if (value === 0x0a) scanned += (at < 0 ? this.length : at + 1) - (from ?? 0);
      return at;
    };
    try {
      const b = enc(`* SEARCH ${'1234567 '.repeat(5000)}1\r\n`.repeat(4));
      for (const size of [1, 7, 4096]) {
        scanned = 0;
        const p = new ImapResponseParser();
        let n = 0;
        for (let i = 0; i < b.length; i += size) n += p.push(b.subarray(i, i + size)).length;
        expect(n).toBe(4);
        expect(scanned).toBeLessThanOrEqual(b.length);
      }
    } finally {
      Uint8Array.prototype.indexOf = original;
    }
  });
});
