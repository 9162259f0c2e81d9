import type { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import type { FetchItem, FetchResponse } from '../src/index';
import { kinds, one, parse } from './helpers';

/** The items of one strict FETCH response. */
function items(line: string): FetchItem[] {
  return (one(line) as FetchResponse).items;
}

/** The ParseError of a line that fails to parse (lenient: one error event, nothing else). */
function failure(line: string): ParseError {
  const evs = parse(`${line}\r\n`);
  expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
  const e = evs[0];
  if (e?.type !== 'error') throw new Error('expected an error event');
  return e.error;
}

/** The section of the single BODY[]/BINARY[] item of a strict FETCH response. */
function sectionOf(line: string): unknown {
  const it = items(line)[0];
  if (it?.name !== 'BODY[]' && it?.name !== 'BINARY[]') throw new Error(`not a body item: ${it?.name}`);
  return it.section;
}

// RFC 3501 §9 / RFC 9051 §9:
//   section        = "[" [section-spec] "]"
//   section-spec   = section-msgtext / (section-part ["." section-text])
//   section-part   = nz-number *("." nz-number)
//   section-text   = section-msgtext / "MIME"
//   section-msgtext = "HEADER" / "HEADER.FIELDS" [".NOT"] SP header-list / "TEXT"
//   header-list    = "(" header-fld-name *(SP header-fld-name) ")"
describe('FETCH BODY[section] grammar corners', () => {
  it('a section without header fields has no `fields` key at all', () => {
    expect(sectionOf('* 1 FETCH (BODY[1.TEXT] NIL)')).toStrictEqual({ part: [1], text: 'TEXT' });
    expect(sectionOf('* 1 FETCH (BODY[] NIL)')).toStrictEqual({ part: [], text: null });
    expect(sectionOf('* 1 FETCH (BINARY[1.2] NIL)')).toStrictEqual({ part: [1, 2], text: null });
    expect(sectionOf('* 1 FETCH (BODY[HEADER.FIELDS (DATE)] NIL)')).toStrictEqual({
      part: [],
      text: 'HEADER.FIELDS',
      fields: ['DATE'],
    });
  });

  it('section texts are case-insensitive; field names keep their case', () => {
    expect(sectionOf('* 1 FETCH (body[2.header.fields.not (x-Spam Date)] NIL)')).toStrictEqual({
      part: [2],
      text: 'HEADER.FIELDS.NOT',
      fields: ['x-Spam', 'Date'],
    });
  });

  it('a part number followed by "." and nothing else is an error at the "]"', () => {
    // section-part "." must be followed by another nz-number or a section-text
    const err = failure('* 1 FETCH (BODY[1.] NIL)');
    expect(err.message).toMatch(/section ends with "\."/);
    expect(err.offset).toBe(18);
    expect(failure('* 1 FETCH (BODY[1.2.] NIL)').message).toMatch(/section ends with "\."/);
  });

  it('a part number not followed by "." or "]" is an error', () => {
    const err = failure('* 1 FETCH (BODY[1 TEXT] NIL)');
    expect(err.message).toMatch(/expected \]/);
    expect(err.offset).toBe(17);
    expect(failure('* 1 FETCH (BODY[HEADER TEXT] NIL)').message).toMatch(/expected \]/);
  });

  it('a section text must be an atom', () => {
    const err = failure('* 1 FETCH (BODY[(DATE)] NIL)');
    expect(err.message).toMatch(/expected a section text/);
    expect(err.offset).toBe(16);
  });

  it('unknown section texts are named in the error', () => {
    const err = failure('* 1 FETCH (BODY[FOO] NIL)');
    expect(err.message).toMatch(/unknown section text FOO/);
    expect(err.offset).toBe(19);
    expect(failure('* 1 FETCH (BODY[1.HEADER.FIELDSX (A)] NIL)').message).toMatch(
      /unknown section text HEADER\.FIELDSX/,
    );
  });

  it('MIME needs a part number (RFC 3501 §6.4.5: MIME refers to a body part)', () => {
    expect(failure('* 1 FETCH (BODY[MIME] NIL)').message).toMatch(/MIME needs a part number/);
    expect(sectionOf('* 1 FETCH (BODY[3.MIME] NIL)')).toStrictEqual({ part: [3], text: 'MIME' });
  });

  it('HEADER.FIELDS needs SP and a parenthesised header-list', () => {
    const err = failure('* 1 FETCH (BODY[HEADER.FIELDS DATE] NIL)');
    expect(err.message).toMatch(/expected \(/);
    expect(err.offset).toBe(30);
    expect(failure('* 1 FETCH (BODY[HEADER.FIELDS(DATE)] NIL)').message).toMatch(/expected SP/);
  });

  it('a space before the ")" of a header-list is the TRAILING_SPACE leniency (Exchange)', () => {
    const evs = parse('* 1 FETCH (BODY[HEADER.FIELDS (DATE FROM )] NIL)\r\n');
    expect(kinds(evs)).toEqual(['warning:TRAILING_SPACE', 'response']);
    expect(evs[0]).toMatchObject({ code: 'TRAILING_SPACE', message: 'space before )', offset: 41 });
    const r = evs[1];
    expect(r?.type === 'response' && (r.response as FetchResponse).items[0]).toMatchObject({
      section: { part: [], text: 'HEADER.FIELDS', fields: ['DATE', 'FROM'] },
    });
    expect(() => parse('* 1 FETCH (BODY[HEADER.FIELDS (DATE )] NIL)\r\n', { strict: true })).toThrow(
      /space before \)/,
    );
  });

  it('header field names may be quoted strings or literals', () => {
    expect(sectionOf('* 1 FETCH (BODY[HEADER.FIELDS ("X-A b" {3}\r\nX-C)] NIL)')).toStrictEqual({
      part: [],
      text: 'HEADER.FIELDS',
      fields: ['X-A b', 'X-C'],
    });
  });

  it('the partial origin is a 32-bit number closed by ">"', () => {
    // RFC 3501 §7.4.2: BODY[<section>]<<origin octet>>; origin is `number` (< 2^32)
    expect(items('* 1 FETCH (BODY[]<4294967295> NIL)')[0]).toMatchObject({ origin: 4294967295 });
    expect(kinds(parse('* 1 FETCH (BODY[]<4294967296> NIL)\r\n'))).toEqual(['error:NUMBER_OVERFLOW']);
    const err = failure('* 1 FETCH (BODY[]<0 NIL)');
    expect(err.message).toMatch(/expected >/);
    expect(err.offset).toBe(19);
  });

  it('part numbers are nz-numbers below 2^32', () => {
    expect(sectionOf('* 1 FETCH (BODY[4294967295.1] NIL)')).toStrictEqual({
      part: [4294967295, 1],
      text: null,
    });
    expect(kinds(parse('* 1 FETCH (BODY[4294967296] NIL)\r\n'))).toEqual(['error:NUMBER_OVERFLOW']);
  });
});

