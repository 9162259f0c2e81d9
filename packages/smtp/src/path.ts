import { asciiLower, ParseError } from '@mailwire/core';

/**
 * Mailboxes and paths (RFC 5321 §4.1.2, with RFC 6531 §3.3 for UTF-8):
 *
 *   Path          = "<" [ A-d-l ":" ] Mailbox ">"
 *   Reverse-path  = Path / "<>"
 *   Forward-path  = Path / "<Postmaster>" (case-insensitive, no domain)
 *   Mailbox       = Local-part "@" ( Domain / address-literal )
 *   Local-part    = Dot-string / Quoted-string
 */
export interface Mailbox {
  /** The local part with any quoting removed (`"a b"@x` gives `a b`). */
  localPart: string;
  /** Domain or address literal (`[192.0.2.1]`), as written; '' for `<Postmaster>`. */
  domain: string;
}

export interface SmtpPath {
  /** `null` for the null reverse-path `<>` (bounces, RFC 5321 §4.5.5). */
  mailbox: Mailbox | null;
  /** An obsolete source route (`<@a,@b:user@c>`): kept for the record, to be ignored (RFC 5321 §3.3, Appendix C). */
  sourceRoute?: string[];
}

/** A parsed path, with what a lenient parse had to accept. */
export interface ParsedPath {
  path: SmtpPath;
  /** The text between the angle brackets, as received. */
  raw: string;
  /** Names of the quirks accepted (empty when the path is valid). */
  quirks: PathQuirk[];
}

export type PathQuirk = 'MISSING_ANGLE_BRACKETS' | 'BAD_LOCAL_PART' | 'BAD_DOMAIN';

const ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

function isAtext(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true;
  if (c >= 0x80) return true; // RFC 6531 §3.3: atext =/ UTF8-non-ascii
  return ATEXT_SPECIALS.includes(ch);
}

/** Dot-string = Atom *("." Atom). */
export function isDotString(s: string): boolean {
  if (s === '') return false;
  let prevDot = true;
  for (const ch of s) {
    if (ch === '.') {
      if (prevDot) return false;
      prevDot = true;
    } else if (isAtext(ch)) {
      prevDot = false;
    } else {
      return false;
    }
  }
  return !prevDot;
}

function isLetDig(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c >= 0x80;
}

/** Domain = sub-domain *("." sub-domain); sub-domain = Let-dig [Ldh-str] (or a U-label under SMTPUTF8). */
export function isDomain(s: string): boolean {
  if (s === '' || s.length > 255) return false;
  for (const label of s.split('.')) {
    if (label === '' || label.length > 63) return false;
    if (!isLetDig(label.charCodeAt(0)) || !isLetDig(label.charCodeAt(label.length - 1))) return false;
    for (let i = 0; i < label.length; i++) {
      const c = label.charCodeAt(i);
      if (!isLetDig(c) && c !== 0x2d) return false;
    }
  }
  return true;
}

const IPV4 = /^(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})(\.(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})){3}$/;
const IPV6_HEX = /^[0-9A-Fa-f]{1,4}$/;

/**
 * IPv6-addr (RFC 5321 §4.1.3): IPv6-full (8 groups), IPv6-comp (`::` and at most 6 other
 * groups), IPv6v4-full (6 groups and an IPv4 address), IPv6v4-comp (`::`, at most 4 other
 * groups and an IPv4 address). `::` stands for at least two groups of zeros, once.
 */
function isIPv6(s: string): boolean {
  let groups = 8;
  let hex = s;
  if (s.includes('.')) {
    const lastColon = s.lastIndexOf(':');
    if (!IPV4.test(s.slice(lastColon + 1))) return false;
    // the groups before the IPv4 part, with the colon that ends them (dropped below)
    hex = s.slice(0, lastColon + 1);
    groups = 6;
  }
  // an empty group (":::", a stray colon, a second "::") fails the hex test
  const split = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const dbl = hex.indexOf('::');
  if (dbl < 0) {
    const all = split(groups === 6 ? hex.slice(0, -1) : hex);
    return all.length === groups && all.every((g) => IPV6_HEX.test(g));
  }
  const right = hex.slice(dbl + 2);
  const all = [...split(hex.slice(0, dbl)), ...split(groups === 6 ? right.slice(0, -1) : right)];
  return all.length <= groups - 2 && all.every((g) => IPV6_HEX.test(g));
}

