import { asciiUpper, ParseError, parseDecimalString } from '@mailwire/core';
import type { BodyType, DsnNotify, EsmtpParam, MailCommand, RcptCommand } from './commands';
import { decodeXtext, encodeXtext } from './xtext';

/**
 * Mail-parameters / Rcpt-parameters (RFC 5321 §4.1.2):
 *
 *   esmtp-param   = esmtp-keyword ["=" esmtp-value]
 *   esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
 *   esmtp-value   = 1*(%d33-60 / %d62-126)      ; RFC 6531 §3.3 adds UTF8-non-ascii
 */

/** Reports a quirk: throws in strict mode, records a warning in lenient mode. */
export type QuirkReporter = (name: string, message: string) => void;

const KEYWORD = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const VALUE = /^[\x21-\x3c\x3e-\x7e\u0080-\u{10ffff}]+$/u;

function bad(message: string, excerpt: string): ParseError {
  return new ParseError({ protocol: 'smtp', code: 'BAD_SYNTAX', message, excerpt });
}

/** Splits `KEY[=value] KEY[=value]...`; `words` are already separated by spaces. */
export function parseEsmtpParams(words: readonly string[]): EsmtpParam[] {
  const out: EsmtpParam[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    const keyword = eq < 0 ? word : word.slice(0, eq);
    if (!KEYWORD.test(keyword)) throw bad('bad ESMTP parameter keyword', word);
    if (eq < 0) {
      out.push({ keyword: asciiUpper(keyword) });
      continue;
    }
    const value = word.slice(eq + 1);
    if (!VALUE.test(value)) throw bad('bad ESMTP parameter value', word);
    out.push({ keyword: asciiUpper(keyword), value });
  }
  return out;
}

function noValue(p: EsmtpParam, report: QuirkReporter): void {
  if (p.value !== undefined) report('PARAM_VALUE', `${p.keyword} takes no value`);
}

function needValue(p: EsmtpParam): string {
  if (p.value === undefined) throw bad(`${p.keyword} needs a value`, p.keyword);
  return p.value;
}

/** Moves the known MAIL parameters into typed fields of `cmd`; the rest stay in `cmd.params`. */
export function applyMailParams(
  cmd: MailCommand,
  params: readonly EsmtpParam[],
  report: QuirkReporter,
): void {
  const seen = new Set<string>();
  for (const p of params) {
    const known = ['SIZE', 'BODY', 'SMTPUTF8', 'RET', 'ENVID', 'AUTH', 'REQUIRETLS'].includes(p.keyword);
    if (known && seen.has(p.keyword)) {
      report('DUPLICATE_PARAM', `${p.keyword} given twice; the first is kept`);
      continue;
    }
    seen.add(p.keyword);
    switch (p.keyword) {
      case 'SIZE':
        cmd.size = parseDecimalString(needValue(p), 'smtp');
        break;
      case 'BODY': {
        const v = asciiUpper(needValue(p));
        if (v !== '7BIT' && v !== '8BITMIME' && v !== 'BINARYMIME') {
          report('UNKNOWN_BODY', `unknown BODY=${v}; kept as an extra parameter`);
          cmd.params.push(p);
        } else {
          cmd.body = v;
        }
        break;
      }
      case 'SMTPUTF8':
        noValue(p, report);
        cmd.smtputf8 = true;
        break;
      case 'RET': {
        const v = asciiUpper(needValue(p));
        if (v !== 'FULL' && v !== 'HDRS') throw bad('RET must be FULL or HDRS', v);
        cmd.ret = v;
        break;
      }
      case 'ENVID':
        cmd.envid = decodeXtext(needValue(p), true);
        break;
      case 'AUTH':
        cmd.auth = decodeXtext(needValue(p), true);
        break;
      case 'REQUIRETLS':
        noValue(p, report);
        cmd.requireTls = true;
        break;
      default:
        cmd.params.push(p);
    }
  }
}

