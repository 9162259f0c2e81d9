import { decodeLatin1, ParseError, parseDecimal } from '@mailwire/core';
import type { QuirkSink } from './quirks';
import { decodeProtocolText } from './text-decoding';
import { splitTokens, type Token } from './tokens';
import type { DropListing, LanguageListing, ScanListing, UidListing } from './types';

/**
 * The line formats inside LIST, UIDL, STAT and LANG answers (RFC 1939 §5, §7; RFC 6856 §3).
 * Each function parses one line (the text after "+OK " for the single forms); `offset` is
 * the stream offset of `bytes[0]`.
 */

/** RFC 1939 §7: a unique-id is 1 to 70 characters in the range 0x21 to 0x7E. */
export const MAX_UID_LENGTH = 70;

function badSyntax(message: string, offset: number, bytes: Uint8Array): ParseError {
  return new ParseError({ protocol: 'pop3', code: 'BAD_SYNTAX', message, offset, excerpt: bytes });
}

function messageNumber(bytes: Uint8Array, t: Token, offset: number): number {
  const n = parseDecimal(bytes, t.start, t.end, 'pop3', offset);
  if (n === 0) {
    throw new ParseError({
      protocol: 'pop3',
      code: 'BAD_NUMBER',
      message: 'message numbers start at 1',
      offset: offset + t.start,
      excerpt: bytes,
    });
  }
  return n;
}

/** `msg SP size [SP anything]`: LIST answers and the text of `+OK` to LIST n. */
export function parseScanListing(bytes: Uint8Array, offset: number, sink: QuirkSink): ScanListing {
  const t = splitTokens(bytes, offset, sink, 3);
  const [a, b, c] = t;
  if (!a || !b) throw badSyntax('scan listing needs "msg size"', offset, bytes);
  const msg = messageNumber(bytes, a, offset);
  const size = parseDecimal(bytes, b.start, b.end, 'pop3', offset);
  return c ? { msg, size, extra: decodeProtocolText(bytes.subarray(c.start, c.end)) } : { msg, size };
}

/** `msg SP unique-id`: UIDL answers and the text of `+OK` to UIDL n. */
export function parseUidListing(bytes: Uint8Array, offset: number, sink: QuirkSink): UidListing {
  const t = splitTokens(bytes, offset, sink, 2);
  const [a, b] = t;
  if (!a || !b) throw badSyntax('unique-id listing needs "msg unique-id"', offset, bytes);
  const msg = messageNumber(bytes, a, offset);
  const uidBytes = bytes.subarray(b.start, b.end);
  if (uidBytes.length > MAX_UID_LENGTH) {
    sink.quirk(
      'UID_TOO_LONG',
      `unique-id longer than ${MAX_UID_LENGTH} characters (RFC 1939 §7)`,
      offset + b.start,
    );
  }
  for (let i = 0; i < uidBytes.length; i++) {
    const x = uidBytes[i] as number;
    if (x < 0x21 || x > 0x7e) {
      sink.quirk(
        'UID_CHARACTER',
        'unique-id character outside 0x21..0x7E (RFC 1939 §7)',
        offset + b.start + i,
      );
      break;
    }
  }
  return { msg, uid: decodeLatin1(uidBytes) };
}

/** `count SP size [SP anything]`: the text of `+OK` to STAT. */
export function parseDropListing(bytes: Uint8Array, offset: number, sink: QuirkSink): DropListing {
  const t = splitTokens(bytes, offset, sink, 3);
  const [a, b] = t;
  if (!a || !b) throw badSyntax('drop listing needs "count size"', offset, bytes);
  return {
    count: parseDecimal(bytes, a.start, a.end, 'pop3', offset),
    size: parseDecimal(bytes, b.start, b.end, 'pop3', offset),
  };
}

/** `lang-tag SP description` (RFC 6856 §3). */
export function parseLanguageListing(bytes: Uint8Array, offset: number, sink: QuirkSink): LanguageListing {
  const t = splitTokens(bytes, offset, sink, 2);
  const [a, b] = t;
  if (!a) throw badSyntax('empty language listing', offset, bytes);
  return {
    tag: decodeProtocolText(bytes.subarray(a.start, a.end)),
    description: b ? decodeProtocolText(bytes.subarray(b.start, b.end)) : '',
  };
}
