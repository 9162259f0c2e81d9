// `pnpm mutation [core|smtp|pop3|imap]...`: StrykerJS on each named codec package in turn.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const known = ['core', 'smtp', 'pop3', 'imap'];
const wanted = process.argv.slice(2);
const bad = wanted.filter((p) => !known.includes(p));
if (bad.length) {
  console.error(`unknown package(s): ${bad.join(', ')}; known: ${known.join(', ')}`);
  process.exit(2);
}
/**
 * Stryker's incremental file carries no per-test coverage for our runs, so it re-uses a
 * surviving mutant even when new tests would kill it. MAILWIRE_MUTATE_RETEST=a.ts,b.ts (or
 * `all`) forgets the survivors of those parser files, so that this run tests them again.
 * With MAILWIRE_MUTATE_RETEST_TIMEOUTS=1 it forgets their timeouts too: a run that shared
 * the CPU can time out on a mutant that is merely slow, so timeouts are re-checked on an
 * idle machine before a score is reported.
 */
function forgetSurvivors(pkg) {
  const wanted = process.env.MAILWIRE_MUTATE_RETEST?.split(',').filter(Boolean);
  const file = `reports/mutation/${process.env.MAILWIRE_MUTATE_REPORT ?? pkg}-incremental.json`;
  if (!wanted?.length || !existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const forget = ['Survived', 'NoCoverage'];
  if (process.env.MAILWIRE_MUTATE_RETEST_TIMEOUTS === '1') forget.push('Timeout');
  let forgotten = 0;
  for (const [name, result] of Object.entries(report.files)) {
    if (!wanted.includes('all') && !wanted.some((w) => name.endsWith(`/src/${w}`))) continue;
    const kept = result.mutants.filter((m) => !forget.includes(m.status));
    forgotten += result.mutants.length - kept.length;
    result.mutants = kept;
  }
  writeFileSync(file, JSON.stringify(report));
  console.log(`${file}: ${forgotten} mutant(s) (${forget.join(', ')}) will be tested again`);
}

let status = 0;
for (const pkg of wanted.length ? wanted : known) {
  forgetSurvivors(pkg);
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
