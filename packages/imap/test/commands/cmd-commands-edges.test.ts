import type { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { commands, dec, kinds, one, parseAll } from './helpers';

// Argument corners of the command grammar (command-grammar.ts, STORE onwards): the list
// forms that must not be empty (and the ones that may), the limits on lists the grammar
// counts itself, and the error messages, which name the argument that was wrong.

/** The one error a bad command line gives (lenient: an error event, the parser goes on). */
function failure(line: string): ParseError {
  const evs = parseAll(`${line}\r\n`);
  expect(kinds(evs), line).toEqual(['error:BAD_SYNTAX']);
  const e = evs[0];
  if (e?.type !== 'error') throw new Error(`expected an error event for ${line}`);
  expect(e.error.tag, line).toBe('a');
  return e.error;
}

/** The message of the BAD_SYNTAX error a line gives. */
const message = (line: string): string => failure(line).message;

describe('STORE', () => {
  it('an empty modifier list is refused (RFC 7162 §3.1.3: store-modifiers are one or more)', () => {
    const err = failure('a STORE 1 () FLAGS (\\Seen)');
    expect(err.message).toMatch(/STORE modifiers must not be empty/);
    expect(err.offset).toBe(11);
  });

  it('without UNCHANGEDSINCE the command has no unchangedSince member at all', () => {
    expect(one('a STORE 1:2 +FLAGS (\\Seen)')).toStrictEqual({
      tag: 'a',
      name: 'STORE',
      uid: false,
      sequenceSet: [[1, 2]],
      operation: 'add',
      silent: false,
      flags: ['\\Seen'],
    });
  });

  it('UNCHANGEDSINCE is kept as a bigint', () => {
    expect(one('a STORE 1 (UNCHANGEDSINCE 12345) -FLAGS.SILENT \\Seen')).toMatchObject({
      operation: 'remove',
      silent: true,
      unchangedSince: 12345n,
      flags: ['\\Seen'],
    });
  });

  it('RFC 3501 §9 store-att-flags: several flags without parentheses', () => {
    expect(one('a STORE 1 FLAGS \\Seen \\Deleted $Junk')).toMatchObject({
      operation: 'replace',
      flags: ['\\Seen', '\\Deleted', '$Junk'],
    });
    expect(one('a STORE 1 +FLAGS.SILENT \\Answered \\Flagged')).toMatchObject({
      operation: 'add',
      silent: true,
      flags: ['\\Answered', '\\Flagged'],
    });
  });

  it('FLAGS takes flags, not strings (those are only for Gmail labels)', () => {
    expect(message('a STORE 1 FLAGS ("Seen")')).toMatch(/expected a flag/);
  });

  it('a missing or unknown item is named', () => {
    expect(message('a STORE 1 +(\\Seen)')).toMatch(/expected FLAGS or FLAGS\.SILENT/);
    expect(message('a STORE 1 FLAGS.LOUD (\\Seen)')).toMatch(/unknown STORE item FLAGS\.LOUD/);
  });

  // Gmail X-GM-EXT-1: X-GM-LABELS takes astrings (and flag-like system labels).
  it('Gmail: a single label without parentheses', () => {
    expect(one('a STORE 1 +X-GM-LABELS Work')).toMatchObject({
      target: 'X-GM-LABELS',
      operation: 'add',
      flags: ['Work'],
    });
    expect(one('a STORE 1 X-GM-LABELS \\Inbox')).toMatchObject({ flags: ['\\Inbox'] });
  });

  it('Gmail: a missing label is named', () => {
    expect(message('a STORE 1 X-GM-LABELS )')).toMatch(/expected a Gmail label/);
    expect(message('a STORE 1 X-GM-LABELS (Work )')).toMatch(/expected a Gmail label/);
  });

  it('Gmail: the label list is bounded by maxListItems', () => {
    const options = { limits: { maxListItems: 2 } };
    expect(commands('a STORE 1 X-GM-LABELS (x "y z")\r\n', options)[0]).toMatchObject({
      flags: ['x', 'y z'],
    });
    const evs = parseAll('a STORE 1 X-GM-LABELS (x y z)\r\n', options);
    expect(kinds(evs)).toEqual(['error:LIST_TOO_LONG']);
    const e = evs[0];
    if (e?.type !== 'error') throw new Error('expected an error');
    expect(e.error.message).toMatch(/too many items in Gmail labels/);
  });
});

describe('ID (RFC 2971)', () => {
  it('field names and values must be strings (or NIL values)', () => {
    expect(message('a ID (name "x")')).toMatch(/expected an ID field name/);
    expect(message('a ID ("name" x)')).toMatch(/expected an ID field value/);
    expect(one('a ID ("name" NIL "os" "linux")')).toEqual({
      tag: 'a',
      name: 'ID',
      parameters: [
        ['name', null],
        ['os', 'linux'],
      ],
    });
  });

  it('an empty parameter list is an empty list, apart from NIL (RFC 2971 §4: a #list may be empty)', () => {
    expect(one('a ID ()')).toStrictEqual({ tag: 'a', name: 'ID', parameters: [] });
    expect(one('a ID NIL')).toStrictEqual({ tag: 'a', name: 'ID', parameters: null });
  });
});

describe('GETMETADATA (RFC 5464 §4.2)', () => {
  it('without options: one entry, or a list of them', () => {
    expect(one('a GETMETADATA INBOX /shared/comment')).toStrictEqual({
      tag: 'a',
      name: 'GETMETADATA',
      mailbox: 'INBOX',
      entries: ['/shared/comment'],
    });
    expect(one('a GETMETADATA "" (/shared/comment /private/comment)')).toStrictEqual({
      tag: 'a',
      name: 'GETMETADATA',
      mailbox: '',
      entries: ['/shared/comment', '/private/comment'],
    });
  });

  it('MAXSIZE and DEPTH (case-insensitive, infinity lower-cased)', () => {
    expect(one('a GETMETADATA (MAXSIZE 1024 depth Infinity) INBOX /private')).toStrictEqual({
      tag: 'a',
      name: 'GETMETADATA',
      mailbox: 'INBOX',
      entries: ['/private'],
      maxSize: 1024,
      depth: 'infinity',
    });
    expect(one('a GETMETADATA (DEPTH 1) INBOX /private')).toMatchObject({ depth: '1' });
  });

  it('DEPTH is 0, 1 or infinity only', () => {
    expect(message('a GETMETADATA (DEPTH 2) INBOX /private')).toMatch(/DEPTH must be 0, 1 or infinity/);
    expect(message('a GETMETADATA (DEPTH "1") INBOX /private')).toMatch(/expected a depth/);
  });

  it('bad options are named', () => {
    expect(message('a GETMETADATA (FOO 1) INBOX /private')).toMatch(/unknown GETMETADATA option FOO/);
    expect(message('a GETMETADATA ("DEPTH" 1) INBOX /private')).toMatch(/expected a GETMETADATA option/);
    expect(message('a GETMETADATA (MAXSIZE x) INBOX /private')).toMatch(/expected MAXSIZE/);
    expect(message('a GETMETADATA () INBOX /private')).toMatch(/GETMETADATA options must not be empty/);
  });

  it('entries: one or more', () => {
    expect(message('a GETMETADATA INBOX ()')).toMatch(/metadata entries must not be empty/);
    expect(message('a GETMETADATA INBOX (/private )')).toMatch(/expected a metadata entry/);
    expect(message('a GETMETADATA INBOX )')).toMatch(/expected a metadata entry/);
  });
});

describe('SETMETADATA (RFC 5464 §4.3)', () => {
  it('a value may be a literal8 (RFC 5464 §5: value = nstring / literal8), NUL included', () => {
    const [cmd] = commands('a SETMETADATA INBOX (/shared/x ~{3}\r\na\0b /shared/y NIL)\r\n');
    expect(cmd?.name).toBe('SETMETADATA');
    if (cmd?.name !== 'SETMETADATA') return;
    expect(cmd.entries.map((e) => [e.entry, e.value === null ? null : Array.from(e.value)])).toEqual([
      ['/shared/x', [0x61, 0, 0x62]],
      ['/shared/y', null],
    ]);
  });

  it('a value is a string or NIL, not an atom', () => {
    expect(message('a SETMETADATA INBOX (/shared/x foo)')).toMatch(/expected a metadata value/);
    const [cmd] = commands('a SETMETADATA INBOX (/shared/x "NIL")\r\n');
    if (cmd?.name !== 'SETMETADATA') throw new Error('expected SETMETADATA');
    expect(dec(cmd.entries[0]?.value ?? new Uint8Array(0))).toBe('NIL');
  });

  it('entries: one or more', () => {
    expect(message('a SETMETADATA INBOX ()')).toMatch(/metadata entries must not be empty/);
    expect(message('a SETMETADATA INBOX (/shared/x NIL )')).toMatch(/expected a metadata entry/);
  });
});

describe('SORT and THREAD (RFC 5256)', () => {
  it('sort criteria: one or more keys', () => {
    expect(message('a SORT () UTF-8 ALL')).toMatch(/sort criteria must not be empty/);
    expect(message('a SORT ("DATE") UTF-8 ALL')).toMatch(/expected a sort key/);
    expect(message('a SORT (DATE) (ALL)')).toMatch(/expected a charset/);
  });

  it('THREAD: algorithm and charset are named when missing', () => {
    expect(message('a THREAD "REFERENCES" UTF-8 ALL')).toMatch(/expected a thread algorithm/);
    expect(message('a THREAD REFERENCES (ALL)')).toMatch(/expected a charset/);
  });
});

describe('command names', () => {
  it('a command name must be an atom', () => {
    const err = failure('a "NOOP"');
    expect(err.message).toMatch(/expected a command name/);
    expect(err.offset).toBe(2);
  });

  it('UID: only before the commands that take it', () => {
    expect(message('a UID "FETCH" 1 FLAGS')).toMatch(/expected a command name after UID/);
    expect(message('a UID NOOP')).toMatch(/NOOP cannot follow UID/);
  });
});

describe('arguments of the other commands are named when wrong', () => {
  it('AUTHENTICATE, LOGIN, COMPRESS', () => {
    expect(message('a AUTHENTICATE "PLAIN"')).toMatch(/expected a SASL mechanism/);
    expect(message('a LOGIN (bob) pw')).toMatch(/expected a user name/);
    expect(message('a LOGIN bob (pw)')).toMatch(/expected a password/);
    expect(message('a COMPRESS "DEFLATE"')).toMatch(/expected a compression mechanism/);
  });

  it('ENABLE needs at least one capability (RFC 5161 §3.1)', () => {
    const err = failure('a ENABLE');
    expect(err.message).toMatch(/ENABLE needs a capability/);
    expect(err.offset).toBe(8);
    expect(message('a ENABLE "CONDSTORE"')).toMatch(/expected a capability/);
  });

  it('CREATE: the only parameter is USE (RFC 6154 §3)', () => {
    expect(message('a CREATE Sent (FOO (\\Sent))')).toMatch(/expected USE/);
  });

  it('ACL commands (RFC 4314)', () => {
    expect(message('a DELETEACL INBOX (bob)')).toMatch(/expected an ACL identifier/);
    expect(message('a SETACL INBOX bob (lrs)')).toMatch(/expected ACL rights/);
  });

  it('LSUB reference and pattern', () => {
    expect(message('a LSUB (x) *')).toMatch(/expected an LSUB reference/);
    expect(message('a LSUB "" (x)')).toMatch(/expected an LSUB pattern/);
  });

  it('STATUS: one or more items in parentheses (RFC 3501 §9 status)', () => {
    expect(message('a STATUS INBOX ()')).toMatch(/a STATUS item must not be empty/);
    expect(message('a STATUS INBOX ("MESSAGES")')).toMatch(/expected a STATUS item/);
  });
});

describe('GETQUOTA / SETQUOTA (RFC 9208 §4.2-4.3)', () => {
  it('a quota root is an astring', () => {
    expect(message('a GETQUOTA (x)')).toMatch(/expected a quota root/);
    expect(message('a SETQUOTA (x) (STORAGE 10)')).toMatch(/expected a quota root/);
  });

  it('an empty limit list removes all limits', () => {
    expect(one('a SETQUOTA "" ()')).toStrictEqual({ tag: 'a', name: 'SETQUOTA', root: '', limits: [] });
  });

  it('resources are atoms and limits numbers', () => {
    expect(one('a SETQUOTA "" (storage 10 MESSAGE 9007199254740991)')).toMatchObject({
      limits: [
        { resource: 'STORAGE', limit: 10 },
        { resource: 'MESSAGE', limit: 9007199254740991 },
      ],
    });
    expect(message('a SETQUOTA "" ("STORAGE" 10)')).toMatch(/expected a quota resource/);
    expect(message('a SETQUOTA "" (STORAGE x)')).toMatch(/expected a quota limit/);
  });

  it('the limit list is bounded by maxListItems: at the limit read, one past LIST_TOO_LONG', () => {
    const options = { limits: { maxListItems: 2 } };
    expect(commands('a SETQUOTA "" (STORAGE 1 MESSAGE 2)\r\n', options)[0]).toMatchObject({
      limits: [
        { resource: 'STORAGE', limit: 1 },
        { resource: 'MESSAGE', limit: 2 },
      ],
    });
    const evs = parseAll('a SETQUOTA "" (STORAGE 1 MESSAGE 2 MAILBOX 3)\r\n', options);
    expect(kinds(evs)).toEqual(['error:LIST_TOO_LONG']);
    const e = evs[0];
    if (e?.type !== 'error') throw new Error('expected an error');
    expect(e.error.message).toMatch(/too many quota limits/);
    expect(e.error.tag).toBe('a');
  });
});
