import { decodeBase64, decodeUtf8, encodeUtf8 } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import {
  CramMd5Mechanism,
  CramMd5Server,
  createServerMechanism,
  deriveScramCredentials,
  LoginMechanism,
  LoginServer,
  PlainMechanism,
  PlainServer,
  type SaslServerCredentials,
  type ScramCredentials,
  type ScramHash,
  scramSha1,
  scramSha1Server,
  scramSha256,
  scramSha256Server,
} from '../src/index';
import { runExchange } from './exchange';

const text = (bytes: Uint8Array | undefined): string => decodeUtf8(bytes ?? new Uint8Array(0));
const bytes = (s: string): Uint8Array => encodeUtf8(s);

const passwords: Record<string, string> = {
  alice: 'wonderland',
  'b,o=b': 'builder',
  tim: 'tanstaaftanstaaf',
};
const scramStore = new Map<string, ScramCredentials>();
for (const hash of ['SHA-1', 'SHA-256'] as ScramHash[]) {
  for (const [user, password] of Object.entries(passwords)) {
    scramStore.set(`${hash}:${user}`, deriveScramCredentials(password, { hash, iterations: 4096 }));
  }
}
const store: SaslServerCredentials = {
  getPassword: (user) => passwords[user],
  getScramCredentials: (user, hash) => scramStore.get(`${hash}:${user}`),
  authorize: (authcid, authzid) => authcid === 'alice' && authzid === 'shared',
};

describe('PLAIN server', () => {
  it('authenticates with and without initial response', () => {
    for (const initialResponse of [true, false]) {
      const { step } = runExchange(
        new PlainMechanism({ username: 'alice', password: 'wonderland' }),
        new PlainServer(store),
        {
          initialResponse,
        },
      );
      expect(step).toEqual({ type: 'success', authcid: 'alice', authzid: 'alice' });
    }
  });

  it('fails a wrong password and an unknown user alike, without quoting the password', () => {
    for (const [username, password] of [
      ['alice', 'wrongpass'],
      ['nobody', 'wonderland'],
    ] as const) {
      const { step } = runExchange(new PlainMechanism({ username, password }), new PlainServer(store));
      expect(step.type).toBe('failure');
      if (step.type !== 'failure') return;
      expect(step.error.code).toBe('AUTH_FAILED');
      expect(step.error.message).toContain('invalid user name or password');
      expect(step.error.message).not.toContain(password);
    }
  });

  it('grants an authzid only when authorize() allows it', () => {
    const ok = runExchange(
      new PlainMechanism({ username: 'alice', password: 'wonderland', authzid: 'shared' }),
      new PlainServer(store),
    ).step;
    expect(ok).toEqual({ type: 'success', authcid: 'alice', authzid: 'shared' });
    const denied = runExchange(
      new PlainMechanism({ username: 'alice', password: 'wonderland', authzid: 'root' }),
      new PlainServer(store),
    ).step;
    expect(denied.type).toBe('failure');
  });

  it('compares SASLprep-ed passwords (U+00A0 in the stored password equals a space)', () => {
    const server = new PlainServer({ getPassword: () => 'two\u00a0words' });
    expect(server.start(bytes('\0u\0two words')).type).toBe('success');
  });

  it('uses verifyPassword when the store keeps hashes', () => {
    const server = new PlainServer({ verifyPassword: (user, password) => user === 'u' && password === 'p' });
    expect(server.start(bytes('\0u\0p')).type).toBe('success');
  });

  it('fails malformed messages with BAD_SYNTAX', () => {
    for (const bad of ['no-nuls', '\0\0p', '\0u\0', 'a\0b\0c\0d', '\xff']) {
      const step = new PlainServer(store).start(bad === '\xff' ? Uint8Array.of(0xff) : bytes(bad));
      expect(step.type === 'failure' && step.error.code).toBe('BAD_SYNTAX');
    }
  });

  it('refuses calls out of order', () => {
    const server = new PlainServer(store);
    expect(() => server.step(bytes('x'))).toThrow(/before start/);
    server.start(bytes('\0alice\0wonderland'));
    expect(() => server.step(bytes('x'))).toThrow(/after the exchange ended/);
    expect(() => server.start(undefined)).toThrow(/twice/);
  });
});

