import type { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import type { BodyStructure, FetchResponse, ImapResponseParserOptions } from '../src/index';
import { kinds, one, parse, thrown } from './helpers';

/** `* 1 FETCH (BODYSTRUCTURE ` is 25 bytes: offsets below count from the line start. */
const HEAD = '* 1 FETCH (BODYSTRUCTURE ';

/** The structure of a strict parse (no warnings allowed). */
function structure(bs: string, options?: ImapResponseParserOptions): BodyStructure {
  const f = one(`${HEAD}${bs})`, options) as FetchResponse;
  const item = f.items[0];
  if (item?.name !== 'BODYSTRUCTURE') throw new Error('no BODYSTRUCTURE');
  return item.structure;
}

interface Warned {
  warnings: Array<{ code: string; message: string; offset: number }>;
  structure: BodyStructure;
}

/** Lenient parse of `line`: its warnings (code, message, offset) and the first item's structure. */
function lenient(line: string): Warned {
  const evs = parse(`${line}\r\n`);
  const warnings: Warned['warnings'] = [];
  let s: BodyStructure | undefined;
  for (const e of evs) {
    if (e.type === 'error') throw e.error;
    if (e.type === 'warning') warnings.push({ code: e.code, message: e.message, offset: e.offset });
    if (e.type === 'response' && e.response.type === 'fetch') {
      const item = e.response.items[0];
      if (item?.name === 'BODY' || item?.name === 'BODYSTRUCTURE') s = item.structure;
    }
  }
  if (s === undefined) throw new Error('no structure');
  return { warnings, structure: s };
}

/** The single error event of a lenient parse of `line`. */
function errorEvent(line: string): ParseError {
  const evs = parse(`${line}\r\n`);
  const errs = evs.flatMap((e) => (e.type === 'error' ? [e.error] : []));
  if (errs.length !== 1 || errs[0] === undefined)
    throw new Error(`expected one error, got ${kinds(evs).join()}`);
  return errs[0];
}

/** A malformed structure: the same BAD_SYNTAX error (message and offset) in both modes. */
function bad(bs: string, message: RegExp, offset: number): void {
  const line = `${HEAD}${bs})`;
  for (const err of [thrown(line), errorEvent(line)]) {
    expect(err.code).toBe('BAD_SYNTAX');
    expect(err.message).toMatch(message);
    expect(err.offset).toBe(offset);
  }
}

const TEXT = '("TEXT" "PLAIN" NIL NIL NIL "7BIT" 1 1)';

describe('body-fld-param (RFC 3501 §9: "(" string SP string *(SP string SP string) ")" / nil)', () => {
  it('a string where the parameter list is due is an error naming the missing "("', () => {
    bad('("TEXT" "PLAIN" "x" NIL NIL "7BIT" 1 2)', /^imap: expected \( at byte 41 /, 41);
  });

  it('`()` is accepted with an EMPTY_LIST warning (some Exchange and Domino versions)', () => {
    const line = `${HEAD}("TEXT" "PLAIN" () NIL NIL "7BIT" 1 2))`;
    const { warnings, structure: s } = lenient(line);
    expect(warnings).toEqual([{ code: 'EMPTY_LIST', message: 'empty parameter list', offset: 42 }]);
    expect(s).toMatchObject({ params: [], size: 1, lines: 2 });
    expect(thrown(line).message).toMatch(/^imap: empty parameter list at byte 42 /);
  });

  it('a NIL parameter value becomes "" with a NIL_STRING warning (broken server MIME parsers)', () => {
    const line = `${HEAD}("TEXT" "PLAIN" ("NAME" NIL "CHARSET" "us-ascii") NIL NIL "7BIT" 1 2))`;
    const { warnings, structure: s } = lenient(line);
    expect(warnings).toEqual([{ code: 'NIL_STRING', message: 'NIL parameter value', offset: 52 }]);
    expect(s).toMatchObject({
      params: [
        ['NAME', ''],
        ['CHARSET', 'us-ascii'],
      ],
    });
    const err = thrown(line);
    expect(err.code).toBe('BAD_SYNTAX');
    expect(err.message).toMatch(/^imap: NIL parameter value at byte 52 /);
  });
});

describe('body-fld-dsp (RFC 3501 §9: "(" string SP body-fld-param ")" / nil)', () => {
  const md5 = (dsp: string) => `("TEXT" "PLAIN" NIL NIL NIL "7BIT" 1 2 NIL ${dsp})`;

  it('a bare string is an error naming the missing "("', () => {
    bad(md5('"inline"'), /^imap: expected \( at byte 68 /, 68);
  });

  it('a third field inside the disposition is an error naming the missing ")"', () => {
    bad(md5('("inline" NIL NIL)'), /^imap: expected \) at byte 81 /, 81);
  });

  it('`("inline")` without the parameter list: MISSING_FIELD warning (some Yahoo and Zimbra versions)', () => {
    const line = `${HEAD}${md5('("inline")')})`;
    const { warnings, structure: s } = lenient(line);
    expect(warnings).toEqual([
      { code: 'MISSING_FIELD', message: 'disposition without parameter list', offset: 77 },
    ]);
    expect(s).toMatchObject({ ext: { md5: null, disposition: { type: 'inline', params: null } } });
    expect(thrown(line).message).toMatch(/^imap: disposition without parameter list at byte 77 /);
  });

  it('disposition with NIL and with real parameters', () => {
    expect(structure(md5('("attachment" ("FILENAME" "a b.txt" "SIZE" "12"))'))).toMatchObject({
      ext: {
        md5: null,
        disposition: {
          type: 'attachment',
          params: [
            ['FILENAME', 'a b.txt'],
            ['SIZE', '12'],
          ],
        },
      },
    });
  });
});

describe('body-ext-1part: each extension field only if the ones before it are present', () => {
  const base = '"TEXT" "PLAIN" ("CHARSET" "UTF-8") NIL NIL "8BIT" 30 2';
  const common = {
    kind: 'single',
    type: 'TEXT',
    subtype: 'PLAIN',
    params: [['CHARSET', 'UTF-8']],
    id: null,
    description: null,
    encoding: '8BIT',
    size: 30,
    lines: 2,
  };

  it('no extension data: no `ext` at all (BODY, RFC 3501 §7.4.2)', () => {
    expect(structure(`(${base})`)).toEqual(common);
  });

  it('md5 only, then md5 + dsp, + lang, + loc, + further extensions', () => {
    expect(structure(`(${base} "Q2hlY2sgSW50ZWdyaXR5IQ==")`)).toEqual({
      ...common,
      ext: { md5: 'Q2hlY2sgSW50ZWdyaXR5IQ==' },
    });
    expect(structure(`(${base} NIL NIL)`)).toEqual({ ...common, ext: { md5: null, disposition: null } });
    // body-fld-lang: nstring / "(" string *(SP string) ")" (RFC 3501 §9)
    expect(structure(`(${base} NIL NIL "en")`)).toEqual({
      ...common,
      ext: { md5: null, disposition: null, language: ['en'] },
    });
    expect(structure(`(${base} NIL NIL ("en" "de" "fr"))`)).toEqual({
      ...common,
      ext: { md5: null, disposition: null, language: ['en', 'de', 'fr'] },
    });
    expect(structure(`(${base} NIL NIL NIL)`)).toEqual({
      ...common,
      ext: { md5: null, disposition: null, language: null },
    });
    // body-fld-loc (RFC 2557 Content-Location)
    expect(structure(`(${base} NIL NIL NIL "http://example.net/a")`)).toEqual({
      ...common,
      ext: { md5: null, disposition: null, language: null, location: 'http://example.net/a' },
    });
    expect(structure(`(${base} NIL NIL NIL NIL)`)).toEqual({
      ...common,
      ext: { md5: null, disposition: null, language: null, location: null },
    });
  });

  it('body-extension: nstring / number / "(" body-extension *(SP body-extension) ")", 0 and 9 as numbers', () => {
    // the digit test must include both ends of 0-9: `0` and `9` are numbers, not strings
    expect(structure(`(${base} NIL NIL NIL NIL 0 9 10 NIL "x" (0 "y" (9 NIL)))`)).toEqual({
      ...common,
      ext: {
        md5: null,
        disposition: null,
        language: null,
        location: null,
        extra: [0, 9, 10, null, 'x', [0, 'y', [9, null]]],
      },
    });
  });

  it('a list inside body-fld-lang is an error (only strings are allowed there)', () => {
    bad(`(${base} NIL NIL ("en" ("x")))`, /^imap: expected a string at byte 95 /, 95);
  });
});

describe('media types and NIL where a string is due', () => {
  it('NIL media type, subtype and encoding become "" with NIL_STRING warnings naming the field (Exchange)', () => {
    const line = `${HEAD}(NIL NIL NIL NIL NIL NIL 1))`;
    const { warnings, structure: s } = lenient(line);
    expect(warnings).toEqual([
      { code: 'NIL_STRING', message: 'NIL media type', offset: 29 },
      { code: 'NIL_STRING', message: 'NIL media subtype', offset: 33 },
      { code: 'NIL_STRING', message: 'NIL encoding', offset: 49 },
    ]);
    expect(s).toEqual({
      kind: 'single',
      type: '',
      subtype: '',
      params: null,
      id: null,
      description: null,
      encoding: '',
      size: 1,
    });
    expect(thrown(line).message).toMatch(/^imap: NIL media type at byte 29 /);
  });

  it('NIL multipart subtype: "" with a NIL_STRING "NIL subtype" warning', () => {
    const line = `${HEAD}(${TEXT} NIL))`;
    const { warnings, structure: s } = lenient(line);
    expect(warnings).toEqual([{ code: 'NIL_STRING', message: 'NIL subtype', offset: 69 }]);
    expect(s).toMatchObject({ kind: 'multipart', subtype: '', parts: [{ type: 'TEXT' }] });
    expect(s).not.toHaveProperty('ext');
  });

  it('a space between the parts of a multipart: EXTRA_SPACE warning (old Domino)', () => {
    const line = `${HEAD}(${TEXT} ${TEXT} "MIXED"))`;
    const { warnings, structure: s } = lenient(line);
    expect(warnings).toEqual([{ code: 'EXTRA_SPACE', message: 'space between body parts', offset: 65 }]);
    expect(s).toMatchObject({ kind: 'multipart', subtype: 'MIXED', parts: [{ lines: 1 }, { lines: 1 }] });
    expect(thrown(line).message).toMatch(/^imap: space between body parts at byte 65 /);
  });

  it('the body must start with "(" and end with ")"', () => {
    bad('"x"', /^imap: expected \( at byte 25 /, 25);
    // audio/* has no line count: the `x` after the size is where ")" is due
    bad('("AUDIO" "BASIC" NIL NIL NIL "BASE64" 10x)', /^imap: expected \) at byte 65 /, 65);
  });
});

describe('body-type-mpart extension data (RFC 3501 §9 body-ext-mpart)', () => {
  it('params only, then params + dsp + lang + loc + extensions', () => {
    expect(structure(`(${TEXT} "MIXED" ("BOUNDARY" "b1"))`)).toEqual({
      kind: 'multipart',
      subtype: 'MIXED',
      parts: [expect.objectContaining({ type: 'TEXT' })],
      ext: { params: [['BOUNDARY', 'b1']] },
    });
    expect(structure(`(${TEXT} "MIXED" NIL NIL "en" NIL 5 ("a" 6))`)).toEqual({
      kind: 'multipart',
      subtype: 'MIXED',
      parts: [expect.objectContaining({ type: 'TEXT' })],
      ext: { params: null, disposition: null, language: ['en'], location: null, extra: [5, ['a', 6]] },
    });
  });

  it('a trailing space before ")" after the extension data is a TRAILING_SPACE leniency', () => {
    const { warnings, structure: s } = lenient(`${HEAD}(${TEXT} "MIXED" NIL NIL NIL NIL ))`);
    expect(warnings.map((w) => w.code)).toEqual(['TRAILING_SPACE']);
    expect(s).toMatchObject({ ext: { params: null, disposition: null, language: null, location: null } });
    expect(s.kind === 'multipart' && s.ext !== undefined && 'extra' in s.ext).toBe(false);
  });
});

describe('message/rfc822 and message/global (RFC 3501 §9 body-type-msg, RFC 9051 §9 media-message)', () => {
  const ENV = '("d" "s" NIL NIL NIL NIL NIL NIL NIL "<m@x>")';

  it('envelope, body and line count, then extension data', () => {
    const s = structure(`("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 500 ${ENV} ${TEXT} 12 "md5" NIL NIL NIL)`);
    expect(s).toMatchObject({
      type: 'MESSAGE',
      subtype: 'RFC822',
      size: 500,
      envelope: { date: 'd', subject: 's', messageId: '<m@x>' },
      body: { type: 'TEXT', lines: 1 },
      lines: 12,
      ext: { md5: 'md5', disposition: null, language: null, location: null },
    });
    expect(structure(`("message" "global" NIL NIL NIL "8bit" 9 ${ENV} ${TEXT} 3)`)).toMatchObject({
      subtype: 'global',
      envelope: { subject: 's' },
      lines: 3,
    });
  });

  it('lower-case nil for envelope and body: NIL_LIST warnings, then the line count (Exchange)', () => {
    const line = `${HEAD}("message" "rfc822" NIL NIL NIL "7bit" 100 nil nil 5))`;
    const { warnings, structure: s } = lenient(line);
    expect(warnings).toEqual([
      { code: 'NIL_LIST', message: 'NIL instead of an envelope', offset: 71 },
      { code: 'NIL_LIST', message: 'NIL instead of a body structure', offset: 75 },
    ]);
    expect(s).toEqual({
      kind: 'single',
      type: 'message',
      subtype: 'rfc822',
      params: null,
      id: null,
      description: null,
      encoding: '7bit',
      size: 100,
      envelope: null,
      body: null,
      lines: 5,
    });
    expect(thrown(line).message).toMatch(/^imap: NIL instead of an envelope at byte 71 /);
  });

  it('upper-case NIL for the envelope of message/global, then a real body', () => {
    const line = `${HEAD}("MESSAGE" "GLOBAL" NIL NIL NIL "8BIT" 100 NIL ${TEXT} 5))`;
    const { warnings, structure: s } = lenient(line);
    expect(warnings).toEqual([{ code: 'NIL_LIST', message: 'NIL instead of an envelope', offset: 71 }]);
    expect(s).toMatchObject({ envelope: null, body: { type: 'TEXT', lines: 1 }, lines: 5 });
  });

  it('NIL body with a real envelope: one warning about the body only', () => {
    const line = `${HEAD}("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 100 ${ENV} NIL 5))`;
    const { warnings, structure: s } = lenient(line);
    expect(warnings).toEqual([{ code: 'NIL_LIST', message: 'NIL instead of a body structure', offset: 117 }]);
    expect(s).toMatchObject({ envelope: { subject: 's' }, body: null, lines: 5 });
    expect(thrown(line).message).toMatch(/^imap: NIL instead of a body structure at byte 117 /);
  });

  it('message/rfc822 sent as body-type-basic (the ABNF allows media-basic "MESSAGE"): md5 string, no envelope', () => {
    // a string after the size cannot start an envelope: it is body-fld-md5
    expect(structure('("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 100 "abc")')).toEqual({
      kind: 'single',
      type: 'MESSAGE',
      subtype: 'RFC822',
      params: null,
      id: null,
      description: null,
      encoding: '7BIT',
      size: 100,
      ext: { md5: 'abc' },
    });
  });

  it('other message/* subtypes and other types with subtype RFC822 never read an envelope', () => {
    // message/partial (RFC 2046 §5.2.2) is body-type-basic: the NIL after the size is body-fld-md5
    expect(structure('("MESSAGE" "PARTIAL" ("ID" "a" "NUMBER" "1") NIL NIL "7BIT" 100 NIL)')).toEqual({
      kind: 'single',
      type: 'MESSAGE',
      subtype: 'PARTIAL',
      params: [
        ['ID', 'a'],
        ['NUMBER', '1'],
      ],
      id: null,
      description: null,
      encoding: '7BIT',
      size: 100,
      ext: { md5: null },
    });
    expect(structure('("APPLICATION" "RFC822" NIL NIL NIL "7BIT" 100 NIL ("attachment" NIL))')).toEqual({
      kind: 'single',
      type: 'APPLICATION',
      subtype: 'RFC822',
      params: null,
      id: null,
      description: null,
      encoding: '7BIT',
      size: 100,
      ext: { md5: null, disposition: { type: 'attachment', params: null } },
    });
  });
});

describe('text/* body-fld-lines (RFC 3501 §9 body-type-text)', () => {
  it('text part without line count before more FETCH items: MISSING_FIELD warning (some Exchange versions)', () => {
    const line = '* 1 FETCH (BODY ("TEXT" "PLAIN" NIL NIL NIL "7BIT" 10) UID 5)';
    const evs = parse(`${line}\r\n`);
    expect(kinds(evs)).toEqual(['warning:MISSING_FIELD', 'response']);
    expect(evs[0]).toEqual({
      type: 'warning',
      code: 'MISSING_FIELD',
      message: 'text part without line count',
      offset: 53,
    });
    const r = evs[1];
    if (r?.type !== 'response' || r.response.type !== 'fetch') throw new Error('no fetch');
    expect(r.response.items).toEqual([
      {
        name: 'BODY',
        structure: {
          kind: 'single',
          type: 'TEXT',
          subtype: 'PLAIN',
          params: null,
          id: null,
          description: null,
          encoding: '7BIT',
          size: 10,
        },
      },
      { name: 'UID', value: 5 },
    ]);
    expect(thrown(line).message).toMatch(/^imap: text part without line count at byte 53 /);
  });

  it('a space then ")" where the line count is due: MISSING_FIELD and TRAILING_SPACE', () => {
    const { warnings, structure: s } = lenient('* 1 FETCH (BODY ("TEXT" "PLAIN" NIL NIL NIL "7BIT" 10 ))');
    expect(warnings.map((w) => [w.code, w.offset])).toEqual([
      ['MISSING_FIELD', 53],
      ['TRAILING_SPACE', 54],
    ]);
    expect(s).not.toHaveProperty('lines');
  });
});

describe('nesting limit (maxNestingDepth counts the FETCH list and every body parenthesis)', () => {
  const nest = (n: number) => {
    let bs = TEXT;
    for (let i = 0; i < n; i++) bs = `(${bs} "MIXED")`;
    return bs;
  };
  const limits = { maxNestingDepth: 4 };

  it('exactly at the limit parses, one level past it is NESTING_TOO_DEEP', () => {
    // FETCH "(" + 2 multiparts + the text part = 4 levels
    const s = structure(nest(2), { limits });
    expect(s).toMatchObject({ kind: 'multipart', parts: [{ kind: 'multipart', parts: [{ type: 'TEXT' }] }] });
    const evs = parse(`${HEAD}${nest(3)})\r\n`, { limits });
    expect(kinds(evs)).toEqual(['error:NESTING_TOO_DEEP']);
    const err = evs[0]?.type === 'error' ? evs[0].error : undefined;
    expect(err?.message).toMatch(/^imap: lists nested deeper than maxNestingDepth \(4\) at byte 29 /);
    expect(err?.offset).toBe(29);
  });
});
