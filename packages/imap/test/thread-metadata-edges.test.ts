import { describe, expect, it } from 'vitest';
import type { MetadataResponse, Thread } from '../src/index';
import { dec, kinds, one, parse, thrown } from './helpers';

const leaf = (...members: number[]): Thread => ({ members, children: [] });

describe('THREAD (RFC 5256 §4)', () => {
  it('no threads: `* THREAD` alone', () => {
    expect(one('* THREAD')).toEqual({ type: 'thread', threads: [] });
  });

  it('flat and nested threads side by side', () => {
    expect(one('* THREAD (1)(2 3)(4 (5)(6))')).toEqual({
      type: 'thread',
      threads: [leaf(1), leaf(2, 3), { members: [4], children: [leaf(5), leaf(6)] }],
    });
  });

  it('a thread that starts nested, nesting inside nesting', () => {
    // thread-list = "(" (thread-members / thread-nested) ")"; thread-nested = 2*thread-list
    expect(one('* THREAD ((3)(5 8 (6)(7 (9)(10))))')).toEqual({
      type: 'thread',
      threads: [
        {
          members: [],
          children: [
            leaf(3),
            { members: [5, 8], children: [leaf(6), { members: [7], children: [leaf(9), leaf(10)] }] },
          ],
        },
      ],
    });
  });

  // thread-members = nz-number *(SP nz-number) [SP thread-nested]: the nested part is last
  it.each(['* THREAD (1 (2)(3) 4)', '* THREAD (1 2 (3)(4) 9)'])(
    'a message number after nested threads is an error at that number: %s',
    (line) => {
      const e = thrown(line);
      expect(e.code).toBe('BAD_SYNTAX');
      expect(e.message).toMatch(/^imap: message number after nested threads at byte/);
      expect(e.offset).toBe(line.length - 2);
    },
  );

  it('the same when the thread has no members of its own: the error is at the number, past the SP', () => {
    const line = '* THREAD ((3)(5) 6)';
    const e = thrown(line);
    expect(e.message).toMatch(/^imap: message number after nested threads at byte/);
    expect(e.offset).toBe(line.indexOf('6'));
  });

  it('after nested threads only another ( or the ) may follow, else SP is due', () => {
    const line = '* THREAD ((3)(5)x)';
    const e = thrown(line);
    expect(e.message).toMatch(/^imap: expected SP at byte/);
    expect(e.offset).toBe(line.indexOf('x'));
  });

  // The TRAILING_SPACE quirk of every list (test/trailing-space-lists.test.ts: Exchange,
  // Courier) holds in a thread-list too: lenient mode reads the thread and warns at the `)`;
  // before the fix lenient mode failed, after nested threads with "message number after
  // nested threads" where there is no number.
  it.each([
    ['after members', '* THREAD (1 2 )', [leaf(1, 2)]],
    ['after nested threads', '* THREAD (3 (4)(5) )', [{ members: [3], children: [leaf(4), leaf(5)] }]],
    ['in a nested thread', '* THREAD ((3 )(5))', [{ members: [], children: [leaf(3), leaf(5)] }]],
  ])('a space before ) %s warns TRAILING_SPACE at the ); strict refuses it', (_what, line, threads) => {
    const evs = parse(`${line}\r\n`);
    expect(kinds(evs)).toEqual(['warning:TRAILING_SPACE', 'response']);
    expect(evs[0]).toMatchObject({ message: 'space before )', offset: line.indexOf(' )') + 1 });
    expect(evs[1]).toMatchObject({ response: { type: 'thread', threads } });
    const e = thrown(line);
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/^imap: space before \) at byte/);
    expect(e.offset).toBe(line.indexOf(' )') + 1);
  });

  it('members need SP between them', () => {
    const line = '* THREAD (1 2x)';
    const e = thrown(line);
    expect(e.message).toMatch(/^imap: expected SP at byte/);
    expect(e.offset).toBe(line.indexOf('x'));
  });

  it('a zero message number is ZERO_NUMBER (lenient), an error in strict mode', () => {
    const line = '* THREAD (0 2)';
    const evs = parse(`${line}\r\n`);
    expect(kinds(evs)).toEqual(['warning:ZERO_NUMBER', 'response']);
    expect(evs[0]).toMatchObject({ offset: line.indexOf('0') });
    expect(evs[1]).toMatchObject({ response: { threads: [leaf(0, 2)] } });
    expect(thrown(line).code).toBe('BAD_SYNTAX');
  });

  it('data after the threads is an error', () => {
    const line = '* THREAD (1) 2';
    const e = thrown(line);
    expect(e.message).toMatch(/^imap: unexpected data at the end of the response at byte/);
    expect(e.offset).toBe(line.indexOf(' 2'));
  });

  it('maxNestingDepth: each thread-list is one level; at the limit read, one past is NESTING_TOO_DEEP', () => {
    const line = '* THREAD (1 (2)(3 (4)(5)))';
    expect(one(line, { limits: { maxNestingDepth: 3 } })).toMatchObject({ threads: [{ members: [1] }] });
    const e = thrown(line, { limits: { maxNestingDepth: 2 } });
    expect(e.code).toBe('NESTING_TOO_DEEP');
    expect(e.offset).toBe(line.indexOf('(4') + 1);
  });

  it('maxListItems: threads, members and nested threads are each counted', () => {
    const limits = { maxListItems: 2 };
    expect(one('* THREAD (1 2)(3 (4)(5))', { limits })).toMatchObject({ threads: [{}, {}] });
    expect(thrown('* THREAD (1)(2)(3)', { limits }).code).toBe('LIST_TOO_LONG');
    expect(thrown('* THREAD (1 2 3)', { limits }).code).toBe('LIST_TOO_LONG');
    expect(thrown('* THREAD (1 (2)(3)(4))', { limits }).code).toBe('LIST_TOO_LONG');
  });
});

