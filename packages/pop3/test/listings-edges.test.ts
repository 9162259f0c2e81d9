import { describe, expect, it } from 'vitest';
import { MAX_UID_LENGTH } from '../src/index';
import { answers, caught, errorsIn, ofType, warningsIn } from './event-helpers';

// "+OK " is 4 bytes: the data of a single-line answer (STAT, LIST n, UIDL n) starts at offset 4.
// "+OK\r\n" is 5 bytes: the first line of a multi-line answer starts at offset 5.

describe('scan listings (RFC 1939 §5 LIST: "msg SP size")', () => {
  it('LIST n without a size is BAD_SYNTAX naming the grammar; the response is still delivered', () => {
    const events = answers('+OK 3\r\n', ['list-one']);
    const [err] = errorsIn(events);
    expect(err).toMatchObject({ protocol: 'pop3', code: 'BAD_SYNTAX', offset: 4, excerpt: '3' });
    expect(err?.message).toMatch(/^pop3: scan listing needs "msg size" at byte 4/);
    expect(ofType(events, 'response')).toMatchObject([{ kind: 'list-one', status: 'OK', incomplete: true }]);
  });

  it('strict mode throws the same error', () => {
    expect(caught(() => answers('+OK 3\r\n', ['list-one'], { strict: true }))).toMatchObject({
      protocol: 'pop3',
      code: 'BAD_SYNTAX',
      offset: 4,
    });
  });

  it('message number 0 is BAD_NUMBER (RFC 1939 §5: message numbers start at 1), at the number', () => {
    const [err] = errorsIn(answers('+OK\r\n1 10\r\n0 20\r\n.\r\n', ['list']));
    expect(err).toMatchObject({ protocol: 'pop3', code: 'BAD_NUMBER', offset: 11 });
    expect(err?.message).toMatch(/message numbers start at 1/);
  });

  it("message number 0 after a leading space (lenient EXTRA_SPACE): the offset is the number's own", () => {
    // "+OK " then " 0 120": the "0" is at byte 5.
    const events = answers('+OK  0 120\r\n', ['list-one']);
    expect(warningsIn(events)).toEqual([
      { code: 'EXTRA_SPACE', message: 'more than one space between fields', offset: 4 },
    ]);
    expect(errorsIn(events)).toMatchObject([{ protocol: 'pop3', code: 'BAD_NUMBER', offset: 5 }]);
  });

  it('a message number that is no number is BAD_NUMBER from the pop3 layer, at the bad byte', () => {
    const [err] = errorsIn(answers('+OK x1 120\r\n', ['list-one']));
    expect(err).toMatchObject({ protocol: 'pop3', code: 'BAD_NUMBER', offset: 4 });
    expect(err?.message).toMatch(/expected a decimal digit, found byte 0x78/);
  });

  it('a size that is no number is BAD_NUMBER from the pop3 layer, at the bad byte', () => {
    // "1 12a": the 'a' is index 4 of the data, byte 8 of the stream.
    const [err] = errorsIn(answers('+OK 1 12a\r\n', ['list-one']));
    expect(err).toMatchObject({ protocol: 'pop3', code: 'BAD_NUMBER', offset: 8 });
    expect(err?.message).toMatch(/found byte 0x61/);
  });

  it('a bad entry in a LIST answer is skipped, the others are kept', () => {
    const events = answers('+OK\r\n1 10\r\n2\r\n3 30\r\n.\r\n', ['list']);
    const [err] = errorsIn(events);
    expect(err).toMatchObject({ protocol: 'pop3', code: 'BAD_SYNTAX', offset: 11 });
    expect(err?.message).toMatch(/scan listing needs "msg size"/);
    expect(ofType(events, 'response')[0]?.scans).toEqual([
      { msg: 1, size: 10 },
      { msg: 3, size: 30 },
    ]);
  });
});

