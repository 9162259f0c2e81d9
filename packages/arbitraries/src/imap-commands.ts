/** Typed IMAP commands (client -> server) in the canonical form `ImapCommandParser` yields, with their bytes. */

import {
  type AppendMessage,
  FETCH_SIMPLE_ATTRIBUTES,
  type FetchAttribute,
  type FetchSection,
  type ImapCommand,
  type ImapDateTime,
  type ListReturnOption,
  MONTH_NAMES,
  parseDateTime,
  SEARCH_FLAG_KEYS,
  type SearchDate,
  type SearchKey,
  type SequenceItem,
  type SequenceSet,
  type SerializeCommandOptions,
  SIMPLE_COMMANDS,
  serializeCommandBytes,
} from '@mailwire/imap';
import fc from 'fast-check';
import { concatBytes, type Wire } from './wire';

const ATOM_CHARS = [...Array(0x7f).keys()]
  .filter((c) => c > 0x20 && !'(){ %*"\\]'.includes(String.fromCharCode(c)))
  .map((c) => String.fromCharCode(c));
const UPPER_ATOM_CHARS = ATOM_CHARS.filter((c) => c.toUpperCase() === c);
const TAG_CHARS = [...ATOM_CHARS, ']'].filter((c) => c !== '+');

const atom = fc.string({ unit: fc.constantFrom(...ATOM_CHARS), minLength: 1, maxLength: 12 });
const upperAtom = fc.string({
  unit: fc.constantFrom(...UPPER_ATOM_CHARS),
  minLength: 1,
  maxLength: 12,
});
const tag = fc.string({ unit: fc.constantFrom(...TAG_CHARS), minLength: 1, maxLength: 8 });

/** Text of every character class: atom-safe, quoted-only (SP, quote, backslash), CR/LF (literal), 8-bit, astral. */
const text = fc.oneof(
  atom,
  fc.string({ unit: fc.constantFrom('a', ' ', '"', '\\', '%', '*', ']', '(', '{', '}'), maxLength: 10 }),
  fc.string({ unit: fc.constantFrom('x', '\r', '\n', '\r\n', ' '), maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 10 }).filter((s) => !s.includes('\0')),
  fc.string({ unit: fc.constantFrom('a', '"'), minLength: 1020, maxLength: 1030 }),
);

/** Mailbox names: arbitrary Unicode (NUL included: modified UTF-7 carries it), INBOX canonical. */
const mailbox = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom(
      'INBOX',
      'inbox',
      'Inbox',
      'INBOX/Sent',
      '&',
      'a&b',
      '~peter/mail/台北/日本語',
      '[Gmail]/All Mail',
    ),
  )
  .map((s) => (s.length === 5 && s.toUpperCase() === 'INBOX' && /^[a-z]+$/i.test(s) ? 'INBOX' : s));

/** Mailbox names valid with UTF8=ACCEPT (no NUL). */
const mailboxUtf8 = mailbox.filter((s) => !s.includes('\0'));

const pattern = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 10 }),
  fc.constantFrom('*', '%', 'INBOX.%', ''),
);

const flag = fc.oneof(
  fc.constantFrom('\\Seen', '\\Answered', '\\Flagged', '\\Deleted', '\\Draft', '$Forwarded', '$MDNSent'),
  atom.map((a) => `\\${a}`),
  atom,
);
const flags = fc.array(flag, { maxLength: 4 });

const nz = fc.integer({ min: 1, max: 0xffff_ffff });
const bound = fc.oneof(nz, fc.constant<'*'>('*'), fc.integer({ min: 1, max: 20 }));
const seqItem: fc.Arbitrary<SequenceItem> = fc.oneof(bound, fc.tuple(bound, bound));
const sequenceSet: fc.Arbitrary<SequenceSet> = fc.oneof(
  { weight: 9, arbitrary: fc.array(seqItem, { minLength: 1, maxLength: 5 }) },
  { weight: 1, arbitrary: fc.constant<'$'>('$') },
);

const modSeq = fc.bigInt({ min: 1n, max: 0x7fff_ffff_ffff_ffffn });

/** Days in `month` (1-12) of a proleptic Gregorian `year` (0000-9999, as date-year is 4DIGIT). */
function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/** Any calendar day of the years 0000-9999; a day past the month's end becomes its last day. */
const calendarDay = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 9999 })),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map((d) => ({ ...d, day: Math.min(d.day, daysInMonth(d.year, d.month)) }));

