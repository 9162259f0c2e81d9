/**
 * SEARCH keys both ways (RFC 3501 §6.4.4 and §9 `search-key`, RFC 9051 §6.4.4, RFC 5032
 * OLDER/YOUNGER, RFC 7162 §3.1.5 MODSEQ, RFC 8474 EMAILID/THREADID, RFC 8514 SAVED*,
 * Gmail X-GM-RAW/X-GM-MSGID/X-GM-THRID/X-GM-LABELS). Shared by SEARCH, SORT and THREAD.
 */
import { encodeUtf8, isParseError } from '@mailwire/core';
import { bytesToText, type CommandReader } from './command-reader';
import type { FragmentWriter } from './fragment-writer';
import { formatSearchDate, parseSearchDate } from './search-date';
import { formatSequenceSet, parseSequenceSet } from './sequence-set';
import { invalidArgument, writeAstring, writeFlag, writeStringBytes } from './string-forms';
import type { SearchDate, SearchDateKey, SearchFlagKey, SearchKey, SearchTextKey } from './types';

/** The search keys that take no argument (RFC 3501 §6.4.4, RFC 8514 SAVEDATESUPPORTED). */
export const SEARCH_FLAG_KEYS: readonly SearchFlagKey[] = [
  'ALL',
  'ANSWERED',
  'DELETED',
  'DRAFT',
  'FLAGGED',
  'NEW',
  'OLD',
  'RECENT',
  'SEEN',
  'UNANSWERED',
  'UNDELETED',
  'UNDRAFT',
  'UNFLAGGED',
  'UNSEEN',
  'SAVEDATESUPPORTED',
];
const FLAG_KEYS = new Set<string>(SEARCH_FLAG_KEYS);
const TEXT_KEYS = new Set<string>([
  'BCC',
  'BODY',
  'CC',
  'FROM',
  'SUBJECT',
  'TEXT',
  'TO',
  'X-GM-RAW',
] satisfies SearchTextKey[]);
const DATE_KEYS = new Set<string>([
  'BEFORE',
  'ON',
  'SINCE',
  'SENTBEFORE',
  'SENTON',
  'SENTSINCE',
  'SAVEDBEFORE',
  'SAVEDON',
  'SAVEDSINCE',
] satisfies SearchDateKey[]);
const ENTRY_TYPES = new Set(['priv', 'shared', 'all']);
/** RFC 8474 §4 objectid. */
const OBJECT_ID = /^[A-Za-z0-9_-]{1,255}$/;
const MAX_SIZE = Number.MAX_SAFE_INTEGER;
const MAX_MODSEQ = 0x7fff_ffff_ffff_ffffn;

function checkInteger(v: number, min: number, max: number, what: string): string {
  if (!Number.isInteger(v) || v < min || v > max)
    invalidArgument(`${what} must be an integer in ${min}..${max}`);
  return String(v);
}

function checkBig(v: bigint, min: bigint, what: string): string {
  if (typeof v !== 'bigint' || v < min || v > MAX_MODSEQ)
    invalidArgument(`${what} must be a bigint in ${min}..2^63-1`);
  return v.toString();
}

export function writeSearchKeys(w: FragmentWriter, keys: readonly SearchKey[]): void {
  if (keys.length === 0) invalidArgument('a search needs at least one key');
  keys.forEach((k, i) => {
    if (i > 0) w.s(' ');
    writeSearchKey(w, k);
  });
}

