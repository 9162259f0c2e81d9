// StrykerJS mutation testing of one codec package: `pnpm mutation core` (or smtp, pop3, imap).
// Slow (minutes to an hour on 2 cores), so it runs on demand, not in CI; scores go in the
// package READMEs.
const pkg = process.env.MAILWIRE_MUTATE ?? 'core';

export default {
  packageManager: 'pnpm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    `packages/${pkg}/src/**/*.ts`,
    `!packages/${pkg}/src/**/index.ts`,
    `!packages/${pkg}/src/**/types.ts`,
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${pkg}.json` },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['**/dist/**', '**/.tsbuild/**', 'coverage', 'reports', 'bench/results', 'fuzz/findings'],
  thresholds: { high: 90, low: 85, break: null },
};
