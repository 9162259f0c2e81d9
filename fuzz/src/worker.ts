import { parentPort, workerData } from 'node:worker_threads';
import { minimize } from './minimize';
import { mutate, prng } from './mutate';
import { SHARED_HEADER, type WorkerInput, type WorkerMessage } from './protocol';

const input = workerData as WorkerInput;
const post = (m: WorkerMessage): void => parentPort?.postMessage(m);
const header = new Int32Array(input.shared, 0, 2);
const current = new Uint8Array(input.shared, SHARED_HEADER);

const { tsImport } = await import('tsx/esm/api');
const mod = (await tsImport(input.targetPath, import.meta.url)) as { fuzz: (data: Buffer) => void };

/** The identity of a failure: its class and first message line, so minimising keeps the same bug. */
function signature(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message.split('\n')[0]}`;
  return String(err);
}

/** Runs the target on `data`, publishing it as the current input so the watchdog sees progress (also while minimising). */
function failure(data: Uint8Array): unknown {
  current.set(data.subarray(0, current.length), 0);
  Atomics.store(header, 1, Math.min(data.length, current.length));
  Atomics.add(header, 0, 1);
  try {
    mod.fuzz(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    return undefined;
  } catch (err) {
    return err;
  }
}

const rnd = prng(input.seed);
const corpus = input.corpus.length ? input.corpus : [new Uint8Array(0)];
const deadline = Date.now() + input.durationMs;
const seen = new Set<string>();
let execs = 0;
let lastStats = Date.now();
let index = 0;

while (Date.now() < deadline) {
  // First replay every corpus entry as is, then mutate.
  const data =
    index < corpus.length
      ? (corpus[index++] as Uint8Array).subarray(0, input.maxLength)
      : mutate(
          corpus[Math.floor(rnd() * corpus.length)] as Uint8Array,
          corpus[Math.floor(rnd() * corpus.length)] as Uint8Array,
          rnd,
          { maxLength: input.maxLength, dictionary: input.dictionary },
        );
  const err = failure(data);
  execs++;
  if (err !== undefined) {
    const sig = signature(err);
    if (!seen.has(sig)) {
      seen.add(sig);
      const minimized = minimize(data, (c) => {
        const e = failure(c);
        return e !== undefined && signature(e) === sig;
      });
      post({
        type: 'finding',
        kind: err instanceof Error && err.name === 'InvariantError' ? 'invariant' : 'crash',
        message: sig,
        stack: err instanceof Error ? (err.stack ?? sig) : sig,
        input: data.slice(),
        minimized: minimized.slice(),
      });
    }
  }
  if (Date.now() - lastStats > 1000) {
    post({ type: 'stats', execs });
    lastStats = Date.now();
  }
}
post({ type: 'done', execs });
