/**
 * Objects a hot path makes once per chunk or per command must share one hidden class. On
 * Node 20 (V8 11.3) `{ ...e, tag }` gives every copy a new map, allocated in the old
 * generation: per body chunk that kept the GC's incremental marking starting during a large
 * FETCH and made the e2e IMAP stream 12% slower (bench/PROFILING.md, "Fifth look"). The check
 * needs V8's natives syntax, so it runs in a child process.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const benchDir = fileURLToPath(new URL('..', import.meta.url));

describe('hidden classes on the hot paths', () => {
  it('streamed body chunks and sent commands keep one map each', () => {
    const out = execFileSync(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', 'test/probes/hidden-classes.ts'],
      { cwd: benchDir, encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({ bodyChunks: true, commands: true });
  });
});
