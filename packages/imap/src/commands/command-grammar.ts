/**
 * One framed command -> `ImapCommand` (RFC 3501 §6 and §9 `command`, RFC 9051 §6 and §9,
 * extensions per command). Throws ParseError (with the command's tag) on bad syntax; the
 * streaming parser turns that into an error event and goes on with the next command.
 */
import { decodeBase64, isParseError, ParseError } from '@mailwire/core';
import { parseDateTime } from '../date-time';
import { LIST_CHAR, TAG } from '../lexer/char-classes';
import { bytesToText, type CommandReader } from './command-reader';
import { readFetchItems } from './fetch-items';
import { decodeMailboxName, decodeMailboxPattern } from './mailbox-encoding';
import { readFlag, readSearchKeys, readSequenceSet } from './search-keys';
import type {
  AppendMessage,
  FetchModifiers,
  ImapCommand,
  ListReturnOption,
  MetadataEntryValue,
  QresyncParameter,
  QuotaLimit,
  SearchKey,
  SimpleCommandName,
  SortCriterion,
} from './types';

/** The commands that take no arguments. */
export const SIMPLE_COMMANDS: readonly SimpleCommandName[] = [
  'CAPABILITY',
  'NOOP',
  'LOGOUT',
  'STARTTLS',
  'CHECK',
  'CLOSE',
  'UNSELECT',
  'IDLE',
  'NAMESPACE',
  'UNAUTHENTICATE',
];
const SIMPLE = new Set<string>(SIMPLE_COMMANDS);

/** Commands that take a `UID` prefix (RFC 3501 §6.4.8, RFC 4315, RFC 6851, RFC 5256). */
const UID_COMMANDS = new Set(['FETCH', 'SEARCH', 'STORE', 'COPY', 'MOVE', 'EXPUNGE', 'SORT', 'THREAD']);

/** Reads the tag at the start of a line; undefined if there is none. */
export function readTag(r: CommandReader): string {
  return r.token(TAG, 'a tag');
}

function mailbox(r: CommandReader, what = 'a mailbox name'): string {
  return decodeMailboxName(r.astring(what), r.o.utf8Accept);
}

function pattern(r: CommandReader, what: string): string {
  return decodeMailboxPattern(r.astring(what, LIST_CHAR), r.o.utf8Accept);
}

function flagList(r: CommandReader): string[] {
  return r.list(() => readFlag(r), true, 'a flag list');
}

function upperAtomList(r: CommandReader, what: string, allowEmpty: boolean): string[] {
  return r.list(() => r.keyword(what), allowEmpty, what);
}

function base64Arg(r: CommandReader): Uint8Array {
  const at = r.offset;
  const text = r.atom('base64 data');
  // RFC 4959 §3: "=" is an empty initial response.
  if (text === '=') return new Uint8Array(0);
  try {
    return decodeBase64(text, 'imap');
  } catch (e) {
    if (!isParseError(e)) throw e;
    throw new ParseError({
      protocol: 'imap',
      code: 'BAD_BASE64',
      message: 'bad base64 in the AUTHENTICATE initial response',
      offset: at,
      excerpt: text,
      ...(r.o.tag === undefined ? {} : { tag: r.o.tag }),
    });
  }
}

function selectParams(r: CommandReader): { condstore?: boolean; qresync?: QresyncParameter } {
  const out: { condstore?: boolean; qresync?: QresyncParameter } = {};
  r.list(
    () => {
      const name = r.keyword('a select parameter');
      if (name === 'CONDSTORE') {
        out.condstore = true;
      } else if (name === 'QRESYNC') {
        r.sp();
        r.expect(0x28);
        const uidValidity = r.nzNumber('QRESYNC uidvalidity');
        r.sp();
        const q: QresyncParameter = { uidValidity, modSeq: r.number64('QRESYNC mod-sequence') };
        if (q.modSeq === 0n) r.fail('QRESYNC mod-sequence must not be 0', 'BAD_NUMBER');
        if (r.optional(0x20)) {
          if (!r.is(0x28)) q.knownUids = readSequenceSet(r);
          if (r.is(0x28) || r.optional(0x20)) {
            r.expect(0x28);
            const sequences = readSequenceSet(r);
            r.sp();
            q.seqMatch = { sequences, uids: readSequenceSet(r) };
            r.expect(0x29);
          }
        }
        r.expect(0x29);
        out.qresync = q;
      } else {
        r.fail(`unknown select parameter ${name}`);
      }
    },
    false,
    'select parameters',
  );
  return out;
}

