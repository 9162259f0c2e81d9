import { describe, expect, it } from 'vitest';
import { kinds, one, parse, strictError } from './helpers';

// Lists the grammar says hold one item or more, sent empty: the EMPTY_LIST leniency (a
// warning, the empty list kept as it was sent), an error in strict mode.

const cases: { what: string; line: string; at: number; message: RegExp }[] = [
  {
    // RFC 3501 §9 header-list = "(" header-fld-name *(SP header-fld-name) ")"
    what: 'HEADER.FIELDS ()',
    line: '* 1 FETCH (BODY[HEADER.FIELDS ()] {0}\r\n)',
    at: 31,
    message: /empty header field list/,
  },
  {
    // RFC 2342 §5 Namespace = nil / "(" 1*( "(" string SP (<"> QUOTED_CHAR <"> / nil) ... ")" ) ")"
    what: 'a NAMESPACE group ()',
    line: '* NAMESPACE () NIL NIL',
    at: 13,
    message: /empty namespace list \(NIL is the form for none\)/,
  },
  {
    // RFC 2342 §5 Namespace_Response_Extension = SP string SP "(" string *(SP string) ")"
    what: 'NAMESPACE extension values ()',
    line: '* NAMESPACE (("" "/" "X-EXT" ())) NIL NIL',
    at: 30,
    message: /empty namespace extension value list/,
  },
  {
    // RFC 5256 §4 thread-list = "(" (thread-members / thread-nested) ")"
    what: 'a THREAD list ()',
    line: '* THREAD (1)()',
    at: 13,
    message: /empty thread list/,
  },
];

describe('EMPTY_LIST: lists of one item or more, sent empty', () => {
  for (const c of cases) {
    it(`${c.what}: a warning at the ")" in lenient mode, an error there in strict mode`, () => {
      const evs = parse(`${c.line}\r\n`);
      expect(kinds(evs)).toEqual(['warning:EMPTY_LIST', 'response']);
      expect(evs[0]).toMatchObject({ type: 'warning', code: 'EMPTY_LIST', offset: c.at });
      expect(evs[0]?.type === 'warning' && evs[0].message).toMatch(c.message);
      const err = strictError(`${c.line}\r\n`);
      expect([err.code, err.offset]).toEqual(['BAD_SYNTAX', c.at]);
      expect(err.message).toMatch(c.message);
    });
  }

  it('the empty lists are kept as sent, not turned into NIL', () => {
    const ns = parse('* NAMESPACE () NIL (("" "/" "X-EXT" ()))\r\n');
    expect(ns[ns.length - 1]).toMatchObject({
      type: 'response',
      response: {
        type: 'namespace',
        personal: [],
        otherUsers: null,
        shared: [{ prefix: '', delimiter: '/', extensions: [{ name: 'X-EXT', values: [] }] }],
      },
    });
    const th = parse('* THREAD ()(2)\r\n');
    expect(th[th.length - 1]).toMatchObject({
      type: 'response',
      response: {
        type: 'thread',
        threads: [
          { members: [], children: [] },
          { members: [2], children: [] },
        ],
      },
    });
  });

  it('the non-empty forms are no quirk', () => {
    expect(one('* NAMESPACE (("" "/" "X-EXT" ("a"))) NIL NIL')).toMatchObject({ type: 'namespace' });
    expect(one('* THREAD ((1)(2))(3 4 (5)(6))')).toMatchObject({ type: 'thread' });
    expect(one('* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {0}\r\n)')).toMatchObject({ type: 'fetch' });
  });
});
