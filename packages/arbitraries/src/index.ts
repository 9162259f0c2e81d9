/**
 * fast-check arbitraries of valid and hostile SMTP, POP3 and IMAP traffic. Every valid
 * arbitrary yields `{ value, bytes }`: the typed value and the bytes the codec's own
 * serializer writes for it.
 */
export { type ChunkedOptions, chunked, interestingCuts, splitAt, withChunks } from './chunking';
export {
  imapHostileClient,
  imapHostileServer,
  pop3HostileServer,
  smtpHostileClient,
  smtpHostileServer,
} from './hostile';
export {
  type ImapCommandOptions,
  imapClientStream,
  imapCommand,
  imapCommandText,
  imapCommandValue,
  imapFetchAttribute,
  imapMailboxName,
  imapSearchKey,
  imapSequenceSet,
  imapTag,
} from './imap-commands';
export {
  imapBodyStructure,
  imapDeepBodyStructure,
  imapEnvelope,
  imapFetchItem,
  imapResponse,
  imapResponseCode,
  imapResponseValue,
  imapServerStream,
} from './imap-responses';
export { dotStuffedBody, type MessageBodyOptions, messageBody, normaliseBody } from './message-body';
export {
  applyMutation,
  deepNesting,
  HOSTILE_BYTES,
  HOSTILE_TOKENS,
  hugeNumber,
  type MutatedOptions,
  type Mutation,
  mutated,
  mutatedWire,
  tokenSoup,
  truncated,
} from './mutation';
export {
  POP3_EXPECT_KINDS,
  POP3_RESPONSE_KINDS,
  type Pop3Exchange,
  type Pop3ResponseOptions,
  pop3Capability,
  pop3ClientBytes,
  pop3Command,
  pop3CommandValue,
  pop3Response,
  pop3ResponseCode,
  pop3ResponseOf,
  pop3ResponseValue,
  pop3ServerSession,
} from './pop3';
export {
  type SmtpClientItem,
  smtpClientSession,
  smtpCommand,
  smtpCommandValue,
  smtpDomain,
  smtpReply,
  smtpReplyCode,
  smtpReplyValue,
  smtpServerSession,
} from './smtp';
export { concatBytes, joinWires, utf8, type Wire } from './wire';
