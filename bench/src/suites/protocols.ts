/**
 * The protocol suites of the issue: each feeds the same deterministic input, in the same
 * socket-sized chunks, to mailwire, to the peers, and to memory-bandwidth references; every
 * case's output is checked before it is timed.
 */
import type { BenchCase, BenchSuite } from '../harness';
import { CHUNK_SIZE, chunked, MiB } from '../input';
import {
  imapLiteralInput,
  imapSmallInput,
  imapStructureInput,
  pop3RetrInput,
  smtpRepliesInput,
} from '../inputs/index';
import type { BenchInput, ImapExpected } from '../inputs/types';
import { mailwireImap } from '../mailwire/imap';
import { mailwirePop3Retr } from '../mailwire/pop3';
import { mailwireSmtpReplies } from '../mailwire/smtp';
import { compareImap, comparePop3, compareSmtp, peerCases } from '../peers/index';
import { consume, indexOfCrlfDot, indexOfLf, memcpyChunks } from '../references';

function references(chunks: readonly Uint8Array[], bytes: number, extra: BenchCase[] = []): BenchCase[] {
  const scratch = new Uint8Array(CHUNK_SIZE);
  return [
    { name: 'memcpy', kind: 'reference', bytes, run: () => memcpyChunks(chunks, scratch) },
    { name: 'indexOf LF', kind: 'reference', bytes, run: () => indexOfLf(chunks) },
    ...extra,
  ];
}

function imapCases(input: BenchInput<ImapExpected>, withWhole: boolean): BenchCase[] {
  const chunks = chunked(input.bytes, CHUNK_SIZE);
  const bytes = input.bytes.length;
  const cases: BenchCase[] = [
    {
      name: withWhole ? 'mailwire (streamed)' : 'mailwire',
      kind: 'mailwire',
      bytes,
      items: input.items,
      run: () => consume(mailwireImap(chunks).responses),
      check: () => compareImap(mailwireImap(chunks), input.expected),
    },
  ];
  if (withWhole) {
    cases.push({
      name: 'mailwire (whole)',
      kind: 'mailwire',
      bytes,
      items: input.items,
      run: () => consume(mailwireImap(chunks, true).responses),
      check: () => compareImap(mailwireImap(chunks, true), input.expected),
    });
  }
  return [
    ...cases,
    ...peerCases(withWhole ? 'imap-literal' : 'imap-small', input),
    ...references(chunks, bytes),
  ];
}

const literalSizes = (): number[] =>
  (process.env.MAILWIRE_BENCH_LITERAL_MIB ?? '1,10,100').split(',').map((s) => Number(s) * MiB);

export const imapLiteralSuites: BenchSuite[] = literalSizes().map((size) => ({
  name: `imap-literal-${size / MiB}m`,
  description: `one FETCH with a ${size / MiB} MiB BODY[] literal, streamed (zero copy) and collected whole`,
  cases: () => imapCases(imapLiteralInput(size), true),
}));

export const imapSmallSuite: BenchSuite = {
  name: 'imap-small',
  description: '100,000 FETCH lines with UID, FLAGS, RFC822.SIZE and INTERNALDATE',
  cases: () => imapCases(imapSmallInput(Number(process.env.MAILWIRE_BENCH_ITEMS ?? 100_000)), false),
};

export const imapStructureSuite: BenchSuite = {
  name: 'imap-structure',
  description: '10,000 FETCH responses with ENVELOPE and nested multipart BODYSTRUCTURE, some literals',
  cases: () => {
    const input = imapStructureInput(Number(process.env.MAILWIRE_BENCH_STRUCTURES ?? 10_000));
    const chunks = chunked(input.bytes, CHUNK_SIZE);
    return [
      {
        name: 'mailwire',
        kind: 'mailwire',
        bytes: input.bytes.length,
        items: input.items,
        run: () => consume(mailwireImap(chunks).responses),
        check: () => compareImap(mailwireImap(chunks), input.expected),
      },
      ...peerCases('imap-structure', input),
      ...references(chunks, input.bytes.length),
    ];
  },
};

export const pop3RetrSuites: BenchSuite[] = literalSizes().map((size) => ({
  name: `pop3-retr-${size / MiB}m`,
  description: `RETR of a ${size / MiB} MiB dot-stuffed message, streamed`,
  cases: () => {
    const input = pop3RetrInput(size);
    const chunks = chunked(input.bytes, CHUNK_SIZE);
    const bytes = input.bytes.length;
    return [
      {
        name: 'mailwire (streamed)',
        kind: 'mailwire',
        bytes,
        run: () => consume(mailwirePop3Retr(chunks).body.length),
        check: () => comparePop3(mailwirePop3Retr(chunks), input.expected),
      },
      ...peerCases('pop3-retr', input),
      ...references(chunks, bytes, [
        { name: 'indexOf CRLF.', kind: 'reference', bytes, run: () => indexOfCrlfDot(chunks) },
      ]),
    ];
  },
}));

export const smtpRepliesSuite: BenchSuite = {
  name: 'smtp-replies',
  description: '1,000,000 SMTP replies, single and multi-line (EHLO-like)',
  cases: () => {
    const input = smtpRepliesInput(Number(process.env.MAILWIRE_BENCH_REPLIES ?? 1_000_000));
    const chunks = chunked(input.bytes, CHUNK_SIZE);
    return [
      {
        name: 'mailwire',
        kind: 'mailwire',
        bytes: input.bytes.length,
        items: input.items,
        run: () => consume(mailwireSmtpReplies(chunks).replies),
        check: () => compareSmtp(mailwireSmtpReplies(chunks), input.expected),
      },
      ...peerCases('smtp-replies', input),
      ...references(chunks, input.bytes.length),
    ];
  },
};
