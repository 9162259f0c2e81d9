import { concatBytes, DotStuffer, encodeBase64, encodeUtf8, ParseError } from '@mailwire/core';
import { isValidResponseCode, parseResponseCode } from './response-codes';
import type {
  Capability,
  DropListing,
  ExpectKind,
  LanguageListing,
  ResponseCode,
  ScanListing,
  UidListing,
} from './types';

/**
 * Writes what a POP3 server sends: status lines, multi-line answers (dot-stuffed, RFC 1939
 * §3), listings and AUTH continuations. For a test server, a proxy, and the round-trip
 * tests of the parser. Text that would change the framing (CR, LF) is refused with
 * `ParseError` INVALID_ARGUMENT.
 */

export interface StatusLineInit {
  status: 'OK' | 'ERR';
  /** RFC 2449 §8 code, as text (`'SYS/TEMP'`) or parsed. */
  code?: string | ResponseCode;
  text?: string;
}

/** A response to write; the fields used depend on `kind` (like the parser's `response` event). */
export interface Pop3ResponseInit extends StatusLineInit {
  kind: ExpectKind;
  /** greeting: appended to the text unless the text already holds it. */
  timestamp?: string;
  drop?: DropListing;
  scans?: ScanListing[];
  uids?: UidListing[];
  /** capa: the capability lines. */
  capabilities?: Capability[];
  mechanisms?: string[];
  languages?: LanguageListing[];
  lines?: Uint8Array[];
  body?: Uint8Array;
}

const CRLF = Uint8Array.of(0x0d, 0x0a);
const TERMINATOR = Uint8Array.of(0x2e, 0x0d, 0x0a);

function invalid(message: string): ParseError {
  return new ParseError({ protocol: 'pop3', code: 'INVALID_ARGUMENT', message });
}

function checkLineText(what: string, text: string): void {
  if (/[\r\n\0]/.test(text)) throw invalid(`${what} contains CR, LF or NUL`);
}

/** `+OK [CODE] text` CRLF or `-ERR ...` CRLF. */
export function serializeStatusLine(init: StatusLineInit): Uint8Array {
  const text = init.text ?? '';
  checkLineText('response text', text);
  let head = init.status === 'OK' ? '+OK' : '-ERR';
  if (init.code !== undefined) {
    const raw = typeof init.code === 'string' ? init.code : init.code.raw;
    if (!isValidResponseCode(raw)) throw invalid(`"${raw}" is not a valid RFC 2449 response code`);
    head += ` [${raw}]`;
    if (text.length > 0) head += ` ${text}`;
  } else if (text.length > 0) {
    // Text that starts like a response code would be read back as one (RFC 2449 §8).
    if (parseResponseCode(encodeUtf8(text)))
      throw invalid('response text starts with a response code; pass it as `code`');
    head += ` ${text}`;
  }
  return encodeUtf8(`${head}\r\n`);
}

/** Lines of a multi-line answer, each dot-stuffed, then the "." terminator. */
export function serializeMultilineLines(lines: Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const line of lines) {
    if (line.includes(0x0d) || line.includes(0x0a)) throw invalid('a listing line contains CR or LF');
    if (line[0] === 0x2e) parts.push(Uint8Array.of(0x2e));
    parts.push(line, CRLF);
  }
  // a fresh terminator: with no lines it is the whole result, handed to the caller
  parts.push(TERMINATOR.slice());
  return concatBytes(parts);
}

function textLines(lines: string[]): Uint8Array {
  return serializeMultilineLines(
    lines.map((l) => {
      checkLineText('listing line', l);
      return encodeUtf8(l);
    }),
  );
}

function checkNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw invalid('listing numbers must be non-negative integers');
  return String(n);
}

function scanLine(s: ScanListing): string {
  if (s.extra !== undefined) checkLineText('scan listing', s.extra);
  return `${checkNumber(s.msg)} ${checkNumber(s.size)}${s.extra ? ` ${s.extra}` : ''}`;
}

function uidLine(u: UidListing): string {
  if (!/^[\x21-\x7e]{1,70}$/.test(u.uid)) throw invalid('unique-id must be 1..70 characters 0x21..0x7E');
  return `${checkNumber(u.msg)} ${u.uid}`;
}

function capabilityLine(c: Capability): string {
  const line = [c.name, ...c.args].join(' ');
  checkLineText('capability', line);
  if (c.name.length === 0 || /\s/.test(c.name)) throw invalid('capability name must be one word');
  return line;
}

/** A complete response for `kind`: the status line, then the multi-line part when `+OK` opens one. */
export function serializeResponse(r: Pop3ResponseInit): Uint8Array {
  const ok = r.status === 'OK';
  const withText = (prefix: string): StatusLineInit => {
    const text = r.text ? `${prefix} ${r.text}` : prefix;
    return r.code === undefined ? { status: r.status, text } : { status: r.status, code: r.code, text };
  };
  switch (r.kind) {
    case 'greeting': {
      if (ok && r.timestamp !== undefined && !(r.text ?? '').includes(r.timestamp)) {
        checkLineText('timestamp', r.timestamp);
        const text = r.text ? `${r.text} ${r.timestamp}` : r.timestamp;
        return serializeStatusLine(
          r.code === undefined ? { status: 'OK', text } : { status: 'OK', code: r.code, text },
        );
      }
      return serializeStatusLine(r);
    }
    case 'stat':
      if (ok && r.drop)
        return serializeStatusLine(withText(`${checkNumber(r.drop.count)} ${checkNumber(r.drop.size)}`));
      return serializeStatusLine(r);
    case 'list-one':
      if (ok && r.scans?.[0]) return serializeStatusLine(withText(scanLine(r.scans[0])));
      return serializeStatusLine(r);
    case 'uidl-one':
      if (ok && r.uids?.[0]) return serializeStatusLine(withText(uidLine(r.uids[0])));
      return serializeStatusLine(r);
    default:
      break;
  }
  const status = serializeStatusLine(r);
  if (!ok) return status;
  switch (r.kind) {
    case 'multiline-body':
      return concatBytes([status, serializeBody(r.body ?? new Uint8Array(0))]);
    case 'list':
      return concatBytes([status, textLines((r.scans ?? []).map(scanLine))]);
    case 'uidl':
      return concatBytes([status, textLines((r.uids ?? []).map(uidLine))]);
    case 'capa':
      return concatBytes([status, textLines((r.capabilities ?? []).map(capabilityLine))]);
    case 'auth-list':
      return concatBytes([status, textLines(r.mechanisms ?? [])]);
    case 'lang-list':
      return concatBytes([
        status,
        textLines((r.languages ?? []).map((l) => (l.description ? `${l.tag} ${l.description}` : l.tag))),
      ]);
    case 'multiline':
      return concatBytes([status, serializeMultilineLines(r.lines ?? [])]);
    default:
      return status;
  }
}

/**
 * A message body as a POP3 multi-line answer: line ends normalised to CRLF, line-start dots
 * doubled, "." CRLF added (core's DotStuffer). To stream a large body, write the status line,
 * then `new DotStuffer()`'s `encode(chunk)`... `end()` from `@mailwire/core`.
 */
export function serializeBody(body: Uint8Array): Uint8Array {
  const stuffer = new DotStuffer();
  return concatBytes([stuffer.encode(body), stuffer.end()]);
}

/** `+ base64` CRLF: an AUTH challenge (RFC 5034 §4). */
export function serializeContinuation(challenge: Uint8Array): Uint8Array {
  return encodeUtf8(`+ ${encodeBase64(challenge)}\r\n`);
}
