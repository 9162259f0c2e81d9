import type { ExpectKind, Pop3Command } from './types';

/** Every kind of answer the response parser can be told to expect, in a fixed order. */
export const EXPECT_KINDS: readonly ExpectKind[] = [
  'greeting',
  'single',
  'stat',
  'list-one',
  'uidl-one',
  'multiline-body',
  'list',
  'uidl',
  'capa',
  'auth-list',
  'auth',
  'lang-list',
  'multiline',
];

/**
 * POP3 responses are not self-describing (RFC 1939 §3): whether "+OK" opens a multi-line
 * answer depends on the command. This is the one place that knows which.
 */
export function expectationFor(command: Pop3Command): ExpectKind {
  switch (command.name) {
    case 'STAT':
      return 'stat';
    case 'LIST':
      return command.msg === undefined ? 'list' : 'list-one';
    case 'UIDL':
      return command.msg === undefined ? 'uidl' : 'uidl-one';
    case 'RETR':
    case 'TOP':
      return 'multiline-body';
    case 'CAPA':
      return 'capa';
    case 'AUTH':
      // AUTH without arguments lists the mechanisms (a widespread extension; RFC 5034 only defines AUTH mech).
      return command.mechanism === undefined ? 'auth-list' : 'auth';
    case 'LANG':
      return command.lang === undefined ? 'lang-list' : 'single';
    default:
      return 'single';
  }
}

/** True for kinds whose "+OK" is followed by a dot-terminated multi-line body. */
export function isMultiline(kind: ExpectKind): boolean {
  switch (kind) {
    case 'multiline-body':
    case 'list':
    case 'uidl':
    case 'capa':
    case 'auth-list':
    case 'lang-list':
    case 'multiline':
      return true;
    default:
      return false;
  }
}
