/**
 * The e2e suite's cases against the real Dovecot of the test run, on a 2 MiB message: every
 * retrieval path (raw socket references, mailwire, the peers) gets the message right, or is
 * reported wrong for the reason it is — the checks the bench runs before timing anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servers, unavailableReason } from '../../packages/node/test/support/servers';
import { e2eImapSuite, e2ePop3Suite, prepareE2e, teardownE2e } from '../src/suites/e2e';

describe.skipIf(!servers)(`e2e bench cases${servers ? '' : ` (skipped: ${unavailableReason})`}`, () => {
  beforeAll(async () => {
    process.env.MAILWIRE_BENCH_E2E_MIB = '2';
    const s = servers!;
    await prepareE2e(s, s.users.find((u) => u.user === 'ivan')!);
  });
  afterAll(async () => {
    delete process.env.MAILWIRE_BENCH_E2E_MIB;
    await teardownE2e();
  });

  it('POP3: the raw read, both mailwire paths right; node-pop3 wrong (it does not unstuff)', async () => {
    const problems = new Map<string, string | undefined>();
    for (const c of e2ePop3Suite.cases()) problems.set(c.name, await c.check?.());
    expect(problems.get('raw socket: RETR, scan for CRLF.CRLF')).toBeUndefined();
    expect(problems.get('mailwire Pop3Client.retrStream')).toBeUndefined();
    expect(problems.get('mailwire Pop3Client.retr (whole)')).toBeUndefined();
    // the message has lines starting with ".": left stuffed, node-pop3's copy is longer
    expect(problems.get('node-pop3 RETR')).toMatch(/^received \d+ bytes, the message has \d+$/);
    expect(e2ePop3Suite.cases()[0]!.bytes).toBeGreaterThan(2 * 1024 * 1024 - 200);
  });

  it('IMAP: the raw read, mailwire and every peer get the same bytes', async () => {
    for (const c of e2eImapSuite.cases()) {
      expect([c.name, await c.check?.()]).toEqual([c.name, undefined]);
    }
  });
});
