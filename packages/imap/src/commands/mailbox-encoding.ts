/**
 * Mailbox names on the wire (RFC 3501 §5.1, §5.1.3; RFC 6855 §3; RFC 9051 §5.1):
 * modified UTF-7 by default, UTF-8 as is once UTF8=ACCEPT is enabled. `INBOX` is
 * case-insensitive, so any case of it is sent and read as `INBOX`; other names keep their
 * case. The codec itself is the response side's (`../mailbox-name`), shared, not duplicated.
 */
import { asciiUpper } from '@mailwire/core';
import { decodeModifiedUtf7, encodeModifiedUtf7 } from '../mailbox-name';

export function isInbox(name: string): boolean {
  return name.length === 5 && asciiUpper(name) === 'INBOX';
}

/** The wire text of a mailbox name (before astring quoting). */
export function encodeMailboxName(name: string, utf8Accept: boolean): string {
  if (isInbox(name)) return 'INBOX';
  return utf8Accept ? name : encodeModifiedUtf7(name);
}

/**
 * A received name to text. Without UTF8=ACCEPT, modified UTF-7 is decoded; a name that is
 * not valid modified UTF-7 is kept as sent (lenient: clients that send raw UTF-8 anyway).
 */
export function decodeMailboxName(wire: string, utf8Accept: boolean): string {
  if (isInbox(wire)) return 'INBOX';
  if (utf8Accept) return wire;
  return decodeModifiedUtf7(wire) ?? wire;
}

/** A LIST/LSUB pattern or reference: encoded like a name, but no INBOX rule (it is a pattern). */
export function encodeMailboxPattern(pattern: string, utf8Accept: boolean): string {
  return utf8Accept ? pattern : encodeModifiedUtf7(pattern);
}

export function decodeMailboxPattern(wire: string, utf8Accept: boolean): string {
  if (utf8Accept) return wire;
  return decodeModifiedUtf7(wire) ?? wire;
}
