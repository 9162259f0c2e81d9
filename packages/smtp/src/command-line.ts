import { asciiUpper, decodeBase64, ParseError, parseDecimalString } from '@mailwire/core';
import type { MailCommand, RcptCommand, SmtpCommand } from './commands';
import { applyMailParams, applyRcptParams, parseEsmtpParams, type QuirkReporter } from './esmtp-parameters';
import { parsePath, pathNeedsUtf8 } from './path';

/**
 * Parsing of one command line (already decoded to text, line end removed) into an
 * `SmtpCommand` (RFC 5321 §4.1.1, §4.1.2). Quirks go to `report`, which throws in strict mode.
 */

function bad(message: string, excerpt: string): ParseError {
  return new ParseError({ protocol: 'smtp', code: 'BAD_SYNTAX', message, excerpt });
}

/** Splits `<path> params...` at the `>` that closes the path (a quoted local part may hold spaces and `>`). */
function splitPath(text: string, report: QuirkReporter): { path: string; params: string[] } {
  let end = -1;
  if (text.startsWith('<')) {
    let quoted = false;
    for (let i = 1; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '\\') i++;
        else if (ch === '"') quoted = false;
      } else if (ch === '"') {
        quoted = true;
      } else if (ch === '>') {
        end = i + 1;
        break;
      }
    }
    if (end < 0) throw bad('path without its closing ">"', text);
  } else {
    const sp = text.indexOf(' ');
    end = sp < 0 ? text.length : sp;
  }
  const path = text.slice(0, end);
  const rest = text.slice(end);
  if (rest !== '' && !rest.startsWith(' ')) throw bad('expected a space after the path', text);
  const words = rest.split(' ');
  const params = words.filter((w) => w !== '');
  if (params.length > 0 && words.length - 1 !== params.length) {
    report('EXTRA_SPACE', 'more than one space between parameters');
  }
  return { path, params };
}

/** `FROM:` / `TO:` then the path; a space after the colon is a common client quirk. */
function afterKeyword(arg: string, keyword: string, verb: string, report: QuirkReporter): string {
  if (asciiUpper(arg.slice(0, keyword.length)) !== keyword)
    throw bad(`${verb} must be followed by ${keyword}`, arg);
  let rest = arg.slice(keyword.length);
  if (rest.startsWith(' ')) {
    // "MAIL FROM: <a@b>": Outlook Express-era clients, many scripts and hand-typed sessions.
    report('SPACE_AFTER_COLON', `space after ${keyword}`);
    rest = rest.replace(/^ +/, '');
  }
  return rest;
}

function pathQuirks(quirks: readonly string[], report: QuirkReporter): void {
  for (const q of quirks) {
    if (q === 'MISSING_ANGLE_BRACKETS')
      report(q, 'path without angle brackets (old clients, hand-typed sessions)');
    else if (q === 'BAD_LOCAL_PART')
      report(q, 'local part is not an RFC 5321 dot-string (e.g. "a..b" of Japanese mobile carriers)');
    else report(q, 'domain is not an RFC 5321 domain (e.g. "_" in a host name)');
  }
}

function noArgument(verb: string, arg: string | undefined, report: QuirkReporter): void {
  if (arg !== undefined) report('UNEXPECTED_ARGUMENT', `${verb} takes no argument; ignored`);
}

function requireWord(verb: string, arg: string | undefined, what: string, report: QuirkReporter): string {
  if (arg === undefined || arg === '') {
    // e.g. "HELO" alone: scanners and broken embedded clients (printers, cameras).
    report('MISSING_ARGUMENT', `${verb} without ${what}`);
    return '';
  }
  return arg;
}

