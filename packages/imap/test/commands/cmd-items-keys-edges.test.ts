import type { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import type { ImapCommand } from '../../src/commands/index';
import { one, parseAll, plain } from './helpers';

/** The items of `a FETCH 1 <items>` (strict). */
function fetchItems(items: string): unknown {
  const cmd = one(`a FETCH 1 ${items}`);
  if (cmd.name !== 'FETCH') throw new Error(`expected FETCH, got ${cmd.name}`);
  return cmd.items;
}

/** The criteria of `a SEARCH <keys>` (strict), bigint as text. */
function criteria(keys: string): unknown {
  const cmd = one(`a SEARCH ${keys}`);
  if (cmd.name !== 'SEARCH') throw new Error(`expected SEARCH, got ${cmd.name}`);
  return plain(cmd.criteria);
}

/** The single error of one bad command line (lenient: the error becomes an event). */
function failure(line: string): ParseError {
  const evs = parseAll(`${line}\r\n`);
  const errors = evs.flatMap((e) => (e.type === 'error' ? [e.error] : []));
  expect(evs.filter((e) => e.type === 'command')).toEqual([]);
  expect(errors).toHaveLength(1);
  return errors[0] as ParseError;
}

/** Asserts the error of `line`: its code, the meaningful part of its message, its offset. */
function expectFailure(line: string, code: string, message: RegExp, offset?: number): void {
  const e = failure(line);
  expect(e.code).toBe(code);
  expect(e.message).toMatch(message);
  if (offset !== undefined) expect(e.offset).toBe(offset);
}

describe('FETCH sections: part numbers (RFC 3501 §6.4.5, §9 section-part)', () => {
  it('parts at both ends of the digit range: 1 and 9 are part numbers', () => {
    expect(fetchItems('BODY[1.9]')).toStrictEqual([
      { name: 'BODY[]', peek: false, section: { part: [1, 9] } },
    ]);
    expect(fetchItems('BODY[9.MIME]')).toStrictEqual([
      { name: 'BODY[]', peek: false, section: { part: [9], text: 'MIME' } },
    ]);
  });

  it('a text specifier with no part: the first byte is not read as a number', () => {
    expect(fetchItems('BODY[HEADER]')).toStrictEqual([
      { name: 'BODY[]', peek: false, section: { part: [], text: 'HEADER' } },
    ]);
    expect(fetchItems('BODY.PEEK[]')).toStrictEqual([{ name: 'BODY[]', peek: true, section: { part: [] } }]);
  });

  it('part 0 is a bad number, not an unknown text specifier (nz-number)', () => {
    // offset: "a FETCH 1 BODY[" is 15 bytes, the 0 is at 15
    expectFailure('a FETCH 1 BODY[0]', 'BAD_NUMBER', /a section part number must not be 0/, 15);
    expectFailure('a FETCH 1 BODY[2.0.TEXT]', 'BAD_NUMBER', /a section part number must not be 0/, 17);
  });

  it('a "." after the part must be followed by a text specifier or another part', () => {
    expectFailure('a FETCH 1 BODY[1.]', 'BAD_SYNTAX', /expected a section text after "\."/);
  });

  it('a part must be followed by "." or "]"', () => {
    expectFailure('a FETCH 1 BODY[1 HEADER]', 'BAD_SYNTAX', /expected "\." or "\]"/);
  });

  it('a section that is neither a part nor an atom: "expected a section text"', () => {
    expectFailure('a FETCH 1 BODY[ ]', 'BAD_SYNTAX', /expected a section text/);
  });

  it('an unknown text specifier is an error naming it', () => {
    expectFailure('a FETCH 1 BODY[FOO]', 'BAD_SYNTAX', /unknown section text FOO/);
    expectFailure('a FETCH 1 BODY[1.HEADERS]', 'BAD_SYNTAX', /unknown section text HEADERS/);
  });

  it('MIME needs a part number (RFC 3501 §6.4.5: MIME is a part header)', () => {
    expectFailure('a FETCH 1 BODY[MIME]', 'BAD_SYNTAX', /MIME needs a part number/);
  });
});

describe('FETCH sections: HEADER.FIELDS and HEADER.FIELDS.NOT', () => {
  it('HEADER.FIELDS reads its field list', () => {
    expect(fetchItems('BODY.PEEK[HEADER.FIELDS (From "Subject" {2+}\r\nTo)]')).toStrictEqual([
      {
        name: 'BODY[]',
        peek: true,
        section: { part: [], text: 'HEADER.FIELDS', fields: ['From', 'Subject', 'To'] },
      },
    ]);
  });

  it('HEADER.FIELDS.NOT reads its field list too, after a part', () => {
    expect(fetchItems('BODY[1.2.HEADER.FIELDS.NOT (Received)]')).toStrictEqual([
      {
        name: 'BODY[]',
        peek: false,
        section: { part: [1, 2], text: 'HEADER.FIELDS.NOT', fields: ['Received'] },
      },
    ]);
  });

  it('HEADER (no fields) is not followed by a list', () => {
    expectFailure('a FETCH 1 BODY[HEADER (From)]', 'BAD_SYNTAX', /expected "\]"/);
  });

  it('the field list must not be empty (RFC 3501 §9 header-list: 1*)', () => {
    expectFailure('a FETCH 1 BODY[HEADER.FIELDS ()]', 'BAD_SYNTAX', /header field names must not be empty/);
    expectFailure(
      'a FETCH 1 BODY[HEADER.FIELDS.NOT ()]',
      'BAD_SYNTAX',
      /header field names must not be empty/,
    );
  });

  it('a field that is not an astring is named in the error', () => {
    expectFailure('a FETCH 1 BODY[HEADER.FIELDS (From ())]', 'BAD_SYNTAX', /expected a header field name/);
  });

  it('a missing list is named in the error', () => {
    expectFailure(
      'a FETCH 1 BODY[HEADER.FIELDS From]',
      'BAD_SYNTAX',
      /expected \( opening header field names/,
    );
  });
});

describe('FETCH partials (RFC 3501 §6.4.5 <origin.octets>)', () => {
  it('a partial is kept; without one there is no partial property at all', () => {
    expect(fetchItems('BODY[]<0.1>')).toStrictEqual([
      { name: 'BODY[]', peek: false, section: { part: [] }, partial: { offset: 0, length: 1 } },
    ]);
    const [item] = fetchItems('BODY[TEXT]') as object[];
    expect(item).toStrictEqual({ name: 'BODY[]', peek: false, section: { part: [], text: 'TEXT' } });
    expect(Object.keys(item as object)).not.toContain('partial');
  });

  it('a missing offset or length is named in the error', () => {
    expectFailure('a FETCH 1 BODY[]<x.1>', 'BAD_SYNTAX', /expected a partial offset/);
    expectFailure('a FETCH 1 BODY[]<0.>', 'BAD_SYNTAX', /expected a partial length/);
  });

  it('offsets are bounded by 2^53-1, named in the error', () => {
    expectFailure(
      'a FETCH 1 BODY[]<99999999999999999.1>',
      'NUMBER_OVERFLOW',
      /a partial offset is larger than/,
    );
    expectFailure(
      'a FETCH 1 BODY[]<1.99999999999999999>',
      'NUMBER_OVERFLOW',
      /a partial length is larger than/,
    );
  });

  it('a zero length is a bad number (nz-number octets)', () => {
    expectFailure('a FETCH 1 BODY[]<5.0>', 'BAD_NUMBER', /a partial length must not be 0/);
    expectFailure('a FETCH 1 BINARY[1]<5.0>', 'BAD_NUMBER', /a partial length must not be 0/);
  });
});

describe('FETCH BINARY (RFC 3516 §4.2)', () => {
  it('BINARY[] has an empty part; BINARY[1.2] a dotted one; no partial property without one', () => {
    const items = fetchItems('(BINARY[] BINARY[1.2] BINARY.PEEK[3]<0.10> BINARY.SIZE[1.2])');
    expect(items).toStrictEqual([
      { name: 'BINARY[]', peek: false, part: [] },
      { name: 'BINARY[]', peek: false, part: [1, 2] },
      { name: 'BINARY[]', peek: true, part: [3], partial: { offset: 0, length: 10 } },
      { name: 'BINARY.SIZE', part: [1, 2] },
    ]);
    for (const item of (items as object[]).slice(0, 2)) expect(Object.keys(item)).not.toContain('partial');
  });

  it('a part 0 is a bad number naming the part', () => {
    expectFailure('a FETCH 1 BINARY[0]', 'BAD_NUMBER', /a section part number must not be 0/);
    expectFailure('a FETCH 1 BINARY[1.0]', 'BAD_NUMBER', /a section part number must not be 0/);
  });
});

describe('FETCH item names', () => {
  it('BODY alone is the body structure without extensions (RFC 3501 §6.4.5)', () => {
    expect(fetchItems('BODY')).toStrictEqual([{ name: 'BODY' }]);
    expect(fetchItems('(FLAGS body)')).toStrictEqual([{ name: 'FLAGS' }, { name: 'BODY' }]);
  });

  it('BODY.PEEK needs a section (RFC 3501 §9 fetch-att)', () => {
    expectFailure('a FETCH 1 BODY.PEEK', 'BAD_SYNTAX', /BODY\.PEEK needs a section/);
  });

  it('PREVIEW without (LAZY) is lazy: false (RFC 8970 §3)', () => {
    expect(fetchItems('PREVIEW')).toStrictEqual([{ name: 'PREVIEW', lazy: false }]);
    expect(fetchItems('(PREVIEW UID)')).toStrictEqual([{ name: 'PREVIEW', lazy: false }, { name: 'UID' }]);
  });

  it('an unknown item is an error naming it', () => {
    expectFailure('a FETCH 1 FLAGZ', 'BAD_SYNTAX', /unknown fetch item FLAGZ/);
    expectFailure('a FETCH 1 (UID X-FOO)', 'BAD_SYNTAX', /unknown fetch item X-FOO/);
  });

  it('no item at all: "expected a fetch item"', () => {
    expectFailure('a FETCH 1 [', 'BAD_SYNTAX', /expected a fetch item/);
  });

  it('an empty item list is an error (RFC 3501 §9: 1 or more fetch-att)', () => {
    expectFailure('a FETCH 1 ()', 'BAD_SYNTAX', /fetch items must not be empty/);
  });
});

describe('sequence sets in commands (RFC 3501 §9 sequence-set)', () => {
  it('no set at all: "expected a sequence set", at the offset where it was due', () => {
    expectFailure('a FETCH FLAGS', 'BAD_SYNTAX', /expected a sequence set/, 8);
    expectFailure('a SEARCH UID x', 'BAD_SYNTAX', /expected a sequence set/, 13);
  });

  it('a malformed set is named, with the code of the underlying error', () => {
    expectFailure('a FETCH 1:: FLAGS', 'BAD_SYNTAX', /bad sequence set "1::"/, 8);
    expectFailure('a SEARCH 1,99999999999', 'NUMBER_OVERFLOW', /bad sequence set "1,99999999999"/, 9);
  });
});

describe('SEARCH keys: argument errors name the argument (RFC 3501 §6.4.4)', () => {
  it('a missing key', () => {
    expectFailure('a SEARCH "x"', 'BAD_SYNTAX', /expected a search key/);
  });

  it('an unclosed key list', () => {
    expectFailure('a SEARCH (ALL', 'BAD_SYNTAX', /expected \) closing a search key list/);
  });

  it('text keys', () => {
    expectFailure('a SEARCH SUBJECT (', 'BAD_SYNTAX', /expected SUBJECT value/);
    expectFailure('a SEARCH X-GM-RAW (', 'BAD_SYNTAX', /expected X-GM-RAW value/);
  });

  it('dates', () => {
    expectFailure('a SEARCH BEFORE (', 'BAD_SYNTAX', /expected a date/);
    expectFailure('a SEARCH SINCE 32-Jan-2020', 'BAD_SYNTAX', /bad search date "32-Jan-2020"/);
    expectFailure('a SEARCH ON "1-Foo-2020"', 'BAD_SYNTAX', /bad search date "1-Foo-2020"/);
  });

  it('HEADER field and value', () => {
    expectFailure('a SEARCH HEADER ( x', 'BAD_SYNTAX', /expected HEADER field name/);
    expectFailure('a SEARCH HEADER From (', 'BAD_SYNTAX', /expected HEADER value/);
  });

  it('sizes and ages', () => {
    expectFailure('a SEARCH LARGER x', 'BAD_SYNTAX', /expected LARGER size/);
    expectFailure('a SEARCH SMALLER 99999999999999999', 'NUMBER_OVERFLOW', /SMALLER size is larger than/);
    // RFC 5032 §3: OLDER/YOUNGER take an nz-number of seconds
    expectFailure('a SEARCH OLDER 0', 'BAD_NUMBER', /OLDER seconds must not be 0/);
    expectFailure('a SEARCH YOUNGER x', 'BAD_SYNTAX', /expected YOUNGER seconds/);
  });

  it('an unknown key is an error naming it', () => {
    // the key is read with its argument's space: an unknown key is reported where its argument starts
    // reported at the key, before its argument is looked for
    expectFailure('a SEARCH FOO 1', 'BAD_SYNTAX', /unknown search key FOO/, 9);
    expectFailure('a SEARCH FOO', 'BAD_SYNTAX', /unknown search key FOO/, 9);
    expectFailure('a SEARCH NOT BAR 1', 'BAD_SYNTAX', /unknown search key BAR/);
  });
});

describe('SEARCH MODSEQ (RFC 7162 §3.1.5)', () => {
  it('with and without an entry', () => {
    expect(criteria('MODSEQ "/flags/\\\\draft" ALL 620162338')).toEqual([
      { key: 'MODSEQ', entry: { name: '/flags/\\draft', type: 'all' }, modSeq: '620162338n' },
    ]);
    expect(criteria('MODSEQ 0')).toEqual([{ key: 'MODSEQ', modSeq: '0n' }]);
  });

  it('a bad or missing entry type', () => {
    expectFailure('a SEARCH MODSEQ "/flags/x" ( 5', 'BAD_SYNTAX', /expected an entry type/);
    expectFailure(
      'a SEARCH MODSEQ "/flags/x" public 5',
      'BAD_SYNTAX',
      /MODSEQ entry type must be priv, shared or all/,
    );
  });

  it('a missing value, with and without an entry', () => {
    expectFailure('a SEARCH MODSEQ x', 'BAD_SYNTAX', /expected MODSEQ value/);
    expectFailure('a SEARCH MODSEQ "/flags/x" priv x', 'BAD_SYNTAX', /expected MODSEQ value/);
  });
});

describe('SEARCH object ids (RFC 8474 §4) and Gmail keys', () => {
  it('EMAILID and THREADID take an objectid', () => {
    expect(criteria('EMAILID M6d99ac3275bb4e THREADID T64b478a75b7ea9')).toEqual([
      { key: 'EMAILID', id: 'M6d99ac3275bb4e' },
      { key: 'THREADID', id: 'T64b478a75b7ea9' },
    ]);
  });

  it('an atom that is not an objectid, or no atom at all', () => {
    expectFailure('a SEARCH THREADID a.b', 'BAD_SYNTAX', /THREADID must be an RFC 8474 objectid/);
    expectFailure('a SEARCH EMAILID (', 'BAD_SYNTAX', /expected an objectid/);
  });

  it('X-GM-MSGID and X-GM-THRID take a 63-bit number, X-GM-LABELS an astring', () => {
    expect(criteria('X-GM-THRID 1266894439832287888 X-GM-MSGID 1 X-GM-LABELS "\\\\Important"')).toEqual([
      { key: 'X-GM-THRID', id: '1266894439832287888n' },
      { key: 'X-GM-MSGID', id: '1n' },
      { key: 'X-GM-LABELS', label: '\\Important' },
    ]);
    expectFailure('a SEARCH X-GM-LABELS (', 'BAD_SYNTAX', /expected X-GM-LABELS label/);
  });
});

describe('flags (RFC 3501 §9 flag)', () => {
  it('a system flag and a keyword', () => {
    expect(criteria('KEYWORD \\Seen UNKEYWORD $Junk')).toEqual([
      { key: 'KEYWORD', flag: '\\Seen' },
      { key: 'UNKEYWORD', flag: '$Junk' },
    ]);
  });

  it('a backslash without a name, or no flag at all', () => {
    expectFailure('a SEARCH KEYWORD \\(', 'BAD_SYNTAX', /expected a flag name/);
    expectFailure('a SEARCH KEYWORD (', 'BAD_SYNTAX', /expected a flag(?! name)/);
    expectFailure('a STORE 1 +FLAGS (\\Seen \\)', 'BAD_SYNTAX', /expected a flag name/);
  });
});

describe('LIST patterns and UTF8=ACCEPT (RFC 6855 §3)', () => {
  it('with UTF8=ACCEPT a pattern is taken as is: "&" is not a modified UTF-7 shift', () => {
    const cmd: ImapCommand = one('a LIST "&AOk-" "&AOk-*"', { utf8Accept: true });
    expect(cmd).toMatchObject({ name: 'LIST', reference: '&AOk-', patterns: ['&AOk-*'] });
  });

  it('without it, the pattern is modified UTF-7 decoded', () => {
    const cmd: ImapCommand = one('a LIST "&AOk-" "&AOk-*"');
    expect(cmd).toMatchObject({ name: 'LIST', reference: 'é', patterns: ['é*'] });
  });
});
