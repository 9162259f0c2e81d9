/**
 * Which command in progress an untagged response belongs to (RFC 3501 §7: "the client MUST
 * be prepared to accept any response at all times"). Rule: the oldest command in progress
 * that can cause that response; a response no such command claims is unsolicited.
 * Servers answer pipelined commands of the same kind in order, so "oldest" is the right one.
 */
import { asciiUpper } from '@mailwire/core';
import type { FetchAttribute, ImapCommand, ImapCommandName } from '../commands/types';
import type { FetchResponse, ImapResponse } from '../types';

export interface RoutableCommand {
  tag: string;
  command: ImapCommand;
}

/** Untagged keywords kept raw by the parser (`unknown`) and the commands that cause them (RFC 4314). */
const UNKNOWN_KEYWORDS: Readonly<Record<string, readonly ImapCommandName[]>> = {
  ACL: ['GETACL'],
  LISTRIGHTS: ['LISTRIGHTS'],
  MYRIGHTS: ['MYRIGHTS'],
};

function fetchWantsFlags(items: ImapCommand & { name: 'FETCH' }): boolean {
  const it = items.items;
  if (typeof it === 'string') return true; // ALL, FAST and FULL all include FLAGS
  return it.some((a: FetchAttribute) => a.name === 'FLAGS');
}

/** Only FLAGS / UID / MODSEQ: what a server sends on its own when flags change (RFC 3501 §7.4.2). */
function isFlagUpdate(r: FetchResponse): boolean {
  let flags = false;
  for (const i of r.items) {
    if (i.name === 'FLAGS') flags = true;
    else if (i.name !== 'UID' && i.name !== 'MODSEQ') return false;
  }
  return flags;
}

function claimsFetch(c: ImapCommand, r: FetchResponse | null): boolean {
  switch (c.name) {
    case 'FETCH':
      // A flag change during a FETCH that did not ask for flags is unsolicited.
      return r === null || fetchWantsFlags(c) || !isFlagUpdate(r);
    case 'STORE':
      return !c.silent;
    case 'SELECT':
    case 'EXAMINE':
      return c.qresync !== undefined; // RFC 7162 §3.2.5.1: changed messages as FETCH
    default:
      return false;
  }
}

function claims(c: ImapCommand, r: ImapResponse): boolean {
  switch (r.type) {
    case 'capability':
      return c.name === 'CAPABILITY';
    case 'list':
      return c.name === r.command;
    case 'mailbox-status':
      // RFC 5819 LIST-STATUS: a LIST with RETURN (STATUS ...) gets STATUS data too
      return (
        c.name === 'STATUS' ||
        (c.name === 'LIST' && c.return?.some((o) => o.name.toUpperCase() === 'STATUS') === true)
      );
    case 'search':
      return c.name === 'SEARCH';
    case 'sort':
      return c.name === 'SORT';
    case 'esearch':
      return c.name === 'SEARCH' || c.name === 'SORT';
    case 'thread':
      return c.name === 'THREAD';
    case 'namespace':
      return c.name === 'NAMESPACE';
    case 'quota':
      return c.name === 'GETQUOTA' || c.name === 'GETQUOTAROOT' || c.name === 'SETQUOTA';
    case 'quotaroot':
      return c.name === 'GETQUOTAROOT';
    case 'id':
      return c.name === 'ID';
    case 'enabled':
      return c.name === 'ENABLE';
    case 'metadata':
      return c.name === 'GETMETADATA' || c.name === 'SETMETADATA';
    case 'expunge':
      // RFC 6851 §4.3: MOVE reports the moved messages as EXPUNGE
      return c.name === 'EXPUNGE' || c.name === 'MOVE';
    case 'vanished':
      if (r.earlier) return c.name === 'FETCH' || c.name === 'SELECT' || c.name === 'EXAMINE';
      return c.name === 'EXPUNGE' || c.name === 'MOVE';
    case 'fetch':
      return claimsFetch(c, r);
    case 'unknown':
      return UNKNOWN_KEYWORDS[r.keyword.toUpperCase()]?.includes(c.name) === true;
    default:
      return false;
  }
}

/** The command an untagged data response belongs to, or undefined if it is unsolicited. */
export function routeResponse<T extends RoutableCommand>(
  pending: readonly T[],
  r: ImapResponse,
): T | undefined {
  if (r.type === 'esearch' && r.tag !== null) {
    // RFC 4731 §3.1: ESEARCH carries the tag of the command it answers.
    const byTag = pending.find((p) => p.tag === r.tag);
    if (byTag !== undefined) return byTag;
  }
  if (r.type === 'mailbox-status') {
    // Several STATUS in flight: the one naming this mailbox (INBOX in any case, RFC 3501 §5.1;
    // ASCII case only: Unicode upper-casing makes "ınbox" with a dotless i INBOX too).
    const key = (n: string) => (asciiUpper(n) === 'INBOX' ? 'INBOX' : n);
    const byName = pending.find(
      (p) => p.command.name === 'STATUS' && key(p.command.mailbox) === key(r.mailbox.name),
    );
    if (byName !== undefined) return byName;
  }
  return pending.find((p) => claims(p.command, r));
}

/** The command a streamed FETCH (fetchStart) belongs to: its items are not known yet. */
export function routeStreamedFetch<T extends RoutableCommand>(pending: readonly T[]): T | undefined {
  return pending.find((p) => claimsFetch(p.command, null));
}
