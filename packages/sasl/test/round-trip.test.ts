import type { SaslMechanism } from '@mailwire/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CramMd5Mechanism,
  createServerMechanism,
  deriveScramCredentials,
  LoginMechanism,
  PlainMechanism,
  type SaslServerCredentials,
  ScramClient,
  saslprepCheck,
} from '../src/index';
import { runExchange } from './exchange';

// User names and passwords SASLprep accepts (both sides prepare them), without NUL.
const name = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes('\0') && s.trim() === s);
const secret = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }).filter((s) => {
  const prepared = saslprepCheck(s, { allowUnassigned: false });
  return prepared.ok && prepared.value.length > 0;
});

const clients: Record<string, (username: string, password: string) => SaslMechanism> = {
  PLAIN: (username, password) => new PlainMechanism({ username, password }),
  LOGIN: (username, password) => new LoginMechanism({ username, password }),
  'CRAM-MD5': (username, password) => new CramMd5Mechanism({ username, password }),
  'SCRAM-SHA-1': (username, password) => new ScramClient('SHA-1', { username, password, minIterations: 16 }),
  'SCRAM-SHA-256': (username, password) =>
    new ScramClient('SHA-256', { username, password, minIterations: 16 }),
};

function storeFor(username: string, password: string): SaslServerCredentials {
  const scram = {
    'SHA-1': deriveScramCredentials(password, { hash: 'SHA-1', iterations: 16 }),
    'SHA-256': deriveScramCredentials(password, { hash: 'SHA-256', iterations: 16 }),
  };
  return {
    getPassword: (user) => (user === username ? password : undefined),
    getScramCredentials: (user, hash) => (user === username ? scram[hash] : undefined),
  };
}

describe('client <-> server round trip for any credentials', () => {
  it.each(Object.keys(clients))('%s: the right password succeeds, another fails', (mechanism) => {
    const client = clients[mechanism] as (u: string, p: string) => SaslMechanism;
    fc.assert(
      fc.property(name, secret, secret, (username, password, other) => {
        // CRAM-MD5 separates user and digest by a space; the SCRAM client SASLprep's the user name,
        // so only names SASLprep leaves alone reach the server's table unchanged.
        const preparedName = saslprepCheck(username);
        fc.pre(preparedName.ok && preparedName.value === username && !/\s/.test(username));
        const store = storeFor(username, password);
        const good = runExchange(client(username, password), createServerMechanism(mechanism, store)).step;
        expect(good).toMatchObject({ type: 'success', authcid: username, authzid: username });
        const prepared = (s: string) => (saslprepCheck(s) as { value: string }).value;
        fc.pre(prepared(other) !== prepared(password));
        const bad = runExchange(client(username, other), createServerMechanism(mechanism, store)).step;
        expect(bad.type === 'failure' && bad.error.code).toBe('AUTH_FAILED');
      }),
    );
  });
});
