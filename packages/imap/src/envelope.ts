/**
 * ENVELOPE (RFC 3501 §7.4.2, §9 envelope): ten fields, address lists with RFC 5322 group
 * syntax encoded as start (host NIL, mailbox = group name) and end (host and mailbox NIL)
 * markers. Strings are left RFC 2047 encoded, as the server sent them.
 */
import type { Reader } from './lexer/reader';
import type { Address, AddressListItem, Envelope } from './types';

function readAddress(r: Reader): Address {
  r.expect(0x28, '(');
  r.skipLeadingSpace();
  const name = r.nstring();
  r.sp();
  const adl = r.nstring();
  r.sp();
  const mailbox = r.nstring();
  r.sp();
  const host = r.nstring();
  r.trailingSpaces();
  r.expect(0x29, ')');
  return { kind: 'mailbox', name, adl, mailbox, host };
}

function readAddressList(r: Reader): AddressListItem[] | null {
  if (r.nil()) return null;
  r.expect(0x28, '(');
  r.enter();
  const out: AddressListItem[] = [];
  let group: { kind: 'group'; name: string; members: Address[] } | null = null;
  let n = 0;
  while (!r.is(0x29)) {
    if (n > 0 && r.is(0x20)) {
      // spaces between addresses (not in the grammar; seen from Exchange/Domino)
      r.lenient('EXTRA_SPACE', 'space between addresses');
      while (r.is(0x20)) r.p++;
      continue;
    }
    const a = readAddress(r);
    r.count(++n);
    if (a.host === null && a.mailbox !== null) {
      if (group !== null) out.push(group);
      group = { kind: 'group', name: a.mailbox, members: [] };
    } else if (a.host === null && a.mailbox === null && a.name === null && a.adl === null) {
      if (group !== null) {
        out.push(group);
        group = null;
      }
    } else if (group !== null) {
      group.members.push(a);
    } else {
      out.push(a);
    }
  }
  r.p++;
  r.leave();
  if (group !== null) {
    r.lenient('UNCLOSED_GROUP', 'address group without end marker');
    out.push(group);
  }
  return out;
}

export function readEnvelope(r: Reader): Envelope {
  r.expect(0x28, '(');
  r.enter();
  r.skipLeadingSpace();
  const date = r.nstring();
  r.sp();
  const subject = r.nstring();
  r.sp();
  const from = readAddressList(r);
  r.sp();
  const sender = readAddressList(r);
  r.sp();
  const replyTo = readAddressList(r);
  r.sp();
  const to = readAddressList(r);
  r.sp();
  const cc = readAddressList(r);
  r.sp();
  const bcc = readAddressList(r);
  r.sp();
  const inReplyTo = r.nstring();
  r.sp();
  const messageId = r.nstring();
  r.trailingSpaces();
  r.expect(0x29, ')');
  r.leave();
  return { date, subject, from, sender, replyTo, to, cc, bcc, inReplyTo, messageId };
}
