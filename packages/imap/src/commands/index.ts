/**
 * The client->server half of the IMAP codec: typed commands, their serializer (fragments
 * for literal negotiation) and the server-side streaming command parser.
 */

export { SIMPLE_COMMANDS } from './command-grammar';
export type {
  ImapCommandEvent,
  ImapCommandParserMode,
  ImapCommandParserOptions,
} from './command-parser';
export { commandTagOf, IMAP_COMMAND_DEFAULT_LIMITS, ImapCommandParser } from './command-parser';
export { serializeCommand, serializeCommandBytes } from './command-serializer';
export { FETCH_SIMPLE_ATTRIBUTES } from './fetch-items';
export { LITERAL_MINUS_MAX } from './fragment-writer';
export { decodeMailboxName, encodeMailboxName } from './mailbox-encoding';
export { formatSearchDate, parseSearchDate } from './search-date';
export { SEARCH_FLAG_KEYS } from './search-keys';
export {
  formatSequenceSet,
  MAX_NZ_NUMBER,
  normalizeSequenceSet,
  parseSequenceSet,
  sequenceSetContains,
} from './sequence-set';
export { MAX_QUOTED_LENGTH } from './string-forms';
export type * from './types';