describe('LOGIN server', () => {
  it('prompts Username: and Password: and authenticates', () => {
    const server = new LoginServer(store);
    const first = server.start(undefined);
    expect(first.type === 'challenge' && text(first.challenge)).toBe('Username:');
    const { step, rounds } = runExchange(
      new LoginMechanism({ username: 'alice', password: 'wonderland' }),
      new LoginServer(store),
    );
    expect(rounds).toBe(2);
    expect(step).toEqual({ type: 'success', authcid: 'alice', authzid: 'alice' });
  });

  it('accepts the user name as initial response', () => {
    const { step, rounds } = runExchange(
      new LoginMechanism({ username: 'alice', password: 'wonderland', usernameAsInitialResponse: true }),
      new LoginServer(store),
    );
    expect(rounds).toBe(1);
    expect(step.type).toBe('success');
  });

  it('fails a wrong password', () => {
    const { step } = runExchange(
      new LoginMechanism({ username: 'alice', password: 'nope' }),
      new LoginServer(store),
    );
    expect(step.type === 'failure' && step.error.code).toBe('AUTH_FAILED');
  });
});

describe('CRAM-MD5 server', () => {
  it('checks the RFC 2195 response for its challenge', () => {
    const server = new CramMd5Server(store, {
      challenge: () => '<1896.697170952@postoffice.reston.mci.net>',
    });
    const challenge = server.start(undefined);
    expect(challenge.type === 'challenge' && text(challenge.challenge)).toBe(
      '<1896.697170952@postoffice.reston.mci.net>',
    );
    expect(server.step(bytes('tim B913A602C7EDA7A495B4E6E7334D3890'))).toEqual({
      type: 'success',
      authcid: 'tim',
      authzid: 'tim',
    });
  });

  it('round trips with a random challenge and fails a wrong password', () => {
    const server = new CramMd5Server(store, { hostname: 'mx.example' });
    const first = server.start(undefined);
    expect(first.type === 'challenge' && text(first.challenge)).toMatch(/^<\d+\.\d+@mx\.example>$/);
    expect(
      runExchange(
        new CramMd5Mechanism({ username: 'alice', password: 'wonderland' }),
        new CramMd5Server(store),
      ).step.type,
    ).toBe('success');
    const bad = runExchange(
      new CramMd5Mechanism({ username: 'alice', password: 'x' }),
      new CramMd5Server(store),
    ).step;
    expect(bad.type === 'failure' && bad.error.code).toBe('AUTH_FAILED');
  });

  it('refuses an initial response and malformed responses', () => {
    const withInitial = new CramMd5Server(store).start(bytes('tim'));
    expect(withInitial.type === 'failure' && withInitial.error.code).toBe('BAD_SYNTAX');
    const server = new CramMd5Server(store);
    server.start(undefined);
    const bad = server.step(bytes('tim nothex'));
    expect(bad.type === 'failure' && bad.error.code).toBe('BAD_SYNTAX');
  });
});