describe('unique-id listings (RFC 1939 §7 UIDL: "msg SP unique-id")', () => {
  it('UIDL n without a unique-id is BAD_SYNTAX naming the grammar', () => {
    const events = answers('+OK 7\r\n', ['uidl-one']);
    const [err] = errorsIn(events);
    expect(err).toMatchObject({ protocol: 'pop3', code: 'BAD_SYNTAX', offset: 4, excerpt: '7' });
    expect(err?.message).toMatch(/unique-id listing needs "msg unique-id"/);
    expect(ofType(events, 'response')).toMatchObject([{ kind: 'uidl-one', incomplete: true }]);
  });

  it('a UIDL line with only a number is skipped; strict mode throws', () => {
    const input = '+OK\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n2\r\n.\r\n';
    const events = answers(input, ['uidl']);
    expect(errorsIn(events)).toMatchObject([{ code: 'BAD_SYNTAX', offset: 33 }]);
    expect(ofType(events, 'response')[0]?.uids).toEqual([{ msg: 1, uid: 'whqtswO00WBw418f9t5JxYwZ' }]);
    expect(caught(() => answers(input, ['uidl'], { strict: true }))).toMatchObject({
      code: 'BAD_SYNTAX',
      offset: 33,
    });
  });

  it('message number 0 in UIDL n is BAD_NUMBER', () => {
    expect(errorsIn(answers('+OK 0 abc\r\n', ['uidl-one']))).toMatchObject([
      { protocol: 'pop3', code: 'BAD_NUMBER', offset: 4 },
    ]);
  });

  it(`a unique-id of exactly ${MAX_UID_LENGTH} characters is fine, even in strict mode`, () => {
    const uid = 'u'.repeat(MAX_UID_LENGTH);
    const events = answers(`+OK\r\n1 ${uid}\r\n.\r\n`, ['uidl'], { strict: true });
    expect(events).toMatchObject([{ type: 'response', uids: [{ msg: 1, uid }] }]);
  });

  it(`one past (${MAX_UID_LENGTH + 1}): UID_TOO_LONG at the unique-id, kept in lenient mode`, () => {
    const uid = 'u'.repeat(MAX_UID_LENGTH + 1);
    const events = answers(`+OK\r\n1 ${uid}\r\n.\r\n`, ['uidl']);
    // the line starts at 5, the unique-id at 7
    expect(warningsIn(events)).toEqual([
      { code: 'UID_TOO_LONG', message: 'unique-id longer than 70 characters (RFC 1939 §7)', offset: 7 },
    ]);
    expect(ofType(events, 'response')[0]?.uids).toEqual([{ msg: 1, uid }]);
    const err = caught(() => answers(`+OK\r\n1 ${uid}\r\n.\r\n`, ['uidl'], { strict: true }));
    expect(err).toMatchObject({ code: 'BAD_SYNTAX', offset: 7 });
    expect(err.message).toMatch(/\[UID_TOO_LONG\]/);
  });

  it('the range ends 0x21 ("!") and 0x7E ("~") are unique-id characters', () => {
    const events = answers('+OK\r\n1 !abc~\r\n2 ~!\r\n.\r\n', ['uidl'], { strict: true });
    expect(events).toMatchObject([
      {
        type: 'response',
        uids: [
          { msg: 1, uid: '!abc~' },
          { msg: 2, uid: '~!' },
        ],
      },
    ]);
  });

  it('a space inside the unique-id is UID_CHARACTER at the space, reported once per line', () => {
    // Broken servers that put free text after the unique-id: "1 ab cd ef".
    const events = answers('+OK\r\n1 ab cd ef\r\n.\r\n', ['uidl']);
    // line at 5, unique-id at 7, the space at 9
    expect(warningsIn(events)).toEqual([
      { code: 'UID_CHARACTER', message: 'unique-id character outside 0x21..0x7E (RFC 1939 §7)', offset: 9 },
    ]);
    expect(ofType(events, 'response')[0]?.uids).toEqual([{ msg: 1, uid: 'ab cd ef' }]);
    const err = caught(() => answers('+OK\r\n1 ab cd ef\r\n.\r\n', ['uidl'], { strict: true }));
    expect(err).toMatchObject({ code: 'BAD_SYNTAX', offset: 9 });
    expect(err.message).toMatch(/\[UID_CHARACTER\]/);
  });

  it('an 8-bit byte in a unique-id is UID_CHARACTER at that byte; the uid keeps it as Latin-1', () => {
    const events = answers('+OK\r\n12 abc\xe9\r\n.\r\n', ['uidl']);
    // line at 5, "12 " 3: the unique-id at 8, the 0xE9 at 11 (no EIGHT_BIT_TEXT: unique-ids have their own rule)
    expect(warningsIn(events)).toEqual([
      { code: 'UID_CHARACTER', message: 'unique-id character outside 0x21..0x7E (RFC 1939 §7)', offset: 11 },
    ]);
    expect(ofType(events, 'response')[0]?.uids).toEqual([{ msg: 12, uid: 'abc\xe9' }]);
  });
});

describe('drop listing (RFC 1939 §5 STAT: "count SP size")', () => {
  it('STAT without a size is BAD_SYNTAX naming the grammar', () => {
    const events = answers('+OK 5\r\n', ['stat']);
    const [err] = errorsIn(events);
    expect(err).toMatchObject({ protocol: 'pop3', code: 'BAD_SYNTAX', offset: 4, excerpt: '5' });
    expect(err?.message).toMatch(/drop listing needs "count size"/);
    expect(ofType(events, 'response')).toMatchObject([{ kind: 'stat', incomplete: true }]);
    expect(ofType(events, 'response')[0]?.drop).toBeUndefined();
  });

  it('a count of 0 is a valid empty maildrop (unlike message numbers)', () => {
    expect(ofType(answers('+OK 0 0\r\n', ['stat'], { strict: true }), 'response')[0]?.drop).toEqual({
      count: 0,
      size: 0,
    });
  });

  it('a bad count or size is BAD_NUMBER from the pop3 layer, at the bad byte', () => {
    expect(errorsIn(answers('+OK x 5\r\n', ['stat']))).toMatchObject([
      { protocol: 'pop3', code: 'BAD_NUMBER', offset: 4 },
    ]);
    expect(errorsIn(answers('+OK 5 -1\r\n', ['stat']))).toMatchObject([
      { protocol: 'pop3', code: 'BAD_NUMBER', offset: 6 },
    ]);
  });
});

describe('language listings (RFC 6856 §3 LANG: "lang-tag SP description")', () => {
  it('a tag without a description has an empty description', () => {
    const events = answers('+OK\r\nen English\r\nde\r\n.\r\n', ['lang-list'], { strict: true });
    expect(ofType(events, 'response')[0]?.languages).toEqual([
      { tag: 'en', description: 'English' },
      { tag: 'de', description: '' },
    ]);
  });

  it('an empty line is BAD_SYNTAX and skipped; the listing goes on', () => {
    const events = answers('+OK\r\nen English\r\n\r\nfr Francais\r\n.\r\n', ['lang-list']);
    const [err] = errorsIn(events);
    // "+OK\r\n" 5, "en English\r\n" 12: the empty line is at 17
    expect(err).toMatchObject({ protocol: 'pop3', code: 'BAD_SYNTAX', offset: 17 });
    expect(err?.message).toMatch(/empty language listing/);
    expect(ofType(events, 'response')[0]?.languages).toEqual([
      { tag: 'en', description: 'English' },
      { tag: 'fr', description: 'Francais' },
    ]);
  });
});
