import { encodeBase64, encodeUtf8, ParseError } from '@mailwire/core';
import type { SmtpCommand } from './commands';
import { formatMailParams, formatRcptParams } from './esmtp-parameters';
import { formatPath } from './path';

function refuse(message: string, excerpt: string): never {
  throw new ParseError({ protocol: 'smtp', code: 'INVALID_ARGUMENT', message, excerpt });
}

/**
 * CR or LF inside an argument would end the command line early and let the rest be
 * read as a second command (command injection, e.g. a recipient address taken from a
 * web form). NUL is refused as well: servers written in C truncate at it.
 */
function checkArg(value: string, what: string): string {
  if (/[\r\n\0]/.test(value)) {
    refuse(`${what} must not contain CR, LF or NUL (that would inject a command)`, value);
  }
  return value;
}

function checkToken(value: string, what: string): string {
  checkArg(value, what);
  if (value === '' || /[\s]/.test(value)) refuse(`${what} must be one non-empty word`, value);
  return value;
}

/** The command line without CRLF. */
export function formatCommand(cmd: SmtpCommand): string {
  switch (cmd.verb) {
    case 'HELO':
    case 'EHLO':
      return `${cmd.verb} ${checkToken(cmd.domain, `${cmd.verb} domain`)}`;
    case 'MAIL': {
      checkPathArgs(cmd.reversePath.mailbox);
      const params = formatMailParams(cmd).map((p) => checkArg(p, 'MAIL parameter'));
      return [`MAIL FROM:${formatPath(cmd.reversePath)}`, ...params].join(' ');
    }
    case 'RCPT': {
      if (cmd.forwardPath.mailbox === null) refuse('RCPT TO needs a mailbox, not <>', '<>');
      checkPathArgs(cmd.forwardPath.mailbox);
      const params = formatRcptParams(cmd).map((p) => checkArg(p, 'RCPT parameter'));
      return [`RCPT TO:${formatPath(cmd.forwardPath)}`, ...params].join(' ');
    }
    case 'BDAT':
      if (!Number.isSafeInteger(cmd.size) || cmd.size < 0)
        refuse('BDAT size must be a non-negative integer', String(cmd.size));
      return cmd.last ? `BDAT ${cmd.size} LAST` : `BDAT ${cmd.size}`;
    case 'VRFY':
    case 'EXPN':
      checkArg(cmd.argument, `${cmd.verb} argument`);
      if (cmd.argument.trim() === '' || cmd.argument !== cmd.argument.trim()) {
        refuse(`${cmd.verb} argument must be non-empty without surrounding spaces`, cmd.argument);
      }
      return `${cmd.verb} ${cmd.argument}`;
    case 'HELP':
    case 'NOOP':
      if (cmd.argument === undefined) return cmd.verb;
      checkArg(cmd.argument, `${cmd.verb} argument`);
      if (cmd.argument.trim() === '' || cmd.argument !== cmd.argument.trim()) {
        refuse(`${cmd.verb} argument must be non-empty without surrounding spaces`, cmd.argument);
      }
      return `${cmd.verb} ${cmd.argument}`;
    case 'AUTH': {
      const mech = checkToken(cmd.mechanism, 'AUTH mechanism');
      // RFC 4422 §3.1: sasl-mech = 1*20 of upper-case letters, digits, "-" and "_".
      if (!/^[A-Za-z0-9_-]{1,20}$/.test(mech)) refuse('bad SASL mechanism name', mech);
      if (cmd.initialResponse === undefined) return `AUTH ${mech}`;
      // RFC 4954 §4: an empty initial response is sent as "=".
      const ir = cmd.initialResponse.length === 0 ? '=' : encodeBase64(cmd.initialResponse);
      return `AUTH ${mech} ${ir}`;
    }
    case 'ATRN':
      if (cmd.domains.length === 0) return 'ATRN';
      return `ATRN ${cmd.domains.map((d) => checkToken(d, 'ATRN domain')).join(',')}`;
    case 'ETRN':
      return `ETRN ${checkToken(cmd.node, 'ETRN node')}`;
    case 'UNKNOWN': {
      const name = checkToken(cmd.name, 'command name');
      if (!/^[\x21-\x7e]+$/.test(name)) refuse('command name must be printable ASCII', name);
      if (cmd.argument === undefined) return name;
      checkArg(cmd.argument, 'command argument');
      return `${name} ${cmd.argument}`;
    }
    default:
      return cmd.verb;
  }
}

function checkPathArgs(mailbox: { localPart: string; domain: string } | null): void {
  if (mailbox === null) return;
  checkArg(mailbox.localPart, 'local part');
  checkArg(mailbox.domain, 'domain');
}

/**
 * Writes a command line, CRLF included, as UTF-8 (addresses are UTF-8 under SMTPUTF8,
 * RFC 6531). Throws `ParseError` INVALID_ARGUMENT for a value it must refuse: CR, LF or
 * NUL in any argument, a path or parameter that would not read back the same.
 */
export function serializeCommand(cmd: SmtpCommand): Uint8Array {
  return encodeUtf8(`${formatCommand(cmd)}\r\n`);
}