/** Parses a command line. `lenient` decides how paths are read; `report` handles the other quirks. */
export function parseCommandLine(line: string, lenient: boolean, report: QuirkReporter): SmtpCommand {
  const sp = line.indexOf(' ');
  const name = sp < 0 ? line : line.slice(0, sp);
  let arg: string | undefined = sp < 0 ? undefined : line.slice(sp + 1);
  if (arg?.startsWith(' ')) {
    report('EXTRA_SPACE', 'more than one space after the verb');
    arg = arg.replace(/^ +/, '');
  }
  if (arg === '') arg = undefined;
  const verb = asciiUpper(name);
  switch (verb) {
    case 'HELO':
    case 'EHLO':
      return { verb, domain: requireWord(verb, arg, 'a domain', report) };
    case 'MAIL': {
      const { path, params } = splitPath(afterKeyword(arg ?? '', 'FROM:', 'MAIL', report), report);
      const parsed = parsePath(path, lenient);
      pathQuirks(parsed.quirks, report);
      const cmd: MailCommand = { verb: 'MAIL', reversePath: parsed.path, params: [] };
      applyMailParams(cmd, parseEsmtpParams(params), report);
      if (pathNeedsUtf8(parsed.path) && !cmd.smtputf8) {
        report('UTF8_WITHOUT_SMTPUTF8', 'non-ASCII address without the SMTPUTF8 parameter (RFC 6531 §3.4)');
      }
      return cmd;
    }
    case 'RCPT': {
      const { path, params } = splitPath(afterKeyword(arg ?? '', 'TO:', 'RCPT', report), report);
      const parsed = parsePath(path, lenient);
      if (parsed.path.mailbox === null) throw bad('RCPT TO:<> has no recipient', line);
      pathQuirks(parsed.quirks, report);
      const cmd: RcptCommand = { verb: 'RCPT', forwardPath: parsed.path, params: [] };
      applyRcptParams(cmd, parseEsmtpParams(params), report);
      return cmd;
    }
    case 'DATA':
    case 'RSET':
    case 'QUIT':
    case 'STARTTLS':
    case 'TURN':
      noArgument(verb, arg, report);
      return { verb };
    case 'BDAT': {
      // RFC 3030 §2: bdat-cmd = "BDAT" SP chunk-size [ SP end-marker ]; end-marker = "LAST"
      const words = (arg ?? '').split(' ');
      const size = words[0] ?? '';
      if (!/^[0-9]+$/.test(size)) throw bad('BDAT needs a chunk size', line);
      if (words.length > 2 || (words.length === 2 && asciiUpper(words[1] as string) !== 'LAST')) {
        throw bad('BDAT takes a size and an optional LAST', line);
      }
      return { verb: 'BDAT', size: parseDecimalString(size, 'smtp'), last: words.length === 2 };
    }
    case 'VRFY':
    case 'EXPN':
      return { verb, argument: requireWord(verb, arg, 'an argument', report) };
    case 'HELP':
    case 'NOOP':
      return arg === undefined ? { verb } : { verb, argument: arg };
    case 'AUTH': {
      const words = (arg ?? '').split(' ');
      const mechanism = asciiUpper(words[0] ?? '');
      if (!/^[A-Z0-9_-]{1,20}$/.test(mechanism)) throw bad('AUTH needs a SASL mechanism name', line);
      if (words.length > 2) throw bad('AUTH takes a mechanism and an optional initial response', line);
      const ir = words[1];
      if (ir === undefined) return { verb: 'AUTH', mechanism };
      // RFC 4954 §4: "=" is an empty initial response.
      return {
        verb: 'AUTH',
        mechanism,
        initialResponse: ir === '=' ? new Uint8Array(0) : decodeBase64(ir, 'smtp'),
      };
    }
    case 'ATRN':
      return { verb: 'ATRN', domains: arg === undefined ? [] : arg.split(',') };
    case 'ETRN':
      return { verb: 'ETRN', node: requireWord(verb, arg, 'a node name', report) };
    default:
      if (name === '') throw bad('empty command', line);
      return arg === undefined ? { verb: 'UNKNOWN', name } : { verb: 'UNKNOWN', name, argument: arg };
  }
}