describe.each([
  ['SHA-1', scramSha1, scramSha1Server],
  ['SHA-256', scramSha256, scramSha256Server],
] as const)('SCRAM-%s server', (hash, client, server) => {
  it('authenticates, and the client verifies the server signature', () => {
    for (const initialResponse of [true, false]) {
      const { step } = runExchange(client({ username: 'alice', password: 'wonderland' }), server(store), {
        initialResponse,
      });
      expect(step.type).toBe('success');
      if (step.type !== 'success') return;
      expect(step.authcid).toBe('alice');
      expect(text(step.additionalData)).toMatch(/^v=/);
    }
  });

  it('handles escaped user names and authzid', () => {
    expect(runExchange(client({ username: 'b,o=b', password: 'builder' }), server(store)).step).toMatchObject(
      {
        type: 'success',
        authcid: 'b,o=b',
        authzid: 'b,o=b',
      },
    );
    expect(
      runExchange(client({ username: 'alice', password: 'wonderland', authzid: 'shared' }), server(store))
        .step,
    ).toMatchObject({ type: 'success', authcid: 'alice', authzid: 'shared' });
  });

  it('fails a wrong password and an unknown user with e=invalid-proof', () => {
    for (const [username, password] of [
      ['alice', 'wrong'],
      ['nobody', 'wonderland'],
    ] as const) {
      const { step } = runExchange(client({ username, password }), server(store));
      expect(step.type).toBe('failure');
      if (step.type !== 'failure') return;
      expect(step.error.code).toBe('AUTH_FAILED');
      expect(text(step.additionalData)).toBe('e=invalid-proof');
    }
  });

  it('the client rejects a server that does not know the password', () => {
    const impostor: SaslServerCredentials = {
      getScramCredentials: (user, h) => {
        const real = scramStore.get(`${h}:${user}`) as ScramCredentials;
        // Knows StoredKey (can verify the client) but not ServerKey.
        return { ...real, serverKey: new Uint8Array(real.serverKey.length) };
      },
    };
    expect(() =>
      runExchange(client({ username: 'alice', password: 'wonderland' }), server(impostor)),
    ).toThrow(/server signature mismatch/);
  });

  it('refuses channel binding and mandatory extensions', () => {
    const cb = server(store).start(bytes('p=tls-unique,,n=alice,r=abc'));
    expect(cb.type === 'failure' && text(cb.additionalData)).toBe('e=channel-binding-not-supported');
    const ext = server(store).start(bytes('n,,m=x,n=alice,r=abc'));
    expect(ext.type === 'failure' && text(ext.additionalData)).toBe('e=extensions-not-supported');
  });

  it('fails a tampered client-final (nonce, channel binding, syntax)', () => {
    const first = server(store, { nonce: () => 'SERVER' }).start(bytes('n,,n=alice,r=abc'));
    expect(first.type === 'challenge' && text(first.challenge)).toMatch(
      /^r=abcSERVER,s=[A-Za-z0-9+/=]+,i=4096$/,
    );
    const proof =
      hash === 'SHA-1' ? 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' : 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    for (const [message, error] of [
      [`c=biws,r=abcOTHER,p=${proof}`, 'e=other-error'],
      [`c=eSws,r=abcSERVER,p=${proof}`, 'e=channel-bindings-dont-match'],
      [`c=biws,r=abcSERVER,p=${proof}`, 'e=invalid-proof'],
      ['c=biws,p=AAAA', 'e=other-error'],
      ['c=biws,r=abcSERVER,p=***', 'e=invalid-encoding'],
      ['garbage', 'e=other-error'],
    ] as const) {
      const s = server(store, { nonce: () => 'SERVER' });
      s.start(bytes('n,,n=alice,r=abc'));
      const step = s.step(bytes(message));
      expect(step.type === 'failure' && text(step.additionalData)).toBe(error);
    }
  });
});

describe('deriveScramCredentials', () => {
  it('derives the RFC 5802 keys for "pencil" (checked through the RFC exchange)', () => {
    const salt = decodeBase64('QSXCR+Q6sek8bf92');
    const credentials = deriveScramCredentials('pencil', { hash: 'SHA-1', salt, iterations: 4096 });
    const s = scramSha1Server(
      { getScramCredentials: () => credentials },
      { nonce: () => '3rfcNHYJY1ZVvWVs7j' },
    );
    const first = s.start(bytes('n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL'));
    expect(first.type === 'challenge' && text(first.challenge)).toBe(
      'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096',
    );
    const final = s.step(
      bytes('c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts='),
    );
    expect(final.type === 'success' && text(final.additionalData)).toBe('v=rmF9pqV8S7suAoZWja4dJRkFsKQ=');
  });

  it('refuses a bad iteration count', () => {
    expect(() => deriveScramCredentials('p', { hash: 'SHA-256', iterations: 0 })).toThrow(/iteration count/);
  });
});

describe('createServerMechanism', () => {
  it('creates every server mechanism by name and refuses others', () => {
    for (const name of ['plain', 'LOGIN', 'CRAM-MD5', 'SCRAM-SHA-1', 'scram-sha-256']) {
      expect(createServerMechanism(name, store).name).toBe(name.toUpperCase());
    }
    expect(() => createServerMechanism('XOAUTH2', store)).toThrow(/no server implementation/);
  });
});
