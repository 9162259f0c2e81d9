/**
 * Typed IMAP client commands (RFC 3501 §6, RFC 9051 §6 and the extensions named below).
 * Pure data: `serializeCommand` turns an `ImapCommand` into bytes, `ImapCommandParser`
 * reads bytes back into an equal value.
 *
 * Conventions:
 * - Mailbox names are decoded text (modified UTF-7 undone, RFC 3501 §5.1.3); `INBOX` in any
 *   case is `INBOX` (RFC 3501 §5.1).
 * - Atoms that the grammar treats case-insensitively (flags excepted: they keep their case,
 *   RFC 3501 §2.3.2 compares them case-insensitively but servers echo what they got) are
 *   upper-cased by the parser.
 * - Optional fields are absent, never `undefined`, in parsed values.
 * - 64-bit values (mod-sequences, Gmail ids) are `bigint`.
 */
/** The APPEND date-time is the response side's type (one date-time type for the package). */
import type { ImapDateTime } from '../types';

// ---------------------------------------------------------------------------------------
// Sequence sets (RFC 3501 §9 sequence-set, RFC 5182 `$`)
// ---------------------------------------------------------------------------------------

/** A message number / UID, or `*` (the largest one in use). */
export type SequenceBound = number | '*';

/** One element of a sequence set: a single bound or an inclusive range, in wire order. */
export type SequenceItem = SequenceBound | readonly [SequenceBound, SequenceBound];

/** A sequence set as sent (`1:3,5,7:*`), or `$`: the result saved by `SEARCH RETURN (SAVE)`. */
export type SequenceSet = '$' | readonly SequenceItem[];

// ---------------------------------------------------------------------------------------
// SEARCH (RFC 3501 §6.4.4, RFC 9051 §6.4.4, RFC 4731 ESEARCH, RFC 5032 WITHIN,
// RFC 7162 CONDSTORE, RFC 8474 OBJECTID, RFC 8514 SAVEDATE, Gmail X-GM-EXT-1)
// ---------------------------------------------------------------------------------------

/** A calendar date (search `date` has no time or zone). `month` is 1..12. */
export interface SearchDate {
  year: number;
  month: number;
  day: number;
}

export type SearchFlagKey =
  | 'ALL'
  | 'ANSWERED'
  | 'DELETED'
  | 'DRAFT'
  | 'FLAGGED'
  | 'NEW'
  | 'OLD'
  | 'RECENT'
  | 'SEEN'
  | 'UNANSWERED'
  | 'UNDELETED'
  | 'UNDRAFT'
  | 'UNFLAGGED'
  | 'UNSEEN'
  | 'SAVEDATESUPPORTED';

export type SearchTextKey = 'BCC' | 'BODY' | 'CC' | 'FROM' | 'SUBJECT' | 'TEXT' | 'TO' | 'X-GM-RAW';

export type SearchDateKey =
  | 'BEFORE'
  | 'ON'
  | 'SINCE'
  | 'SENTBEFORE'
  | 'SENTON'
  | 'SENTSINCE'
  | 'SAVEDBEFORE'
  | 'SAVEDON'
  | 'SAVEDSINCE';

export type SearchKey =
  | { key: SearchFlagKey }
  | { key: SearchTextKey; value: string }
  | { key: 'KEYWORD' | 'UNKEYWORD'; flag: string }
  | { key: SearchDateKey; date: SearchDate }
  | { key: 'HEADER'; field: string; value: string }
  | { key: 'LARGER' | 'SMALLER'; size: number }
  /** RFC 5032 WITHIN: `OLDER n` / `YOUNGER n`, in seconds. */
  | { key: 'OLDER' | 'YOUNGER'; seconds: number }
  | { key: 'UID'; set: SequenceSet }
  /** A bare sequence set (message numbers). */
  | { key: 'SEQUENCE'; set: SequenceSet }
  | { key: 'NOT'; operand: SearchKey }
  | { key: 'OR'; left: SearchKey; right: SearchKey }
  /** A parenthesised list: all must match. */
  | { key: 'AND'; operands: SearchKey[] }
  /** RFC 7162 §3.1.5: `MODSEQ ["/flags/\Seen" all] 620162338`. */
  | { key: 'MODSEQ'; modSeq: bigint; entry?: { name: string; type: 'priv' | 'shared' | 'all' } }
  /** RFC 8474 §6. */
  | { key: 'EMAILID' | 'THREADID'; id: string }
  | { key: 'X-GM-MSGID' | 'X-GM-THRID'; id: bigint }
  | { key: 'X-GM-LABELS'; label: string };

// ---------------------------------------------------------------------------------------
// FETCH (RFC 3501 §6.4.5, RFC 9051 §6.4.5, RFC 3516 BINARY, RFC 7162, RFC 8474,
// RFC 8514, RFC 8970 PREVIEW, Gmail)
// ---------------------------------------------------------------------------------------