const searchDate: fc.Arbitrary<SearchDate> = calendarDay;

const objectId = fc.string({
  unit: fc.constantFrom(...'abcXYZ019_-'.split('')),
  minLength: 1,
  maxLength: 20,
});

const leafKey: fc.Arbitrary<SearchKey> = fc.oneof(
  fc.constantFrom(...SEARCH_FLAG_KEYS).map((key) => ({ key }) as SearchKey),
  fc
    .record({
      key: fc.constantFrom('BCC', 'BODY', 'CC', 'FROM', 'SUBJECT', 'TEXT', 'TO', 'X-GM-RAW'),
      value: text,
    })
    .map((k) => k as SearchKey),
  fc.record({ key: fc.constantFrom('KEYWORD', 'UNKEYWORD'), flag }).map((k) => k as SearchKey),
  fc
    .record({
      key: fc.constantFrom(
        'BEFORE',
        'ON',
        'SINCE',
        'SENTBEFORE',
        'SENTON',
        'SENTSINCE',
        'SAVEDBEFORE',
        'SAVEDON',
        'SAVEDSINCE',
      ),
      date: searchDate,
    })
    .map((k) => k as SearchKey),
  fc.record({ key: fc.constant('HEADER' as const), field: text, value: text }),
  fc.record({ key: fc.constantFrom('LARGER', 'SMALLER'), size: fc.nat() }).map((k) => k as SearchKey),
  fc.record({ key: fc.constantFrom('OLDER', 'YOUNGER'), seconds: nz }).map((k) => k as SearchKey),
  fc.record({ key: fc.constant('UID' as const), set: sequenceSet }),
  fc.record({ key: fc.constant('SEQUENCE' as const), set: sequenceSet }),
  fc.record({
    key: fc.constant('MODSEQ' as const),
    modSeq: fc.bigInt({ min: 0n, max: 0x7fff_ffff_ffff_ffffn }),
  }),
  fc.record({
    key: fc.constant('MODSEQ' as const),
    entry: fc.record({
      name: flag.map((f) => `/flags/${f}`),
      type: fc.constantFrom<'priv' | 'shared' | 'all'>('priv', 'shared', 'all'),
    }),
    modSeq,
  }),
  fc.record({ key: fc.constantFrom('EMAILID', 'THREADID'), id: objectId }).map((k) => k as SearchKey),
  fc.record({ key: fc.constantFrom('X-GM-MSGID', 'X-GM-THRID'), id: modSeq }).map((k) => k as SearchKey),
  fc.record({ key: fc.constant('X-GM-LABELS' as const), label: text }),
);

/** Recursive search keys, depth-limited. */
const searchKey: fc.Arbitrary<SearchKey> = fc.letrec<{ key: SearchKey }>((tie) => ({
  key: fc.oneof(
    { depthSize: 'small', withCrossShrink: true, maxDepth: 4 },
    leafKey,
    fc.record({ key: fc.constant('NOT' as const), operand: tie('key') }),
    fc.record({ key: fc.constant('OR' as const), left: tie('key'), right: tie('key') }),
    fc.record({
      key: fc.constant('AND' as const),
      operands: fc.array(tie('key'), { minLength: 1, maxLength: 3 }),
    }),
  ),
})).key;

const searchKeys = fc.array(searchKey, { minLength: 1, maxLength: 3 });

const part = fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 3 });
const partial = fc.record({ offset: fc.nat(), length: fc.integer({ min: 1, max: 2 ** 40 }) });

const section: fc.Arbitrary<FetchSection> = fc.oneof(
  part.map((p) => ({ part: p })),
  fc.record({ part, text: fc.constantFrom('HEADER' as const, 'TEXT' as const) }),
  fc.record({ part: part.filter((p) => p.length > 0), text: fc.constant('MIME' as const) }),
  fc.record({
    part,
    text: fc.constantFrom('HEADER.FIELDS' as const, 'HEADER.FIELDS.NOT' as const),
    fields: fc.array(fc.oneof(atom, text), { minLength: 1, maxLength: 3 }),
  }),
);

const fetchItem: fc.Arbitrary<FetchAttribute> = fc.oneof(
  fc.constantFrom(...FETCH_SIMPLE_ATTRIBUTES).map((name) => ({ name }) as FetchAttribute),
  fc.record(
    { name: fc.constant('BODY[]' as const), peek: fc.boolean(), section, partial },
    { requiredKeys: ['name', 'peek', 'section'] },
  ),
  fc.record(
    { name: fc.constant('BINARY[]' as const), peek: fc.boolean(), part, partial },
    { requiredKeys: ['name', 'peek', 'part'] },
  ),
  fc.record({ name: fc.constant('BINARY.SIZE' as const), part }),
  fc.record({ name: fc.constant('PREVIEW' as const), lazy: fc.boolean() }),
);

