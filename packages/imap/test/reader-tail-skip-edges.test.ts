/**
 * Edges of the token reader's skipping and raw values (lexer/reader.ts): an unknown FETCH
 * item is skipped whole (RFC 3501 §9: its value may be an atom, a quoted string, a literal
 * or a parenthesised list of them) and kept as its raw wire bytes, also across literals; and
 * resp-text read to the line end.
 */
import { describe, expect, it } from 'vitest';
import { type ImapResponse, type ImapResponseEvent, ImapResponseParser } from '../src/index';
import { dec, enc, expectError, kinds, one, parse, thrown } from './helpers';

/** Events of `chunks` pushed one after the other, then end(). */
function pushed(chunks: string[]): ImapResponseEvent[] {
  const p = new ImapResponseParser();
  const out: ImapResponseEvent[] = [];
  for (const c of chunks) out.push(...p.push(enc(c)));
  out.push(...p.end());
  return out;
}

/** The items of a FETCH response, unknown ones as [key, raw text]. */
function items(r: ImapResponse | undefined): unknown[] {
  if (r?.type !== 'fetch') throw new Error(`not a FETCH: ${JSON.stringify(r)}`);
  return r.items.map((i) => (i.name === 'UNKNOWN' ? [i.key, dec(i.raw)] : i));
}

const only = (evs: ImapResponseEvent[]): ImapResponse => {
  expect(kinds(evs)).toEqual(['response']);
  const e = evs[0];
  if (e?.type !== 'response') throw new Error('no response');
  return e.response;
};

describe('unknown FETCH items: the value is skipped whole', () => {
  it('a quoted string with spaces and parentheses inside', () => {
    expect(items(one('* 1 FETCH (X-FOO "a (b) c" UID 5)'))).toEqual([
      ['X-FOO', '"a (b) c"'],
      { name: 'UID', value: 5 },
    ]);
  });

  it('an atom ends at `(`: an atom glued to a list is an error', () => {
    // atom-specials include "(" (RFC 3501 §9)
    const evs = parse('* 1 FETCH (X-FOO abc(def)\r\n');
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
    expect(evs[0]?.type === 'error' && evs[0].error.offset).toBe(20);
    expectError(thrown('* 1 FETCH (X-FOO abc(def)'), 'BAD_SYNTAX', 'expected SP', 20);
  });

  it('an atom running to the line end stops there (the missing `)` is reported at the line end)', () => {
    expectError(thrown('* 1 FETCH (X-FOO bar'), 'BAD_SYNTAX', 'expected SP', 20);
  });

  it('a section spec `[...]` may hold spaces; an unclosed `[` is an error at the `[`', () => {
    expect(items(one('* 1 FETCH (X-FOO[1 (A B)] x UID 2)'))).toEqual([
      ['X-FOO[1 (A B)]', 'x'],
      { name: 'UID', value: 2 },
    ]);
    expect(items(one('* 1 FETCH (X-FOO a[HEADER.FIELDS (A B)]b UID 2)'))).toEqual([
      ['X-FOO', 'a[HEADER.FIELDS (A B)]b'],
      { name: 'UID', value: 2 },
    ]);
    expectError(thrown('* 1 FETCH (X-FOO a[b UID 1)'), 'BAD_SYNTAX', 'unterminated [', 18);
    const evs = parse('* 1 FETCH (X-FOO a[b UID 1)\r\n');
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
    expect(evs[0]?.type === 'error' && evs[0].error.message).toMatch(/unterminated \[/);
  });

  it('no value at all is an error naming what is missing', () => {
    expectError(thrown('* 1 FETCH (X-FOO )'), 'BAD_SYNTAX', 'expected a value', 17);
    expect(kinds(parse('* 1 FETCH (X-FOO )\r\n'))).toEqual(['error:BAD_SYNTAX']);
  });
});

describe('raw bytes of unknown FETCH items (kept as on the wire)', () => {
  it('after a literal: the raw value is the bytes from where it starts', () => {
    expect(items(one('* 1 FETCH (BODY[] {3}\r\nabc X-FOO bar)'))).toEqual([
      { name: 'BODY[]', section: { part: [], text: null }, origin: null, data: enc('abc') },
      ['X-FOO', 'bar'],
    ]);
  });

  it('spanning a literal, the line, literal and rest arriving in separate chunks', () => {
    const r = only(pushed(['* 1 FETCH (X-FOO ({3}\r\n', 'abc def) UID 1)\r\n']));
    expect(items(r)).toEqual([['X-FOO', '({3}\r\nabc def)'], { name: 'UID', value: 1 }]);
    // the same in one chunk
    expect(items(one('* 1 FETCH (X-FOO ({3}\r\nabc def) UID 1)'))).toEqual(items(r));
  });

  it('spanning two literals', () => {
    const r = only(pushed(['* 1 FETCH (UID 7 X-FOO ({1}\r\n', 'a {2}\r\n', 'bc) UID 8)\r\n']));
    expect(items(r)).toEqual([
      { name: 'UID', value: 7 },
      ['X-FOO', '({1}\r\na {2}\r\nbc)'],
      { name: 'UID', value: 8 },
    ]);
  });

  it('on one line, a view of the pushed chunk (zero copy)', () => {
    const chunk = enc('* 1 FETCH (X-FOO (a b) UID 1)\r\n* FOO bar\r\n');
    const evs = new ImapResponseParser().push(chunk);
    const raws = evs.map((e) =>
      e.type !== 'response'
        ? null
        : e.response.type === 'unknown'
          ? e.response.raw
          : e.response.type === 'fetch' && e.response.items[0]?.name === 'UNKNOWN'
            ? e.response.items[0].raw
            : null,
    );
    expect(raws.map((r) => (r === null ? null : dec(r)))).toEqual(['(a b)', '* FOO bar']);
    for (const r of raws) expect(r?.buffer).toBe(chunk.buffer);
  });
});

describe('resp-text (RFC 9051 §9: resp-text = ["[" resp-text-code "]" SP] [text])', () => {
  it('an empty text after the SP is the empty string', () => {
    expect(responseText('a1 OK \r\n')).toBe('');
    expect(responseText('* OK [ALERT] \r\n')).toBe('');
    expect(responseText('a1 OK done\r\n')).toBe('done');
  });
});

function responseText(input: string): string | undefined {
  const r = parse(input).find((e) => e.type === 'response');
  return r?.type === 'response' && r.response.type === 'status' ? r.response.text : undefined;
}
