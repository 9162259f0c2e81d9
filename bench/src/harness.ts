import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import b from 'benny';
import type { CaseResult, Summary } from 'benny/lib/internal/common-types';
import { CHUNK_SIZE, MiB } from './input';

export type CaseKind = 'mailwire' | 'peer' | 'reference';

export interface BenchCase {
  name: string;
  kind: CaseKind;
  /** Input bytes processed by one run. */
  bytes: number;
  /** Items (lines, replies, responses) processed by one run, when that is the natural unit. */
  items?: number;
  /** One run over the whole input (peers that parse through Node streams return a promise). */
  run(): unknown;
  /**
   * Checks that one run produces the right output; returns what is wrong, or undefined.
   * A case whose output is wrong is reported as wrong and not timed.
   */
  check?(): string | undefined | Promise<string | undefined>;
}

export interface BenchSuite {
  name: string;
  description: string;
  /** Prepares what the cases need (servers, data) before they are made; throws if it cannot. */
  setup?(): Promise<void>;
  /** Releases what setup made, after the last case, whatever happened. */
  teardown?(): Promise<void>;
  cases(): BenchCase[];
  /**
   * Time the cases in this many rounds, each round running every case once in a rotating
   * order, instead of benny's one block of runs per case. For suites against a live server,
   * whose speed drifts over a suite (page cache, TCP state, its processes): blocks of runs
   * land in faster or slower stretches, rounds give every case the same conditions.
   * MAILWIRE_BENCH_ROUNDS overrides it.
   */
  rounds?: number;
}

export interface CaseFigures {
  name: string;
  kind: CaseKind;
  status: 'ok' | 'wrong' | 'failed';
  problem?: string;
  medianMs?: number;
  minMs?: number;
  maxMs?: number;
  samples?: number;
  mbPerSec?: number;
  itemsPerSec?: number;
  /** Throughput relative to each reference case of the suite (1.0 = as fast). */
  vsReference?: Record<string, number>;
  /** Throughput relative to the best peer of the suite (mailwire cases only). */
  vsBestPeer?: number;
  bestPeer?: string;
  /** Heap plus array-buffer growth over one run, measured after a GC (bytes). */
  heapGrowth?: number;
  /**
   * CPU time of this process per run (user + system, median; suites timed in rounds only):
   * against a live server the wall time is mostly the server's, this is the client's cost.
   */
  cpuMs?: number;
}

declare const gc: undefined | (() => void);
const collect = (): void => {
  if (typeof gc === 'function') gc();
};
const memory = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** How long benny may spend per case (seconds); MAILWIRE_BENCH_TIME raises it for careful runs. */
const MAX_TIME = Number(process.env.MAILWIRE_BENCH_TIME ?? 2);

export async function runSuite(suite: BenchSuite, resultsDir: string): Promise<CaseFigures[]> {
  try {
    await suite.setup?.();
    return await runCases(suite, resultsDir);
  } catch (err) {
    // a setup that cannot run (no mail servers here) fails every case with its reason
    const problem = err instanceof Error ? err.message : String(err);
    return suite.cases().map((c) => ({ name: c.name, kind: c.kind, status: 'failed', problem }));
  } finally {
    await suite.teardown?.();
  }
}

