import { describe, expect, it } from 'vitest';
import type { Envelope, FetchResponse } from '../src/index';
import { kinds, one, parse, thrown } from './helpers';

/**
 * `* 1 FETCH (ENVELOPE (NIL NIL ` is 29 bytes: the address list under test is the `from`
 * field (RFC 3501 §9 envelope: date subject from sender reply-to to cc bcc in-reply-to
 * message-id), so offsets below count from there.
 */
const fromLine = (list: string) => `* 1 FETCH (ENVELOPE (NIL NIL ${list} NIL NIL NIL NIL NIL NIL NIL))`;

function envelope(line: string): Envelope {
  const item = (one(line) as FetchResponse).items[0];
  if (item?.name !== 'ENVELOPE') throw new Error('no ENVELOPE');
  return item.envelope;
}

/** A malformed envelope: the same BAD_SYNTAX error (message, offset) in both modes. */
function bad(line: string, message: RegExp, offset: number): void {
  const evs = parse(`${line}\r\n`);
  expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
  const lenientErr = evs[0]?.type === 'error' ? evs[0].error : undefined;
  for (const err of [thrown(line), lenientErr]) {
    expect(err?.code).toBe('BAD_SYNTAX');
    expect(err?.message).toMatch(message);
    expect(err?.offset).toBe(offset);
  }
}

/** Lenient parse: the warnings and the `from` list. */
function lenientFrom(list: string) {
  const evs = parse(`${fromLine(list)}\r\n`);
  const warnings = evs.flatMap((e) =>
    e.type === 'warning' ? [{ code: e.code, message: e.message, offset: e.offset }] : [],
  );
  const r = evs.find((e) => e.type === 'response');
  if (r?.type !== 'response' || r.response.type !== 'fetch')
    throw new Error(`no fetch: ${kinds(evs).join()}`);
  const item = r.response.items[0];
  if (item?.name !== 'ENVELOPE') throw new Error('no ENVELOPE');
  return { warnings, from: item.envelope.from };
}

const mailbox = (name: string | null, adl: string | null, mbox: string | null, host: string | null) => ({
  kind: 'mailbox',
  name,
  adl,
  mailbox: mbox,
  host,
});

describe('ENVELOPE structure (RFC 3501 §7.4.2, §9 envelope)', () => {
  it('all ten fields NIL', () => {
    expect(envelope('* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL))')).toEqual({
      date: null,
      subject: null,
      from: null,
      sender: null,
      replyTo: null,
      to: null,
      cc: null,
      bcc: null,
      inReplyTo: null,
      messageId: null,
    });
  });

  it('every address list in its own field, strings kept as sent', () => {
    const e = envelope(
      '* 1 FETCH (ENVELOPE ("Mon, 1 Jan 2024 00:00:00 +0000" "=?utf-8?q?hi?=" (("F" NIL "f" "x.org")) (("S" NIL "s" "x.org")) (("R" NIL "r" "x.org")) (("T" NIL "t" "x.org")("U" NIL "u" "x.org")) (("C" NIL "c" "x.org")) (("B" NIL "b" "x.org")) "<irt@x>" "<id@x>"))',
    );
    expect(e).toEqual({
      date: 'Mon, 1 Jan 2024 00:00:00 +0000',
      subject: '=?utf-8?q?hi?=',
      from: [mailbox('F', null, 'f', 'x.org')],
      sender: [mailbox('S', null, 's', 'x.org')],
      replyTo: [mailbox('R', null, 'r', 'x.org')],
      to: [mailbox('T', null, 't', 'x.org'), mailbox('U', null, 'u', 'x.org')],
      cc: [mailbox('C', null, 'c', 'x.org')],
      bcc: [mailbox('B', null, 'b', 'x.org')],
      inReplyTo: '<irt@x>',
      messageId: '<id@x>',
    });
  });

  it('NIL where the envelope is due is an error naming the missing "("', () => {
    bad('* 1 FETCH (ENVELOPE NIL)', /^imap: expected \( at byte 20 /, 20);
  });

  it('an eleventh field is an error naming the missing ")"', () => {
    bad(
      '* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL))',
      /^imap: expected \) at byte 60 /,
      60,
    );
  });
});

