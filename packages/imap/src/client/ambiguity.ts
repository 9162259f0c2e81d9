/**
 * The pipelining rules the client enforces: RFC 3501 §5.5 (RFC 9051 §5.5 keeps them) and
 * the commands that change the session or the framing of the byte stream.
 *
 * §5.5: "if the client sends any command other than FETCH, STORE, or SEARCH, it MUST wait
 * for the completion result response before sending a command with message sequence
 * numbers", because an untagged EXPUNGE may renumber the messages, and servers may not send
 * EXPUNGE only while a (non-UID) FETCH, STORE or SEARCH is in progress. UID FETCH/STORE/
 * SEARCH are different commands and do not have that protection (§5.5 note).
 */
import type { ImapCommand, SearchKey } from '../commands/types';

function searchUsesSequenceNumbers(keys: readonly SearchKey[]): boolean {
  for (const k of keys) {
    switch (k.key) {
      case 'SEQUENCE':
        return true;
      case 'NOT':
        if (searchUsesSequenceNumbers([k.operand])) return true;
        break;
      case 'OR':
        if (searchUsesSequenceNumbers([k.left, k.right])) return true;
        break;
      case 'AND':
        if (searchUsesSequenceNumbers(k.operands)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

/**
 * Whether `command` names messages by sequence number or returns sequence numbers: non-UID
 * FETCH, STORE, COPY, MOVE, SEARCH, SORT, THREAD, and the UID forms of SEARCH/SORT/THREAD
 * whose criteria contain a bare sequence set (§5.5: "depending upon whether or not the
 * second UID SEARCH contains message sequence numbers").
 */
export function usesSequenceNumbers(command: ImapCommand): boolean {
  switch (command.name) {
    case 'FETCH':
    case 'STORE':
    case 'COPY':
    case 'MOVE':
      return !command.uid;
    case 'SEARCH':
      return !command.uid || searchUsesSequenceNumbers(command.criteria);
    case 'SORT':
    case 'THREAD':
      return !command.uid || searchUsesSequenceNumbers(command.search);
    default:
      return false;
  }
}

/** While one of these is in progress the server may not send EXPUNGE (§5.5): non-UID FETCH, STORE, SEARCH. */
export function forbidsExpunge(command: ImapCommand): boolean {
  return (command.name === 'FETCH' || command.name === 'STORE' || command.name === 'SEARCH') && !command.uid;
}

/**
 * Commands that must run alone: sent only when nothing else is in progress, and nothing is
 * sent after them until they complete. They change the connection state (LOGIN,
 * AUTHENTICATE, SELECT, EXAMINE, CLOSE, UNSELECT, UNAUTHENTICATE, ENABLE), the framing of the
 * stream (STARTTLS, COMPRESS), or own the connection until they end (IDLE). This also keeps
 * the routing of untagged data unambiguous (EXISTS during SELECT belongs to the SELECT).
 * LOGOUT may follow other commands, but nothing may follow it.
 */
export function isExclusive(command: ImapCommand): boolean {
  switch (command.name) {
    case 'LOGIN':
    case 'AUTHENTICATE':
    case 'SELECT':
    case 'EXAMINE':
    case 'CLOSE':
    case 'UNSELECT':
    case 'UNAUTHENTICATE':
    case 'ENABLE':
    case 'STARTTLS':
    case 'COMPRESS':
    case 'IDLE':
      return true;
    default:
      return false;
  }
}
