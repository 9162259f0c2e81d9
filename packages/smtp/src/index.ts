export type { AuthChallenge } from './auth-challenge';
export { parseAuthChallenge } from './auth-challenge';
export type { EhloKeyword } from './capabilities';
export { parseEhloReply, SmtpCapabilities } from './capabilities';
export type {
  SmtpClientEvent,
  SmtpClientPhase,
  SmtpClientProtocolOptions,
  SmtpTransactionState,
} from './client-protocol';
export { SmtpClientProtocol } from './client-protocol';
export { parseCommandLine } from './command-line';
export type {
  SmtpAuthResponseEvent,
  SmtpBodyChunkEvent,
  SmtpBodyEndEvent,
  SmtpCommandEvent,
  SmtpCommandParserEvent,
  SmtpCommandParserOptions,
} from './command-parser';
export { SmtpCommandParser } from './command-parser';
export { formatCommand, serializeCommand } from './command-serializer';
export type {
  AtrnCommand,
  AuthCommand,
  BdatCommand,
  BodyType,
  DataCommand,
  DsnNotify,
  DsnReturn,
  EhloCommand,
  EsmtpParam,
  EtrnCommand,
  ExpnCommand,
  HeloCommand,
  HelpCommand,
  MailCommand,
  NoopCommand,
  OriginalRecipient,
  QuitCommand,
  RcptCommand,
  RsetCommand,
  SmtpCommand,
  SmtpVerb,
  StartTlsCommand,
  TurnCommand,
  UnknownCommand,
  VrfyCommand,
} from './commands';
export { KNOWN_VERBS } from './commands';
export type { EnhancedStatusCode } from './enhanced-status';
export { formatEnhancedStatus, parseEnhancedStatus, stripEnhancedStatus } from './enhanced-status';
export type { QuirkReporter } from './esmtp-parameters';
export { parseEsmtpParams } from './esmtp-parameters';
export type { SmtpGreeting } from './greeting';
export { parseGreeting } from './greeting';
export { SMTP_COMMAND_LIMITS, SMTP_REPLY_LIMITS } from './limits';
export type { Mailbox, ParsedPath, PathQuirk, SmtpPath } from './path';
export {
  formatLocalPart,
  formatPath,
  isAddressLiteral,
  isDomain,
  isDotString,
  parsePath,
  pathNeedsUtf8,
} from './path';
export { endsPipelineGroup, isValidPipelineGroup } from './pipelining';
export type { ReplyClass, SmtpReply, SmtpReplyEvent, SmtpReplyInit, SmtpReplyParserEvent } from './reply';
export { isPositiveCompletion, replyClass, replyText } from './reply';
export type { SmtpReplyParserOptions } from './reply-parser';
export { SmtpReplyParser } from './reply-parser';
export { serializeReply } from './reply-serializer';
export { decodeXtext, encodeXtext } from './xtext';