export function writeSearchKey(w: FragmentWriter, k: SearchKey): void {
  const key = k.key;
  if (FLAG_KEYS.has(key)) {
    w.s(key);
    return;
  }
  switch (k.key) {
    case 'BCC':
    case 'BODY':
    case 'CC':
    case 'FROM':
    case 'SUBJECT':
    case 'TEXT':
    case 'TO':
    case 'X-GM-RAW':
      w.s(`${k.key} `);
      writeAstring(w, k.value, `${k.key} value`);
      return;
    case 'KEYWORD':
    case 'UNKEYWORD':
      w.s(`${k.key} `);
      writeFlag(w, k.flag);
      return;
    case 'BEFORE':
    case 'ON':
    case 'SINCE':
    case 'SENTBEFORE':
    case 'SENTON':
    case 'SENTSINCE':
    case 'SAVEDBEFORE':
    case 'SAVEDON':
    case 'SAVEDSINCE':
      w.s(`${k.key} ${formatSearchDate(k.date)}`);
      return;
    case 'HEADER':
      w.s('HEADER ');
      writeAstring(w, k.field, 'HEADER field name');
      w.s(' ');
      writeAstring(w, k.value, 'HEADER value');
      return;
    case 'LARGER':
    case 'SMALLER':
      w.s(`${k.key} ${checkInteger(k.size, 0, MAX_SIZE, `${k.key} size`)}`);
      return;
    case 'OLDER':
    case 'YOUNGER':
      w.s(`${k.key} ${checkInteger(k.seconds, 1, 0xffff_ffff, `${k.key} seconds`)}`);
      return;
    case 'UID':
      w.s(`UID ${formatSequenceSet(k.set)}`);
      return;
    case 'SEQUENCE':
      w.s(formatSequenceSet(k.set));
      return;
    case 'NOT':
      w.s('NOT ');
      writeSearchKey(w, k.operand);
      return;
    case 'OR':
      w.s('OR ');
      writeSearchKey(w, k.left);
      w.s(' ');
      writeSearchKey(w, k.right);
      return;
    case 'AND':
      w.s('(');
      writeSearchKeys(w, k.operands);
      w.s(')');
      return;
    case 'MODSEQ':
      w.s('MODSEQ ');
      if (k.entry !== undefined) {
        if (!ENTRY_TYPES.has(k.entry.type)) invalidArgument('MODSEQ entry type must be priv, shared or all');
        // RFC 7162 §7: entry-name is a quoted string ("/flags/" attr-flag), never a literal.
        if (!/^[\x20-\x7e]{1,1024}$/.test(k.entry.name)) {
          invalidArgument('MODSEQ entry name must be printable ASCII (it is always quoted)');
        }
        writeStringBytes(w, encodeUtf8(k.entry.name), 'MODSEQ entry name');
        w.s(` ${k.entry.type} `);
      }
      w.s(checkBig(k.modSeq, 0n, 'MODSEQ value'));
      return;
    case 'EMAILID':
    case 'THREADID':
      if (!OBJECT_ID.test(k.id)) invalidArgument(`${k.key} must be an RFC 8474 objectid`);
      w.s(`${k.key} ${k.id}`);
      return;
    case 'X-GM-MSGID':
    case 'X-GM-THRID':
      w.s(`${k.key} ${checkBig(k.id, 0n, k.key)}`);
      return;
    case 'X-GM-LABELS':
      w.s('X-GM-LABELS ');
      writeAstring(w, k.label, 'X-GM-LABELS label');
      return;
    default:
      invalidArgument(`unknown search key ${JSON.stringify(key)}`);
  }
}

/** Characters of a sequence-set token (a bare set as a search key). */
function isSetChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2a || c === 0x3a || c === 0x2c || c === 0x24;
}

export function readSequenceSet(r: CommandReader): ReturnType<typeof parseSequenceSet> {
  const start = r.p;
  const at = r.offset;
  let text = '';
  while (isSetChar(r.peek())) {
    text += String.fromCharCode(r.peek());
    r.p++;
  }
  if (text.length === 0) r.fail('expected a sequence set');
  try {
    return parseSequenceSet(text, at);
  } catch (e) {
    if (!isParseError(e)) throw e;
    r.p = start;
    return r.fail(`bad sequence set ${JSON.stringify(text)}`, e.code);
  }
}

/** One or more space-separated keys up to the end of the command or a `)`. */
export function readSearchKeys(r: CommandReader): SearchKey[] {
  const keys: SearchKey[] = [readSearchKey(r)];
  while (r.is(0x20)) {
    r.sp();
    keys.push(readSearchKey(r));
  }
  return keys;
}

function readDate(r: CommandReader): SearchDate {
  const text = r.is(0x22) ? bytesToText(r.quoted()) : r.atom('a date');
  const d = parseSearchDate(text);
  if (d === null) r.fail(`bad search date ${JSON.stringify(text)}`);
  return d;
}

type ArgumentReader = (r: CommandReader, key: string) => SearchKey;

