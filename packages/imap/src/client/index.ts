/** The sans-I/O IMAP client protocol state machine. */
export { forbidsExpunge, isExclusive, usesSequenceNumbers } from './ambiguity';
export type * from './client-events';
export type {
  ImapClientProtocolOptions,
  ImapCommandInput,
  ImapContinuationState,
  ImapSendResult,
} from './client-protocol';
export { ImapClientProtocol } from './client-protocol';
export { type ImapConnectionState, isCommandAllowedIn } from './connection-state';
export { responsesOf } from './responses-of';
export type { SelectedMailbox } from './selected-mailbox';
