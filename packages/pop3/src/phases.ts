import type { Pop3Command } from './types';

/**
 * The POP3 session phases (RFC 1939 §3): AUTHORIZATION after the greeting, TRANSACTION once
 * the client has identified itself, UPDATE after QUIT in TRANSACTION. `greeting` is before
 * the greeting arrived; `closed` is after QUIT was answered, a -ERR greeting, or a fatal error.
 */
export type Pop3Phase = 'greeting' | 'authorization' | 'transaction' | 'update' | 'closed';

/** Commands RFC 1939 / RFC 2449 / RFC 2595 / RFC 5034 / RFC 6856 allow in each phase. */
const AUTHORIZATION = new Set([
  'USER',
  'PASS',
  'APOP',
  'AUTH',
  'CAPA',
  'STLS',
  'UTF8',
  'LANG',
  'QUIT',
  'OTHER',
]);
const TRANSACTION = new Set([
  'STAT',
  'LIST',
  'RETR',
  'DELE',
  'NOOP',
  'RSET',
  'TOP',
  'UIDL',
  'CAPA',
  'LANG',
  'QUIT',
  'OTHER',
]);

export function isAllowedIn(phase: Pop3Phase, command: Pop3Command): boolean {
  if (phase === 'authorization') return AUTHORIZATION.has(command.name);
  if (phase === 'transaction') return TRANSACTION.has(command.name);
  return false;
}

/** Commands whose +OK moves the session from AUTHORIZATION to TRANSACTION. */
export function isLoginCommand(command: Pop3Command): boolean {
  return (
    command.name === 'PASS' ||
    command.name === 'APOP' ||
    (command.name === 'AUTH' && command.mechanism !== undefined)
  );
}
