/** Messages between the campaign runner (main thread) and its fuzzing worker. */
export interface WorkerInput {
  target: string;
  targetPath: string;
  corpus: Uint8Array[];
  dictionary: Uint8Array[];
  seed: number;
  maxLength: number;
  durationMs: number;
  /** [0] = executions started, [1] = length of the input being run; bytes follow at offset 8. */
  shared: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'stats'; execs: number }
  | {
      type: 'finding';
      kind: 'crash' | 'invariant';
      message: string;
      stack: string;
      input: Uint8Array;
      minimized: Uint8Array;
    }
  | { type: 'done'; execs: number };

export const SHARED_HEADER = 8;
