/**
 * RFC 2449 §4: "Keywords are three or four characters long ... Each argument may be up to
 * 40 characters long. ... The maximum length of a command line is 255 octets, including
 * the terminating CRLF." RFC 5034 §4 exempts the AUTH initial response from the 40-character
 * argument limit (only the 255-octet line limit applies).
 */
export interface Pop3CommandLimits {
  /** Longest argument in octets. Default 40. */
  maxArgumentLength: number;
  /** Longest command line in octets, CRLF included. Default 255. */
  maxCommandLength: number;
}

export const DEFAULT_COMMAND_LIMITS: Readonly<Pop3CommandLimits> = Object.freeze({
  maxArgumentLength: 40,
  maxCommandLength: 255,
});

export const KNOWN_COMMANDS: readonly string[] = [
  'USER',
  'PASS',
  'APOP',
  'AUTH',
  'STAT',
  'LIST',
  'RETR',
  'DELE',
  'NOOP',
  'RSET',
  'QUIT',
  'TOP',
  'UIDL',
  'CAPA',
  'STLS',
  'UTF8',
  'LANG',
];