/** `BODY[1.2.HEADER.FIELDS (Subject)]`: part path and text specifier. */
export interface FetchSection {
  /** Part numbers (`1.2` is `[1, 2]`); empty for the whole message. */
  part: number[];
  /** Text specifier; `MIME` needs a part. */
  text?: 'HEADER' | 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT' | 'TEXT' | 'MIME';
  /** Header field names, for `HEADER.FIELDS` / `HEADER.FIELDS.NOT` (at least one). */
  fields?: string[];
}

/** `<offset.length>`. */
export interface FetchPartial {
  offset: number;
  length: number;
}

export type FetchSimpleAttribute =
  | 'FLAGS'
  | 'UID'
  | 'INTERNALDATE'
  | 'RFC822.SIZE'
  | 'ENVELOPE'
  | 'BODY'
  | 'BODYSTRUCTURE'
  | 'RFC822'
  | 'RFC822.HEADER'
  | 'RFC822.TEXT'
  | 'MODSEQ'
  | 'EMAILID'
  | 'THREADID'
  | 'SAVEDATE'
  | 'X-GM-MSGID'
  | 'X-GM-THRID'
  | 'X-GM-LABELS';

export type FetchAttribute =
  | { name: FetchSimpleAttribute }
  /** `BODY[section]<partial>` / `BODY.PEEK[...]`. */
  | { name: 'BODY[]'; peek: boolean; section: FetchSection; partial?: FetchPartial }
  /** `BINARY[part]<partial>` / `BINARY.PEEK[...]` (RFC 3516). */
  | { name: 'BINARY[]'; peek: boolean; part: number[]; partial?: FetchPartial }
  | { name: 'BINARY.SIZE'; part: number[] }
  /** RFC 8970: `PREVIEW` or `PREVIEW (LAZY)`. */
  | { name: 'PREVIEW'; lazy: boolean };

export type FetchMacro = 'ALL' | 'FAST' | 'FULL';

export interface FetchModifiers {
  /** RFC 7162 §3.1.4.1. */
  changedSince?: bigint;
  /** RFC 7162 §3.2.6 (UID FETCH only, needs CHANGEDSINCE). */
  vanished?: boolean;
}

// ---------------------------------------------------------------------------------------
// Other argument types
// ---------------------------------------------------------------------------------------

/** RFC 7162 §3.2.5 QRESYNC select parameter. */
export interface QresyncParameter {
  uidValidity: number;
  modSeq: bigint;
  knownUids?: SequenceSet;
  /** Known sequence numbers and the UIDs they match. */
  seqMatch?: { sequences: SequenceSet; uids: SequenceSet };
}

/** A LIST return option (RFC 5258 §3.2): an atom, or `STATUS (...)` (RFC 5819). */
export type ListReturnOption = { name: string } | { name: 'STATUS'; items: string[] };

/** One message of an APPEND (several with MULTIAPPEND, RFC 3502). */
export interface AppendMessage {
  flags: string[];
  /** The internal date, when given. */
  date?: ImapDateTime;
  /** The whole message. */
  data: Uint8Array;
  /** Sent as a `~{n}` literal8 (RFC 3516 §4.4): may contain NUL. */
  binary: boolean;
}

export interface SortCriterion {
  key: string;
  reverse: boolean;
}

export interface QuotaLimit {
  resource: string;
  limit: number;
}

export interface MetadataEntryValue {
  entry: string;
  /** NIL removes the entry. */
  value: Uint8Array | null;
}

// ---------------------------------------------------------------------------------------
// The command union
// ---------------------------------------------------------------------------------------

interface Tagged {
  /** 1*<ASTRING-CHAR except "+"> (RFC 3501 §9 tag). */
  tag: string;
}

export type SimpleCommandName =
  | 'CAPABILITY'
  | 'NOOP'
  | 'LOGOUT'
  | 'STARTTLS'
  | 'CHECK'
  | 'CLOSE'
  | 'UNSELECT'
  | 'IDLE'
  | 'NAMESPACE'
  /** RFC 8437. */
  | 'UNAUTHENTICATE';

