/**
 * The values the POP3 codec reads and writes: commands (client -> server), responses
 * (server -> client) and the pieces inside them. Plain data, no behaviour.
 */

/** A POP3 command (RFC 1939 §§4-7, RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 AUTH, RFC 6856 UTF8/LANG). */
export type Pop3Command =
  | { name: 'USER'; user: string }
  | { name: 'PASS'; password: string }
  | { name: 'APOP'; user: string; digest: string }
  | { name: 'AUTH'; mechanism?: string; initialResponse?: string }
  | { name: 'STAT' }
  | { name: 'LIST'; msg?: number }
  | { name: 'RETR'; msg: number }
  | { name: 'DELE'; msg: number }
  | { name: 'NOOP' }
  | { name: 'RSET' }
  | { name: 'QUIT' }
  | { name: 'TOP'; msg: number; lines: number }
  | { name: 'UIDL'; msg?: number }
  | { name: 'CAPA' }
  | { name: 'STLS' }
  | { name: 'UTF8' }
  | { name: 'LANG'; lang?: string }
  /** Any other keyword (an extension this codec does not model), kept as is. */
  | { name: 'OTHER'; keyword: string; args: string[] };

export type Pop3CommandName = Pop3Command['name'];

/**
 * RFC 2449 §8 extended response code: `[SYS/TEMP]` is `{ raw: 'SYS/TEMP', parts: ['SYS', 'TEMP'] }`.
 * `known` says whether the code is one registered for POP3 (RFC 2449 §8.1, RFC 3206, RFC 6856).
 */
export interface ResponseCode {
  raw: string;
  parts: string[];
  known: boolean;
}

/** One line of a LIST answer (RFC 1939 §5 "scan listing"). */
export interface ScanListing {
  msg: number;
  size: number;
  /** Anything the server put after the size (RFC 1939 allows it; minimal servers send nothing). */
  extra?: string;
}

/** One line of a UIDL answer (RFC 1939 §7 "unique-id listing"). */
export interface UidListing {
  msg: number;
  /** The unique-id, one character per byte (Latin-1), so that odd bytes survive unchanged. */
  uid: string;
}

/** STAT's "drop listing" (RFC 1939 §5). */
export interface DropListing {
  count: number;
  size: number;
}

/** One line of a LANG listing (RFC 6856 §3). */
export interface LanguageListing {
  tag: string;
  description: string;
}

/** One capability line of a CAPA answer (RFC 2449 §5): tag upper-cased, arguments as sent. */
export interface Capability {
  name: string;
  args: string[];
}

/** The capabilities a CAPA answer announced, interpreted (RFC 2449 §6, RFC 2595, RFC 5034, RFC 6856). */
export interface Pop3Capabilities {
  /** Every line, in order, including those this codec does not interpret. */
  entries: Capability[];
  top: boolean;
  user: boolean;
  /** SASL mechanisms (upper case), empty if SASL was not announced. */
  sasl: string[];
  respCodes: boolean;
  pipelining: boolean;
  stls: boolean;
  uidl: boolean;
  /** `EXPIRE NEVER` / `EXPIRE n [USER]`: days messages are kept after retrieval. */
  expire?: { never: true } | { never: false; days: number; perUser: boolean };
  /** `LOGIN-DELAY n [USER]`: minimum seconds between logins. */
  loginDelay?: { seconds: number; perUser: boolean };
  implementation?: string;
  /** RFC 6856 UTF8 (with `USER` when USER/PASS accept UTF-8). */
  utf8?: { user: boolean };
  lang: boolean;
}

/** What the response parser is waiting for: this decides whether `+OK` opens a multi-line body. */
export type ExpectKind =
  /** The server greeting (+OK with optional APOP timestamp, or -ERR). */
  | 'greeting'
  /** A single-line status response (USER, PASS, APOP, DELE, NOOP, RSET, QUIT, STLS, UTF8, LANG tag). */
  | 'single'
  /** STAT: `+OK count size`. */
  | 'stat'
  /** LIST n: `+OK n size`. */
  | 'list-one'
  /** UIDL n: `+OK n uid`. */
  | 'uidl-one'
  /** RETR / TOP: a dot-stuffed message body. */
  | 'multiline-body'
  /** LIST: scan listings. */
  | 'list'
  /** UIDL: unique-id listings. */
  | 'uidl'
  /** CAPA: capability lines. */
  | 'capa'
  /** AUTH without arguments: a list of SASL mechanisms (common extension, not in RFC 5034). */
  | 'auth-list'
  /** AUTH mechanism: `+ challenge` continuations, then +OK / -ERR. */
  | 'auth'
  /** LANG without arguments: language listings (RFC 6856 §3). */
  | 'lang-list'
  /** Any other multi-line answer: lines kept raw (dot-unstuffed). */
  | 'multiline';

/** The status line every response starts with. */
export interface StatusLine {
  status: 'OK' | 'ERR';
  code?: ResponseCode;
  /** Text after the status (and after the response code), decoded (UTF-8 if valid, else Latin-1). */
  text: string;
  /** The raw bytes of the text after the status indicator and its space (code included). */
  textBytes: Uint8Array;
}

/** A complete response, as parsed (and as the response serializer writes it). */
export interface Pop3Response extends StatusLine {
  kind: ExpectKind;
  /** greeting: the APOP timestamp (`<...@...>`, angle brackets included). */
  timestamp?: string;
  /** stat */
  drop?: DropListing;
  /** list (many) / list-one (one) */
  scans?: ScanListing[];
  /** uidl (many) / uidl-one (one) */
  uids?: UidListing[];
  /** capa */
  capabilities?: Pop3Capabilities;
  /** auth-list */
  mechanisms?: string[];
  /** lang-list */
  languages?: LanguageListing[];
  /** multiline: the body lines, dot-unstuffed, without line ends. */
  lines?: Uint8Array[];
  /** multiline-body below the streaming threshold: the whole body (CRLF line ends kept). */
  body?: Uint8Array;
}
