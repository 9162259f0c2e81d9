import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunked, mailText } from '../src/input';
import { byteLoop, indexOfCrlf, indexOfCrlfDot, indexOfLf, memcpyChunks } from '../src/references';

describe('bench input', () => {
  it('is deterministic, exactly sized, CRLF-only mail text', () => {
    const a = mailText(200_000, 7);
    expect(a.length).toBe(200_000);
    expect(mailText(200_000, 7)).toEqual(a);
    expect(mailText(200_000, 8)).not.toEqual(a);
    // every LF is preceded by CR (no bare LF), every CR followed by LF except possibly at the cut end
    for (let i = 0; i < a.length; i++) {
      if (a[i] === 10) expect(a[i - 1]).toBe(13);
      if (a[i] === 13 && i + 1 < a.length) expect(a[i + 1]).toBe(10);
    }
  });

  it('chunks into views that cover the input in order', () => {
    const a = mailText(100_001);
    const chunks = chunked(a, 4096);
    expect(chunks.length).toBe(Math.ceil(100_001 / 4096));
    expect(chunks.every((c) => c.buffer === a.buffer)).toBe(true);
    expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(a.length);
  });
});

describe('references count what they claim', () => {
  const text = new TextEncoder().encode('a\r\nb\n.c\r\n.\r\nx\r');
  const chunks = chunked(text, 3); // splits CRLF pairs across chunks
  it('indexOf LF / CRLF / CRLF-dot', () => {
    expect(indexOfLf(chunks)).toBe(4);
    expect(indexOfCrlf(chunks)).toBe(3);
    expect(indexOfCrlfDot([text])).toBe(1);
  });
  it('memcpy and byte loop see every byte', () => {
    expect(memcpyChunks(chunks, new Uint8Array(3))).toBe(text.length);
    const sum = text.reduce((s, b) => s + b, 0);
    expect(byteLoop(chunks)).toBe(sum);
  });
});

