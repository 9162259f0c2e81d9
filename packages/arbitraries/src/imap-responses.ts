/**
 * Typed IMAP responses (server -> client) in the canonical form `ImapResponseParser`
 * produces, so that `parse(serialize(x))` equals `x` exactly in strict mode; with their bytes.
 */

import {
  type Address,
  type AddressListItem,
  type BodyExtension,
  type BodySection,
  type BodyStructure,
  type Envelope,
  type FetchItem,
  type ImapDateTime,
  type ImapResponse,
  mailboxName,
  type NumberSet,
  type ResponseCode,
  serializeResponse,
  type Thread,
} from '@mailwire/imap';
import fc from 'fast-check';
import { concatBytes, type Wire } from './wire';

const ATOM_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.$&!#+:/@=<>;,'.split('');
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-'.split('');

const atom = fc.string({ unit: fc.constantFrom(...ATOM_CHARS), minLength: 1, maxLength: 10 });
const upperAtom = fc.string({ unit: fc.constantFrom(...UPPER), minLength: 1, maxLength: 8 });
/** X- prefixed upper-case names that no grammar area knows. */
const xName = upperAtom.map((s) => `X-${s}`);

/** Any text without CR, LF, NUL (and without lone surrogates). */
const text = fc.string({ unit: 'grapheme', maxLength: 16 }).map((s) => s.replace(/[\r\n\0]/g, ''));
/** Any string, CR/LF/NUL included (literals carry them). */
const anyString = fc.oneof(text, fc.string({ unit: 'grapheme', maxLength: 10 }));
const nstring = fc.option(anyString, { nil: null });

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const nz32 = fc.integer({ min: 1, max: 0xffffffff });
const n64 = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const modseq = fc.bigInt({ min: 1n, max: (1n << 63n) - 1n });
const flag = fc.oneof(
  atom,
  atom.map((a) => `\\${a}`),
  fc.constant('\\*'),
);
const flagList = fc.array(flag, { maxLength: 4 });
const smallBytes = fc.uint8Array({ maxLength: 40 });
/** Literal payloads: mostly small, sometimes up to 64 KiB (a pattern, cheap to generate). */
const bytes = fc.oneof(
  { weight: 6, arbitrary: smallBytes },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 41, max: 65536 }), fc.uint8Array({ minLength: 1, maxLength: 8 }))
      .map(([n, pattern]) => Uint8Array.from({ length: n }, (_, i) => pattern[i % pattern.length] as number)),
  },
);

const numberSet: fc.Arbitrary<NumberSet> = fc.array(
  fc.oneof(nz32, fc.constant(0), fc.tuple(u32, u32) as fc.Arbitrary<[number, number]>),
  { minLength: 1, maxLength: 4 },
);

const statusText = text.filter((t) => !t.startsWith('[') && !t.startsWith(' '));

const SIMPLE_CODES = [
  'ALERT',
  'PARSE',
  'READ-ONLY',
  'READ-WRITE',
  'TRYCREATE',
  'UIDNOTSTICKY',
  'NOMODSEQ',
  'CLOSED',
  'UNAVAILABLE',
  'AUTHENTICATIONFAILED',
  'NOPERM',
  'OVERQUOTA',
  'NONEXISTENT',
] as const;

const responseCode: fc.Arbitrary<ResponseCode> = fc.oneof(
  fc.constantFrom(...SIMPLE_CODES).map((name) => ({ name })),
  fc.array(atom, { maxLength: 3 }).map((charsets) => ({ name: 'BADCHARSET' as const, charsets })),
  fc
    .array(atom, { minLength: 1, maxLength: 4 })
    .map((capabilities) => ({ name: 'CAPABILITY' as const, capabilities })),
  flagList.map((flags) => ({ name: 'PERMANENTFLAGS' as const, flags })),
  fc.record({
    name: fc.constantFrom('UIDNEXT' as const, 'UIDVALIDITY' as const, 'UNSEEN' as const),
    value: nz32,
  }),
  fc.record({ name: fc.constant('APPENDUID' as const), uidValidity: nz32, uids: numberSet }),
  fc.record({
    name: fc.constant('COPYUID' as const),
    uidValidity: nz32,
    source: numberSet,
    destination: numberSet,
  }),
  fc.record({ name: fc.constant('HIGHESTMODSEQ' as const), value: modseq }),
  fc.record({ name: fc.constant('MODIFIED' as const), set: numberSet }),
  fc.record({
    name: fc.constant('OTHER' as const),
    atom: xName,
    text: fc.option(
      text.map((t) => t.replace(/]/g, '')),
      { nil: null },
    ),
  }),
);