/** Moves the known RCPT parameters (NOTIFY, ORCPT) into typed fields. */
export function applyRcptParams(
  cmd: RcptCommand,
  params: readonly EsmtpParam[],
  report: QuirkReporter,
): void {
  const seen = new Set<string>();
  for (const p of params) {
    if ((p.keyword === 'NOTIFY' || p.keyword === 'ORCPT') && seen.has(p.keyword)) {
      report('DUPLICATE_PARAM', `${p.keyword} given twice; the first is kept`);
      continue;
    }
    seen.add(p.keyword);
    if (p.keyword === 'NOTIFY') {
      const items = asciiUpper(needValue(p)).split(',');
      if (items.length === 1 && items[0] === 'NEVER') {
        cmd.notify = 'NEVER';
        continue;
      }
      const list: DsnNotify[] = [];
      for (const item of items) {
        if (item !== 'SUCCESS' && item !== 'FAILURE' && item !== 'DELAY') {
          throw bad('NOTIFY must be NEVER or a list of SUCCESS, FAILURE, DELAY', p.value ?? '');
        }
        if (!list.includes(item)) list.push(item);
      }
      cmd.notify = list;
    } else if (p.keyword === 'ORCPT') {
      const v = needValue(p);
      const semi = v.indexOf(';');
      if (semi <= 0) throw bad('ORCPT must be addr-type;address', v);
      cmd.orcpt = { addrType: v.slice(0, semi), address: decodeXtext(v.slice(semi + 1), true) };
    } else {
      cmd.params.push(p);
    }
  }
}

function invalidArgument(message: string, excerpt: string): ParseError {
  return new ParseError({ protocol: 'smtp', code: 'INVALID_ARGUMENT', message, excerpt });
}

/** Writes extra parameters, refusing what would not parse back (or would inject a line). */
export function formatExtraParams(params: readonly EsmtpParam[]): string[] {
  return params.map((p) => {
    if (!KEYWORD.test(p.keyword)) throw invalidArgument('bad ESMTP parameter keyword', p.keyword);
    if (p.value === undefined) return p.keyword;
    if (!VALUE.test(p.value))
      throw invalidArgument('bad ESMTP parameter value (CR, LF, SP, = are not allowed)', p.value);
    return `${p.keyword}=${p.value}`;
  });
}

function checkSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 0)
    throw invalidArgument('SIZE must be a non-negative integer', String(size));
}

/** The MAIL parameters of `cmd`, written: known ones first (fixed order), then `cmd.params`. */
export function formatMailParams(cmd: MailCommand): string[] {
  const out: string[] = [];
  if (cmd.size !== undefined) {
    checkSize(cmd.size);
    out.push(`SIZE=${cmd.size}`);
  }
  if (cmd.body !== undefined) {
    const body: BodyType = cmd.body;
    if (body !== '7BIT' && body !== '8BITMIME' && body !== 'BINARYMIME')
      throw invalidArgument('bad BODY', String(body));
    out.push(`BODY=${body}`);
  }
  if (cmd.smtputf8) out.push('SMTPUTF8');
  if (cmd.ret !== undefined) {
    if (cmd.ret !== 'FULL' && cmd.ret !== 'HDRS') throw invalidArgument('bad RET', String(cmd.ret));
    out.push(`RET=${cmd.ret}`);
  }
  if (cmd.envid !== undefined) out.push(`ENVID=${nonEmptyXtext(cmd.envid, 'ENVID')}`);
  if (cmd.auth !== undefined) out.push(`AUTH=${nonEmptyXtext(cmd.auth, 'AUTH')}`);
  if (cmd.requireTls) out.push('REQUIRETLS');
  out.push(...formatExtraParams(cmd.params));
  return out;
}

function nonEmptyXtext(value: string, name: string): string {
  if (value === '') throw invalidArgument(`${name} must not be empty`, value);
  return encodeXtext(value);
}

/** The RCPT parameters of `cmd`, written. */
export function formatRcptParams(cmd: RcptCommand): string[] {
  const out: string[] = [];
  if (cmd.notify !== undefined) {
    if (cmd.notify === 'NEVER') out.push('NOTIFY=NEVER');
    else {
      if (cmd.notify.length === 0) throw invalidArgument('NOTIFY needs at least one value', '');
      for (const n of cmd.notify) {
        if (n !== 'SUCCESS' && n !== 'FAILURE' && n !== 'DELAY')
          throw invalidArgument('bad NOTIFY value', String(n));
      }
      out.push(`NOTIFY=${cmd.notify.join(',')}`);
    }
  }
  if (cmd.orcpt !== undefined) {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(cmd.orcpt.addrType)) {
      throw invalidArgument('bad ORCPT address type', cmd.orcpt.addrType);
    }
    out.push(`ORCPT=${cmd.orcpt.addrType};${nonEmptyXtext(cmd.orcpt.address, 'ORCPT')}`);
  }
  out.push(...formatExtraParams(cmd.params));
  return out;
}