// RFC 3516 §4.3 / RFC 9051 §7.5.2: BINARY[section-binary]<origin> and BINARY.SIZE[section-binary];
//   section-binary = "[" [section-part] "]"   (no section text)
describe('FETCH BINARY and BINARY.SIZE sections', () => {
  it('BINARY takes part numbers only', () => {
    const err = failure('* 1 FETCH (BINARY[TEXT] NIL)');
    expect(err.message).toMatch(/expected a part number/);
    expect(err.offset).toBe(18);
    expect(failure('* 1 FETCH (BINARY[1.MIME] NIL)').message).toMatch(/expected a part number/);
  });

  it('BINARY.SIZE: the part and a number64 value', () => {
    expect(items('* 1 FETCH (BINARY.SIZE[1.2] 42 BINARY.SIZE[] 9007199254740991)')).toStrictEqual([
      { name: 'BINARY.SIZE', part: [1, 2], value: 42 },
      { name: 'BINARY.SIZE', part: [], value: 9007199254740991 },
    ]);
  });

  it('BINARY.SIZE takes part numbers only, no section text', () => {
    const err = failure('* 1 FETCH (BINARY.SIZE[TEXT] 5)');
    expect(err.message).toMatch(/expected a part number/);
    expect(err.offset).toBe(23);
    expect(failure('* 1 FETCH (BINARY.SIZE[HEADER] 5)').message).toMatch(/expected a part number/);
  });
});
