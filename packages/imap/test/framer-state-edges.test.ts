/**
 * Edges of the response framer's state machine (src/framer.ts): maxLineLength at and one
 * past the limit, in one chunk and split before the LF; skipping a too long line across
 * chunks; NUL padding and empty lines between responses; literal counts that cannot be
 * represented; maxLiteralSize and maxResponseSize at their bounds; skipping the rest of a
 * response after a framing error; and the fields of each error (offset, excerpt, tag, message).
 */
import type { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { type ImapResponseEvent, ImapResponseParser, type ImapResponseParserOptions } from '../src/index';
import { enc, expectError, kinds, parse, strictError } from './helpers';

/** The events of each push, then of end(), kept apart: when an event comes matters here. */
function feed(options: ImapResponseParserOptions, ...chunks: (string | Uint8Array)[]): ImapResponseEvent[][] {
  const p = new ImapResponseParser(options);
  const out = chunks.map((c) => p.push(typeof c === 'string' ? enc(c) : c));
  out.push(p.end());
  return out;
}

function errorsOf(evs: ImapResponseEvent[]): ParseError[] {
  return evs.flatMap((e) => (e.type === 'error' ? [e.error] : []));
}

function onlyError(evs: ImapResponseEvent[]): ParseError {
  const errs = errorsOf(evs);
  expect(errs).toHaveLength(1);
  return errs[0] as ParseError;
}

function offsets(evs: ImapResponseEvent[]): number[] {
  return evs.flatMap((e) => (e.type === 'response' ? [e.offset] : []));
}

const max10 = { limits: { maxLineLength: 10 } };
const max100 = { limits: { maxLineLength: 100 } };

describe('maxLineLength: the limit is on the line without its CRLF', () => {
  it('exactly maxLineLength bytes parse; one more is LINE_TOO_LONG, and the next response parses', () => {
    expect(kinds(parse('* 1 EXISTS\r\n', max10))).toEqual(['response']);
    const evs = parse('* 12 EXISTS\r\n* 2 EXISTS\r\n', max10);
    expect(kinds(evs)).toEqual(['error:LINE_TOO_LONG', 'response']);
    const e = onlyError(evs);
    expectError(e, 'LINE_TOO_LONG', 'line longer than maxLineLength (10)', 0);
    expect(e.protocol).toBe('imap');
    expect(e.excerpt).toBe('* 12 EXISTS\\r');
    expect(e.tag).toBeUndefined();
    expect(offsets(evs)).toEqual([13]);
  });
  it('a bare LF line end (hand-written test servers, some proxies) has no CR to allow for', () => {
    const ok = parse('* 1 EXISTS\n', max10);
    expect(kinds(ok)).toEqual(['warning:BARE_LF', 'response']);
    const evs = parse('* 12 EXISTS\n* 2 EXISTS\r\n', max10);
    expect(kinds(evs)).toEqual(['error:LINE_TOO_LONG', 'response']);
    const e = onlyError(evs);
    expectError(e, 'LINE_TOO_LONG', 'line longer than maxLineLength (10)', 0);
    expect(e.excerpt).toBe('* 12 EXISTS');
    expect(offsets(evs)).toEqual([12]);
  });
  it('a whole too long tagged line carries its tag (strict: thrown)', () => {
    const e = strictError('a1 OK done.\r\n', max10);
    expectError(e, 'LINE_TOO_LONG', 'line longer than maxLineLength (10)', 0);
    expect(e.tag).toBe('a1');
  });
  it('split before the LF: the held CR is the one byte over the limit that is allowed', () => {
    const [a, b, end] = feed(max10, '* 1 EXISTS\r', '\n');
    expect(a).toEqual([]);
    expect(kinds(b ?? [])).toEqual(['response']);
    expect(end).toEqual([]);
  });
  it('a partial line past the limit is reported by the push that passes it, before its LF', () => {
    const [a, b, end] = feed(max10, '* 12 EXISTS\r', '\n* 2 EXISTS\r\n');
    expect(kinds(a ?? [])).toEqual(['error:LINE_TOO_LONG']);
    const e = onlyError(a ?? []);
    expectError(e, 'LINE_TOO_LONG', 'line longer than maxLineLength (10)', 0);
    expect(e.protocol).toBe('imap');
    expect(e.excerpt).toBe('* 12 EXISTS\\r');
    expect(kinds(b ?? [])).toEqual(['response']);
    expect(offsets(b ?? [])).toEqual([13]);
    expect(end).toEqual([]);
  });
  it('the rest of a too long line is skipped up to its LF over several chunks; offsets keep counting', () => {
    const [a, b, c, end] = feed(max10, '* OK abcdefghijkl', 'mnop', 'qr\r\n* 1 EXISTS\r\n');
    expect(kinds(a ?? [])).toEqual(['error:LINE_TOO_LONG']);
    expect(b).toEqual([]);
    expect(kinds(c ?? [])).toEqual(['response']);
    // 17 + 4 + 4 bytes of the skipped line before the response
    expect(offsets(c ?? [])).toEqual([25]);
    expect(end).toEqual([]);
  });
  it('a stream closed inside a skipped too long line is not also UNEXPECTED_EOF', () => {
    const [a, end] = feed(max100, `* OK ${'x'.repeat(200)}`);
    expect(kinds(a ?? [])).toEqual(['error:LINE_TOO_LONG']);
    expect(end).toEqual([]);
  });
  it('the excerpt of a partial too long line is its first bytes, joined across the chunks it came in', () => {
    const [first, a] = feed(max10, 'a1 OK ab', 'cdefgh');
    expect(first).toEqual([]);
    const e = onlyError(a ?? []);
    expectError(e, 'LINE_TOO_LONG', 'line longer than maxLineLength (10)', 0);
    expect(e.excerpt).toBe('a1 OK abcdefgh');
    expect(e.tag).toBe('a1');
    // a short first piece and a long second one: the excerpt is cut at 80 bytes
    const [, b] = feed(max100, 'a1 OK ', 'x'.repeat(200));
    const long = onlyError(b ?? []);
    expect(long.excerpt).toBe(`a1 OK ${'x'.repeat(74)}…`);
    expect(long.tag).toBe('a1');
    expect(long.offset).toBe(0);
  });
  it('a too long continuation line reports the tag of the response, not its own first word', () => {
    // only untagged responses have continuation lines: no tag, whatever the line starts with
    const [a, b] = feed(max100, `* 1 FETCH (BODY[] {3}\r\nabcUID${'9'.repeat(200)}`, ')\r\n* 2 EXISTS\r\n');
    const e = onlyError(a ?? []);
    expectError(e, 'LINE_TOO_LONG', 'line longer than maxLineLength (100)', 26);
    expect(e.tag).toBeUndefined();
    expect(kinds(b ?? [])).toEqual(['response']);
  });
  it('UNEXPECTED_EOF is at the stream position where the stream ended', () => {
    const e = onlyError(parse('a1 OK x\r\n* 2 EXI'));
    expectError(e, 'UNEXPECTED_EOF', 'stream ended inside a response', 16);
    expect(onlyError(parse('* 1 EXISTS')).offset).toBe(10);
  });
});

describe('between responses: NUL padding and empty lines', () => {
  it('NUL padding (Exchange front ends, broken proxies): counted in the warning; the response starts after it', () => {
    const evs = parse('* 1 EXISTS\r\n\0\0* 2 EXISTS\r\n');
    expect(evs[1]).toEqual({
      type: 'warning',
      code: 'NUL_PADDING',
      message: '2 NUL byte(s) before a response ignored',
      offset: 12,
    });
    expect(offsets(evs)).toEqual([0, 14]);
    expect(kinds(evs)).toEqual(['response', 'warning:NUL_PADDING', 'response']);
  });
  it('strict: NUL padding is BAD_SYNTAX at the first NUL', () => {
    const e = strictError('* 1 EXISTS\r\n\0\0\0* 2 EXISTS\r\n');
    expectError(e, 'BAD_SYNTAX', 'NUL bytes before a response', 12);
    expect(e.protocol).toBe('imap');
    expect(e.excerpt).toBe('\\x00\\x00\\x00* 2 EXISTS\\r');
    expect(e.eventsBefore).toHaveLength(1);
  });
  it('an empty line (some servers after IDLE): a warning naming it; strict: BAD_SYNTAX', () => {
    const evs = parse('* 1 EXISTS\r\n\r\n* 2 EXISTS\r\n');
    expect(evs[1]).toEqual({
      type: 'warning',
      code: 'EMPTY_LINE',
      message: 'empty line between responses ignored',
      offset: 12,
    });
    expect(offsets(evs)).toEqual([0, 14]);
    const e = strictError('* 1 EXISTS\r\n\r\n* 2 EXISTS\r\n');
    expectError(e, 'BAD_SYNTAX', 'empty line', 12);
    expect(e.protocol).toBe('imap');
  });
});

describe('line ends after a literal', () => {
  it("a literal's last byte CR is data: it does not make the LF after it a CRLF (RFC 3501 §4.3)", () => {
    // the mailbox name is the one octet CR; the line after the literal is empty, ended by a bare LF
    const input = '* LIST () "/" {1}\r\n\r\n';
    const evs = parse(input);
    expect(kinds(evs)).toEqual(['warning:BARE_LF', 'response']);
    expect(evs[0]).toMatchObject({ code: 'BARE_LF', offset: 20 });
    expect(evs[1]).toMatchObject({ response: { type: 'list', mailbox: { name: '\r' } } });
    expectError(strictError(input), 'BARE_LF', 'line ended by LF without CR', 20);
  });
});

describe('literal announcements', () => {
  it('a count beyond 2^53 - 1 is NUMBER_OVERFLOW at the brace; the line ends the response', () => {
    const second = '* 2 FETCH (BODY[] {99999999999999999999}\r\n';
    const evs = parse(`* 1 EXISTS\r\n${second}* 3 EXISTS\r\n`);
    expect(kinds(evs)).toEqual(['response', 'error:NUMBER_OVERFLOW', 'response']);
    const e = onlyError(evs);
    expectError(e, 'NUMBER_OVERFLOW', 'literal size too large to represent', 12 + 18);
    expect(e.protocol).toBe('imap');
    expect(e.excerpt).toBe('{99999999999999999999}');
    expect(offsets(evs)).toEqual([0, 12 + second.length]);
  });
  it('maxLiteralSize: a literal of exactly the limit parses, as a view of the pushed chunk', () => {
    const input = enc('* 1 FETCH (BODY[] {10}\r\n0123456789)\r\n');
    const evs = parse(input, { strict: true, limits: { maxLiteralSize: 10 } });
    const r = evs[0];
    if (r?.type !== 'response' || r.response.type !== 'fetch') throw new Error('no FETCH response');
    const item = r.response.items[0];
    if (item?.name !== 'BODY[]' || item.data === null) throw new Error('no BODY[] data');
    expect(new TextDecoder().decode(item.data)).toBe('0123456789');
    // a literal inside one chunk is a subarray view (README, Design): no copy
    expect(item.data.buffer).toBe(input.buffer);
    expect(item.data.byteOffset).toBe(24);
  });
  it('maxLiteralSize: one past is LITERAL_TOO_LARGE at the brace, before any literal byte', () => {
    const evs = parse('* 1 EXISTS\r\n* 2 FETCH (BODY[] {11}\r\n0123456789a)\r\n* 3 EXISTS\r\n', {
      limits: { maxLiteralSize: 10 },
    });
    expect(kinds(evs)).toEqual(['response', 'error:LITERAL_TOO_LARGE', 'response']);
    const e = onlyError(evs);
    expectError(e, 'LITERAL_TOO_LARGE', 'literal of 11 bytes larger than maxLiteralSize (10)', 30);
    expect(e.protocol).toBe('imap');
    expect(e.excerpt).toBe('{11}');
  });
});

describe('maxResponseSize: every line with its CRLF, plus buffered literals', () => {
  it('a one-line response of exactly the limit parses; one byte less is RESPONSE_TOO_LARGE, not parsed', () => {
    expect(kinds(parse('* 1 EXISTS\r\n+ ok\r\n', { limits: { maxResponseSize: 12 } }))).toEqual([
      'response',
      'response',
    ]);
    const evs = parse('* 1 EXISTS\r\n+ ok\r\n', { limits: { maxResponseSize: 11 } });
    expect(kinds(evs)).toEqual(['error:RESPONSE_TOO_LARGE', 'response']);
    expect(evs[1]).toMatchObject({ offset: 12, response: { type: 'continuation', text: 'ok' } });
    const e = onlyError(evs);
    expectError(e, 'RESPONSE_TOO_LARGE', 'response larger than maxResponseSize (11)', 0);
    expect(e.protocol).toBe('imap');
    expect(e.excerpt).toBe('* 1 EXISTS');
  });
  it('the excerpt is the first 64 bytes of the first line, the tag that of the response', () => {
    const line = `a1 OK ${'x'.repeat(100)}`;
    const evs = parse(`* 1 EXISTS\r\n${line}\r\n`, { limits: { maxResponseSize: 50 } });
    expect(kinds(evs)).toEqual(['response', 'error:RESPONSE_TOO_LARGE']);
    const e = onlyError(evs);
    expectError(e, 'RESPONSE_TOO_LARGE', 'response larger than maxResponseSize (50)', 12);
    expect(e.excerpt).toBe(line.slice(0, 64));
    expect(e.tag).toBe('a1');
  });
  it('a buffered literal counts: at the limit, one line past it, and past it with the literal itself', () => {
    // 17 + 2 line bytes, 5 literal bytes, 0 + 2 bytes of the line after it: 26 in all
    const input = '* LIST () "/" {5}\r\nabcde\r\n* 2 EXISTS\r\n';
    const at = (max: number) => parse(input, { limits: { maxResponseSize: max } });
    const ok = at(26);
    expect(kinds(ok)).toEqual(['response', 'response']);
    expect(ok[0]).toMatchObject({ response: { type: 'list', mailbox: { name: 'abcde' } } });
    // the line after the literal passes the limit: reported at that line
    for (const max of [25, 24]) {
      const evs = at(max);
      expect(kinds(evs)).toEqual(['error:RESPONSE_TOO_LARGE', 'response']);
      const e = onlyError(evs);
      expectError(e, 'RESPONSE_TOO_LARGE', `response larger than maxResponseSize (${max})`, 24);
      expect(e.excerpt).toBe('* LIST () "/" {5}');
      expect(offsets(evs)).toEqual([26]);
    }
    // the literal itself passes the limit: reported where it starts, and skipped
    const evs = at(23);
    expect(kinds(evs)).toEqual(['error:RESPONSE_TOO_LARGE', 'response']);
    const e = onlyError(evs);
    expectError(e, 'RESPONSE_TOO_LARGE', 'response larger than maxResponseSize (23)', 19);
    expect(e.protocol).toBe('imap');
    expect(e.excerpt).toBe('* LIST () "/" {5}');
    expect(offsets(evs)).toEqual([26]);
  });
  it('a literal past the limit after other responses: the excerpt is its first line only; its bytes are skipped', () => {
    const before = '* 1 EXISTS\r\n* 2 EXISTS\r\n* 3 EXISTS\r\n';
    const literal = `${'* 9 EXISTS\r\n'.repeat(4)}xx`;
    const input = `${before}* LIST () "/" {${literal.length}}\r\n${literal}\r\n* 4 EXISTS\r\n`;
    const evs = parse(input, { limits: { maxResponseSize: 40 } });
    expect(kinds(evs)).toEqual(['response', 'response', 'response', 'error:RESPONSE_TOO_LARGE', 'response']);
    const e = errorsOf(evs)[0] as ParseError;
    expectError(e, 'RESPONSE_TOO_LARGE', 'response larger than maxResponseSize (40)', 36 + 20);
    expect(e.excerpt).toBe('* LIST () "/" {50}');
    expect(evs[4]).toMatchObject({ response: { type: 'exists', value: 4 } });
  });
});

describe('after a framing error the rest of the response is skipped quietly', () => {
  const tiny = { limits: { maxLiteralSize: 5, maxLineLength: 30 } };
  it('a bare LF in the skipped part is no warning', () => {
    const evs = parse('* 1 FETCH (BODY[] {10}\r\n0123456789)\n* 2 EXISTS\r\n', tiny);
    expect(kinds(evs)).toEqual(['error:LITERAL_TOO_LARGE', 'response']);
  });
  it('a too long line in the skipped part is no second error, whole or split', () => {
    const head = `* 1 FETCH (BODY[] {10}\r\n0123456789 X-LONG ${'y'.repeat(40)}`;
    expect(kinds(parse(`${head})\r\n* 2 EXISTS\r\n`, tiny))).toEqual(['error:LITERAL_TOO_LARGE', 'response']);
    const [a, b, end] = feed(tiny, head, ')\r\n* 2 EXISTS\r\n');
    expect(kinds(a ?? [])).toEqual(['error:LITERAL_TOO_LARGE']);
    expect(kinds(b ?? [])).toEqual(['response']);
    expect(end).toEqual([]);
  });
  it('skipped literal bytes are counted over several pushes, never read as lines', () => {
    const literal = `ab${'* 9 EXISTS\r\n'.repeat(2)}`;
    const [a, b, c] = feed(
      tiny,
      `* 1 FETCH (BODY[] {${literal.length}}\r\n${literal.slice(0, 2)}`,
      literal.slice(2),
      ')\r\n* 2 EXISTS\r\n',
    );
    expect(kinds(a ?? [])).toEqual(['error:LITERAL_TOO_LARGE']);
    expect(b).toEqual([]);
    expect(kinds(c ?? [])).toEqual(['response']);
    expect(c?.[0]).toMatchObject({ response: { type: 'exists', value: 2 } });
  });
  it('a huge announced literal over maxLiteralSize is skipped without being buffered or streamed', () => {
    const [a, b, end] = feed(
      { limits: { maxLiteralSize: 1000 } },
      '* 1 FETCH (BODY[] {9000000000000}\r\nabc',
      'defgh',
    );
    expect(kinds(a ?? [])).toEqual(['error:LITERAL_TOO_LARGE']);
    expect(b).toEqual([]);
    // the response failed already: its end is not a second error
    expect(end).toEqual([]);
  });
  it('the next response buffers its literal again', () => {
    const evs = parse('* 1 FETCH (BODY[] {10}\r\n0123456789)\r\n* LIST () "/" {3}\r\nabc\r\n', tiny);
    expect(kinds(evs)).toEqual(['error:LITERAL_TOO_LARGE', 'response']);
    expect(evs[1]).toMatchObject({ response: { type: 'list', mailbox: { name: 'abc' } } });
  });
});