/** address-literal = "[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]" (RFC 5321 §4.1.3). */
export function isAddressLiteral(s: string): boolean {
  if (s.length < 3 || s[0] !== '[' || s[s.length - 1] !== ']') return false;
  const inner = s.slice(1, -1);
  if (IPV4.test(inner)) return true;
  // IPv6-address-literal = "IPv6:" IPv6-addr (the tag is case-insensitive, RFC 5234 §2.3)
  if (/^IPv6:/i.test(inner)) return isIPv6(inner.slice(5));
  // General-address-literal = Standardized-tag ":" 1*dcontent; dcontent = %d33-90 / %d94-126
  // (No nested quantifiers: a hostile 12 KiB line must not make the regex backtrack.)
  const colon = inner.indexOf(':');
  if (colon < 1) return false;
  const tag = inner.slice(0, colon);
  if (/^IPv6$/i.test(tag) || tag.endsWith('-') || !/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(tag)) return false;
  return /^[\x21-\x5a\x5e-\x7e]+$/.test(inner.slice(colon + 1));
}

function invalid(message: string, text: string): ParseError {
  return new ParseError({ protocol: 'smtp', code: 'BAD_SYNTAX', message, excerpt: text });
}

/**
 * Parses a path as written after `FROM:` or `TO:` (angle brackets included).
 * `lenient` accepts, and lists in `quirks`: a path without angle brackets (old clients
 * and hand-typed sessions), local parts that are not RFC dot-strings (`john..doe`, common
 * with Japanese mobile carriers' addresses), and domains with `_` or other odd characters.
 * Whatever the mode, a path never contains SP outside a quoted local part, CTLs, or `<`/`>` inside.
 */
