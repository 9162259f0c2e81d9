import { encodeUtf8, isParseError, type SaslMechanism } from '@mailwire/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AnonymousMechanism,
  CramMd5Mechanism,
  createServerMechanism,
  deriveScramCredentials,
  ExternalMechanism,
  LoginMechanism,
  OAuthBearerMechanism,
  PlainMechanism,
  type SaslServerCredentials,
  SERVER_MECHANISMS,
  scramSha1,
  scramSha256,
  XOAuth2Mechanism,
} from '../src/index';

const SECRET = 'Sup3r-Secret-Pw';
const NONCE = 'clientNONCE';

const clients: [string, () => SaslMechanism][] = [
  ['PLAIN', () => new PlainMechanism({ username: 'u', password: SECRET })],
  ['LOGIN', () => new LoginMechanism({ username: 'u', password: SECRET })],
  ['CRAM-MD5', () => new CramMd5Mechanism({ username: 'u', password: SECRET })],
  ['XOAUTH2', () => new XOAuth2Mechanism({ username: 'u', accessToken: SECRET })],
  ['OAUTHBEARER', () => new OAuthBearerMechanism({ username: 'u', accessToken: SECRET })],
  ['EXTERNAL', () => new ExternalMechanism()],
  ['ANONYMOUS', () => new AnonymousMechanism()],
  // A low iteration ceiling keeps hostile i= values cheap.
  [
    'SCRAM-SHA-1',
    () =>
      scramSha1({ username: 'u', password: SECRET, nonce: () => NONCE, minIterations: 1, maxIterations: 64 }),
  ],
  [
    'SCRAM-SHA-256',
    () =>
      scramSha256({
        username: 'u',
        password: SECRET,
        nonce: () => NONCE,
        minIterations: 1,
        maxIterations: 64,
      }),
  ],
];

/** Random bytes, and text that looks like SCRAM / OAuth server messages with random parts. */
const challenge = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc
    .tuple(
      fc.constantFrom('r=', `r=${NONCE}`, 'm=x,r=', 'e=', 'v=', 's=', ''),
      fc.string({ maxLength: 12 }),
      fc.constantFrom(',s=', ',s=QSXCR+Q6sek8bf92', ',', ''),
      fc.constantFrom(',i=', ',i=2', ',i=99999999999999999', ',i=-1', ''),
      fc.string({ maxLength: 6 }),
    )
    .map((parts) => encodeUtf8(parts.join(''))),
  fc.constantFrom('{"status":"invalid_token"}', '{', 'null', '[1]').map(encodeUtf8),
);

function expectOnlyParseError(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!isParseError(error)) throw error;
    expect(error.protocol).toBe('sasl');
    expect(error.message).not.toContain(SECRET);
  }
}

describe('any garbage from the server throws only ParseError, never quoting a secret', () => {
  it.each(clients)('%s', (_name, make) => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(challenge, { maxLength: 4 }),
        fc.option(challenge),
        (ir, challenges, final) => {
          const m = make();
          if (ir) expectOnlyParseError(() => m.initialResponse());
          for (const c of challenges) {
            let failed = false;
            try {
              const response = m.respond(c);
              expect(response).toBeInstanceOf(Uint8Array);
            } catch (error) {
              expectOnlyParseError(() => {
                throw error;
              });
              failed = true;
            }
            if (failed) break;
          }
          expectOnlyParseError(() => m.verify(final ?? undefined));
        },
      ),
    );
  });
});

describe('any garbage from the client gives a server step, never an exception', () => {
  const store: SaslServerCredentials = {
    getPassword: () => SECRET,
    getScramCredentials: (_user, hash) =>
      deriveScramCredentials(SECRET, { hash, iterations: 16, salt: new Uint8Array(8) }),
  };
  it.each(SERVER_MECHANISMS)('%s', (name) => {
    fc.assert(
      fc.property(fc.option(challenge), fc.array(challenge, { maxLength: 3 }), (initial, responses) => {
        const server = createServerMechanism(name, store, { nonce: () => 'SRV' });
        let step = server.start(initial ?? undefined);
        for (const r of responses) {
          if (step.type !== 'challenge') break;
          step = server.step(r);
        }
        expect(['challenge', 'success', 'failure']).toContain(step.type);
        if (step.type === 'failure') {
          expect(isParseError(step.error)).toBe(true);
          expect(step.error.message).not.toContain(SECRET);
        }
      }),
    );
  });
});
