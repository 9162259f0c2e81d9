import type { BenchSuite } from '../harness';
import { coreDotStuffingSuite, coreLinesSuite } from './core';
import { e2eImapSuite, e2ePop3Suite } from './e2e';
import {
  imapLiteralSuites,
  imapSmallSuite,
  imapStructureSuite,
  pop3RetrSuites,
  smtpRepliesSuite,
} from './protocols';
import { referencesSuite } from './references';
import { smtpDataSuite } from './smtp-data';

/** Every suite, in the order `pnpm bench` runs them; `pnpm bench imap-literal` runs every size,
 * `pnpm bench e2e` both retrievals from the local Dovecot. */
export const suites: BenchSuite[] = [
  referencesSuite,
  ...imapLiteralSuites,
  imapSmallSuite,
  imapStructureSuite,
  ...pop3RetrSuites,
  smtpRepliesSuite,
  smtpDataSuite,
  coreLinesSuite,
  coreDotStuffingSuite,
  e2ePop3Suite,
  e2eImapSuite,
];