/** An APPEND date-time in the canonical form `parseDateTime` yields. */
const dateTime: fc.Arbitrary<ImapDateTime> = fc
  .record({
    cal: calendarDay,
    h: fc.integer({ min: 0, max: 23 }),
    m: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    sign: fc.constantFrom('+', '-'),
    zh: fc.integer({ min: 0, max: 14 }),
    zm: fc.constantFrom(0, 30, 45),
  })
  .map((d) => {
    const p = (n: number) => String(n).padStart(2, '0');
    const t = `${p(d.cal.day)}-${MONTH_NAMES[d.cal.month - 1]}-${String(d.cal.year).padStart(4, '0')} ${p(d.h)}:${p(d.m)}:${p(d.s)} ${d.sign}${p(d.zh)}${p(d.zm)}`;
    return parseDateTime(t) as ImapDateTime;
  });

const bytes = fc.uint8Array({ maxLength: 40 });

const appendMessage: fc.Arbitrary<AppendMessage> = fc
  .record(
    { flags, date: dateTime, data: bytes, binary: fc.boolean() },
    { requiredKeys: ['flags', 'data', 'binary'] },
  )
  .map((m) => (m.data.includes(0) ? { ...m, binary: true } : m));

const listReturn: fc.Arbitrary<ListReturnOption> = fc.oneof(
  upperAtom.filter((a) => a !== 'STATUS').map((name) => ({ name })),
  fc.record({
    name: fc.constant('STATUS' as const),
    items: fc.array(upperAtom, { minLength: 1, maxLength: 3 }),
  }),
);

/** A command without its tag (checked against `ImapCommand` by the round-trip tests). */
type Body = { name: string };

