/**
 * LIST / LSUB (RFC 3501 §7.2.2, RFC 9051 §7.3.1) with RFC 5258 extended data (CHILDINFO,
 * OLDNAME, …), and STATUS (RFC 3501 §7.2.4, RFC 9051 §7.3.2).
 */
import { LIST_CHAR } from './lexer/char-classes';
import { asciiString, type Reader, utf8String } from './lexer/reader';
import { mailboxName } from './mailbox-name';
import { readExtValue } from './tagged-ext';
import type { ListExtendedItem, ListResponse, MailboxName, MailboxStatusResponse } from './types';

/** mailbox = "INBOX" / astring (list-mailbox chars accepted too: `%`, `*` from some servers). */
export function readMailbox(r: Reader): MailboxName {
  const bytes = r.astringBytes(LIST_CHAR);
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] as number) >= 0x80) {
      ascii = false;
      break;
    }
  }
  const raw = ascii ? asciiString(bytes, 0, bytes.length) : utf8String(bytes);
  return mailboxName(raw);
}

export function readList(r: Reader, command: 'LIST' | 'LSUB'): ListResponse {
  r.sp();
  const attributes = r.flagList();
  r.sp();
  let delimiter: string | null = null;
  if (!r.nil()) {
    const d = r.string();
    delimiter = d;
  }
  r.sp();
  const mailbox = readMailbox(r);
  const extended: ListExtendedItem[] = [];
  if (r.sepSp() && r.is(0x28)) {
    r.p++;
    r.enter();
    while (!r.is(0x29) && r.listSp(extended.length)) {
      const tag = r.astring();
      r.sp();
      extended.push({ tag, value: readExtValue(r) });
      r.count(extended.length);
    }
    r.p++;
    r.leave();
  }
  r.finish();
  return { type: 'list', command, attributes, delimiter, mailbox, extended };
}

export function readMailboxStatus(r: Reader): MailboxStatusResponse {
  r.sp();
  const mailbox = readMailbox(r);
  r.sp();
  r.expect(0x28, '(');
  const attributes: MailboxStatusResponse['attributes'] = [];
  // `STATUS INBOX ()` (empty list: Gmail for unknown attributes, some Exchange versions)
  if (r.is(0x29)) r.lenient('EMPTY_LIST', 'empty STATUS attribute list');
  r.skipLeadingSpace();
  while (!r.is(0x29) && r.listSp(attributes.length)) {
    const name = r.keyword();
    r.sp();
    // RFC 7889: APPENDLIMIT may be NIL (no limit)
    const value =
      name === 'HIGHESTMODSEQ' ? r.modSeq(true) : name === 'APPENDLIMIT' && r.nil() ? null : r.number64();
    attributes.push({ name, value });
    r.count(attributes.length);
  }
  r.p++;
  r.finish();
  return { type: 'mailbox-status', mailbox, attributes };
}
