import { describe, expect, it } from 'vitest';
import { listTargets, readInputs } from '../src/targets';

// Every target replays its seed corpus and every saved regression (a fixed finding) cleanly.
describe.each(listTargets())('fuzz target $name', (target) => {
  it('passes its corpus and regressions', async () => {
    const mod = (await import(target.path)) as { fuzz: (data: Buffer) => void };
    const inputs = [...readInputs(target.corpusDir), ...readInputs(target.regressionsDir)];
    expect(inputs.length).toBeGreaterThan(0);
    for (const { name, data } of inputs) {
      expect(() => mod.fuzz(Buffer.from(data)), name).not.toThrow();
    }
  });
});
