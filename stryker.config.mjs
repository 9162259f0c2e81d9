// StrykerJS mutation testing of one codec package: `pnpm mutation core` (or smtp, pop3, imap).
// Slow (minutes to an hour on 2 cores), so it runs on demand, not in CI; scores go in the
// package READMEs.
const pkg = process.env.MAILWIRE_MUTATE ?? 'core';
// MAILWIRE_MUTATE_FILES=a.ts,b.ts narrows a run to some of the package's parser files
const only = process.env.MAILWIRE_MUTATE_FILES?.split(',').filter(Boolean);
// a narrowed run can keep its own reports (MAILWIRE_MUTATE_REPORT=imap-commands), so that
// a package is measured in parts and each part re-run incrementally
const report = process.env.MAILWIRE_MUTATE_REPORT ?? pkg;

// The parsers of each codec (the issue's scope: "surviving mutants in parsing code are test
// gaps"). Core is small enough to mutate whole; the client state machines and serializers of
// the other codecs are left out to keep a run within an hour or so on 2 cores.
const parsers = {
  core: ['**/*.ts'],
  smtp: [
    'reply-parser.ts',
    'command-parser.ts',
    'command-line.ts',
    'path.ts',
    'esmtp-parameters.ts',
    'capabilities.ts',
    'enhanced-status.ts',
    'xtext.ts',
    'greeting.ts',
    'auth-challenge.ts',
  ],
  pop3: [
    'response-parser.ts',
    'command-parser.ts',
    'status-line.ts',
    'body-reader.ts',
    'body-scanner.ts',
    'listing-reader.ts',
    'listings.ts',
    'capabilities.ts',
    'response-codes.ts',
    'greeting.ts',
    'tokens.ts',
  ],
  imap: [
    'framer.ts',
    'lexer/*.ts',
    'response-parser.ts',
    'fetch.ts',
    'body-structure.ts',
    'envelope.ts',
    'date-time.ts',
    'response-codes.ts',
    'list.ts',
    'status.ts',
    'search.ts',
    'namespace.ts',
    'quota.ts',
    'thread.ts',
    'metadata.ts',
    'id.ts',
    'capability.ts',
    'sequence-set.ts',
    'mailbox-name.ts',
    'encoded-words.ts',
    'commands/command-parser.ts',
    'commands/command-grammar.ts',
    'commands/command-reader.ts',
    // the reading half of files that also serialize (StrykerJS's file:lines ranges)
    'commands/fetch-items.ts:123-230',
    'commands/search-keys.ts:181-299',
    'commands/search-date.ts',
    'commands/mailbox-encoding.ts:24-38',
    'commands/sequence-set.ts:44-111',
    'tagged-ext.ts',
  ],
};

export default {
  packageManager: 'pnpm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    ...(only ?? parsers[pkg] ?? ['**/*.ts']).map((f) => `packages/${pkg}/src/${f}`),
    `!packages/${pkg}/src/**/index.ts`,
    `!packages/${pkg}/src/**/types.ts`,
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // a package's tests run in about a second: 5 s over the measured time is a hang
  // (MAILWIRE_MUTATE_TIMEOUT=ms changes it: on an idle machine a lower one makes the mutants
  // that loop forever cheaper)
  timeoutMS: Number(process.env.MAILWIRE_MUTATE_TIMEOUT ?? 5000),
  // mutants in module-level tables need every test in a fresh process each; they are
  // reported as ignored (MAILWIRE_MUTATE_STATIC=1 includes them)
  ignoreStatic: process.env.MAILWIRE_MUTATE_STATIC !== '1',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  // a second run re-tests only mutants whose code or covering tests changed
  incremental: true,
  incrementalFile: `reports/mutation/${report}-incremental.json`,
  // one sandbox folder per package, so two packages can run at once (two parts of one
  // package: MAILWIRE_MUTATE_TMP=.stryker-tmp-<name> for the second)
  tempDirName: process.env.MAILWIRE_MUTATE_TMP ?? `.stryker-tmp-${pkg}`,
  ignorePatterns: [
    '.stryker-tmp*',
    '**/dist/**',
    '**/.tsbuild/**',
    'coverage',
    'reports',
    'bench/results',
    'fuzz/findings',
  ],
  thresholds: { high: 90, low: 85, break: null },
};