export function parsePath(text: string, lenient: boolean): ParsedPath {
  const quirks: PathQuirk[] = [];
  let inner: string;
  if (text.startsWith('<') && text.endsWith('>') && text.length >= 2) {
    inner = text.slice(1, -1);
  } else if (lenient && text !== '' && !text.includes('<') && !text.includes('>')) {
    quirks.push('MISSING_ANGLE_BRACKETS');
    inner = text;
  } else {
    throw invalid('path must be enclosed in < and >', text);
  }
  if (inner === '') return { path: { mailbox: null }, raw: inner, quirks };
  let rest = inner;
  let sourceRoute: string[] | undefined;
  if (rest.startsWith('@')) {
    const colon = rest.indexOf(':');
    if (colon < 0) throw invalid('source route without ":"', text);
    sourceRoute = rest.slice(0, colon).split(',');
    for (const hop of sourceRoute) {
      if (!hop.startsWith('@') || !(isDomain(hop.slice(1)) || isAddressLiteral(hop.slice(1)))) {
        throw invalid('bad source route', text);
      }
    }
    rest = rest.slice(colon + 1);
  }
  let localPart: string;
  let domainPart: string;
  if (rest.startsWith('"')) {
    // Quoted-string = DQUOTE *QcontentSMTP DQUOTE; quoted-pairSMTP = "\" %d32-126
    let i = 1;
    let out = '';
    for (;;) {
      if (i >= rest.length) throw invalid('unterminated quoted local part', text);
      const ch = rest[i] as string;
      const c = ch.charCodeAt(0);
      if (ch === '"') break;
      if (ch === '\\') {
        const next = rest[i + 1];
        if (next === undefined) throw invalid('unterminated quoted local part', text);
        const n = next.charCodeAt(0);
        if (n < 0x20 || n === 0x7f) throw invalid('control character in quoted local part', text);
        out += next;
        i += 2;
        continue;
      }
      if (c < 0x20 || c === 0x7f) throw invalid('control character in quoted local part', text);
      out += ch;
      i++;
    }
    localPart = out;
    rest = rest.slice(i + 1);
    if (rest === '') {
      throw invalid('mailbox without "@domain"', text);
    }
    if (!rest.startsWith('@')) throw invalid('expected "@" after the quoted local part', text);
    domainPart = rest.slice(1);
  } else {
    const at = rest.lastIndexOf('@');
    if (at < 0) {
      // Only <Postmaster> may omit the domain (RFC 5321 §4.1.1.3).
      if (asciiLower(rest) === 'postmaster' && sourceRoute === undefined) {
        return { path: { mailbox: { localPart: rest, domain: '' } }, raw: inner, quirks };
      }
      throw invalid('mailbox without "@domain"', text);
    }
    localPart = rest.slice(0, at);
    domainPart = rest.slice(at + 1);
    if (/[\s"\\<>@]|[\x00-\x1f\x7f]/.test(localPart) || localPart === '') {
      throw invalid('bad local part', text);
    }
    if (!isDotString(localPart)) {
      if (!lenient) throw invalid('local part is not a dot-string', text);
      quirks.push('BAD_LOCAL_PART');
    }
  }
  if (!isDomain(domainPart) && !isAddressLiteral(domainPart)) {
    if (!lenient || domainPart === '' || /[\s<>@"\\]|[\x00-\x1f\x7f]/.test(domainPart)) {
      throw invalid('bad domain in path', text);
    }
    quirks.push('BAD_DOMAIN');
  }
  const path: SmtpPath = { mailbox: { localPart, domain: domainPart } };
  if (sourceRoute !== undefined) path.sourceRoute = sourceRoute;
  return { path, raw: inner, quirks };
}

/** Writes a local part: as is when it is a dot-string, else quoted with `\` before `"` and `\`. */
export function formatLocalPart(localPart: string): string {
  if (isDotString(localPart)) return localPart;
  for (const ch of localPart) {
    const c = ch.charCodeAt(0);
    if (c < 0x20 || c === 0x7f) {
      throw new ParseError({
        protocol: 'smtp',
        code: 'INVALID_ARGUMENT',
        message: 'local part must not contain control characters (CR, LF, ...)',
        excerpt: localPart,
      });
    }
  }
  return `"${localPart.replace(/["\\]/g, (m) => `\\${m}`)}"`;
}

/** Writes a path with its angle brackets; refuses what could not be read back. */
export function formatPath(path: SmtpPath): string {
  const mailbox = path.mailbox;
  if (mailbox === null) return '<>';
  let route = '';
  if (path.sourceRoute !== undefined && path.sourceRoute.length > 0) {
    for (const hop of path.sourceRoute) {
      if (!hop.startsWith('@') || !(isDomain(hop.slice(1)) || isAddressLiteral(hop.slice(1)))) {
        throw new ParseError({
          protocol: 'smtp',
          code: 'INVALID_ARGUMENT',
          message: 'bad source route hop',
          excerpt: hop,
        });
      }
    }
    route = `${path.sourceRoute.join(',')}:`;
  }
  if (mailbox.domain === '') {
    if (asciiLower(mailbox.localPart) !== 'postmaster' || route !== '') {
      throw new ParseError({
        protocol: 'smtp',
        code: 'INVALID_ARGUMENT',
        message: 'only <Postmaster> may have no domain',
        excerpt: mailbox.localPart,
      });
    }
    return `<${mailbox.localPart}>`;
  }
  if (!isDomain(mailbox.domain) && !isAddressLiteral(mailbox.domain)) {
    throw new ParseError({
      protocol: 'smtp',
      code: 'INVALID_ARGUMENT',
      message: 'domain is neither a domain name nor an address literal',
      excerpt: mailbox.domain,
    });
  }
  return `<${route}${formatLocalPart(mailbox.localPart)}@${mailbox.domain}>`;
}

/** True if any part of the path needs SMTPUTF8 (RFC 6531). */
export function pathNeedsUtf8(path: SmtpPath): boolean {
  const m = path.mailbox;
  return m !== null && /[^\x00-\x7f]/.test(m.localPart + m.domain);
}
