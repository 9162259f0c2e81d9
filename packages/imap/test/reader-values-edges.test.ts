/**
 * Edges of the token reader's values (lexer/reader.ts): flags in a flag list, the list
 * limits (`maxListItems`, `maxNestingDepth`), and numbers (number64, signed sizes, the
 * 63/64-bit mod-sequence and Gmail ids), each driven through the response parser.
 */
import { describe, expect, it } from 'vitest';
import { expectError, kinds, one, parse, thrown } from './helpers';

describe('flag lists (RFC 3501 §9: flag-extension = "\\" atom)', () => {
  it('a backslash alone is no flag: strict mode refuses it where the flag is read', () => {
    // `\` must be followed by an atom; nothing follows here but `)` or SP
    expectError(thrown('* FLAGS (\\)'), 'BAD_SYNTAX', 'expected a flag', 10);
    expectError(thrown('* FLAGS (\\ \\Seen)'), 'BAD_SYNTAX', 'expected a flag', 10);
  });

  it('plain flags before SP and before ) read the same in both modes', () => {
    expect(one('* FLAGS (\\Seen $Junk \\Draft)')).toEqual({
      type: 'flags',
      flags: ['\\Seen', '$Junk', '\\Draft'],
    });
  });

  it('`( \\Seen)`: a space after ( is EXTRA_SPACE (Exchange), an error in strict mode', () => {
    const evs = parse('* FLAGS ( \\Seen)\r\n');
    expect(kinds(evs)).toEqual(['warning:EXTRA_SPACE', 'response']);
    expect(evs[0]).toEqual({ type: 'warning', code: 'EXTRA_SPACE', message: 'space after (', offset: 9 });
    expectError(thrown('* FLAGS ( \\Seen)'), 'BAD_SYNTAX', 'space after (', 9);
  });
});

describe('maxListItems: a list of exactly the limit is read, one more item is LIST_TOO_LONG', () => {
  const limits = { maxListItems: 2 };

  it('flag list', () => {
    expect(one('* FLAGS (\\A \\B)', { limits })).toEqual({ type: 'flags', flags: ['\\A', '\\B'] });
    const e = thrown('* FLAGS (\\A \\B \\C)', { limits });
    expectError(e, 'LIST_TOO_LONG', 'more than maxListItems (2) items', 17);
    expect(e.message).toMatch(/^imap: more than maxListItems \(2\) items at byte 17/);
  });

  it('the lists inside an unknown FETCH item, skipped whole, count their items too', () => {
    expect(one('* 1 FETCH (X-FOO (a b))', { limits })).toMatchObject({
      items: [{ name: 'UNKNOWN', key: 'X-FOO' }],
    });
    const e = thrown('* 1 FETCH (X-FOO (a b c))', { limits });
    expect(e.code).toBe('LIST_TOO_LONG');
    expect(e.offset).toBe(23);
    expect(e.message).toMatch(/more than maxListItems \(2\) items/);
  });
});

describe('maxNestingDepth counts the depth, not the number of lists', () => {
  // the FETCH list is level 1, X-FOO's list level 2, each of its sublists level 3
  const line = '* 1 FETCH (X-FOO ((a) (b) (c)))';

  it('sibling lists each go one level deeper and come back', () => {
    expect(one(line, { limits: { maxNestingDepth: 3 } })).toMatchObject({
      items: [{ name: 'UNKNOWN', key: 'X-FOO' }],
    });
  });

  it('one level less than needed is NESTING_TOO_DEEP at the first sublist', () => {
    const e = thrown(line, { limits: { maxNestingDepth: 2 } });
    expect(e.code).toBe('NESTING_TOO_DEEP');
    expect(e.offset).toBe(19);
  });
});

describe('number64 (RFC 9051 §9), limited to 2^53 - 1', () => {
  it('2^53 - 1 is read; 2^53 is NUMBER_OVERFLOW naming the limit, at the number', () => {
    expect(one('* 1 FETCH (RFC822.SIZE 9007199254740991)')).toMatchObject({
      items: [{ name: 'RFC822.SIZE', value: Number.MAX_SAFE_INTEGER }],
    });
    expectError(
      thrown('* 1 FETCH (RFC822.SIZE 9007199254740992)'),
      'NUMBER_OVERFLOW',
      'number larger than 2^53 - 1',
      23,
    );
    expect(thrown('* 1 FETCH (RFC822.SIZE 9007199254740992)').message).toMatch(
      /^imap: number larger than 2\^53 - 1 at byte 23/,
    );
  });
});

describe('signed sizes in BODYSTRUCTURE (NEGATIVE_NUMBER: Exchange 2007, Domino)', () => {
  const line = '* 1 FETCH (BODY ("TEXT" "PLAIN" NIL NIL NIL "7BIT" -1 1))';

  it('lenient: -1 with a warning at the minus sign', () => {
    const evs = parse(`${line}\r\n`);
    expect(evs[0]).toEqual({
      type: 'warning',
      code: 'NEGATIVE_NUMBER',
      message: 'negative number where a size is due',
      offset: 51,
    });
    expect(evs[1]).toMatchObject({ type: 'response', response: { items: [{ structure: { size: -1 } }] } });
  });

  it('strict: the error names the quirk', () => {
    expect(thrown(line).message).toMatch(/^imap: negative number where a size is due at byte 51/);
  });
});

describe('64-bit values: mod-sequences (63-bit, RFC 7162 §7) and Gmail ids (64-bit)', () => {
  it('leading zeros are not significant digits (number = 1*DIGIT, RFC 3501 §9)', () => {
    // 28 digits, 5 of them significant: far below 2^63 - 1
    expect(one('* 1 FETCH (MODSEQ (0000000000000000000000012345))')).toMatchObject({
      items: [{ name: 'MODSEQ', value: 12345n }],
    });
    // one leading zero before 19 significant digits: 20 digits on the wire
    expect(one('* 1 FETCH (X-GM-MSGID 01234567890123456789)')).toMatchObject({
      items: [{ name: 'X-GM-MSGID', value: 1234567890123456789n }],
    });
    expect(one('* 1 FETCH (X-GM-THRID 00000000000000000000000)')).toMatchObject({
      items: [{ name: 'X-GM-THRID', value: 0n }],
    });
  });

  it('the largest values are read; 21 significant digits overflow with the bit count named', () => {
    expect(one('* 1 FETCH (X-GM-MSGID 18446744073709551615)')).toMatchObject({
      items: [{ value: 18446744073709551615n }],
    });
    expect(one('* 1 FETCH (MODSEQ (9223372036854775807))')).toMatchObject({
      items: [{ value: 9223372036854775807n }],
    });
    expectError(
      thrown('* 1 FETCH (X-GM-MSGID 123456789012345678901)'),
      'NUMBER_OVERFLOW',
      'number larger than 2^64 - 1',
      22,
    );
    const e = thrown('* 1 FETCH (MODSEQ (100000000000000000000))');
    expect(e.code).toBe('NUMBER_OVERFLOW');
    expect(e.offset).toBe(19);
    expect(e.message).toMatch(/^imap: number larger than 2\^63 - 1 at byte 19/);
  });
});
