/**
 * vitest global setup: starts the real Dovecot and Postfix once for the whole run and
 * hands their ports, users and CA to the integration tests through `inject('mailServers')`.
 * Where the servers cannot run (not installed, not root), the tests skip with the reason —
 * except in CI, where .ci/run installs them, so their absence fails the run.
 */
import type { TestProject } from 'vitest/node';
import {
  type MailServers,
  type MailServersInfo,
  mailServersUnavailable,
  startMailServers,
} from './mail-servers';

declare module 'vitest' {
  export interface ProvidedContext {
    mailServers: MailServersInfo | null;
    mailServersUnavailable: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const why = mailServersUnavailable();
  if (why) {
    if (process.env.CI) throw new Error(`integration tests need the real mail servers in CI: ${why}`);
    process.stderr.write(`mailwire: integration tests will skip: ${why}\n`);
    project.provide('mailServers', null);
    project.provide('mailServersUnavailable', why);
    return async () => {};
  }
  const servers: MailServers = await startMailServers();
  const { stop: _stop, ...info } = servers;
  project.provide('mailServers', info);
  project.provide('mailServersUnavailable', '');
  return () => servers.stop();
}
