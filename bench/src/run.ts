/**
 * `pnpm bench [suite...]`: runs the named suites (all when none is named), writes
 * bench/results/<suite>.json and prints a markdown table of every suite at the end.
 */
import { fileURLToPath } from 'node:url';
import { type CaseFigures, machine, markdownTable, runSuite } from './harness';
import { suites } from './suites/index';

const resultsDir = fileURLToPath(new URL('../results', import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const matches = (name: string, w: string): boolean => name === w || name.startsWith(`${w}-`);
const unknown = wanted.filter((w) => !suites.some((s) => matches(s.name, w)));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown suite(s): ${unknown.join(', ')}; known: ${suites.map((s) => s.name).join(', ')}\n`,
  );
  process.exit(2);
}
const selected = wanted.length ? suites.filter((s) => wanted.some((w) => matches(s.name, w))) : suites;
const tables: string[] = [];
let bad = 0;
for (const suite of selected) {
  process.stdout.write(`\n# ${suite.name}: ${suite.description}\n`);
  const figures: CaseFigures[] = await runSuite(suite, resultsDir);
  bad += figures.filter((f) => f.kind === 'mailwire' && f.status !== 'ok').length;
  tables.push(markdownTable(suite.name, figures));
}
const m = machine();
process.stdout.write(`\n## Results (${m.cpu}, ${m.cores} cores, Node ${m.node})\n\n${tables.join('\n')}\n`);
if (bad > 0) {
  process.stderr.write(`${bad} mailwire case(s) produced wrong output or failed\n`);
  process.exitCode = 1;
}