async function runCases(suite: BenchSuite, resultsDir: string): Promise<CaseFigures[]> {
  const cases = suite.cases();
  const figures = new Map<string, CaseFigures>();
  const timed: BenchCase[] = [];
  const asyncCases = new Set<BenchCase>();
  for (const c of cases) {
    const f: CaseFigures = { name: c.name, kind: c.kind, status: 'ok' };
    figures.set(c.name, f);
    try {
      const problem = await c.check?.();
      if (problem) {
        f.status = 'wrong';
        f.problem = problem;
        continue;
      }
      collect();
      const before = memory();
      const result = c.run();
      if (result instanceof Promise) {
        asyncCases.add(c);
        await result;
      }
      f.heapGrowth = Math.max(0, memory() - before);
      timed.push(c);
    } catch (err) {
      f.status = 'failed';
      f.problem = err instanceof Error ? err.message : String(err);
    }
  }

  let summary: Summary | undefined;
  let timings: Map<string, Timing>;
  if (suite.rounds && timed.length > 0) {
    timings = await timeInRounds(timed, Number(process.env.MAILWIRE_BENCH_ROUNDS ?? suite.rounds));
  } else if (timed.length > 0) {
    summary = await b.suite(
      suite.name,
      b.configure({ cases: { minSamples: 5, maxTime: MAX_TIME } }),
      ...timed.map((c) => {
        // benny tells sync from async by calling the case once, untimed, without awaiting it:
        // that first call only answers with the right type, so that no run of an async case
        // (a whole e2e retrieval) overlaps the timed ones
        let probed = false;
        const probe = asyncCases.has(c) ? () => Promise.resolve() : () => undefined;
        return b.add(c.name, () => {
          collect(); // GC between cases, outside the timed function
          return () => {
            if (probed) return c.run();
            probed = true;
            return probe();
          };
        });
      }),
      b.cycle(() => undefined),
      b.complete((s) => {
        summary = s;
      }),
    );
  }

  timings ??= new Map(
    (summary?.results ?? []).map((r: CaseResult) => [
      r.name,
      { median: r.details.median, min: r.details.min, max: r.details.max, samples: r.samples },
    ]),
  );
  for (const c of timed) {
    const r = timings.get(c.name);
    const f = figures.get(c.name);
    if (!r || !f) continue;
    const median = r.median; // seconds per run
    f.medianMs = median * 1e3;
    f.minMs = r.min * 1e3;
    f.maxMs = r.max * 1e3;
    f.samples = r.samples;
    if (r.cpu !== undefined) f.cpuMs = r.cpu * 1e3;
    f.mbPerSec = c.bytes / MiB / median;
    if (c.items !== undefined) f.itemsPerSec = c.items / median;
  }
  const rate = (f: CaseFigures): number | undefined => f.itemsPerSec ?? f.mbPerSec;
  const all = [...figures.values()];
  const references = all.filter((f) => f.kind === 'reference' && f.mbPerSec);
  const peers = all.filter((f) => f.kind === 'peer' && f.status === 'ok' && rate(f));
  const bestPeer = peers.sort((x, y) => (rate(y) ?? 0) - (rate(x) ?? 0))[0];
  for (const f of all) {
    if (!f.mbPerSec) continue;
    f.vsReference = Object.fromEntries(
      references.filter((r) => r !== f).map((r) => [r.name, round(f.mbPerSec! / r.mbPerSec!)]),
    );
    if (f.kind === 'mailwire' && bestPeer) {
      f.bestPeer = bestPeer.name;
      f.vsBestPeer = round((rate(f) ?? 0) / (rate(bestPeer) ?? 1));
    }
  }

  mkdirSync(resultsDir, { recursive: true });
  const result = {
    suite: suite.name,
    description: suite.description,
    date: new Date().toISOString(),
    machine: machine(),
    chunkSize: CHUNK_SIZE,
    method: suite.rounds
      ? `interleaved rounds (${[...timings.values()][0]?.samples ?? 0}), ${gcEachRun() ? 'GC before each run' : 'one GC before the rounds'}`
      : 'benny',
    figures: all,
    benny: summary ?? null,
  };
  writeFileSync(`${resultsDir}/${suite.name}.json`, `${JSON.stringify(result, null, 2)}\n`);
  return all;
}

/** Seconds per run of one case. */
interface Timing {
  median: number;
  min: number;
  max: number;
  samples: number;
  /** median CPU seconds of this process per run, when measured */
  cpu?: number;
}

