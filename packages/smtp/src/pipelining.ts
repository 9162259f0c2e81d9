import type { SmtpCommand } from './commands';

/**
 * Command pipelining (RFC 2920). With PIPELINING a client may send several commands
 * before reading their replies, as one "group". A command whose outcome changes what the
 * client does next must be the last of its group: the client then waits for all replies.
 *
 * RFC 2920 §3.1: "EHLO, DATA, VRFY, EXPN, TURN, QUIT, and NOOP ... can only appear as
 * the last command in a group". Also last: HELO (like EHLO), STARTTLS (RFC 3207 §4.2:
 * the TLS negotiation follows at once), ATRN (roles reverse, RFC 2645) and AUTH, except an
 * AUTH with an initial response for a one-round mechanism such as PLAIN or EXTERNAL
 * (RFC 4954 §4). BDAT chunks may be pipelined (RFC 3030 §4.2). Unknown commands, ETRN
 * and HELP are treated as ending a group too: nothing says their outcome is harmless.
 */
export function endsPipelineGroup(command: SmtpCommand): boolean {
  switch (command.verb) {
    case 'MAIL':
    case 'RCPT':
    case 'RSET':
    case 'BDAT':
      return false;
    case 'AUTH':
      return !(command.initialResponse !== undefined && ONE_ROUND_MECHANISMS.has(command.mechanism));
    default:
      return true;
  }
}

/** SASL mechanisms that finish in one client message (RFC 4954 §4 names PLAIN and EXTERNAL). */
const ONE_ROUND_MECHANISMS = new Set(['PLAIN', 'EXTERNAL', 'ANONYMOUS']);

/** True if `commands`, in order, form one valid pipeline group (only the last may end it). */
export function isValidPipelineGroup(commands: readonly SmtpCommand[]): boolean {
  for (let i = 0; i < commands.length - 1; i++) {
    if (endsPipelineGroup(commands[i] as SmtpCommand)) return false;
  }
  return true;
}
