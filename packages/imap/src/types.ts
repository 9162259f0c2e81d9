/**
 * Typed IMAP server responses (RFC 3501 §7, RFC 9051 §7 and the extensions named below).
 * Pure data: no codec logic lives here. `ImapResponseParser` produces these values and
 * `serializeResponse` turns them back into bytes; `parse(serialize(x))` equals `x`.
 */

/** A sequence or UID set: single numbers and inclusive ranges, in wire order. `*` is 0. */
export type NumberSet = Array<number | [number, number]>;

/** A mailbox name: decoded from modified UTF-7 (RFC 3501 §5.1.3) with the wire form kept. */
export interface MailboxName {
  /** Decoded name (INBOX normalised to upper case, RFC 3501 §5.1). */
  name: string;
  /** The name exactly as the server sent it (modified UTF-7 or, with UTF8=ACCEPT, UTF-8). */
  raw: string;
}

/** `dd-Mon-yyyy hh:mm:ss +zzzz` (RFC 3501 §9 date-time), parsed with the zone kept. */
export interface ImapDateTime {
  /** The instant. */
  date: Date;
  /** The zone as sent, e.g. `+0200`. */
  zone: string;
  /** The zone in minutes east of UTC. */
  zoneMinutes: number;
}

// ---------------------------------------------------------------------------------------
// Response codes (RFC 3501 §7.1, RFC 9051 §7.1, RFC 4315, RFC 7162, RFC 5530)
// ---------------------------------------------------------------------------------------

/** Codes that carry no data. */
export type SimpleCodeName =
  | 'ALERT'
  | 'PARSE'
  | 'READ-ONLY'
  | 'READ-WRITE'
  | 'TRYCREATE'
  | 'UIDNOTSTICKY'
  | 'NOMODSEQ'
  | 'CLOSED'
  // RFC 5530
  | 'UNAVAILABLE'
  | 'AUTHENTICATIONFAILED'
  | 'AUTHORIZATIONFAILED'
  | 'EXPIRED'
  | 'PRIVACYREQUIRED'
  | 'CONTACTADMIN'
  | 'NOPERM'
  | 'INUSE'
  | 'EXPUNGEISSUED'
  | 'CORRUPTION'
  | 'SERVERBUG'
  | 'CLIENTBUG'
  | 'CANNOT'
  | 'LIMIT'
  | 'OVERQUOTA'
  | 'ALREADYEXISTS'
  | 'NONEXISTENT'
  // RFC 9051
  | 'HASCHILDREN'
  | 'UNKNOWN-CTE';

export type ResponseCode =
  | { name: SimpleCodeName }
  | { name: 'BADCHARSET'; charsets: string[] }
  | { name: 'CAPABILITY'; capabilities: string[] }
  | { name: 'PERMANENTFLAGS'; flags: string[] }
  | { name: 'UIDNEXT' | 'UIDVALIDITY' | 'UNSEEN'; value: number }
  | { name: 'APPENDUID'; uidValidity: number; uids: NumberSet }
  | { name: 'COPYUID'; uidValidity: number; source: NumberSet; destination: NumberSet }
  | { name: 'HIGHESTMODSEQ'; value: bigint }
  | { name: 'MODIFIED'; set: NumberSet }
  /** Any other code, kept raw: its atom and the text after it up to `]` (null if none). */
  | { name: 'OTHER'; atom: string; text: string | null };

// ---------------------------------------------------------------------------------------
// ENVELOPE and BODYSTRUCTURE (RFC 3501 §7.4.2)
// ---------------------------------------------------------------------------------------

/** One address of an envelope address list. Strings stay RFC 2047 encoded (see `decodeEncodedWords`). */
export interface Address {
  kind: 'mailbox';
  name: string | null;
  adl: string | null;
  mailbox: string | null;
  host: string | null;
}

/** RFC 5322 group syntax, from the start/end markers of RFC 3501 §7.4.2. */
export interface AddressGroup {
  kind: 'group';
  name: string;
  members: Address[];
}

export type AddressListItem = Address | AddressGroup;

export interface Envelope {
  date: string | null;
  subject: string | null;
  from: AddressListItem[] | null;
  sender: AddressListItem[] | null;
  replyTo: AddressListItem[] | null;
  to: AddressListItem[] | null;
  cc: AddressListItem[] | null;
  bcc: AddressListItem[] | null;
  inReplyTo: string | null;
  messageId: string | null;
}

/** Body extension data beyond the known fields (RFC 3501 body-extension): nested nstrings and numbers. */
export type BodyExtension = string | number | null | BodyExtension[];

