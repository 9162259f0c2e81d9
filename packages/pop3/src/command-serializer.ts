import { encodeBase64, encodeUtf8, ParseError } from '@mailwire/core';
import { DEFAULT_COMMAND_LIMITS, type Pop3CommandLimits } from './command-limits';
import type { Pop3Command } from './types';

/**
 * Writes commands. Everything that could change the meaning of the line is refused with
 * `ParseError` INVALID_ARGUMENT instead of being sent: CR, LF or NUL in an argument (that
 * would inject a second command), a space inside a one-word argument, an empty argument,
 * and arguments or lines over the RFC 2449 §4 limits (options, defaults 40 / 255).
 */

const MECHANISM = /^[A-Z0-9_-]{1,20}$/; // RFC 4422 §3.1 sasl-mech
const BASE64_OR_EMPTY = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const KEYWORD = /^[\x21-\x7e]{3,4}$/;
const HEX32 = /^[0-9a-fA-F]{32}$/;

function invalid(message: string): ParseError {
  return new ParseError({ protocol: 'pop3', code: 'INVALID_ARGUMENT', message });
}

function checkText(what: string, value: string, allowSpace: boolean): void {
  if (value.length === 0) throw invalid(`${what} must not be empty`);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x0d || c === 0x0a || c === 0) throw invalid(`${what} contains CR, LF or NUL`);
    if (!allowSpace && (c === 0x20 || c === 0x09)) throw invalid(`${what} contains a space`);
  }
}

function checkNumber(what: string, n: number, min: number): string {
  if (!Number.isSafeInteger(n) || n < min) throw invalid(`${what} must be an integer >= ${min}`);
  return String(n);
}

/** The command line as strings (keyword, arguments), validated except for lengths. */
function words(cmd: Pop3Command): { keyword: string; args: string[]; unlimited?: number } {
  switch (cmd.name) {
    case 'USER':
      checkText('USER name', cmd.user, false);
      return { keyword: 'USER', args: [cmd.user] };
    case 'PASS':
      // RFC 1939 §7: the password is the rest of the line; spaces are allowed.
      checkText('PASS password', cmd.password, true);
      return { keyword: 'PASS', args: [cmd.password] };
    case 'APOP':
      checkText('APOP name', cmd.user, false);
      if (!HEX32.test(cmd.digest)) throw invalid('APOP digest must be 32 hex digits');
      return { keyword: 'APOP', args: [cmd.user, cmd.digest] };
    case 'AUTH': {
      if (cmd.mechanism === undefined) {
        if (cmd.initialResponse !== undefined) throw invalid('AUTH initial response without a mechanism');
        return { keyword: 'AUTH', args: [] };
      }
      if (!MECHANISM.test(cmd.mechanism)) throw invalid('AUTH mechanism is not a SASL mechanism name');
      if (cmd.initialResponse === undefined) return { keyword: 'AUTH', args: [cmd.mechanism] };
      // RFC 5034 §4: "=" is an empty initial response; otherwise base64.
      if (
        cmd.initialResponse !== '=' &&
        (cmd.initialResponse === '' || !BASE64_OR_EMPTY.test(cmd.initialResponse))
      ) {
        throw invalid('AUTH initial response must be base64 or "="');
      }
      return { keyword: 'AUTH', args: [cmd.mechanism, cmd.initialResponse], unlimited: 1 };
    }
    case 'STAT':
    case 'NOOP':
    case 'RSET':
    case 'QUIT':
    case 'CAPA':
    case 'STLS':
    case 'UTF8':
      return { keyword: cmd.name, args: [] };
    case 'LIST':
    case 'UIDL':
      return {
        keyword: cmd.name,
        args: cmd.msg === undefined ? [] : [checkNumber('message number', cmd.msg, 1)],
      };
    case 'RETR':
    case 'DELE':
      return { keyword: cmd.name, args: [checkNumber('message number', cmd.msg, 1)] };
    case 'TOP':
      return {
        keyword: 'TOP',
        args: [checkNumber('message number', cmd.msg, 1), checkNumber('TOP line count', cmd.lines, 0)],
      };
    case 'LANG':
      if (cmd.lang === undefined) return { keyword: 'LANG', args: [] };
      checkText('LANG tag', cmd.lang, false);
      return { keyword: 'LANG', args: [cmd.lang] };
    case 'OTHER':
      if (!KEYWORD.test(cmd.keyword)) throw invalid('command keywords are 3 or 4 printable characters');
      for (const a of cmd.args) checkText(`${cmd.keyword} argument`, a, false);
      return { keyword: cmd.keyword, args: cmd.args };
  }
}

/** The command line, CRLF included. Throws `ParseError` INVALID_ARGUMENT for values it must not send. */
export function serializeCommand(cmd: Pop3Command, limits: Partial<Pop3CommandLimits> = {}): Uint8Array {
  const l = { ...DEFAULT_COMMAND_LIMITS, ...limits };
  const w = words(cmd);
  const encodedArgs = w.args.map((a) => encodeUtf8(a));
  encodedArgs.forEach((a, i) => {
    if (i !== w.unlimited && a.length > l.maxArgumentLength) {
      throw invalid(`argument longer than ${l.maxArgumentLength} octets (RFC 2449 §4)`);
    }
  });
  const line = encodeUtf8(`${[w.keyword, ...w.args].join(' ')}\r\n`);
  if (line.length > l.maxCommandLength) {
    throw invalid(`command line longer than ${l.maxCommandLength} octets (RFC 2449 §4)`);
  }
  return line;
}

/** A client line in an AUTH exchange: the base64 response, or "*" to cancel (RFC 5034 §4). */
export function serializeAuthResponse(response: Uint8Array | 'cancel'): Uint8Array {
  if (response === 'cancel') return Uint8Array.of(0x2a, 0x0d, 0x0a);
  return encodeUtf8(`${encodeBase64(response)}\r\n`);
}
