import type { ParserRegistry } from '../main';
import { createImapParser } from './imap';
import { createPop3Parser } from './pop3';
import { createSmtpParser } from './smtp';

/** The protocols `mailwire parse` knows, by `--protocol` name. */
export const defaultParsers: ParserRegistry = {
  smtp: createSmtpParser,
  pop3: createPop3Parser,
  imap: createImapParser,
};