function readModSeq(r: CommandReader): SearchKey {
  if (r.is(0x22)) {
    const name = bytesToText(r.quoted());
    r.sp();
    const type = r.atom('an entry type').toLowerCase();
    if (!ENTRY_TYPES.has(type)) r.fail('MODSEQ entry type must be priv, shared or all');
    r.sp();
    return {
      key: 'MODSEQ',
      entry: { name, type: type as 'priv' | 'shared' | 'all' },
      modSeq: r.number64('MODSEQ value'),
    };
  }
  return { key: 'MODSEQ', modSeq: r.number64('MODSEQ value') };
}

function readObjectId(r: CommandReader, key: string): SearchKey {
  const id = r.atom('an objectid');
  if (!OBJECT_ID.test(id)) r.fail(`${key} must be an RFC 8474 objectid`);
  return { key: key as 'EMAILID' | 'THREADID', id };
}

/**
 * Each search key that takes arguments, with the reader of what follows its space: one
 * table, so that a key is known exactly when it can be read.
 */
const ARGUMENT_READERS = new Map<string, ArgumentReader>([
  ...[...TEXT_KEYS].map((k): [string, ArgumentReader] => [
    k,
    (r) => ({ key: k as SearchTextKey, value: r.astring(`${k} value`) }),
  ]),
  ...[...DATE_KEYS].map((k): [string, ArgumentReader] => [
    k,
    (r) => ({ key: k as SearchDateKey, date: readDate(r) }),
  ]),
  ...(['KEYWORD', 'UNKEYWORD'] as const).map((k): [string, ArgumentReader] => [
    k,
    (r) => ({ key: k, flag: readFlag(r) }),
  ]),
  [
    'HEADER',
    (r) => {
      const field = r.astring('HEADER field name');
      r.sp();
      return { key: 'HEADER', field, value: r.astring('HEADER value') };
    },
  ],
  ...(['LARGER', 'SMALLER'] as const).map((k): [string, ArgumentReader] => [
    k,
    (r) => ({ key: k, size: r.number(`${k} size`, MAX_SIZE) }),
  ]),
  ...(['OLDER', 'YOUNGER'] as const).map((k): [string, ArgumentReader] => [
    k,
    (r) => ({ key: k, seconds: r.nzNumber(`${k} seconds`) }),
  ]),
  ['UID', (r) => ({ key: 'UID', set: readSequenceSet(r) })],
  ['NOT', (r) => r.nested(() => ({ key: 'NOT', operand: readSearchKey(r) }))],
  [
    'OR',
    (r) =>
      r.nested(() => {
        const left = readSearchKey(r);
        r.sp();
        return { key: 'OR', left, right: readSearchKey(r) };
      }),
  ],
  ['MODSEQ', readModSeq],
  ['EMAILID', readObjectId],
  ['THREADID', readObjectId],
  ...(['X-GM-MSGID', 'X-GM-THRID'] as const).map((k): [string, ArgumentReader] => [
    k,
    (r) => ({ key: k, id: r.number64(k) }),
  ]),
  ['X-GM-LABELS', (r) => ({ key: 'X-GM-LABELS', label: r.astring('X-GM-LABELS label') })],
]);

export function readSearchKey(r: CommandReader): SearchKey {
  const c = r.peek();
  if (c === 0x28) {
    return r.nested(() => {
      r.p++;
      const operands = readSearchKeys(r);
      r.expect(0x29, ') closing a search key list');
      return { key: 'AND', operands };
    });
  }
  if (isSetChar(c)) return { key: 'SEQUENCE', set: readSequenceSet(r) };
  const at = r.p;
  const key = r.keyword('a search key');
  if (FLAG_KEYS.has(key)) return { key: key as SearchFlagKey };
  const read = ARGUMENT_READERS.get(key);
  // named before its argument is looked for: `a SEARCH FOO` is an unknown key, not a missing space
  if (read === undefined) {
    r.p = at;
    return r.fail(`unknown search key ${key}`);
  }
  r.sp();
  return read(r, key);
}

/** A flag: `\Atom` or an atom. */
export function readFlag(r: CommandReader): string {
  if (r.is(0x5c)) {
    r.p++;
    return `\\${r.atom('a flag name')}`;
  }
  return r.atom('a flag');
}