describe('METADATA (RFC 5464 §4.4)', () => {
  const entries = (r: ReturnType<typeof one>) =>
    (r as MetadataResponse).entries?.map((e) => [e.entry, e.value === null ? null : dec(e.value)]);

  it('entry-values: quoted, NIL, literal and empty values', () => {
    const r = one(
      '* METADATA "INBOX" (/private/comment "My comment" /shared/comment NIL /shared/x {4}\r\na\r\nb /shared/y "")',
    );
    expect(r).toMatchObject({ type: 'metadata', mailbox: { name: 'INBOX' }, names: null });
    expect(entries(r)).toEqual([
      ['/private/comment', 'My comment'],
      ['/shared/comment', null],
      ['/shared/x', 'a\r\nb'],
      ['/shared/y', ''],
    ]);
  });

  it('server metadata: the mailbox is ""', () => {
    const r = one('* METADATA "" (/shared/admin "mailto:a@example.com")');
    expect(r).toMatchObject({ mailbox: { name: '', raw: '' } });
    expect(entries(r)).toEqual([['/shared/admin', 'mailto:a@example.com']]);
  });

  it('an entry without its value is an error at the )', () => {
    const line = '* METADATA INBOX (/shared/comment)';
    const e = thrown(line);
    expect(e.message).toMatch(/^imap: expected SP at byte/);
    expect(e.offset).toBe(line.indexOf(')'));
  });

  it('the unsolicited form: entry names only (RFC 5464 §4.4.2)', () => {
    expect(one('* METADATA INBOX /shared/comment')).toEqual({
      type: 'metadata',
      mailbox: { name: 'INBOX', raw: 'INBOX' },
      entries: null,
      names: ['/shared/comment'],
    });
    expect(one('* METADATA "" /shared/comment "/private/x y" {4}\r\n/a b')).toMatchObject({
      entries: null,
      names: ['/shared/comment', '/private/x y', '/a b'],
    });
  });

  it('an entry name followed by anything but SP or the line end is an error there', () => {
    const line = '* METADATA INBOX /shared/a"b"';
    const e = thrown(line);
    expect(e.message).toMatch(/^imap: unexpected data at the end of the response at byte/);
    expect(e.offset).toBe(line.indexOf('"'));
  });

  it('an entry name after the first may start with "]" (an astring, RFC 3501 §9)', () => {
    const evs = parse('* METADATA INBOX /a ]b\r\n');
    expect(kinds(evs)).toEqual(['response']);
    expect(evs[0]).toMatchObject({ response: { names: ['/a', ']b'] } });
  });

  it('a trailing space after the names (Exchange, Courier) warns TRAILING_SPACE; strict refuses it', () => {
    const line = '* METADATA INBOX /a /b ';
    const evs = parse(`${line}\r\n`);
    expect(kinds(evs)).toEqual(['warning:TRAILING_SPACE', 'response']);
    expect(evs[1]).toMatchObject({ response: { names: ['/a', '/b'] } });
    expect(thrown(line).code).toBe('BAD_SYNTAX');
  });

  it('maxListItems: entries and names at the limit read, one past is LIST_TOO_LONG', () => {
    const limits = { maxListItems: 2 };
    expect(entries(one('* METADATA INBOX (/a "1" /b "2")', { limits }))).toHaveLength(2);
    expect(thrown('* METADATA INBOX (/a "1" /b "2" /c "3")', { limits }).code).toBe('LIST_TOO_LONG');
    expect(one('* METADATA INBOX /a /b', { limits })).toMatchObject({ names: ['/a', '/b'] });
    expect(thrown('* METADATA INBOX /a /b /c', { limits }).code).toBe('LIST_TOO_LONG');
  });
});