export type ImapCommand = Tagged &
  (
    | { name: SimpleCommandName }
    /** RFC 3501 §6.2.2; `initialResponse` is RFC 4959 SASL-IR (`=` is an empty one). */
    | { name: 'AUTHENTICATE'; mechanism: string; initialResponse?: Uint8Array }
    | { name: 'LOGIN'; username: string; password: string }
    /** RFC 5161. */
    | { name: 'ENABLE'; capabilities: string[] }
    | {
        name: 'SELECT' | 'EXAMINE';
        mailbox: string;
        /** RFC 7162 §3.1.8 `(CONDSTORE)`. */
        condstore?: boolean;
        qresync?: QresyncParameter;
      }
    | { name: 'CREATE'; mailbox: string; specialUse?: string[] }
    | {
        name: 'DELETE' | 'SUBSCRIBE' | 'UNSUBSCRIBE' | 'GETQUOTAROOT' | 'GETACL' | 'MYRIGHTS';
        mailbox: string;
      }
    /** RFC 4314 ACL. `rights` may start with `+` or `-` (add / remove). */
    | { name: 'SETACL'; mailbox: string; identifier: string; rights: string }
    | { name: 'DELETEACL' | 'LISTRIGHTS'; mailbox: string; identifier: string }
    | { name: 'RENAME'; from: string; to: string }
    | {
        name: 'LIST';
        reference: string;
        /** One pattern, or several (RFC 5258 §3). */
        patterns: string[];
        /** RFC 5258 selection options (upper case). */
        selection?: string[];
        /** RFC 5258 return options. */
        return?: ListReturnOption[];
      }
    | { name: 'LSUB'; reference: string; pattern: string }
    | { name: 'STATUS'; mailbox: string; items: string[] }
    | { name: 'APPEND'; mailbox: string; messages: AppendMessage[] }
    | { name: 'EXPUNGE'; uid: false }
    /** RFC 4315 UID EXPUNGE. */
    | { name: 'EXPUNGE'; uid: true; sequenceSet: SequenceSet }
    | {
        name: 'SEARCH';
        uid: boolean;
        charset?: string;
        /** RFC 4731 `RETURN (...)`; `[]` is `RETURN ()`. */
        return?: string[];
        criteria: SearchKey[];
      }
    | {
        name: 'FETCH';
        uid: boolean;
        sequenceSet: SequenceSet;
        items: FetchMacro | FetchAttribute[];
        modifiers?: FetchModifiers;
      }
    | {
        name: 'STORE';
        uid: boolean;
        sequenceSet: SequenceSet;
        /** `FLAGS` (replace), `+FLAGS` (add), `-FLAGS` (remove). */
        operation: 'replace' | 'add' | 'remove';
        silent: boolean;
        /** Flags, or Gmail labels when `target` is `X-GM-LABELS` (astrings or `\\System` labels). */
        flags: string[];
        /** Gmail X-GM-EXT-1: store labels instead of flags (`+X-GM-LABELS (Work \\Important)`). */
        target?: 'X-GM-LABELS';
        /** RFC 7162 §3.1.3. */
        unchangedSince?: bigint;
      }
    | { name: 'COPY' | 'MOVE'; uid: boolean; sequenceSet: SequenceSet; mailbox: string }
    /** RFC 2971; `null` is `ID NIL`. */
    | { name: 'ID'; parameters: Array<[string, string | null]> | null }
    /** RFC 9208. */
    | { name: 'GETQUOTA'; root: string }
    | { name: 'SETQUOTA'; root: string; limits: QuotaLimit[] }
    /** RFC 5464. */
    | {
        name: 'GETMETADATA';
        mailbox: string;
        entries: string[];
        maxSize?: number;
        depth?: '0' | '1' | 'infinity';
      }
    | { name: 'SETMETADATA'; mailbox: string; entries: MetadataEntryValue[] }
    /** RFC 5256. */
    | { name: 'SORT'; uid: boolean; criteria: SortCriterion[]; charset: string; search: SearchKey[] }
    | { name: 'THREAD'; uid: boolean; algorithm: string; charset: string; search: SearchKey[] }
    /** RFC 4978. */
    | { name: 'COMPRESS'; mechanism: string }
  );

export type ImapCommandName = ImapCommand['name'];

// ---------------------------------------------------------------------------------------
// Serializer output
// ---------------------------------------------------------------------------------------

/**
 * A piece of a serialized command. A `line` ends in CRLF: either the command's final CRLF
 * or a literal announcement (`{n}`, `{n+}`, `~{n}`, `~{n+}`) followed by CRLF. A `literal`
 * follows such a line; when `synchronizing`, the sender must wait for the server's `+`
 * continuation request before sending it (RFC 3501 §7.5).
 */
export type CommandFragment =
  | { type: 'line'; bytes: Uint8Array }
  | { type: 'literal'; bytes: Uint8Array; synchronizing: boolean };

export interface SerializeCommandOptions {
  /** Server announced LITERAL+ (RFC 7888): every literal is non-synchronizing. */
  literalPlus?: boolean;
  /** Server announced LITERAL- (RFC 7888): literals up to 4096 bytes are non-synchronizing. */
  literalMinus?: boolean;
  /** UTF8=ACCEPT is enabled (RFC 6855/9051): UTF-8 in quoted strings, mailbox names in UTF-8. */
  utf8Accept?: boolean;
  /** Server announced BINARY (RFC 3516): APPEND data with NUL goes as `~{n}`. */
  binary?: boolean;
}