describe('runSuite', () => {
  it('never runs an async case twice at once, and runs setup before and teardown after', async () => {
    process.env.MAILWIRE_BENCH_TIME = '0.05';
    const { runSuite } = await import('../src/harness');
    const dir = mkdtempSync(join(tmpdir(), 'mailwire-bench-'));
    const log: string[] = [];
    let running = 0;
    let most = 0;
    let runs = 0;
    const figures = await runSuite(
      {
        name: 'async',
        description: 'test',
        setup: async () => {
          log.push('setup');
        },
        teardown: async () => {
          log.push('teardown');
        },
        cases: () => {
          log.push('cases');
          return [
            {
              name: 'slow',
              kind: 'mailwire',
              bytes: 1,
              run: async () => {
                runs++;
                most = Math.max(most, ++running);
                await new Promise((r) => setTimeout(r, 30));
                running--;
              },
            },
          ];
        },
      },
      dir,
    );
    expect(figures[0]?.status).toBe('ok');
    expect(runs).toBeGreaterThan(5);
    expect(most).toBe(1);
    expect(log).toEqual(['setup', 'cases', 'teardown']);
  });

  it('with rounds, runs every case once per round in a rotating order, one at a time', async () => {
    const { runSuite } = await import('../src/harness');
    const dir = mkdtempSync(join(tmpdir(), 'mailwire-bench-'));
    const order: string[] = [];
    let running = 0;
    let most = 0;
    const make = (name: string) => ({
      name,
      kind: 'peer' as const,
      bytes: 1,
      run: async () => {
        order.push(name);
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 1));
        running--;
      },
      check: () => undefined,
    });
    const figures = await runSuite(
      { name: 'rounds', description: 'test', rounds: 4, cases: () => [make('a'), make('b'), make('c')] },
      dir,
    );
    // the first three runs are the untimed checks-and-probe pass, one per case
    expect(order.slice(3)).toEqual(['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b', 'a', 'b', 'c']);
    expect(most).toBe(1);
    expect(figures.map((f) => [f.name, f.samples])).toEqual([
      ['a', 4],
      ['b', 4],
      ['c', 4],
    ]);
    for (const f of figures) {
      expect(f.minMs).toBeLessThanOrEqual(f.medianMs ?? 0);
      // CPU time per run is measured in rounds
      expect(typeof f.cpuMs).toBe('number');
      expect(f.cpuMs).toBeGreaterThanOrEqual(0);
    }
    const { markdownTable } = await import('../src/harness');
    expect(markdownTable('rounds', figures).split('\n')[2]).toContain('client CPU ms per run');
    const json = JSON.parse(readFileSync(join(dir, 'rounds.json'), 'utf8'));
    expect(json.method).toBe('interleaved rounds (4), GC before each run');
  });

  it('forces a GC before each run in rounds, or once before them with MAILWIRE_BENCH_ROUND_GC=once', async () => {
    const { runSuite } = await import('../src/harness');
    const g = globalThis as { gc?: () => void };
    const saved = g.gc;
    const savedEnv = process.env.MAILWIRE_BENCH_ROUND_GC;
    const gcs = async (mode: string | undefined): Promise<{ count: number; method: string }> => {
      if (mode === undefined) delete process.env.MAILWIRE_BENCH_ROUND_GC;
      else process.env.MAILWIRE_BENCH_ROUND_GC = mode;
      const dir = mkdtempSync(join(tmpdir(), 'mailwire-bench-'));
      let count = 0;
      g.gc = () => {
        count++;
      };
      const run = async () => {};
      const cases = () =>
        ['a', 'b'].map((name) => ({ name, kind: 'peer' as const, bytes: 1, run, check: () => undefined }));
      await runSuite({ name: 'gc', description: 'test', rounds: 3, cases }, dir);
      const method = JSON.parse(readFileSync(join(dir, 'gc.json'), 'utf8')).method as string;
      return { count, method };
    };
    try {
      // one GC before each case's untimed check run (2), then the rounds' own
      expect(await gcs(undefined)).toEqual({
        count: 2 + 6,
        method: 'interleaved rounds (3), GC before each run',
      });
      expect(await gcs('once')).toEqual({
        count: 2 + 1,
        method: 'interleaved rounds (3), one GC before the rounds',
      });
    } finally {
      if (saved === undefined) delete g.gc;
      else g.gc = saved;
      if (savedEnv === undefined) delete process.env.MAILWIRE_BENCH_ROUND_GC;
      else process.env.MAILWIRE_BENCH_ROUND_GC = savedEnv;
    }
  });

  it('fails every case with the reason when setup cannot run, and still tears down', async () => {
    const { runSuite } = await import('../src/harness');
    const dir = mkdtempSync(join(tmpdir(), 'mailwire-bench-'));
    let tornDown = false;
    const figures = await runSuite(
      {
        name: 'nosetup',
        description: 'test',
        setup: async () => {
          throw new Error('no Dovecot here');
        },
        teardown: async () => {
          tornDown = true;
        },
        cases: () => [{ name: 'x', kind: 'mailwire', bytes: 1, run: () => 1 }],
      },
      dir,
    );
    expect(figures).toEqual([{ name: 'x', kind: 'mailwire', status: 'failed', problem: 'no Dovecot here' }]);
    expect(tornDown).toBe(true);
  });

  it('times correct cases, marks a wrong one as wrong without timing it, and writes JSON', async () => {
    process.env.MAILWIRE_BENCH_TIME = '0.05';
    const { runSuite } = await import('../src/harness');
    const dir = mkdtempSync(join(tmpdir(), 'mailwire-bench-'));
    const data = [new Uint8Array(1024).fill(10)];
    const figures = await runSuite(
      {
        name: 'tiny',
        description: 'test',
        cases: () => [
          { name: 'ref', kind: 'reference', bytes: 1024, run: () => indexOfLf(data) },
          {
            name: 'ours',
            kind: 'mailwire',
            bytes: 1024,
            items: 1024,
            run: () => indexOfLf(data),
            check: () => undefined,
          },
          {
            name: 'liar',
            kind: 'peer',
            bytes: 1024,
            run: () => 0,
            check: () => 'counted 0 lines, want 1024',
          },
        ],
      },
      dir,
    );
    const byName = Object.fromEntries(figures.map((f) => [f.name, f]));
    expect(byName.liar?.status).toBe('wrong');
    expect(byName.liar?.medianMs).toBeUndefined();
    expect(byName.ours?.status).toBe('ok');
    expect(byName.ours?.mbPerSec).toBeGreaterThan(0);
    expect(byName.ours?.vsReference?.ref).toBeGreaterThan(0);
    expect(byName.ours?.vsBestPeer).toBeUndefined(); // the only peer was wrong
    const saved = JSON.parse(readFileSync(join(dir, 'tiny.json'), 'utf8')) as {
      suite: string;
      figures: unknown[];
    };
    expect(saved.suite).toBe('tiny');
    expect(saved.figures).toHaveLength(3);
  });
});