/** Every command, without its tag. `utf8`: mailbox names valid under UTF8=ACCEPT. */
function commandBody(utf8 = false): fc.Arbitrary<Body> {
  const box = utf8 ? mailboxUtf8 : mailbox;
  const pat = utf8 ? pattern.filter((s) => !s.includes('\0')) : pattern;
  const uid = fc.boolean();
  return fc.oneof(
    fc.constantFrom(...SIMPLE_COMMANDS).map((name): Body => ({ name })),
    fc.record(
      { name: fc.constant('AUTHENTICATE' as const), mechanism: upperAtom, initialResponse: bytes },
      { requiredKeys: ['name', 'mechanism'] },
    ),
    fc.record({ name: fc.constant('LOGIN' as const), username: text, password: text }),
    fc.record({
      name: fc.constant('ENABLE' as const),
      capabilities: fc.array(upperAtom, { minLength: 1, maxLength: 3 }),
    }),
    fc.record(
      {
        name: fc.constantFrom('SELECT' as const, 'EXAMINE' as const),
        mailbox: box,
        condstore: fc.constant(true),
        qresync: fc.oneof(
          fc.record({ uidValidity: nz, modSeq }),
          fc.record({ uidValidity: nz, modSeq, knownUids: sequenceSet }),
          fc.record({
            uidValidity: nz,
            modSeq,
            knownUids: sequenceSet,
            seqMatch: fc.record({ sequences: sequenceSet, uids: sequenceSet }),
          }),
        ),
      },
      { requiredKeys: ['name', 'mailbox'] },
    ),
    fc.record(
      { name: fc.constant('CREATE' as const), mailbox: box, specialUse: flags },
      { requiredKeys: ['name', 'mailbox'] },
    ),
    fc.record({
      name: fc.constantFrom(
        'DELETE' as const,
        'SUBSCRIBE' as const,
        'UNSUBSCRIBE' as const,
        'GETQUOTAROOT' as const,
        'GETACL' as const,
        'MYRIGHTS' as const,
      ),
      mailbox: box,
    }),
    fc.record({ name: fc.constant('SETACL' as const), mailbox: box, identifier: text, rights: text }),
    fc.record({
      name: fc.constantFrom('DELETEACL' as const, 'LISTRIGHTS' as const),
      mailbox: box,
      identifier: text,
    }),
    fc.record({ name: fc.constant('RENAME' as const), from: box, to: box }),
    fc.record(
      {
        name: fc.constant('LIST' as const),
        reference: pat,
        patterns: fc.array(pat, { minLength: 1, maxLength: 3 }),
        selection: fc.array(upperAtom, { maxLength: 3 }),
        return: fc.array(listReturn, { maxLength: 3 }),
      },
      { requiredKeys: ['name', 'reference', 'patterns'] },
    ),
    fc.record({ name: fc.constant('LSUB' as const), reference: pat, pattern: pat }),
    fc.record({
      name: fc.constant('STATUS' as const),
      mailbox: box,
      items: fc.array(upperAtom, { minLength: 1, maxLength: 4 }),
    }),
    fc.record({
      name: fc.constant('APPEND' as const),
      mailbox: box,
      messages: fc.array(appendMessage, { minLength: 1, maxLength: 3 }),
    }),
    fc.constant({ name: 'EXPUNGE' as const, uid: false as const }),
    fc.record({ name: fc.constant('EXPUNGE' as const), uid: fc.constant(true as const), sequenceSet }),
    fc.record(
      {
        name: fc.constant('SEARCH' as const),
        uid,
        charset: fc.oneof(fc.constantFrom('UTF-8', 'US-ASCII'), text),
        return: fc.array(upperAtom, { maxLength: 3 }),
        criteria: searchKeys,
      },
      { requiredKeys: ['name', 'uid', 'criteria'] },
    ),
    fc
      .record({
        name: fc.constant('FETCH' as const),
        uid,
        sequenceSet,
        items: fc.oneof(
          fc.constantFrom('ALL' as const, 'FAST' as const, 'FULL' as const),
          fc.array(fetchItem, { minLength: 1, maxLength: 4 }),
        ),
        changedSince: fc.option(modSeq, { nil: undefined }),
        vanished: fc.boolean(),
      })
      .map(({ changedSince, vanished, ...rest }) => {
        if (changedSince === undefined) return rest;
        return {
          ...rest,
          modifiers: vanished && rest.uid ? { changedSince, vanished: true } : { changedSince },
        };
      }),
    fc.record(
      {
        name: fc.constant('STORE' as const),
        uid,
        sequenceSet,
        operation: fc.constantFrom('replace' as const, 'add' as const, 'remove' as const),
        silent: fc.boolean(),
        flags,
        unchangedSince: fc.bigInt({ min: 0n, max: 0x7fff_ffff_ffff_ffffn }),
      },
      { requiredKeys: ['name', 'uid', 'sequenceSet', 'operation', 'silent', 'flags'] },
    ),
    fc.record({
      name: fc.constant('STORE' as const),
      uid,
      sequenceSet,
      operation: fc.constantFrom('replace' as const, 'add' as const, 'remove' as const),
      silent: fc.boolean(),
      flags: fc.array(fc.oneof(flag, text), { maxLength: 3 }),
      target: fc.constant('X-GM-LABELS' as const),
    }),
    fc.record({ name: fc.constantFrom('COPY' as const, 'MOVE' as const), uid, sequenceSet, mailbox: box }),
    fc.record({
      name: fc.constant('ID' as const),
      parameters: fc.option(fc.array(fc.tuple(text, fc.option(text, { nil: null })), { maxLength: 3 }), {
        nil: null,
      }),
    }),
    fc.record({ name: fc.constant('GETQUOTA' as const), root: text }),
    fc.record({
      name: fc.constant('SETQUOTA' as const),
      root: text,
      limits: fc.array(fc.record({ resource: upperAtom, limit: fc.nat() }), { maxLength: 3 }),
    }),
    fc.record(
      {
        name: fc.constant('GETMETADATA' as const),
        mailbox: box,
        entries: fc.array(text, { minLength: 1, maxLength: 3 }),
        maxSize: fc.nat(),
        depth: fc.constantFrom('0' as const, '1' as const, 'infinity' as const),
      },
      { requiredKeys: ['name', 'mailbox', 'entries'] },
    ),
    fc.record({
      name: fc.constant('SETMETADATA' as const),
      mailbox: box,
      entries: fc.array(fc.record({ entry: text, value: fc.option(bytes, { nil: null }) }), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
    fc.record({
      name: fc.constant('SORT' as const),
      uid,
      criteria: fc.array(
        fc.record({ key: upperAtom.filter((k) => k !== 'REVERSE'), reverse: fc.boolean() }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
      charset: fc.oneof(fc.constant('UTF-8'), text),
      search: searchKeys,
    }),
    fc.record({
      name: fc.constant('THREAD' as const),
      uid,
      algorithm: fc.oneof(fc.constantFrom('REFERENCES', 'ORDEREDSUBJECT'), upperAtom),
      charset: fc.oneof(fc.constant('UTF-8'), text),
      search: searchKeys,
    }),
    fc.record({
      name: fc.constant('COMPRESS' as const),
      mechanism: fc.oneof(fc.constant('DEFLATE'), upperAtom),
    }),
  );
}

function commandValue(utf8: boolean): fc.Arbitrary<ImapCommand> {
  return fc.tuple(tag, commandBody(utf8)).map(([t, b]) => ({ tag: t, ...b }) as unknown as ImapCommand);
}

// ---------------------------------------------------------------- building blocks

/**
 * Command tags: any ASTRING-CHAR but `+` (RFC 3501 §9 `tag`), `]` included.
 */
export const imapTag: fc.Arbitrary<string> = tag;

/**
 * Strings of every character class a command argument can carry: atom-safe, quoted-only
 * (SP, `"`, `\`, `%`, `*`, `]`, parentheses, braces), CR/LF (literal only), 8-bit and astral,
 * and over 1000 characters (past the serializer's quoted-string limit).
 */
export const imapCommandText: fc.Arbitrary<string> = text;

/** Mailbox names as commands carry them: any Unicode (NUL included), INBOX in canonical case. */
export const imapMailboxName: fc.Arbitrary<string> = mailbox;

/** Sequence sets (RFC 3501 §9 `sequence-set`): numbers, `*`, ranges in any order, and `$` (RFC 5182). */
export const imapSequenceSet: fc.Arbitrary<SequenceSet> = sequenceSet;

/** Recursive SEARCH keys (NOT, OR, parenthesised AND; every leaf key of RFC 3501 and the extensions). */
export const imapSearchKey: fc.Arbitrary<SearchKey> = searchKey;

/** FETCH attributes as a client asks for them (BODY[section]<partial>, BINARY[], PREVIEW...). */
export const imapFetchAttribute: fc.Arbitrary<FetchAttribute> = fetchItem;

/**
 * Typed commands of every name, without bytes (the value `imapCommand` serializes), in the
 * canonical form `ImapCommandParser` yields. `utf8Accept`: mailbox names valid under
 * UTF8=ACCEPT (no NUL).
 */
export function imapCommandValue(options: { utf8Accept?: boolean } = {}): fc.Arbitrary<ImapCommand> {
  return commandValue(options.utf8Accept === true);
}

export interface ImapCommandOptions extends SerializeCommandOptions {}

/**
 * Valid commands of every name (RFC 3501/9051 and the extensions: CONDSTORE/QRESYNC,
 * LIST-EXTENDED, ESEARCH, SORT/THREAD, METADATA, QUOTA, ACL, ID, MOVE, Gmail...), with
 * recursive SEARCH keys, literals (CR/LF, 8-bit, over 1000 bytes) and APPEND messages; bytes
 * from `serializeCommandBytes(value, options)` (LITERAL+, LITERAL-, BINARY, UTF8=ACCEPT).
 */
export function imapCommand(options: ImapCommandOptions = {}): fc.Arbitrary<Wire<ImapCommand>> {
  return commandValue(options.utf8Accept === true).map((value) => ({
    value,
    bytes: serializeCommandBytes(value, options),
  }));
}

/** Commands after which the client's next bytes are not commands (DONE, SASL lines, TLS). */
const MODE_SWITCHING = new Set(['IDLE', 'AUTHENTICATE', 'STARTTLS', 'COMPRESS']);

/**
 * A client's output as one byte stream: commands one after the other (each literal sent
 * whole, as a server's command parser receives it). IDLE, AUTHENTICATE, STARTTLS and
 * COMPRESS are left out: what follows them is not a command.
 */
export function imapClientStream(
  options: ImapCommandOptions & { maxCommands?: number } = {},
): fc.Arbitrary<Wire<ImapCommand[]>> {
  const { maxCommands, ...serialize } = options;
  return fc
    .array(
      commandValue(serialize.utf8Accept === true).filter((c) => !MODE_SWITCHING.has(c.name)),
      { minLength: 1, maxLength: maxCommands ?? 6 },
    )
    .map((value) => ({ value, bytes: concatBytes(value.map((c) => serializeCommandBytes(c, serialize))) }));
}
