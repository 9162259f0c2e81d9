/**
 * The vitest configuration StrykerJS runs for `pnpm mutation <package>`: the one package's
 * tests only (MAILWIRE_MUTATE names it), no mail servers, no coverage.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config';

const pkg = process.env.MAILWIRE_MUTATE ?? 'core';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [`packages/${pkg}/test/**/*.test.ts`],
    // heap-growth tests measure memory over gigabytes: mutants gain nothing from them
    // MAILWIRE_MUTATE_EXCLUDE=glob,glob leaves out test files still being written
    exclude: [
      '**/*memory*.test.ts',
      '**/node_modules/**',
      ...(process.env.MAILWIRE_MUTATE_EXCLUDE?.split(',').filter(Boolean) ?? []),
    ],
    globalSetup: [],
    coverage: { enabled: false },
    // StrykerJS switches mutants at run time, so the modules can stay loaded between runs;
    // re-importing every test file per mutant was most of the cost of a run
    isolate: false,
    // tests that are quadratic on purpose (every split of a whole session) sample less
    env: { MAILWIRE_MUTATION: '1' },
  },
});