function listCommand(r: CommandReader, tag: string): ImapCommand {
  const cmd: ImapCommand = { tag, name: 'LIST', reference: '', patterns: [] };
  r.sp();
  if (r.is(0x28)) {
    cmd.selection = upperAtomList(r, 'a LIST selection option', true);
    r.sp();
  }
  cmd.reference = pattern(r, 'a LIST reference');
  r.sp();
  cmd.patterns = r.is(0x28)
    ? r.list(() => pattern(r, 'a LIST pattern'), false, 'LIST patterns')
    : [pattern(r, 'a LIST pattern')];
  if (r.moreArgs()) {
    if (!r.optionalKeyword('RETURN')) r.fail('expected RETURN');
    r.sp();
    cmd.return = r.list(
      (): ListReturnOption => {
        const name = r.keyword('a LIST return option');
        if (name === 'STATUS') {
          r.sp();
          return { name, items: upperAtomList(r, 'a STATUS item', false) };
        }
        return { name };
      },
      true,
      'LIST return options',
    );
  }
  return cmd;
}

function appendCommand(r: CommandReader, tag: string): ImapCommand {
  r.sp();
  const box = mailbox(r);
  const messages: AppendMessage[] = [];
  // RFC 3502 MULTIAPPEND: one or more (flags? date? literal) groups.
  while (r.optional(0x20)) {
    let flags: string[] = [];
    let date: AppendMessage['date'];
    if (r.is(0x28)) {
      flags = flagList(r);
      r.sp();
    }
    if (r.is(0x22)) {
      const text = bytesToText(r.quoted());
      const d = parseDateTime(text);
      if (d === null) r.fail(`bad APPEND date-time ${JSON.stringify(text)}`);
      date = d;
      r.sp();
    }
    const lit = r.literal();
    if (!lit.binary && lit.bytes.indexOf(0) >= 0)
      r.fail('NUL in an APPEND literal: it needs a literal8 (~{n})');
    const m: AppendMessage = { flags, data: lit.bytes, binary: lit.binary };
    if (date !== undefined) m.date = date;
    messages.push(m);
    if (messages.length > r.o.maxListItems) r.fail('too many APPEND messages', 'LIST_TOO_LONG');
  }
  if (messages.length === 0) r.fail('APPEND needs a message literal');
  return { tag, name: 'APPEND', mailbox: box, messages };
}

function searchCommand(r: CommandReader, tag: string, uid: boolean): ImapCommand {
  r.sp();
  const cmd: ImapCommand = { tag, name: 'SEARCH', uid, criteria: [] };
  if (r.optionalKeyword('RETURN')) {
    r.sp();
    cmd.return = upperAtomList(r, 'a SEARCH return option', true);
    r.sp();
  }
  if (r.optionalKeyword('CHARSET')) {
    r.sp();
    cmd.charset = r.astring('a charset');
    r.sp();
  }
  cmd.criteria = readSearchKeys(r);
  return cmd;
}

function fetchModifiers(r: CommandReader): FetchModifiers {
  const m: FetchModifiers = {};
  r.list(
    () => {
      const name = r.keyword('a FETCH modifier');
      if (name === 'CHANGEDSINCE') {
        r.sp();
        m.changedSince = r.number64('CHANGEDSINCE');
        if (m.changedSince === 0n) r.fail('CHANGEDSINCE must not be 0', 'BAD_NUMBER');
      } else if (name === 'VANISHED') {
        m.vanished = true;
      } else {
        r.fail(`unknown FETCH modifier ${name}`);
      }
    },
    false,
    'FETCH modifiers',
  );
  return m;
}

function storeCommand(r: CommandReader, tag: string, uid: boolean): ImapCommand {
  r.sp();
  const sequenceSet = readSequenceSet(r);
  r.sp();
  let unchangedSince: bigint | undefined;
  if (r.is(0x28)) {
    r.list(
      () => {
        if (!r.optionalKeyword('UNCHANGEDSINCE')) r.fail('expected UNCHANGEDSINCE');
        r.sp();
        unchangedSince = r.number64('UNCHANGEDSINCE');
      },
      false,
      'STORE modifiers',
    );
    r.sp();
  }
  const op = r.optional(0x2b) ? 'add' : r.optional(0x2d) ? 'remove' : 'replace';
  const item = r.keyword('FLAGS or FLAGS.SILENT');
  const labels = item === 'X-GM-LABELS' || item === 'X-GM-LABELS.SILENT';
  if (item !== 'FLAGS' && item !== 'FLAGS.SILENT' && !labels) r.fail(`unknown STORE item ${item}`);
  r.sp();
  let flags: string[];
  if (labels) {
    // Gmail X-GM-EXT-1: labels are astrings, system labels look like flags (\Inbox).
    flags = r.is(0x28)
      ? r.list(() => (r.is(0x5c) ? readFlag(r) : r.astring('a Gmail label')), true, 'Gmail labels')
      : [r.is(0x5c) ? readFlag(r) : r.astring('a Gmail label')];
  } else if (r.is(0x28)) {
    flags = flagList(r);
  } else {
    // RFC 3501 §9 store-att-flags: flags may also come without parentheses.
    flags = [readFlag(r)];
    while (r.optional(0x20)) flags.push(readFlag(r));
  }
  const cmd: ImapCommand = {
    tag,
    name: 'STORE',
    uid,
    sequenceSet,
    operation: op,
    silent: item.endsWith('.SILENT'),
    flags,
  };
  if (labels) cmd.target = 'X-GM-LABELS';
  if (unchangedSince !== undefined) cmd.unchangedSince = unchangedSince;
  return cmd;
}