export interface BodyDisposition {
  type: string;
  params: Array<[string, string]> | null;
}

/** The extension fields that follow a part's basic fields (body-ext-1part / body-ext-mpart). */
export interface BodyExtensionData {
  /** Single part: body-fld-md5. Multipart: absent. */
  md5?: string | null;
  /** Multipart: body-fld-param. Single part: absent. */
  params?: Array<[string, string]> | null;
  disposition?: BodyDisposition | null;
  language?: string[] | null;
  location?: string | null;
  /** Further extension data, kept as parsed. */
  extra?: BodyExtension[];
}

export interface SinglePartBody {
  kind: 'single';
  type: string;
  subtype: string;
  params: Array<[string, string]> | null;
  id: string | null;
  description: string | null;
  encoding: string;
  /** Octets (may be -1 from some servers in lenient mode). */
  size: number;
  /** text/* and message/rfc822: body-fld-lines. */
  lines?: number;
  /** message/rfc822 (and message/global): the enclosed message. */
  /** null only from servers that send NIL here (lenient). */
  envelope?: Envelope | null;
  body?: BodyStructure | null;
  ext?: BodyExtensionData;
}

export interface MultiPartBody {
  kind: 'multipart';
  parts: BodyStructure[];
  subtype: string;
  ext?: BodyExtensionData;
}

export type BodyStructure = SinglePartBody | MultiPartBody;

// ---------------------------------------------------------------------------------------
// FETCH (RFC 3501 §7.4.2, RFC 9051 §7.5.2, RFC 3516, RFC 7162, RFC 8474, RFC 8514, RFC 8970)
// ---------------------------------------------------------------------------------------

/** `BODY[<section>]`: part numbers then an optional text part. */
export interface BodySection {
  /** `1.2.3` → [1, 2, 3]; empty for the whole message. */
  part: number[];
  text: 'HEADER' | 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT' | 'MIME' | 'TEXT' | null;
  /** Only for HEADER.FIELDS and HEADER.FIELDS.NOT. */
  fields?: string[];
}

export type FetchItem =
  | { name: 'FLAGS'; flags: string[] }
  | { name: 'UID' | 'RFC822.SIZE'; value: number }
  | { name: 'INTERNALDATE'; date: ImapDateTime }
  | { name: 'ENVELOPE'; envelope: Envelope }
  | { name: 'BODY' | 'BODYSTRUCTURE'; structure: BodyStructure }
  /** `BODY[section]<origin>` and `BINARY[part]<origin>`; data null for NIL, or when streamed. */
  | {
      name: 'BODY[]' | 'BINARY[]';
      section: BodySection;
      origin: number | null;
      data: Uint8Array | null;
    }
  | { name: 'BINARY.SIZE'; part: number[]; value: number }
  | { name: 'RFC822' | 'RFC822.HEADER' | 'RFC822.TEXT'; data: Uint8Array | null }
  | { name: 'MODSEQ' | 'X-GM-MSGID' | 'X-GM-THRID'; value: bigint }
  | { name: 'EMAILID' | 'THREADID'; value: string | null }
  | { name: 'SAVEDATE'; date: ImapDateTime | null }
  | { name: 'PREVIEW'; text: string | null }
  | { name: 'X-GM-LABELS'; labels: string[] }
  /** An item this parser does not know: its name and the raw bytes of its value. */
  | { name: 'UNKNOWN'; key: string; raw: Uint8Array };

// ---------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------

export type StatusCondition = 'OK' | 'NO' | 'BAD' | 'PREAUTH' | 'BYE';

/** Tagged or untagged OK/NO/BAD/PREAUTH/BYE (RFC 3501 §7.1). */
export interface StatusResponse {
  type: 'status';
  /** The tag, or null for an untagged (`*`) response. */
  tag: string | null;
  status: StatusCondition;
  code: ResponseCode | null;
  text: string;
}

/** `+ text` or `+ base64` (RFC 3501 §7.5). */
export interface ContinuationResponse {
  type: 'continuation';
  code: ResponseCode | null;
  /** The text after `+ ` (and after a code), '' for a bare `+`. */
  text: string;
  /** The text decoded as base64 when it is valid base64 (SASL challenges), else null. */
  base64: Uint8Array | null;
}

export interface CapabilityResponse {
  type: 'capability';
  capabilities: string[];
}

export interface ListExtendedItem {
  tag: string;
  value: BodyExtension;
}

