import type { SmtpPath } from './path';

/** An ESMTP parameter of MAIL or RCPT: `esmtp-keyword ["=" esmtp-value]` (RFC 5321 §4.1.2). */
export interface EsmtpParam {
  /** Upper-cased keyword. */
  keyword: string;
  /** The value as written (`undefined` when the parameter has no `=value`). */
  value?: string;
}

/** BODY= (RFC 6152 8BITMIME, RFC 3030 BINARYMIME). */
export type BodyType = '7BIT' | '8BITMIME' | 'BINARYMIME';
/** DSN RET= (RFC 3461 §4.3). */
export type DsnReturn = 'FULL' | 'HDRS';
/** DSN NOTIFY= values (RFC 3461 §4.1). */
export type DsnNotify = 'SUCCESS' | 'FAILURE' | 'DELAY';

export interface HeloCommand {
  verb: 'HELO';
  domain: string;
}
export interface EhloCommand {
  verb: 'EHLO';
  /** Domain or address literal. */
  domain: string;
}

/**
 * MAIL FROM. The known parameters are typed fields; any other parameter is kept in
 * `params` (written after the known ones).
 */
export interface MailCommand {
  verb: 'MAIL';
  reversePath: SmtpPath;
  /** SIZE= (RFC 1870): declared message size in octets. */
  size?: number;
  /** BODY= (RFC 6152, RFC 3030). */
  body?: BodyType;
  /** SMTPUTF8 (RFC 6531 §3.4). */
  smtputf8?: boolean;
  /** RET= (RFC 3461). */
  ret?: DsnReturn;
  /** ENVID= (RFC 3461), xtext-decoded. */
  envid?: string;
  /** AUTH= (RFC 4954 §5), xtext-decoded; `<>` when the submitter is unknown. */
  auth?: string;
  /** REQUIRETLS (RFC 8689). */
  requireTls?: boolean;
  params: EsmtpParam[];
}

/** ORCPT= (RFC 3461 §4.2): `addr-type ";" xtext`. */
export interface OriginalRecipient {
  /** e.g. `rfc822`, `utf-8` (case kept). */
  addrType: string;
  /** xtext-decoded address. */
  address: string;
}

export interface RcptCommand {
  verb: 'RCPT';
  forwardPath: SmtpPath;
  /** NOTIFY= (RFC 3461): `'NEVER'` or a list of events. */
  notify?: 'NEVER' | DsnNotify[];
  orcpt?: OriginalRecipient;
  params: EsmtpParam[];
}

export interface DataCommand {
  verb: 'DATA';
}
/** BDAT (RFC 3030 CHUNKING): `size` octets follow the command line at once. */
export interface BdatCommand {
  verb: 'BDAT';
  size: number;
  last: boolean;
}
export interface RsetCommand {
  verb: 'RSET';
}
export interface VrfyCommand {
  verb: 'VRFY';
  argument: string;
}
export interface ExpnCommand {
  verb: 'EXPN';
  argument: string;
}
export interface HelpCommand {
  verb: 'HELP';
  argument?: string;
}
export interface NoopCommand {
  verb: 'NOOP';
  argument?: string;
}
export interface QuitCommand {
  verb: 'QUIT';
}
export interface StartTlsCommand {
  verb: 'STARTTLS';
}
/** AUTH (RFC 4954 §4). */
export interface AuthCommand {
  verb: 'AUTH';
  /** Upper-cased SASL mechanism name. */
  mechanism: string;
  /** Decoded initial response (SASL-IR); an empty array is written as `=`. */
  initialResponse?: Uint8Array;
}
/** TURN (RFC 821, obsolete: servers refuse it). */
export interface TurnCommand {
  verb: 'TURN';
}
/** ATRN (RFC 2645 ODMR): optional comma-separated domains. */
export interface AtrnCommand {
  verb: 'ATRN';
  domains: string[];
}
/** ETRN (RFC 1985): a node name, `@domain` or `#queue`. */
export interface EtrnCommand {
  verb: 'ETRN';
  node: string;
}
/** A command mailwire does not know (XCLIENT, XFORWARD, ...), kept as written. */
export interface UnknownCommand {
  verb: 'UNKNOWN';
  /** The verb as written (case kept). */
  name: string;
  argument?: string;
}

export type SmtpCommand =
  | HeloCommand
  | EhloCommand
  | MailCommand
  | RcptCommand
  | DataCommand
  | BdatCommand
  | RsetCommand
  | VrfyCommand
  | ExpnCommand
  | HelpCommand
  | NoopCommand
  | QuitCommand
  | StartTlsCommand
  | AuthCommand
  | TurnCommand
  | AtrnCommand
  | EtrnCommand
  | UnknownCommand;

export type SmtpVerb = SmtpCommand['verb'];

/** The verbs mailwire parses (UNKNOWN aside). */
export const KNOWN_VERBS: readonly string[] = [
  'HELO',
  'EHLO',
  'MAIL',
  'RCPT',
  'DATA',
  'BDAT',
  'RSET',
  'VRFY',
  'EXPN',
  'HELP',
  'NOOP',
  'QUIT',
  'STARTTLS',
  'AUTH',
  'TURN',
  'ATRN',
  'ETRN',
];
