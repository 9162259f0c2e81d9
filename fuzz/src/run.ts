/**
 * `pnpm fuzz [target...] [--time SECONDS] [--max-len BYTES] [--seed N] [--timeout MS] [--memory MB]`
 *
 * A bounded mutation campaign per target, in a worker thread: replays the seed corpus and
 * the saved regressions, then mutates them (and dictionary tokens) until the time is up.
 * A target fails on any exception that is not a ParseError — the targets themselves also
 * check chunking and round-trip invariants and throw InvariantError when one breaks.
 * A hang (no progress for --timeout ms) or a blow-up (past --memory MB of heap) is a
 * finding too. Findings are minimised and saved under fuzz/findings/<target>/; the exit
 * status is 1 when there is any.
 */
import { campaign, type Finding, save } from './campaign';
import { listTargets } from './targets';

interface Flags {
  time: number;
  maxLen: number;
  seed: number;
  timeout: number;
  memory: number;
  targets: string[];
}

function parseFlags(argv: string[]): Flags {
  const flags: Flags = {
    time: 60,
    maxLen: 4096,
    seed: Date.now() % 2 ** 31,
    timeout: 2000,
    memory: 512,
    targets: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const num = (): number => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${a} needs a positive number`);
      return v;
    };
    if (a === '--time') flags.time = num();
    else if (a === '--max-len') flags.maxLen = num();
    else if (a === '--seed') flags.seed = num();
    else if (a === '--timeout') flags.timeout = num();
    else if (a === '--memory') flags.memory = num();
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else flags.targets.push(a);
  }
  return flags;
}

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  const all = listTargets();
  const unknown = flags.targets.filter((n) => !all.some((t) => t.name === n));
  if (unknown.length) {
    process.stderr.write(
      `unknown target(s): ${unknown.join(', ')}; known: ${all.map((t) => t.name).join(', ')}\n`,
    );
    return 2;
  }
  const targets = flags.targets.length ? all.filter((t) => flags.targets.includes(t.name)) : all;
  const perTargetMs = (flags.time * 1000) / Math.max(1, targets.length);
  process.stdout.write(
    `fuzz: ${targets.length} target(s), ${(perTargetMs / 1000).toFixed(1)} s each, seed ${flags.seed}, max input ${flags.maxLen} bytes\n`,
  );
  let totalExecs = 0;
  let totalFindings = 0;
  for (const t of targets) {
    const start = Date.now();
    let execs = 0;
    const findings: Finding[] = [];
    let seed = flags.seed;
    // A hang or a crash of the worker restarts the campaign for the remaining time.
    while (Date.now() - start < perTargetMs - 50) {
      const r = await campaign(t, flags, seed++, perTargetMs - (Date.now() - start));
      execs += r.execs;
      findings.push(...r.findings);
      if (!r.restart) break;
    }
    const secs = (Date.now() - start) / 1000;
    totalExecs += execs;
    totalFindings += findings.length;
    process.stdout.write(
      `${t.name.padEnd(22)} ${String(execs).padStart(9)} execs  ${Math.round(execs / secs)
        .toString()
        .padStart(7)} exec/s  ${findings.length} finding(s)\n`,
    );
    for (const f of findings)
      process.stdout.write(`  ${f.kind}: ${f.message}\n    saved ${save(t.name, f)}\n`);
  }
  process.stdout.write(`fuzz: ${totalExecs} executions in all, ${totalFindings} finding(s)\n`);
  return totalFindings > 0 ? 1 : 0;
}

process.exitCode = await main();
