import type { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import type { FetchItem, FetchResponse } from '../src/index';
import { dec, kinds, one, parse } from './helpers';

function items(line: string): FetchItem[] {
  return (one(line) as FetchResponse).items;
}

/** The ParseError of a line that fails to parse (lenient: one error event, nothing else). */
function failure(line: string, code = 'BAD_SYNTAX'): ParseError {
  const evs = parse(`${line}\r\n`);
  expect(kinds(evs)).toEqual([`error:${code}`]);
  const e = evs[0];
  if (e?.type !== 'error') throw new Error('expected an error event');
  return e.error;
}

describe('FETCH msg-att framing', () => {
  it('msg-att must be parenthesised', () => {
    // RFC 3501 §7.4.2: message-data = nz-number SP "FETCH" SP msg-att; msg-att = "(" ... ")"
    const err = failure('* 1 FETCH UID 1');
    expect(err.message).toMatch(/expected \(/);
    expect(err.offset).toBe(10);
  });

  it('an item name must be there', () => {
    const err = failure('* 1 FETCH ("UID" 1)');
    expect(err.message).toMatch(/expected a FETCH item name/);
    expect(err.offset).toBe(11);
  });

  it('a space before the closing ")" warns TRAILING_SPACE at the ")" (Exchange)', () => {
    const evs = parse('* 1 FETCH (UID 5 FLAGS () )\r\n');
    expect(kinds(evs)).toEqual(['warning:TRAILING_SPACE', 'response']);
    expect(evs[0]).toMatchObject({ message: 'space before )', offset: 26 });
  });

  it('extra parentheses warn EXTRA_PARENS at each "(" (old GroupWise, some proxies)', () => {
    const evs = parse('* 1 FETCH ((UID 5) (FLAGS ()))\r\n');
    expect(kinds(evs)).toEqual(['warning:EXTRA_PARENS', 'warning:EXTRA_PARENS', 'response']);
    expect(evs[0]).toMatchObject({ message: 'extra parentheses around FETCH items', offset: 11 });
    expect(evs[1]).toMatchObject({ message: 'extra parentheses around FETCH items', offset: 19 });
    expect(() => parse('* 1 FETCH ((UID 5))\r\n', { strict: true })).toThrow(/extra parentheses/);
  });
});

describe('FETCH item names', () => {
  it('unknown items as long as a common one, or close to one, stay unknown', () => {
    // the common items (UID, BODY, FLAGS, ENVELOPE, RFC822.SIZE, INTERNALDATE, BODYSTRUCTURE)
    // are told from their bytes by length and then letter by letter
    const names = [
      'X-A',
      'UIX',
      'X-AB',
      'BOD1',
      'X-ABC',
      'FLAGZ',
      'X-ABCDEF',
      'ENVELOPX',
      'X-ABCDEFGHI',
      'RFC822.SIZX',
      'X-ABCDEFGHIJ',
      'INTERNALDATX',
      'X-ABCDEFGHIJK',
      'BODYSTRUCTURX',
    ];
    const its = items(`* 1 FETCH (${names.map((n) => `${n} 1`).join(' ')})`);
    expect(its.map((i) => (i.name === 'UNKNOWN' ? [i.key, dec(i.raw)] : i))).toEqual(
      names.map((n) => [n, '1']),
    );
  });

  it('the common items are recognised in any case', () => {
    expect(items('* 1 FETCH (uid 2 Flags () rfc822.size 0 Body[] NIL)')).toEqual([
      { name: 'UID', value: 2 },
      { name: 'FLAGS', flags: [] },
      { name: 'RFC822.SIZE', value: 0 },
      { name: 'BODY[]', section: { part: [], text: null }, origin: null, data: null },
    ]);
  });
});

describe('FETCH number items and their bounds', () => {
  it('UID is an nz-number below 2^32 (RFC 3501 §9 uniqueid)', () => {
    expect(items('* 1 FETCH (UID 1)')).toEqual([{ name: 'UID', value: 1 }]);
    // UID 0: Exchange, IMAP proxies (ZERO_NUMBER leniency, reported at the number)
    const zero = parse('* 1 FETCH (UID 0)\r\n');
    expect(kinds(zero)).toEqual(['warning:ZERO_NUMBER', 'response']);
    expect(zero[0]).toMatchObject({ offset: 15 });
    expect(() => parse('* 1 FETCH (UID 0)\r\n', { strict: true })).toThrow(/zero where a non-zero number/);
    expect(items('* 1 FETCH (UID 4294967295)')).toEqual([{ name: 'UID', value: 4294967295 }]);
    const err = failure('* 1 FETCH (UID 4294967296)', 'NUMBER_OVERFLOW');
    expect(err.message).toMatch(/4294967295/);
    expect(err.offset).toBe(15);
  });

  it('MODSEQ is a parenthesised mod-sequence-value up to 2^63-1 (RFC 7162 §3.1.4)', () => {
    expect(items('* 1 FETCH (MODSEQ (1))')).toEqual([{ name: 'MODSEQ', value: 1n }]);
    expect(items('* 1 FETCH (MODSEQ (9223372036854775807))')).toEqual([
      { name: 'MODSEQ', value: 9223372036854775807n },
    ]);
    expect(failure('* 1 FETCH (MODSEQ (9223372036854775808))', 'NUMBER_OVERFLOW').message).toMatch(
      /2\^63 - 1/,
    );
  });

  it('MODSEQ without its parentheses is an error', () => {
    const open = failure('* 1 FETCH (MODSEQ 5)');
    expect(open.message).toMatch(/expected \(/);
    expect(open.offset).toBe(18);
    const close = failure('* 1 FETCH (MODSEQ (5 6))');
    expect(close.message).toMatch(/expected \)/);
    expect(close.offset).toBe(20);
  });
});

describe('FETCH EMAILID, THREADID, PREVIEW', () => {
  it('EMAILID is never NIL, THREADID may be (RFC 8474 §5.1, §5.2)', () => {
    expect(items('* 1 FETCH (THREADID NIL)')).toEqual([{ name: 'THREADID', value: null }]);
    const err = failure('* 1 FETCH (EMAILID NIL)');
    expect(err.message).toMatch(/expected \(/);
    expect(err.offset).toBe(19);
  });

  it('the objectid is parenthesised', () => {
    expect(failure('* 1 FETCH (EMAILID M1)').message).toMatch(/expected \(/);
    const err = failure('* 1 FETCH (THREADID (T1 T2))');
    expect(err.message).toMatch(/expected \)/);
    expect(err.offset).toBe(23);
  });

  it('PREVIEW in the draft "(FUZZY ...)" form is kept raw', () => {
    // RFC 8970 made PREVIEW an nstring; drafts (and servers built on them) sent a list
    const its = items('* 1 FETCH (PREVIEW (FUZZY "Hello") UID 2)');
    expect(its.map((i) => (i.name === 'UNKNOWN' ? [i.key, dec(i.raw)] : i))).toEqual([
      ['PREVIEW', '(FUZZY "Hello")'],
      { name: 'UID', value: 2 },
    ]);
  });
});

describe('FETCH INTERNALDATE as the item reads it', () => {
  it('a date-time sent as a literal is parsed as well', () => {
    // date-time is a quoted string in the grammar, but `string` values may come as literals
    expect(items('* 1 FETCH (INTERNALDATE {26}\r\n17-Jul-1996 02:44:25 -0700)')).toEqual([
      {
        name: 'INTERNALDATE',
        date: { date: new Date('1996-07-17T09:44:25Z'), zone: '-0700', zoneMinutes: -420 },
      },
    ]);
    expect(items('* 1 FETCH (SAVEDATE {26}\r\n01-Jan-2020 10:00:00 +0000)')).toEqual([
      { name: 'SAVEDATE', date: { date: new Date('2020-01-01T10:00:00Z'), zone: '+0000', zoneMinutes: 0 } },
    ]);
  });

  it('a malformed date-time is reported at the start of the value', () => {
    const err = failure('* 1 FETCH (INTERNALDATE "17-Jul-1996 25:44:25 -0700")');
    expect(err.message).toMatch(/malformed date-time/);
    expect(err.offset).toBe(24);
    expect(failure('* 1 FETCH (UID 1 SAVEDATE "yesterday")').message).toMatch(/malformed date-time/);
  });
});

describe('FETCH X-GM-LABELS (Gmail)', () => {
  it('labels are parenthesised', () => {
    const err = failure('* 1 FETCH (X-GM-LABELS Inbox)');
    expect(err.message).toMatch(/expected \(/);
    expect(err.offset).toBe(23);
  });

  it('atoms, quoted strings, literals and \\system labels', () => {
    expect(items('* 1 FETCH (X-GM-LABELS (Work "Foo bar" {4}\r\nab c \\Inbox \\Important))')).toEqual([
      { name: 'X-GM-LABELS', labels: ['Work', 'Foo bar', 'ab c', '\\Inbox', '\\Important'] },
    ]);
    expect(items('* 1 FETCH (X-GM-LABELS ())')).toEqual([{ name: 'X-GM-LABELS', labels: [] }]);
  });

  it('"[" and "]" in an unquoted label warn LOOSE_ATOM naming a label (Gmail)', () => {
    const evs = parse('* 1 FETCH (X-GM-LABELS (Work [Gmail]/Starred))\r\n');
    expect(kinds(evs)).toEqual(['warning:LOOSE_ATOM', 'response']);
    expect(evs[0]).toMatchObject({ message: 'non-atom character in a label', offset: 35 });
    const r = evs[1];
    expect(r?.type === 'response' && (r.response as FetchResponse).items).toEqual([
      { name: 'X-GM-LABELS', labels: ['Work', '[Gmail]/Starred'] },
    ]);
    expect(() => parse('* 1 FETCH (X-GM-LABELS ([Gmail]/Starred))\r\n', { strict: true })).toThrow(
      /bad character in a label/,
    );
  });

  it('a space before ")" warns TRAILING_SPACE; strict mode rejects it', () => {
    const evs = parse('* 1 FETCH (X-GM-LABELS (Work ))\r\n');
    expect(kinds(evs)).toEqual(['warning:TRAILING_SPACE', 'response']);
    expect(evs[0]).toMatchObject({ message: 'space before )', offset: 29 });
    expect(() => parse('* 1 FETCH (X-GM-LABELS (Work ))\r\n', { strict: true })).toThrow(/space before \)/);
  });
});
