import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources of the workspace packages, never a stale dist/.
    alias: [{ find: /^@mailwire\/([a-z0-9-]+)$/, replacement: `${packagesDir}$1/src/index.ts` }],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'bench/test/**/*.test.ts', 'fuzz/test/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    // Real Dovecot and Postfix for the integration tests (skipped with the reason where absent).
    globalSetup: ['./packages/node/test/support/global-setup.ts'],
    reporters: ['default', './vitest.summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
    },
  },
});