describe('address lists (RFC 3501 §9: "(" 1*address ")" / nil; address = "(" 4 nstrings ")")', () => {
  it('a string where the address list is due is an error naming the missing "("', () => {
    bad(fromLine('"x"'), /^imap: expected \( at byte 29 /, 29);
  });

  it('a non-address inside the list is an error naming the missing "("', () => {
    bad(fromLine('(("A" NIL "a" "x")"junk")'), /^imap: expected \( at byte 47 /, 47);
  });

  it('an address with a fifth field is an error naming the missing ")"', () => {
    bad(fromLine('(("A" NIL "a" "x" "y"))'), /^imap: expected \) at byte 46 /, 46);
  });

  it('a space right after the list "(" is not tolerated: only spaces between addresses are', () => {
    bad(fromLine('( ("A" NIL "a" "x"))'), /^imap: expected \( at byte 30 /, 30);
  });

  it('addresses without separators (the grammar) parse strictly', () => {
    expect(envelope(fromLine('(("A" NIL "a" "x")("B" "@r1,@r2" "b" "y"))')).from).toEqual([
      mailbox('A', null, 'a', 'x'),
      mailbox('B', '@r1,@r2', 'b', 'y'),
    ]);
  });

  it('spaces between addresses: one EXTRA_SPACE warning per gap (Exchange/Domino)', () => {
    const { warnings, from } = lenientFrom('(("A" NIL "a" "x")  ("B" NIL "b" "y"))');
    expect(warnings).toEqual([{ code: 'EXTRA_SPACE', message: 'space between addresses', offset: 47 }]);
    expect(from).toEqual([mailbox('A', null, 'a', 'x'), mailbox('B', null, 'b', 'y')]);
    expect(thrown(fromLine('(("A" NIL "a" "x") ("B" NIL "b" "y"))')).message).toMatch(
      /^imap: space between addresses at byte 47 /,
    );
  });

  it('partial addresses that are neither group start nor end marker stay mailboxes', () => {
    // only host NIL + mailbox set starts a group, only all four NIL ends one (RFC 3501 §7.4.2)
    expect(
      envelope(fromLine('((NIL NIL NIL "host.example")("Only Name" NIL NIL NIL)(NIL "@adl" NIL NIL))')).from,
    ).toEqual([
      mailbox(null, null, null, 'host.example'),
      mailbox('Only Name', null, null, null),
      mailbox(null, '@adl', null, null),
    ]);
  });
});

describe('address groups (RFC 3501 §7.4.2: start marker host NIL, end marker all NIL)', () => {
  it('an empty group (undisclosed-recipients:;)', () => {
    expect(envelope(fromLine('((NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL))')).from).toEqual([
      { kind: 'group', name: 'undisclosed-recipients', members: [] },
    ]);
  });

  it('mailboxes before, inside and after a group', () => {
    expect(
      envelope(
        fromLine(
          '(("A" NIL "a" "x")(NIL NIL "team" NIL)("B" NIL "b" "y")(NIL NIL NIL NIL)("C" NIL "c" "z"))',
        ),
      ).from,
    ).toEqual([
      mailbox('A', null, 'a', 'x'),
      { kind: 'group', name: 'team', members: [mailbox('B', null, 'b', 'y')] },
      mailbox('C', null, 'c', 'z'),
    ]);
  });

  it('a second group start closes the first group (no nesting in RFC 5322 §3.4)', () => {
    expect(
      envelope(fromLine('((NIL NIL "g1" NIL)(NIL NIL "g2" NIL)("B" NIL "b" "y")(NIL NIL NIL NIL))')).from,
    ).toEqual([
      { kind: 'group', name: 'g1', members: [] },
      { kind: 'group', name: 'g2', members: [mailbox('B', null, 'b', 'y')] },
    ]);
  });

  it('an end marker without an open group is dropped', () => {
    expect(envelope(fromLine('((NIL NIL NIL NIL)("A" NIL "a" "x")(NIL NIL NIL NIL))')).from).toEqual([
      mailbox('A', null, 'a', 'x'),
    ]);
  });

  it('a group without end marker is kept, with an UNCLOSED_GROUP warning', () => {
    const { warnings, from } = lenientFrom('((NIL NIL "g" NIL)("A" NIL "a" "x"))');
    expect(warnings).toEqual([
      { code: 'UNCLOSED_GROUP', message: 'address group without end marker', offset: 65 },
    ]);
    expect(from).toEqual([{ kind: 'group', name: 'g', members: [mailbox('A', null, 'a', 'x')] }]);
    expect(thrown(fromLine('((NIL NIL "g" NIL)("A" NIL "a" "x"))')).message).toMatch(
      /^imap: address group without end marker at byte 65 /,
    );
  });
});
