import { describe, expect, it } from 'vitest';
import type { FetchItem, FetchResponse } from '../src/index';
import { dec, kinds, one, parse, responses } from './helpers';

function items(line: string): FetchItem[] {
  return (one(line) as FetchResponse).items;
}

describe('FETCH items', () => {
  it('every BODY[section]<origin> form', () => {
    const rs = responses(
      '* 1 FETCH (BODY[] {1}\r\na BODY[TEXT] {1}\r\nb BODY[HEADER] {1}\r\nc BODY[1.2.3] {1}\r\nd BODY[2.MIME] {1}\r\ne BODY[4.1.HEADER] {1}\r\nf BODY[4.1.TEXT]<100> {1}\r\ng BODY[HEADER.FIELDS (DATE FROM "X-Odd Name")] {1}\r\nh BODY[1.HEADER.FIELDS.NOT (SUBJECT)] {1}\r\ni BODY[]<0> NIL BODY[3] "quoted")\r\n',
      { strict: true },
    );
    const its = (rs[0] as FetchResponse).items;
    const view = its.map((i) => (i.name === 'BODY[]' ? { ...i, data: i.data && dec(i.data) } : i));
    expect(view).toEqual([
      { name: 'BODY[]', section: { part: [], text: null }, origin: null, data: 'a' },
      { name: 'BODY[]', section: { part: [], text: 'TEXT' }, origin: null, data: 'b' },
      { name: 'BODY[]', section: { part: [], text: 'HEADER' }, origin: null, data: 'c' },
      { name: 'BODY[]', section: { part: [1, 2, 3], text: null }, origin: null, data: 'd' },
      { name: 'BODY[]', section: { part: [2], text: 'MIME' }, origin: null, data: 'e' },
      { name: 'BODY[]', section: { part: [4, 1], text: 'HEADER' }, origin: null, data: 'f' },
      { name: 'BODY[]', section: { part: [4, 1], text: 'TEXT' }, origin: 100, data: 'g' },
      {
        name: 'BODY[]',
        section: { part: [], text: 'HEADER.FIELDS', fields: ['DATE', 'FROM', 'X-Odd Name'] },
        origin: null,
        data: 'h',
      },
      {
        name: 'BODY[]',
        section: { part: [1], text: 'HEADER.FIELDS.NOT', fields: ['SUBJECT'] },
        origin: null,
        data: 'i',
      },
      { name: 'BODY[]', section: { part: [], text: null }, origin: 0, data: null },
      { name: 'BODY[]', section: { part: [3], text: null }, origin: null, data: 'quoted' },
    ]);
  });
  it('RFC822, RFC822.HEADER, RFC822.TEXT, RFC822.SIZE, UID, FLAGS', () => {
    const rs = responses(
      '* 2 FETCH (RFC822 {2}\r\nab RFC822.HEADER {2}\r\ncd RFC822.TEXT NIL RFC822.SIZE 12 UID 9 FLAGS ())\r\n',
    );
    const its = (rs[0] as FetchResponse).items;
    expect(its.map((i) => i.name)).toEqual([
      'RFC822',
      'RFC822.HEADER',
      'RFC822.TEXT',
      'RFC822.SIZE',
      'UID',
      'FLAGS',
    ]);
    expect(its[2]).toEqual({ name: 'RFC822.TEXT', data: null });
    expect(its[5]).toEqual({ name: 'FLAGS', flags: [] });
  });
  it('MODSEQ, EMAILID, THREADID, SAVEDATE, PREVIEW, Gmail items', () => {
    expect(
      items(
        '* 1 FETCH (MODSEQ (12121231000) EMAILID (M6d99ac3275bb4e) THREADID (T64b478a75b7ea9) SAVEDATE "01-Jan-2020 10:00:00 +0000" PREVIEW "Hi there")',
      ),
    ).toEqual([
      { name: 'MODSEQ', value: 12121231000n },
      { name: 'EMAILID', value: 'M6d99ac3275bb4e' },
      { name: 'THREADID', value: 'T64b478a75b7ea9' },
      { name: 'SAVEDATE', date: { date: new Date('2020-01-01T10:00:00Z'), zone: '+0000', zoneMinutes: 0 } },
      { name: 'PREVIEW', text: 'Hi there' },
    ]);
    expect(items('* 1 FETCH (THREADID NIL SAVEDATE NIL PREVIEW NIL)')).toEqual([
      { name: 'THREADID', value: null },
      { name: 'SAVEDATE', date: null },
      { name: 'PREVIEW', text: null },
    ]);
    expect(
      items(
        '* 1 FETCH (X-GM-THRID 1266894439832287888 X-GM-MSGID 1278455344230334865 X-GM-LABELS ("\\\\Important" "Foo bar"))',
      ),
    ).toEqual([
      { name: 'X-GM-THRID', value: 1266894439832287888n },
      { name: 'X-GM-MSGID', value: 1278455344230334865n },
      { name: 'X-GM-LABELS', labels: ['\\Important', 'Foo bar'] },
    ]);
  });
  it('INTERNALDATE with space-padded day and zones', () => {
    expect(items('* 1 FETCH (INTERNALDATE " 7-Feb-2024 23:59:59 +0530")')).toEqual([
      {
        name: 'INTERNALDATE',
        date: { date: new Date('2024-02-07T18:29:59Z'), zone: '+0530', zoneMinutes: 330 },
      },
    ]);
    expect(kinds(parse('* 1 FETCH (INTERNALDATE "31-Foo-2024 23:59:59 +0530")\r\n'))).toEqual([
      'error:BAD_SYNTAX',
    ]);
  });
  it('unknown items are kept raw, literals included', () => {
    const rs = responses('* 1 FETCH (X-FOO (1 "two" (3)) X-BAR[sec (A B)] atom X-LIT {3}\r\nabc UID 1)\r\n');
    const its = (rs[0] as FetchResponse).items;
    expect(its.map((i) => (i.name === 'UNKNOWN' ? [i.key, dec(i.raw)] : i.name))).toEqual([
      ['X-FOO', '(1 "two" (3))'],
      ['X-BAR[sec (A B)]', 'atom'],
      ['X-LIT', '{3}\r\nabc'],
      'UID',
    ]);
  });
  it('ENVELOPE: group syntax and RFC 2047 words left encoded', () => {
    const its = items(
      '* 1 FETCH (ENVELOPE ("Mon, 1 Jan 2024 00:00:00 +0000" "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=" (("=?ISO-8859-1?Q?Andr=E9?=" NIL "andre" "example.com")) NIL NIL ((NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL)) ((NIL NIL "team" NIL)("A" NIL "a" "x.org")("B" "@relay" "b" "y.org")(NIL NIL NIL NIL)("C" NIL "c" "z.org")) NIL "<parent@x>" "<id@x>"))',
    );
    const env = its[0]?.name === 'ENVELOPE' ? its[0].envelope : null;
    expect(env?.subject).toBe('=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=');
    expect(env?.to).toEqual([{ kind: 'group', name: 'undisclosed-recipients', members: [] }]);
    expect(env?.cc).toEqual([
      {
        kind: 'group',
        name: 'team',
        members: [
          { kind: 'mailbox', name: 'A', adl: null, mailbox: 'a', host: 'x.org' },
          { kind: 'mailbox', name: 'B', adl: '@relay', mailbox: 'b', host: 'y.org' },
        ],
      },
      { kind: 'mailbox', name: 'C', adl: null, mailbox: 'c', host: 'z.org' },
    ]);
    expect(env?.inReplyTo).toBe('<parent@x>');
  });
  it('numbers are range-checked', () => {
    expect(kinds(parse('* 1 FETCH (RFC822.SIZE 9007199254740992)\r\n'))).toEqual(['error:NUMBER_OVERFLOW']);
    expect(kinds(parse('* 1 FETCH (RFC822.SIZE 9007199254740991)\r\n'))).toEqual(['response']);
    expect(kinds(parse('* 1 FETCH (MODSEQ (0))\r\n'))).toEqual(['warning:ZERO_NUMBER', 'response']);
    expect(() => parse('* 1 FETCH (MODSEQ (0))\r\n', { strict: true })).toThrow();
    expect(kinds(parse('* 1 FETCH (BODY[0] NIL)\r\n'))).toEqual(['warning:ZERO_NUMBER', 'response']);
    expect(kinds(parse('* OK [UIDVALIDITY 4294967296] x\r\n'))).toEqual(['warning:BAD_CODE', 'response']);
  });
  it('bad sections are errors', () => {
    expect(kinds(parse('* 1 FETCH (BODY[MIME] NIL)\r\n'))).toEqual(['error:BAD_SYNTAX']);
    expect(kinds(parse('* 1 FETCH (BODY[FOO] NIL)\r\n'))).toEqual(['error:BAD_SYNTAX']);
    expect(kinds(parse('* 1 FETCH (BINARY[TEXT] NIL)\r\n'))).toEqual(['error:BAD_SYNTAX']);
  });
});