function idCommand(r: CommandReader, tag: string): ImapCommand {
  r.sp();
  if (r.optionalKeyword('NIL')) return { tag, name: 'ID', parameters: null };
  const parameters = r.list(
    (): [string, string | null] => {
      const k = r.string('an ID field name');
      r.sp();
      return [k, r.nstring('an ID field value')];
    },
    // RFC 2971 §4 id_params_list = "(" #(string SP nstring) ")" / nil: a #list may be
    // empty (the response side reads `* ID ()` too)
    true,
    'ID parameters',
  );
  return { tag, name: 'ID', parameters };
}

function getMetadata(r: CommandReader, tag: string): ImapCommand {
  r.sp();
  const cmd: ImapCommand = { tag, name: 'GETMETADATA', mailbox: '', entries: [] };
  if (r.is(0x28)) {
    r.list(
      () => {
        const name = r.keyword('a GETMETADATA option');
        r.sp();
        if (name === 'MAXSIZE') {
          cmd.maxSize = r.number('MAXSIZE');
        } else if (name === 'DEPTH') {
          const d = r.keyword('a depth').toLowerCase();
          if (d !== '0' && d !== '1' && d !== 'infinity') r.fail('DEPTH must be 0, 1 or infinity');
          cmd.depth = d;
        } else {
          r.fail(`unknown GETMETADATA option ${name}`);
        }
      },
      false,
      'GETMETADATA options',
    );
    r.sp();
  }
  cmd.mailbox = mailbox(r);
  r.sp();
  cmd.entries = r.is(0x28)
    ? r.list(() => r.astring('a metadata entry'), false, 'metadata entries')
    : [r.astring('a metadata entry')];
  return cmd;
}

function setMetadata(r: CommandReader, tag: string): ImapCommand {
  r.sp();
  const box = mailbox(r);
  r.sp();
  const entries = r.list(
    (): MetadataEntryValue => {
      const entry = r.astring('a metadata entry');
      r.sp();
      if (!r.is(0x22) && r.optionalKeyword('NIL')) return { entry, value: null };
      return { entry, value: r.stringBytes('a metadata value', true) };
    },
    false,
    'metadata entries',
  );
  return { tag, name: 'SETMETADATA', mailbox: box, entries };
}

function sortCommand(r: CommandReader, tag: string, uid: boolean): ImapCommand {
  r.sp();
  const criteria = r.list(
    (): SortCriterion => {
      const reverse = r.optionalKeyword('REVERSE');
      if (reverse) r.sp();
      return { key: r.keyword('a sort key'), reverse };
    },
    false,
    'sort criteria',
  );
  r.sp();
  const charset = r.astring('a charset');
  r.sp();
  return { tag, name: 'SORT', uid, criteria, charset, search: readSearchKeys(r) };
}

function threadCommand(r: CommandReader, tag: string, uid: boolean): ImapCommand {
  r.sp();
  const algorithm = r.keyword('a thread algorithm');
  r.sp();
  const charset = r.astring('a charset');
  r.sp();
  const search: SearchKey[] = readSearchKeys(r);
  return { tag, name: 'THREAD', uid, algorithm, charset, search };
}

