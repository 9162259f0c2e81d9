export { Digest, digestPieces } from './digest';
export { imapLiteralInput, LITERAL_UID } from './imap-literal';
export { imapSmallInput } from './imap-small';
export { imapStructureInput } from './imap-structure';
export { pop3RetrInput } from './pop3-retr';
export { smtpRepliesInput } from './smtp-replies';
export type { BenchInput, ImapExpected, Pop3Expected, SmtpExpected } from './types';
