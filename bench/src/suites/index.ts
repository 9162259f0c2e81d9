import type { BenchSuite } from '../harness';
import { coreDotStuffingSuite, coreLinesSuite } from './core';
import {
  imapLiteralSuites,
  imapSmallSuite,
  imapStructureSuite,
  pop3RetrSuites,
  smtpRepliesSuite,
} from './protocols';
import { referencesSuite } from './references';

/** Every suite, in the order `pnpm bench` runs them; `pnpm bench imap-literal` runs every size. */
export const suites: BenchSuite[] = [
  referencesSuite,
  ...imapLiteralSuites,
  imapSmallSuite,
  imapStructureSuite,
  ...pop3RetrSuites,
  smtpRepliesSuite,
  coreLinesSuite,
  coreDotStuffingSuite,
];
