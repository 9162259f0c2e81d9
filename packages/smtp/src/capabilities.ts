import { asciiUpper, ParseError } from '@mailwire/core';
import type { SmtpReply } from './reply';

/** One line of an EHLO reply after the first: `ehlo-keyword *( SP ehlo-param )` (RFC 5321 §4.1.1.1). */
export interface EhloKeyword {
  /** Upper-cased keyword (keywords are case-insensitive). */
  keyword: string;
  /** Parameters as sent (case kept). */
  params: string[];
  /** Written in the pre-standard `KEYWORD=param` form (e.g. `AUTH=LOGIN PLAIN`, for old Outlook clients). */
  equalsForm: boolean;
  /** The line as received. */
  line: string;
}

const KNOWN = new Set([
  'SIZE',
  'AUTH',
  'X-EXPS',
  '8BITMIME',
  'SMTPUTF8',
  'PIPELINING',
  'CHUNKING',
  'BINARYMIME',
  'DSN',
  'ENHANCEDSTATUSCODES',
  'STARTTLS',
  'REQUIRETLS',
  'ETRN',
  'ATRN',
  'DELIVERBY',
  'VRFY',
  'EXPN',
  'HELP',
]);

/**
 * What a server advertised in its EHLO reply. Keywords are matched case-insensitively;
 * unknown keywords are kept in `entries` (and listed by `unknown`).
 */
export class SmtpCapabilities {
  /** The domain (or address literal) on the first line. */
  readonly domain: string;
  /** The rest of the first line (the "ehlo-greet"). */
  readonly greeting: string;
  /** Every advertised keyword, in order; a keyword repeated (e.g. AUTH and AUTH=) appears twice. */
  readonly entries: readonly EhloKeyword[];

  constructor(domain: string, greeting: string, entries: readonly EhloKeyword[]) {
    this.domain = domain;
    this.greeting = greeting;
    this.entries = entries;
  }

  has(keyword: string): boolean {
    const k = asciiUpper(keyword);
    return this.entries.some((e) => e.keyword === k);
  }

  /** Parameters of the first entry with this keyword (`undefined` if not advertised). */
  params(keyword: string): string[] | undefined {
    const k = asciiUpper(keyword);
    return this.entries.find((e) => e.keyword === k)?.params;
  }

  /**
   * SIZE (RFC 1870): the largest message accepted, 0 when the server advertises SIZE
   * without a number or with 0 ("no fixed maximum"); `undefined` when not advertised or not a number.
   */
  get size(): number | undefined {
    const p = this.params('SIZE');
    if (p === undefined) return undefined;
    if (p.length === 0) return 0;
    const first = p[0] as string;
    if (!/^[0-9]{1,15}$/.test(first)) return undefined;
    return Number(first);
  }

  /** SASL mechanisms from `AUTH` and the old `AUTH=` form (RFC 4954), upper case, without duplicates. */
  get authMechanisms(): string[] {
    return this.mechanisms('AUTH');
  }

  /** Mechanisms in Exchange's `X-EXPS` keyword (its own AUTH-like verb for server-to-server, e.g. GSSAPI NTLM). */
  get exchangeAuthMechanisms(): string[] {
    return this.mechanisms('X-EXPS');
  }

  get pipelining(): boolean {
    return this.has('PIPELINING');
  }
  get eightBitMime(): boolean {
    return this.has('8BITMIME');
  }
  get smtpUtf8(): boolean {
    return this.has('SMTPUTF8');
  }
  get chunking(): boolean {
    return this.has('CHUNKING');
  }
  get binaryMime(): boolean {
    return this.has('BINARYMIME');
  }
  get dsn(): boolean {
    return this.has('DSN');
  }
  get enhancedStatusCodes(): boolean {
    return this.has('ENHANCEDSTATUSCODES');
  }
  get startTls(): boolean {
    return this.has('STARTTLS');
  }
  get requireTls(): boolean {
    return this.has('REQUIRETLS');
  }
  get etrn(): boolean {
    return this.has('ETRN');
  }
  get atrn(): boolean {
    return this.has('ATRN');
  }
  /** DELIVERBY (RFC 2852): the minimum by-time in seconds, 0 if none given, `undefined` if not advertised. */
  get deliverBy(): number | undefined {
    const p = this.params('DELIVERBY');
    if (p === undefined) return undefined;
    const first = p[0];
    return first !== undefined && /^[0-9]{1,15}$/.test(first) ? Number(first) : 0;
  }

  /** Entries whose keyword mailwire does not interpret. */
  get unknown(): EhloKeyword[] {
    return this.entries.filter((e) => !KNOWN.has(e.keyword));
  }

  private mechanisms(keyword: string): string[] {
    const out: string[] = [];
    for (const e of this.entries) {
      if (e.keyword !== keyword) continue;
      for (const p of e.params) {
        const m = asciiUpper(p);
        if (!out.includes(m)) out.push(m);
      }
    }
    return out;
  }
}

/**
 * Reads the capabilities from a successful EHLO reply (RFC 5321 §4.1.1.1):
 *
 *   ehlo-ok-rsp = ( "250" SP Domain [ SP ehlo-greet ] CRLF )
 *               / ( "250-" Domain [ SP ehlo-greet ] CRLF *( "250-" ehlo-line CRLF ) "250" SP ehlo-line CRLF )
 *
 * Lenient by design: spacing runs and tabs separate parameters, empty lines are skipped,
 * and a `KEYWORD=param` line is read as KEYWORD with that first parameter.
 */
export function parseEhloReply(reply: Pick<SmtpReply, 'code' | 'lines'>): SmtpCapabilities {
  if (reply.code !== 250) {
    throw new ParseError({
      protocol: 'smtp',
      code: 'UNEXPECTED_RESPONSE',
      message: `EHLO reply must be 250, got ${reply.code}`,
    });
  }
  const first = reply.lines[0] ?? '';
  const space = first.indexOf(' ');
  const domain = space < 0 ? first : first.slice(0, space);
  const greeting = space < 0 ? '' : first.slice(space + 1);
  const entries: EhloKeyword[] = [];
  for (let i = 1; i < reply.lines.length; i++) {
    const line = reply.lines[i] as string;
    const words = line.split(/[ \t]+/).filter((w) => w !== '');
    const head = words[0];
    if (head === undefined) continue;
    const eq = head.indexOf('=');
    if (eq > 0) {
      const rest = head.slice(eq + 1);
      entries.push({
        keyword: asciiUpper(head.slice(0, eq)),
        params: rest === '' ? words.slice(1) : [rest, ...words.slice(1)],
        equalsForm: true,
        line,
      });
    } else {
      entries.push({ keyword: asciiUpper(head), params: words.slice(1), equalsForm: false, line });
    }
  }
  return new SmtpCapabilities(domain, greeting, entries);
}
