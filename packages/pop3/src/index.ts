export { interpretCapabilities, parseCapabilityLine } from './capabilities';
export {
  type Pop3ClientEvent,
  Pop3ClientProtocol,
  type Pop3ClientProtocolOptions,
  type Pop3PhaseEvent,
  type Pop3WriteEvent,
} from './client-protocol';
export { DEFAULT_COMMAND_LIMITS, KNOWN_COMMANDS, type Pop3CommandLimits } from './command-limits';
export {
  type Pop3AuthResponseEvent,
  type Pop3CommandEvent,
  Pop3CommandParser,
  type Pop3CommandParserEvent,
  type Pop3CommandParserOptions,
  parseCommandLine,
} from './command-parser';
export { serializeAuthResponse, serializeCommand } from './command-serializer';
export type {
  Pop3BodyChunkEvent,
  Pop3BodyEndEvent,
  Pop3BodyStartEvent,
  Pop3ContinuationEvent,
  Pop3ResponseEvent,
  Pop3ResponseParserEvent,
} from './events';
export { EXPECT_KINDS, expectationFor, isMultiline } from './expectations';
export { extractApopTimestamp } from './greeting';
export { DEFAULT_BODY_THRESHOLD, POP3_DEFAULT_LIMITS } from './limits';
export { MAX_UID_LENGTH } from './listings';
export { isAllowedIn, type Pop3Phase } from './phases';
export { isValidResponseCode, KNOWN_RESPONSE_CODES, parseResponseCode, responseCode } from './response-codes';
export { Pop3ResponseParser, type Pop3ResponseParserOptions } from './response-parser';
export {
  type Pop3ResponseInit,
  type StatusLineInit,
  serializeBody,
  serializeContinuation,
  serializeMultilineLines,
  serializeResponse,
  serializeStatusLine,
} from './response-serializer';
export type {
  Capability,
  DropListing,
  ExpectKind,
  LanguageListing,
  Pop3Capabilities,
  Pop3Command,
  Pop3CommandName,
  Pop3Response,
  ResponseCode,
  ScanListing,
  StatusLine,
  UidListing,
} from './types';
