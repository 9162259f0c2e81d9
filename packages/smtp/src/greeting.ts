import { ParseError } from '@mailwire/core';
import type { SmtpReply } from './reply';

/** The server greeting (RFC 5321 §4.2 "Greeting", §3.1). */
export interface SmtpGreeting {
  code: number;
  /** 220: ready; 554: the server will not talk to us (RFC 5321 §3.1); anything else is unusual. */
  ready: boolean;
  /** First word of the first line: the server's domain or address literal ('' if none). */
  domain: string;
  /** Text of the first line after the domain. */
  text: string;
  /**
   * The greeting says "ESMTP" (RFC 5321 §4.3.1 / RFC 1869 §4.2: a hint that EHLO is worth
   * trying). mailwire always tries EHLO first anyway.
   */
  esmtp: boolean;
}

export function parseGreeting(reply: Pick<SmtpReply, 'code' | 'lines'>): SmtpGreeting {
  if (reply.code !== 220 && reply.code !== 554 && reply.code !== 421) {
    throw new ParseError({
      protocol: 'smtp',
      code: 'UNEXPECTED_RESPONSE',
      message: `greeting must be 220, 421 or 554, got ${reply.code}`,
    });
  }
  const first = reply.lines[0] ?? '';
  const space = first.indexOf(' ');
  const domain = space < 0 ? first : first.slice(0, space);
  const text = space < 0 ? '' : first.slice(space + 1);
  const esmtp = reply.lines.some((line) => /(^|[\s(])ESMTP([\s;,)]|$)/i.test(line));
  return { code: reply.code, ready: reply.code === 220, domain, text, esmtp };
}
