import type { BenchCase } from '../harness';
import { CHUNK_SIZE, chunked } from '../input';
import type { BenchInput, ImapExpected, Pop3Expected, SmtpExpected } from '../inputs/types';
import { comparePop3, compareSmtp } from './compare';
import { emailjsImapHandlerParse } from './emailjs-imap-handler';
import { compareImap, type ImapSummary } from './imap-summary';
import { imapflowParse } from './imapflow';
import { nodeImapParse } from './node-imap';
import { nodePop3Retr } from './node-pop3';
import { nodemailerReplies } from './nodemailer';

export { comparePop3, compareSmtp } from './compare';
export { emailjsImapHandlerParse } from './emailjs-imap-handler';
export { ImapResponseFramer } from './imap-response-framer';
export { compareImap, emptyImapSummary, type ImapSummary } from './imap-summary';
export { imapflowParse } from './imapflow';
export { nodeImapParse } from './node-imap';
export { nodePop3Retr, type Pop3Summary } from './node-pop3';
export { nodemailerReplies, type SmtpSummary } from './nodemailer';
export { asBuffer, socketReadable } from './socket-feed';

export type ImapSuiteName = 'imap-literal' | 'imap-small' | 'imap-structure';
export type PeerSuiteName = ImapSuiteName | 'pop3-retr' | 'smtp-replies';

/** A peer adapter: the input as socket chunks in, a checkable summary out. */
export interface PeerAdapter<Summary> {
  name: string;
  parse(chunks: readonly Uint8Array[]): Summary | Promise<Summary>;
}

/** The IMAP peers, in the order the suites list them. */
export const imapPeers: readonly PeerAdapter<ImapSummary>[] = [
  { name: 'imapflow', parse: imapflowParse },
  { name: 'node-imap', parse: nodeImapParse },
  // not incremental: the adapter frames whole responses for it (see ImapResponseFramer)
  { name: 'emailjs-imap-handler (whole responses)', parse: emailjsImapHandlerParse },
];

export interface PeerCaseOptions {
  /** Bytes per chunk handed to the peer (default CHUNK_SIZE, 64 KiB). */
  chunkSize?: number;
}

/**
 * The peer cases of a suite, on the same input the mailwire cases use: kind 'peer', bytes
 * and items from the input, run() parsing the input as socket chunks with the peer's own
 * code, check() comparing one run's summary with the input's expected result.
 */
export function peerCases(
  suite: ImapSuiteName,
  input: BenchInput<ImapExpected>,
  options?: PeerCaseOptions,
): BenchCase[];
export function peerCases(
  suite: 'pop3-retr',
  input: BenchInput<Pop3Expected>,
  options?: PeerCaseOptions,
): BenchCase[];
export function peerCases(
  suite: 'smtp-replies',
  input: BenchInput<SmtpExpected>,
  options?: PeerCaseOptions,
): BenchCase[];
export function peerCases(
  suite: PeerSuiteName,
  input: BenchInput<ImapExpected> | BenchInput<Pop3Expected> | BenchInput<SmtpExpected>,
  options: PeerCaseOptions = {},
): BenchCase[] {
  const chunks = chunked(input.bytes, options.chunkSize ?? CHUNK_SIZE);
  const base = { kind: 'peer' as const, bytes: input.bytes.length, items: input.items };
  switch (suite) {
    case 'imap-literal':
    case 'imap-small':
    case 'imap-structure': {
      const expected = input.expected as ImapExpected;
      return imapPeers.map((peer) => ({
        ...base,
        name: peer.name,
        run: () => peer.parse(chunks),
        check: async () => compareImap(await peer.parse(chunks), expected),
      }));
    }
    case 'pop3-retr': {
      const expected = input.expected as Pop3Expected;
      return [
        {
          ...base,
          name: 'node-pop3',
          run: () => nodePop3Retr(chunks),
          check: async () => comparePop3(await nodePop3Retr(chunks), expected),
        },
      ];
    }
    case 'smtp-replies': {
      const expected = input.expected as SmtpExpected;
      return [
        {
          ...base,
          name: 'nodemailer',
          run: () => nodemailerReplies(chunks),
          check: async () => compareSmtp(await nodemailerReplies(chunks), expected),
        },
      ];
    }
  }
}