const dateTime: fc.Arbitrary<ImapDateTime> = fc
  .record({
    seconds: fc.integer({ min: 0, max: 253402300799 - 86400 * 2 }),
    zoneMinutes: fc.integer({ min: -720, max: 840 }),
  })
  .map(({ seconds, zoneMinutes }) => {
    const abs = Math.abs(zoneMinutes);
    const zone = `${zoneMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
    return { date: new Date(seconds * 1000), zone, zoneMinutes };
  });

const address: fc.Arbitrary<Address> = fc.record({
  kind: fc.constant('mailbox' as const),
  name: nstring,
  adl: nstring,
  mailbox: nstring,
  host: anyString,
});

const addressList: fc.Arbitrary<AddressListItem[] | null> = fc.option(
  fc.array(
    fc.oneof(
      address,
      fc.record({
        kind: fc.constant('group' as const),
        name: anyString,
        members: fc.array(address, { maxLength: 2 }),
      }),
    ),
    { minLength: 1, maxLength: 3 },
  ),
  { nil: null },
);

const envelope: fc.Arbitrary<Envelope> = fc.record({
  date: nstring,
  subject: nstring,
  from: addressList,
  sender: addressList,
  replyTo: addressList,
  to: addressList,
  cc: addressList,
  bcc: addressList,
  inReplyTo: nstring,
  messageId: nstring,
});

const params = fc.option(fc.array(fc.tuple(anyString, anyString), { minLength: 1, maxLength: 3 }), {
  nil: null,
});

const extension: fc.Arbitrary<BodyExtension> = fc.letrec<{ e: BodyExtension }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nstring,
    u32,
    fc.array(tie('e'), { minLength: 1, maxLength: 3 }),
  ),
})).e;

/** The optional chain after md5/params: each field only if the previous one is there. */
function extTail(first: Record<string, unknown>) {
  return fc
    .tuple(
      fc.integer({ min: 0, max: 4 }),
      fc.option(fc.record({ type: anyString, params }), { nil: null }),
      fc.option(fc.array(anyString, { minLength: 1, maxLength: 2 }), { nil: null }),
      nstring,
      fc.array(extension, { minLength: 1, maxLength: 2 }),
    )
    .map(([n, disposition, language, location, extra]) => {
      const ext: Record<string, unknown> = { ...first };
      if (n >= 1) ext.disposition = disposition;
      if (n >= 2) ext.language = language;
      if (n >= 3) ext.location = location;
      if (n >= 4) ext.extra = extra;
      return ext;
    });
}

const OTHER_TYPES = ['APPLICATION', 'IMAGE', 'audio', 'VIDEO', 'font', 'X-FOO'];

const bodyStructure: fc.Arbitrary<BodyStructure> = fc.letrec<{ body: BodyStructure }>((tie) => {
  const fields = {
    subtype: anyString,
    params,
    id: nstring,
    description: nstring,
    encoding: anyString,
    size: u32,
  };
  const single = fc.oneof(
    fc.record({ kind: fc.constant('single' as const), type: fc.constantFrom(...OTHER_TYPES), ...fields }),
    fc.record({
      kind: fc.constant('single' as const),
      type: fc.constantFrom('TEXT', 'text'),
      ...fields,
      lines: u32,
    }),
    fc.record({
      kind: fc.constant('single' as const),
      type: fc.constant('MESSAGE'),
      ...fields,
      subtype: fc.constantFrom('RFC822', 'global'),
      envelope,
      body: tie('body'),
      lines: u32,
    }),
  );
  const withExt = fc
    .tuple(
      single,
      fc.option(
        nstring.chain((md5) => extTail({ md5 })),
        { nil: undefined },
      ),
    )
    .map(([b, ext]) => (ext === undefined ? b : { ...b, ext }));
  const multi = fc
    .tuple(
      fc.array(tie('body'), { minLength: 1, maxLength: 3 }),
      anyString,
      fc.option(
        params.chain((p) => extTail({ params: p })),
        { nil: undefined },
      ),
    )
    .map(([parts, subtype, ext]) => {
      const m = { kind: 'multipart' as const, parts, subtype };
      return ext === undefined ? m : { ...m, ext };
    });
  return {
    body: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      withExt,
      multi,
    ) as fc.Arbitrary<BodyStructure>,
  };
}).body;

const section: fc.Arbitrary<BodySection> = fc
  .tuple(
    fc.array(nz32, { maxLength: 3 }),
    fc.constantFrom(null, 'HEADER', 'HEADER.FIELDS', 'HEADER.FIELDS.NOT', 'MIME', 'TEXT'),
    fc.array(anyString, { minLength: 1, maxLength: 3 }),
  )
  .map(([part, t, fields]) => {
    const textPart = t === 'MIME' && part.length === 0 ? 'TEXT' : t;
    if (textPart === 'HEADER.FIELDS' || textPart === 'HEADER.FIELDS.NOT') {
      return { part, text: textPart, fields: fields.map((f) => f.replace(/[\r\n\0]/g, '') || 'X') };
    }
    return { part, text: textPart as BodySection['text'] };
  });

const origin = fc.option(u32, { nil: null });

const fetchItem: fc.Arbitrary<FetchItem> = fc.oneof(
  flagList.map((flags) => ({ name: 'FLAGS' as const, flags })),
  nz32.map((value) => ({ name: 'UID' as const, value })),
  n64.map((value) => ({ name: 'RFC822.SIZE' as const, value })),
  dateTime.map((date) => ({ name: 'INTERNALDATE' as const, date })),
  envelope.map((envelope) => ({ name: 'ENVELOPE' as const, envelope })),
  fc.record({ name: fc.constantFrom('BODY' as const, 'BODYSTRUCTURE' as const), structure: bodyStructure }),
  fc.record({ name: fc.constant('BODY[]' as const), section, origin, data: fc.option(bytes, { nil: null }) }),
  fc.record({
    name: fc.constant('BINARY[]' as const),
    section: fc.array(nz32, { maxLength: 3 }).map((part) => ({ part, text: null })),
    origin,
    data: fc.option(bytes, { nil: null }),
  }),
  fc.record({
    name: fc.constant('BINARY.SIZE' as const),
    part: fc.array(nz32, { maxLength: 3 }),
    value: n64,
  }),
  fc.record({
    name: fc.constantFrom('RFC822' as const, 'RFC822.HEADER' as const, 'RFC822.TEXT' as const),
    data: fc.option(bytes, { nil: null }),
  }),
  modseq.map((value) => ({ name: 'MODSEQ' as const, value })),
  fc.record({
    name: fc.constantFrom('X-GM-MSGID' as const, 'X-GM-THRID' as const),
    value: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  }),
  atom.map((value) => ({ name: 'EMAILID' as const, value: value.replace(/[^A-Za-z0-9_-]/g, '') || 'M1' })),
  fc.option(atom, { nil: null }).map((v) => ({
    name: 'THREADID' as const,
    value: v === null ? null : v.replace(/[^A-Za-z0-9_-]/g, '') || 'T1',
  })),
  fc.option(dateTime, { nil: null }).map((date) => ({ name: 'SAVEDATE' as const, date })),
  nstring.map((t) => ({ name: 'PREVIEW' as const, text: t })),
  fc
    .array(
      fc.oneof(
        anyString,
        atom.map((a) => `\\${a}`),
      ),
      { maxLength: 3 },
    )
    .map((labels) => ({
      name: 'X-GM-LABELS' as const,
      labels,
    })),
  fc
    .tuple(xName, atom)
    .map(([key, raw]) => ({ name: 'UNKNOWN' as const, key, raw: new TextEncoder().encode(raw) })),
);

const thread: fc.Arbitrary<Thread> = fc.letrec<{ t: Thread }>((tie) => ({
  t: fc
    .tuple(
      fc.array(nz32, { maxLength: 3 }),
      fc.oneof(
        { depthSize: 'small' },
        fc.constant([] as Thread[]),
        fc.array(tie('t'), { minLength: 2, maxLength: 3 }),
      ),
    )
    .map(([members, children]) => ({
      members: members.length === 0 && children.length === 0 ? [1] : members,
      children,
    })),
})).t;

const mailbox = anyString.map(mailboxName);

const namespaceGroup = fc.option(
  fc.array(
    fc.record({
      prefix: anyString,
      delimiter: nstring,
      extensions: fc.array(
        fc.record({ name: anyString, values: fc.array(anyString, { minLength: 1, maxLength: 2 }) }),
        { maxLength: 2 },
      ),
    }),
    // RFC 2342 §5: a group is NIL or one or more descriptors; extension values one or more
    { minLength: 1, maxLength: 2 },
  ),
  { nil: null },
);

const responseValue: fc.Arbitrary<ImapResponse> = fc.oneof(
  fc
    .record({
      type: fc.constant('status' as const),
      tag: fc.option(
        atom.map((t) => t.replace(/\+/g, 'p')),
        { nil: null },
      ),
      status: fc.constantFrom(
        'OK' as const,
        'NO' as const,
        'BAD' as const,
        'PREAUTH' as const,
        'BYE' as const,
      ),
      code: fc.option(responseCode, { nil: null }),
      text: statusText,
    })
    .map((s) => (s.tag !== null && (s.status === 'PREAUTH' || s.status === 'BYE') ? { ...s, tag: null } : s)),
  fc.oneof(
    fc.record({
      type: fc.constant('continuation' as const),
      code: fc.option(responseCode, { nil: null }),
      text: statusText.map((t) => `Ready ${t}`),
      base64: fc.constant(null),
    }),
    fc.uint8Array({ minLength: 1, maxLength: 30 }).map((b) => ({
      type: 'continuation' as const,
      code: null,
      text: btoa(String.fromCharCode(...b)),
      base64: b,
    })),
  ),
  fc
    .record({
      type: fc.constantFrom('capability' as const, 'enabled' as const),
      capabilities: fc.array(atom, { maxLength: 4 }),
    })
    .filter((c) => c.type === 'enabled' || c.capabilities.length > 0),
  fc.record({
    type: fc.constant('list' as const),
    command: fc.constantFrom('LIST' as const, 'LSUB' as const),
    attributes: flagList,
    delimiter: fc.option(fc.constantFrom('/', '.', '\\', '"'), { nil: null }),
    mailbox,
    extended: fc.array(fc.record({ tag: anyString, value: extension }), { maxLength: 2 }),
  }),
  fc.record({
    type: fc.constant('mailbox-status' as const),
    mailbox,
    attributes: fc.array(
      fc.oneof(
        fc.record({ name: fc.constantFrom('MESSAGES', 'UIDNEXT', 'UNSEEN', 'SIZE', 'X-FOO'), value: n64 }),
        fc.record({ name: fc.constant('HIGHESTMODSEQ'), value: modseq }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  }),
  fc.record({
    type: fc.constantFrom('search' as const, 'sort' as const),
    ids: fc.array(nz32, { maxLength: 6 }),
    modseq: fc.option(modseq, { nil: null }),
  }),
  fc.record({
    type: fc.constant('esearch' as const),
    tag: fc.option(anyString, { nil: null }),
    uid: fc.boolean(),
    data: fc.array(
      fc.oneof(
        fc.record({ name: fc.constantFrom('MIN' as const, 'MAX' as const, 'COUNT' as const), value: u32 }),
        fc.record({ name: fc.constant('ALL' as const), set: numberSet }),
        fc.record({ name: fc.constant('MODSEQ' as const), value: modseq }),
        fc.record({ name: fc.constant('OTHER' as const), key: xName, value: extension }),
      ),
      { maxLength: 3 },
    ),
  }),
  fc.record({ type: fc.constant('flags' as const), flags: flagList }),
  fc.record({ type: fc.constantFrom('exists' as const, 'recent' as const), value: u32 }),
  fc.record({ type: fc.constant('expunge' as const), value: nz32 }),
  fc.record({ type: fc.constant('vanished' as const), earlier: fc.boolean(), uids: numberSet }),
  fc.record({ type: fc.constant('fetch' as const), seq: nz32, items: fc.array(fetchItem, { maxLength: 4 }) }),
  fc.record({
    type: fc.constant('namespace' as const),
    personal: namespaceGroup,
    otherUsers: namespaceGroup,
    shared: namespaceGroup,
  }),
  fc.record({
    type: fc.constant('quota' as const),
    root: anyString,
    resources: fc.array(fc.record({ name: upperAtom, usage: n64, limit: n64 }), { maxLength: 3 }),
  }),
  fc.record({
    type: fc.constant('quotaroot' as const),
    mailbox,
    roots: fc.array(anyString, { maxLength: 3 }),
  }),
  fc.record({
    type: fc.constant('id' as const),
    params: fc.option(fc.array(fc.tuple(anyString, nstring), { maxLength: 3 }), { nil: null }),
  }),
  fc.oneof(
    fc.record({
      type: fc.constant('metadata' as const),
      mailbox,
      entries: fc.array(fc.record({ entry: anyString, value: fc.option(bytes, { nil: null }) }), {
        minLength: 1,
        maxLength: 3,
      }),
      names: fc.constant(null),
    }),
    fc.record({
      type: fc.constant('metadata' as const),
      mailbox,
      entries: fc.constant(null),
      names: fc.array(anyString, { minLength: 1, maxLength: 3 }),
    }),
  ),
  fc.record({ type: fc.constant('thread' as const), threads: fc.array(thread, { maxLength: 3 }) }),
  fc
    .tuple(
      xName,
      text.map((t) => t.replace(/[{}]/g, '')),
    )
    .map(([keyword, rest]) => ({
      type: 'unknown' as const,
      keyword,
      raw: new TextEncoder().encode(`* ${keyword}${rest ? ` ${rest}` : ''}`),
    })),
);

// ---------------------------------------------------------------- building blocks

/** Response codes (RFC 3501 §7.1 and the extensions: UIDPLUS, CONDSTORE/QRESYNC, RFC 5530, unknown `X-` codes). */
export const imapResponseCode: fc.Arbitrary<ResponseCode> = responseCode;

/** ENVELOPE values: NIL or any string in every field, address lists with RFC 5322 groups. */
export const imapEnvelope: fc.Arbitrary<Envelope> = envelope;

/** Recursive BODY/BODYSTRUCTURE values: single parts (TEXT, MESSAGE/RFC822, others), multiparts, extension data. */
export const imapBodyStructure: fc.Arbitrary<BodyStructure> = bodyStructure;

/** FETCH response items of every kind; literal payloads mostly small, sometimes up to 64 KiB. */
export const imapFetchItem: fc.Arbitrary<FetchItem> = fetchItem;

/** Typed responses of every type, without bytes: the values `imapResponse` serializes. */
export function imapResponseValue(): fc.Arbitrary<ImapResponse> {
  return responseValue;
}

/** A parenthesised multipart chain `depth` levels deep, ending in a text part. */
function nestedBody(depth: number, leaf: BodyStructure): BodyStructure {
  let b = leaf;
  for (let i = 0; i < depth; i++) b = { kind: 'multipart', parts: [b], subtype: 'MIXED' };
  return b;
}

/**
 * A FETCH BODYSTRUCTURE nested `minDepth`..`maxDepth` levels (default 8..40; the parser's
 * default `maxNestingDepth` is 64, each level adds one parenthesis).
 */
export function imapDeepBodyStructure(
  options: { minDepth?: number; maxDepth?: number } = {},
): fc.Arbitrary<Wire<ImapResponse>> {
  return fc
    .tuple(fc.integer({ min: options.minDepth ?? 8, max: options.maxDepth ?? 40 }), bodyStructure, nz32)
    .map(([depth, leaf, seq]) => {
      const value: ImapResponse = {
        type: 'fetch',
        seq,
        items: [{ name: 'BODYSTRUCTURE', structure: nestedBody(depth, leaf) }],
      };
      return { value, bytes: serializeResponse(value) };
    });
}

/**
 * Valid responses of every type: status (tagged and untagged, every response code),
 * continuation (text and base64), CAPABILITY, ENABLED, LIST/LSUB (extended data), STATUS,
 * SEARCH/SORT (MODSEQ), ESEARCH, FLAGS, EXISTS, RECENT, EXPUNGE, VANISHED, FETCH (every
 * item: FLAGS, UID, INTERNALDATE, ENVELOPE with groups, recursive BODY/BODYSTRUCTURE with
 * extension data, BODY[section]<origin> and BINARY[] literals of any size, MODSEQ, Gmail
 * items...), NAMESPACE, QUOTA, QUOTAROOT, ID, METADATA, THREAD and unknown responses.
 */
export function imapResponse(): fc.Arbitrary<Wire<ImapResponse>> {
  return responseValue.map((value) => ({ value, bytes: serializeResponse(value) }));
}

/**
 * A server's output as one byte stream: an untagged greeting, then any responses (deep
 * BODYSTRUCTUREs included), then a tagged completion.
 */
export function imapServerStream(
  options: { maxResponses?: number } = {},
): fc.Arbitrary<Wire<ImapResponse[]>> {
  const greeting: ImapResponse = {
    type: 'status',
    tag: null,
    status: 'OK',
    code: null,
    text: 'IMAP4rev1 ready',
  };
  const done: ImapResponse = { type: 'status', tag: 'a1', status: 'OK', code: null, text: 'done' };
  const any = fc.oneof(
    { weight: 12, arbitrary: responseValue },
    { weight: 1, arbitrary: imapDeepBodyStructure({ maxDepth: 20 }).map((w) => w.value) },
  );
  return fc.array(any, { maxLength: options.maxResponses ?? 8 }).map((rs) => {
    const value = [greeting, ...rs, done];
    return { value, bytes: concatBytes(value.map(serializeResponse)) };
  });
}
