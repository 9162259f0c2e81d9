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
import { compareImap, comparePop3, compareSmtp, type ImapSummary, peerCases } from '../peers/index';
import { consume, indexOfCrlfDot, indexOfLf, memcpyChunks } from '../references';

function references(chunks: readonly Uint8Array[], bytes: number, extra: BenchCase[] = []): BenchCase[] {
  const scratch = new Uint8Array(CHUNK_SIZE);
  return [
    { name: 'memcpy', kind: 'reference', bytes, run: () => memcpyChunks(chunks, scratch) },
    { name: 'indexOf LF', kind: 'reference', bytes, run: () => indexOfLf(chunks) },
    ...extra,
  ];
}

/**
 * A mailwire case over `input`: `parse` runs once over the chunks, `count` keeps its result
 * observable to the JIT, `compare` checks one run against the input's expected result.
 */
function mailwireCase<S, E>(
  name: string,
  input: BenchInput<E>,
  parse: () => S,
  count: (summary: S) => number,
  compare: (summary: S, expected: E) => string | undefined,
  perItem = true,
): BenchCase {
  return {
    name,
    kind: 'mailwire',
    bytes: input.bytes.length,
    ...(perItem ? { items: input.items } : {}),
    run: () => consume(count(parse())),
    check: () => compare(parse(), input.expected),
  };
}

const imapResponses = (s: ImapSummary): number => s.responses;

function imapCases(
  suite: 'imap-literal' | 'imap-small' | 'imap-structure',
  input: BenchInput<ImapExpected>,
): BenchCase[] {
  const chunks = chunked(input.bytes, CHUNK_SIZE);
  const withWhole = suite === 'imap-literal';
  const cases = [
    mailwireCase(
      withWhole ? 'mailwire (streamed)' : 'mailwire',
      input,
      () => mailwireImap(chunks),
      imapResponses,
      compareImap,
    ),
  ];
  if (withWhole) {
    cases.push(
      mailwireCase('mailwire (whole)', input, () => mailwireImap(chunks, true), imapResponses, compareImap),
    );
  }
  return [...cases, ...peerCases(suite, input), ...references(chunks, input.bytes.length)];
}

const literalSizes = (): number[] =>
  (process.env.MAILWIRE_BENCH_LITERAL_MIB ?? '1,10,100').split(',').map((s) => Number(s) * MiB);

export const imapLiteralSuites: BenchSuite[] = literalSizes().map((size) => ({
  name: `imap-literal-${size / MiB}m`,
  description: `one FETCH with a ${size / MiB} MiB BODY[] literal, streamed (zero copy) and collected whole`,
  cases: () => imapCases('imap-literal', imapLiteralInput(size)),
}));

export const imapSmallSuite: BenchSuite = {
  name: 'imap-small',
  description: '100,000 FETCH lines with UID, FLAGS, RFC822.SIZE and INTERNALDATE',
  cases: () => imapCases('imap-small', imapSmallInput(Number(process.env.MAILWIRE_BENCH_ITEMS ?? 100_000))),
};

export const imapStructureSuite: BenchSuite = {
  name: 'imap-structure',
  description: '10,000 FETCH responses with ENVELOPE and nested multipart BODYSTRUCTURE, some literals',
  cases: () =>
    imapCases('imap-structure', imapStructureInput(Number(process.env.MAILWIRE_BENCH_STRUCTURES ?? 10_000))),
};

export const pop3RetrSuites: BenchSuite[] = literalSizes().map((size) => ({
  name: `pop3-retr-${size / MiB}m`,
  description: `RETR of a ${size / MiB} MiB dot-stuffed message, streamed`,
  cases: () => {
    const input = pop3RetrInput(size);
    const chunks = chunked(input.bytes, CHUNK_SIZE);
    const bytes = input.bytes.length;
    return [
      mailwireCase(
        'mailwire (streamed)',
        input,
        () => mailwirePop3Retr(chunks),
        (r) => r.body.length,
        comparePop3,
        false,
      ),
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
      mailwireCase(
        'mailwire',
        input,
        () => mailwireSmtpReplies(chunks),
        (r) => r.replies,
        compareSmtp,
      ),
      ...peerCases('smtp-replies', input),
      ...references(chunks, input.bytes.length),
    ];
  },
};