function commandBody(r: CommandReader, tag: string): ImapCommand {
  let name = r.keyword('a command name');
  let uid = false;
  if (name === 'UID') {
    r.sp();
    uid = true;
    name = r.keyword('a command name after UID');
    if (!UID_COMMANDS.has(name)) r.fail(`${name} cannot follow UID`);
  }
  if (SIMPLE.has(name)) return { tag, name: name as SimpleCommandName };
  switch (name) {
    case 'AUTHENTICATE': {
      r.sp();
      const mechanism = r.keyword('a SASL mechanism');
      if (r.optional(0x20)) return { tag, name, mechanism, initialResponse: base64Arg(r) };
      return { tag, name, mechanism };
    }
    case 'LOGIN': {
      r.sp();
      const username = r.astring('a user name');
      r.sp();
      return { tag, name, username, password: r.astring('a password') };
    }
    case 'ENABLE': {
      const capabilities: string[] = [];
      while (r.optional(0x20)) capabilities.push(r.keyword('a capability'));
      if (capabilities.length === 0) r.fail('ENABLE needs a capability');
      return { tag, name, capabilities };
    }
    case 'SELECT':
    case 'EXAMINE': {
      r.sp();
      const cmd: ImapCommand = { tag, name, mailbox: mailbox(r) };
      if (r.optional(0x20)) Object.assign(cmd, selectParams(r));
      return cmd;
    }
    case 'CREATE': {
      r.sp();
      const cmd: ImapCommand = { tag, name, mailbox: mailbox(r) };
      if (r.optional(0x20)) {
        // RFC 6154 §3 CREATE-SPECIAL-USE
        r.expect(0x28);
        if (!r.optionalKeyword('USE')) r.fail('expected USE');
        r.sp();
        cmd.specialUse = flagList(r);
        r.expect(0x29);
      }
      return cmd;
    }
    case 'DELETE':
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE':
    case 'GETQUOTAROOT':
    case 'GETACL':
    case 'MYRIGHTS':
      r.sp();
      return { tag, name, mailbox: mailbox(r) };
    case 'SETACL':
    case 'DELETEACL':
    case 'LISTRIGHTS': {
      r.sp();
      const box = mailbox(r);
      r.sp();
      const identifier = r.astring('an ACL identifier');
      if (name !== 'SETACL') return { tag, name, mailbox: box, identifier };
      r.sp();
      return { tag, name, mailbox: box, identifier, rights: r.astring('ACL rights') };
    }
    case 'RENAME': {
      r.sp();
      const from = mailbox(r);
      r.sp();
      return { tag, name, from, to: mailbox(r) };
    }
    case 'LIST':
      return listCommand(r, tag);
    case 'LSUB': {
      r.sp();
      const reference = pattern(r, 'an LSUB reference');
      r.sp();
      return { tag, name, reference, pattern: pattern(r, 'an LSUB pattern') };
    }
    case 'STATUS': {
      r.sp();
      const box = mailbox(r);
      r.sp();
      return { tag, name, mailbox: box, items: upperAtomList(r, 'a STATUS item', false) };
    }
    case 'APPEND':
      return appendCommand(r, tag);
    case 'EXPUNGE':
      if (!uid) return { tag, name, uid: false };
      r.sp();
      return { tag, name, uid: true, sequenceSet: readSequenceSet(r) };
    case 'SEARCH':
      return searchCommand(r, tag, uid);
    case 'FETCH': {
      r.sp();
      const sequenceSet = readSequenceSet(r);
      r.sp();
      const cmd: ImapCommand = { tag, name, uid, sequenceSet, items: readFetchItems(r) };
      if (r.optional(0x20)) cmd.modifiers = fetchModifiers(r);
      return cmd;
    }
    case 'STORE':
      return storeCommand(r, tag, uid);
    case 'COPY':
    case 'MOVE': {
      r.sp();
      const sequenceSet = readSequenceSet(r);
      r.sp();
      return { tag, name, uid, sequenceSet, mailbox: mailbox(r) };
    }
    case 'ID':
      return idCommand(r, tag);
    case 'GETQUOTA':
      r.sp();
      return { tag, name, root: r.astring('a quota root') };
    case 'SETQUOTA': {
      r.sp();
      const root = r.astring('a quota root');
      r.sp();
      const limits: QuotaLimit[] = [];
      r.expect(0x28);
      if (!r.optional(0x29)) {
        for (;;) {
          const resource = r.keyword('a quota resource');
          r.sp();
          limits.push({ resource, limit: r.number('a quota limit', Number.MAX_SAFE_INTEGER) });
          if (limits.length > r.o.maxListItems) r.fail('too many quota limits', 'LIST_TOO_LONG');
          if (r.optional(0x29)) break;
          r.sp();
        }
      }
      return { tag, name, root, limits };
    }
    case 'GETMETADATA':
      return getMetadata(r, tag);
    case 'SETMETADATA':
      return setMetadata(r, tag);
    case 'SORT':
      return sortCommand(r, tag, uid);
    case 'THREAD':
      return threadCommand(r, tag, uid);
    case 'COMPRESS':
      r.sp();
      return { tag, name, mechanism: r.keyword('a compression mechanism') };
    default:
      return r.fail(`unknown command ${name}`);
  }
}

/** Parses a whole framed command; `tag` has been read by the caller into `r.o.tag`. */
export function readCommand(r: CommandReader): ImapCommand {
  const tag = readTag(r);
  r.sp();
  const cmd = commandBody(r, tag);
  r.end();
  return cmd;
}