/** LIST / LSUB (RFC 3501 §7.2.2, RFC 5258 LIST-EXTENDED with CHILDINFO and OLDNAME). */
export interface ListResponse {
  type: 'list';
  command: 'LIST' | 'LSUB';
  attributes: string[];
  delimiter: string | null;
  mailbox: MailboxName;
  /** RFC 5258 mbox-list-extended items (e.g. CHILDINFO, OLDNAME), [] when none. */
  extended: ListExtendedItem[];
}

/** STATUS (RFC 3501 §7.2.4): attribute/value pairs in wire order. */
export interface MailboxStatusResponse {
  type: 'mailbox-status';
  mailbox: MailboxName;
  /** HIGHESTMODSEQ is a bigint, APPENDLIMIT may be null (NIL), every other value a number. */
  attributes: Array<{ name: string; value: number | bigint | null }>;
}

export interface SearchResponse {
  type: 'search' | 'sort';
  ids: number[];
  /** RFC 7162 §3.1.5: `(MODSEQ n)` at the end. */
  modseq: bigint | null;
}

/** ESEARCH (RFC 4731, RFC 9051 §7.3.4). */
export interface EsearchResponse {
  type: 'esearch';
  tag: string | null;
  uid: boolean;
  /** Return data in wire order; MIN/MAX/COUNT numbers, ALL a set, MODSEQ a bigint, others raw. */
  data: Array<
    | { name: 'MIN' | 'MAX' | 'COUNT'; value: number }
    | { name: 'ALL'; set: NumberSet }
    | { name: 'MODSEQ'; value: bigint }
    | { name: 'OTHER'; key: string; value: BodyExtension }
  >;
}

export interface FlagsResponse {
  type: 'flags';
  flags: string[];
}

export interface NumberResponse {
  type: 'exists' | 'recent' | 'expunge';
  value: number;
}

/** VANISHED (RFC 7162 §3.2.10). */
export interface VanishedResponse {
  type: 'vanished';
  earlier: boolean;
  uids: NumberSet;
}

export interface FetchResponse {
  type: 'fetch';
  seq: number;
  items: FetchItem[];
}

export interface NamespaceDescriptor {
  prefix: string;
  delimiter: string | null;
  extensions: Array<{ name: string; values: string[] }>;
}

/** NAMESPACE (RFC 2342): personal, other users', shared; null for NIL. */
export interface NamespaceResponse {
  type: 'namespace';
  personal: NamespaceDescriptor[] | null;
  otherUsers: NamespaceDescriptor[] | null;
  shared: NamespaceDescriptor[] | null;
}

/** QUOTA (RFC 9208). */
export interface QuotaResponse {
  type: 'quota';
  root: string;
  resources: Array<{ name: string; usage: number; limit: number }>;
}

export interface QuotaRootResponse {
  type: 'quotaroot';
  mailbox: MailboxName;
  roots: string[];
}

/** ID (RFC 2971): field/value pairs, or null for `* ID NIL`. */
export interface IdResponse {
  type: 'id';
  params: Array<[string, string | null]> | null;
}

/** ENABLED (RFC 5161). */
export interface EnabledResponse {
  type: 'enabled';
  capabilities: string[];
}

/** METADATA (RFC 5464): entries with values, or (unsolicited) entry names only. */
export interface MetadataResponse {
  type: 'metadata';
  mailbox: MailboxName;
  entries: Array<{ entry: string; value: Uint8Array | null }> | null;
  /** Unsolicited form: entry names without values. */
  names: string[] | null;
}

/** One thread (RFC 5256 §4): members in order, then ≥2 nested sub-threads (or none). */
export interface Thread {
  members: number[];
  children: Thread[];
}

export interface ThreadResponse {
  type: 'thread';
  threads: Thread[];
}

/** An untagged response this parser does not know, kept raw (line bytes without CRLF). */
export interface UnknownResponse {
  type: 'unknown';
  /** The keyword after `* ` (or after `* n `), as sent. */
  keyword: string;
  /** The whole response as received (literal data included, CRLF excluded at the end). */
  raw: Uint8Array;
}

export type ImapResponse =
  | ContinuationResponse
  | StatusResponse
  | CapabilityResponse
  | ListResponse
  | MailboxStatusResponse
  | SearchResponse
  | EsearchResponse
  | FlagsResponse
  | NumberResponse
  | VanishedResponse
  | FetchResponse
  | NamespaceResponse
  | QuotaResponse
  | QuotaRootResponse
  | IdResponse
  | EnabledResponse
  | MetadataResponse
  | ThreadResponse
  | UnknownResponse;
