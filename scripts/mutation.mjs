// `pnpm mutation [core|smtp|pop3|imap]...`: StrykerJS on each named codec package in turn.
import { spawnSync } from 'node:child_process';

const known = ['core', 'smtp', 'pop3', 'imap'];
const wanted = process.argv.slice(2);
const bad = wanted.filter((p) => !known.includes(p));
if (bad.length) {
  console.error(`unknown package(s): ${bad.join(', ')}; known: ${known.join(', ')}`);
  process.exit(2);
}
let status = 0;
for (const pkg of wanted.length ? wanted : known) {
  console.log(`\n== mutation testing packages/${pkg}`);
  const r = spawnSync('pnpm', ['exec', 'stryker', 'run', 'stryker.config.mjs'], {
    stdio: 'inherit',
    // fewer property-test runs per mutant: the example tests kill most mutants, and a run
    // is per mutant (MAILWIRE_FC_RUNS overrides)
    env: { MAILWIRE_FC_RUNS: '25', ...process.env, MAILWIRE_MUTATE: pkg },
  });
  status ||= r.status ?? 1;
}
process.exit(status);
