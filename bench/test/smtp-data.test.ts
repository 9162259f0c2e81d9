import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpDataSuite } from '../src/suites/smtp-data';

describe('smtp-data suite', () => {
  beforeAll(() => {
    process.env.MAILWIRE_BENCH_MIB = '1';
  });
  afterAll(() => {
    delete process.env.MAILWIRE_BENCH_MIB;
  });

  it('mailwire and nodemailer both produce the dot-stuffed message and its terminator', async () => {
    const cases = smtpDataSuite.cases();
    expect(cases.map((c) => c.kind)).toEqual(['mailwire', 'peer', 'reference', 'reference', 'reference']);
    for (const c of cases.filter((x) => x.check)) {
      expect([c.name, await c.check?.()]).toEqual([c.name, undefined]);
    }
  });
});