/**
 * Whether rounds force a GC before each run (the default) or only once before the first round
 * (MAILWIRE_BENCH_ROUND_GC=once). After a forced full GC the old generation's limit sits
 * close to a small live heap, and the socket buffers a large retrieval allocates count
 * against it, so V8 (Node 20) starts incremental marking early. `once` measures the clients
 * in the heap state their own runs lead to. See PROFILING.md.
 */
const gcEachRun = (): boolean => process.env.MAILWIRE_BENCH_ROUND_GC !== 'once';

/**
 * Runs every case once per round, starting each round one case further on (so no case is
 * always first after another), with a GC before each run outside the timed part (or one
 * before the first round: gcEachRun).
 */
async function timeInRounds(cases: BenchCase[], rounds: number): Promise<Map<string, Timing>> {
  const runs = new Map<string, { wall: number[]; cpu: number[] }>(
    cases.map((c) => [c.name, { wall: [], cpu: [] }]),
  );
  const each = gcEachRun();
  if (!each) collect();
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < cases.length; k++) {
      const c = cases[(k + round) % cases.length] as BenchCase;
      if (each) collect();
      const cpu = process.cpuUsage();
      const start = performance.now();
      await c.run();
      const wall = (performance.now() - start) / 1e3;
      const used = process.cpuUsage(cpu);
      const r = runs.get(c.name);
      r?.wall.push(wall);
      r?.cpu.push((used.user + used.system) / 1e6);
    }
  }
  return new Map(
    [...runs].map(([name, { wall, cpu }]) => [
      name,
      {
        median: median(wall),
        min: Math.min(...wall),
        max: Math.max(...wall),
        samples: wall.length,
        cpu: median(cpu),
      },
    ]),
  );
}

function median(values: number[]): number {
  const t = [...values].sort((x, y) => x - y);
  const mid = t.length >> 1;
  return t.length % 2 ? (t[mid] ?? 0) : ((t[mid - 1] ?? 0) + (t[mid] ?? 0)) / 2;
}

export function machine(): Record<string, string | number> {
  const cpu = os.cpus()[0];
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpu?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** A markdown table of one suite's figures. */
export function markdownTable(suite: string, figures: CaseFigures[]): string {
  const refs = figures.filter((f) => f.kind === 'reference').map((f) => f.name);
  const cpu = figures.some((f) => f.cpuMs !== undefined);
  const head = [
    'case',
    'kind',
    'MiB/s',
    'items/s',
    'median ms (min..max)',
    ...refs.map((r) => `x ${r}`),
    'x best peer',
    'heap growth',
    ...(cpu ? ['client CPU ms per run'] : []),
  ];
  const rows = figures.map((f) => {
    if (f.status !== 'ok')
      return [
        f.name,
        f.kind,
        `${f.status.toUpperCase()}: ${f.problem ?? ''}`,
        '',
        '',
        ...refs.map(() => ''),
        '',
        '',
        ...(cpu ? [''] : []),
      ];
    return [
      f.name,
      f.kind,
      fmt(f.mbPerSec, 1),
      f.itemsPerSec ? Math.round(f.itemsPerSec).toLocaleString('en-US') : '',
      f.medianMs !== undefined ? `${fmt(f.medianMs, 2)} (${fmt(f.minMs, 2)}..${fmt(f.maxMs, 2)})` : '',
      ...refs.map((r) => (f.vsReference?.[r] !== undefined ? fmt(f.vsReference[r], 2) : '')),
      f.vsBestPeer !== undefined ? `${fmt(f.vsBestPeer, 2)} (${f.bestPeer})` : '',
      f.heapGrowth !== undefined ? `${fmt(f.heapGrowth / MiB, 2)} MiB` : '',
      ...(cpu ? [f.cpuMs !== undefined ? fmt(f.cpuMs, 1) : ''] : []),
    ];
  });
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [`### ${suite}`, '', line(head), line(head.map(() => '---')), ...rows.map(line), ''].join('\n');
}

function fmt(x: number | undefined, digits: number): string {
  return x === undefined ? '' : x.toFixed(digits);
}
