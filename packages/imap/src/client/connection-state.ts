/**
 * IMAP connection states (RFC 3501 §3, RFC 9051 §3) and which commands each allows
 * (RFC 3501 §6 and the extension RFCs named below).
 */
import type { ImapCommandName } from '../commands/types';

export type ImapConnectionState =
  /** Waiting for the server greeting: the client must not send anything yet. */
  | 'greeting'
  /** Greeted with `* OK`: LOGIN, AUTHENTICATE, STARTTLS (RFC 3501 §3.1). */
  | 'not-authenticated'
  /** Logged in (or `* PREAUTH`): mailbox commands, no message commands (§3.2). */
  | 'authenticated'
  /** A mailbox is selected: every command (§3.3). */
  | 'selected'
  /** LOGOUT answered, BYE received, the stream ended or the session failed (§3.4). */
  | 'logout';

/** Commands valid in any state (RFC 3501 §6.1; ID is RFC 2971 §3.1). */
const ANY_STATE: ReadonlySet<ImapCommandName> = new Set<ImapCommandName>([
  'CAPABILITY',
  'NOOP',
  'LOGOUT',
  'ID',
]);

/** Commands of the not-authenticated state (RFC 3501 §6.2). */
const NOT_AUTHENTICATED: ReadonlySet<ImapCommandName> = new Set<ImapCommandName>([
  'STARTTLS',
  'AUTHENTICATE',
  'LOGIN',
]);

/** Commands of the authenticated state, also valid when selected (RFC 3501 §6.3 and extensions). */
const AUTHENTICATED: ReadonlySet<ImapCommandName> = new Set<ImapCommandName>([
  'SELECT',
  'EXAMINE',
  'CREATE',
  'DELETE',
  'RENAME',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'LIST',
  'LSUB',
  'STATUS',
  'APPEND',
  'NAMESPACE', // RFC 2342
  'IDLE', // RFC 2177
  'GETQUOTA', // RFC 9208
  'GETQUOTAROOT',
  'SETQUOTA',
  'GETACL', // RFC 4314
  'SETACL',
  'DELETEACL',
  'LISTRIGHTS',
  'MYRIGHTS',
  'GETMETADATA', // RFC 5464
  'SETMETADATA',
  'COMPRESS', // RFC 4978
  'UNAUTHENTICATE', // RFC 8437
]);

/** Commands of the selected state only (RFC 3501 §6.4, RFC 4315, RFC 5256, RFC 6851, RFC 3691). */
const SELECTED: ReadonlySet<ImapCommandName> = new Set<ImapCommandName>([
  'CHECK',
  'CLOSE',
  'UNSELECT',
  'EXPUNGE',
  'SEARCH',
  'FETCH',
  'STORE',
  'COPY',
  'MOVE',
  'SORT',
  'THREAD',
]);

/** Whether `name` may be sent in `state`. */
export function isCommandAllowedIn(state: ImapConnectionState, name: ImapCommandName): boolean {
  if (state === 'greeting' || state === 'logout') return false;
  if (ANY_STATE.has(name)) return true;
  switch (state) {
    case 'not-authenticated':
      return NOT_AUTHENTICATED.has(name);
    case 'authenticated':
      // RFC 5161 §3.1: ENABLE only in the authenticated state.
      return AUTHENTICATED.has(name) || name === 'ENABLE';
    case 'selected':
      return AUTHENTICATED.has(name) || SELECTED.has(name);
  }
}
