import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { campaign } from '../src/campaign';

const fixture = (p: string): string => fileURLToPath(new URL(`./fixtures/${p}`, import.meta.url));

describe('fuzz campaign', () => {
  it('finds and minimises a crash, and reports a hang with the input that hung', async () => {
    const target = {
      name: 'planted',
      path: fixture('planted.ts'),
      corpusDir: fixture('planted-corpus'),
      regressionsDir: fixture('none'),
    };
    const result = await campaign(target, { maxLen: 256, timeout: 500, memory: 256 }, 1, 3000);
    const crash = result.findings.find((f) => f.kind === 'crash');
    expect(crash?.message).toBe('TypeError: planted bug');
    expect(new TextDecoder().decode(crash?.minimized)).toBe('BUG');
    const hang = result.findings.find((f) => f.kind === 'hang');
    expect(new TextDecoder().decode(hang?.input)).toContain('HANG');
    expect(result.restart).toBe(true);
  });
});
