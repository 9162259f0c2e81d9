import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SHARED_HEADER, type WorkerInput, type WorkerMessage } from './protocol';
import { dictionaryFor, fuzzDir, readInputs, type TargetInfo } from './targets';

/** What a campaign needs to know (the subset of the command-line flags). */
/** How long a worker may take to load its target before the campaign counts as broken. */
const STARTUP_TIMEOUT = 60_000;

export interface CampaignOptions {
  maxLen: number;
  /** Milliseconds without progress that make the current input a hang. */
  timeout: number;
  /** Heap limit of the worker in MiB; passing it makes the current input a memory finding. */
  memory: number;
}

export interface Finding {
  kind: 'crash' | 'invariant' | 'hang' | 'memory';
  message: string;
  detail: string;
  input: Uint8Array;
  minimized: Uint8Array;
}

export function save(target: string, f: Finding): string {
  const dir = join(fuzzDir, 'findings', target);
  mkdirSync(dir, { recursive: true });
  const id = createHash('sha1').update(f.minimized).digest('hex').slice(0, 12);
  const base = join(dir, `${f.kind}-${id}`);
  writeFileSync(`${base}.bin`, f.minimized);
  writeFileSync(`${base}.orig.bin`, f.input);
  writeFileSync(`${base}.txt`, `${f.kind}: ${f.message}\n\n${f.detail}\n`);
  return `${base}.bin`;
}

/** Runs one worker for up to `ms`; resolves with its executions and findings. */
export function campaign(
  t: TargetInfo,
  flags: CampaignOptions,
  seed: number,
  ms: number,
): Promise<{ execs: number; findings: Finding[]; restart: boolean }> {
  const shared = new SharedArrayBuffer(SHARED_HEADER + flags.maxLen);
  const header = new Int32Array(shared, 0, 2);
  const corpus = [...readInputs(t.corpusDir), ...readInputs(t.regressionsDir)].map((e) => e.data);
  const data: WorkerInput = {
    target: t.name,
    targetPath: t.path,
    corpus,
    dictionary: dictionaryFor(t.name),
    seed,
    maxLength: flags.maxLen,
    durationMs: ms,
    shared,
  };
  const worker = new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: flags.memory },
  });
  const findings: Finding[] = [];
  let execs = 0;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let lastCount = -1;
    let lastChange = Date.now();
    let settled = false;
    const currentInput = (): Uint8Array =>
      new Uint8Array(shared, SHARED_HEADER, Atomics.load(header, 1)).slice();
    const finish = (restart: boolean): void => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      resolve({ execs, findings, restart });
    };
    const watchdog = setInterval(() => {
      const count = Atomics.load(header, 0);
      // Loading the target (through tsx) is not the target hanging: the clock starts at the first input.
      if (count === 0) {
        if (Date.now() - started > STARTUP_TIMEOUT) {
          void worker.terminate();
          settled = true;
          clearInterval(watchdog);
          reject(new Error(`the fuzz worker for ${t.name} did not start within ${STARTUP_TIMEOUT} ms`));
        }
        return;
      }
      if (count !== lastCount) {
        lastCount = count;
        lastChange = Date.now();
        execs = Math.max(execs, count);
      } else if (Date.now() - lastChange > flags.timeout) {
        const input = currentInput();
        findings.push({
          kind: 'hang',
          message: `no progress for ${flags.timeout} ms`,
          detail: '',
          input,
          minimized: input,
        });
        void worker.terminate();
        finish(true);
      }
    }, 100);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'stats' || m.type === 'done') execs = Math.max(execs, m.execs);
      if (m.type === 'finding')
        findings.push({
          kind: m.kind,
          message: m.message,
          detail: m.stack,
          input: m.input,
          minimized: m.minimized,
        });
      if (m.type === 'done') finish(false);
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (Atomics.load(header, 0) === 0 && err.code !== 'ERR_WORKER_OUT_OF_MEMORY') {
        // The worker died before running any input: the campaign is broken, not the target.
        reject(err);
        return;
      }
      const input = currentInput();
      const kind = err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash';
      findings.push({
        kind,
        message: `${err.name}: ${err.message}`,
        detail: err.stack ?? '',
        input,
        minimized: input,
      });
      finish(true);
    });
    worker.on('exit', () => finish(false));
  });
}
