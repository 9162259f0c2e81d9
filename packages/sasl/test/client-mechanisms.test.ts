import { decodeUtf8, encodeUtf8, isParseError, type ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import {
  AnonymousMechanism,
  createMechanism,
  ExternalMechanism,
  LoginMechanism,
  OAuthBearerMechanism,
  PlainMechanism,
  scramSha1,
  scramSha256,
  XOAuth2Mechanism,
} from '../src/index';

const text = (bytes: Uint8Array | undefined): string => decodeUtf8(bytes ?? new Uint8Array(0));
const bytes = (s: string): Uint8Array => encodeUtf8(s);

function thrown(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (error) {
    if (isParseError(error)) return error;
    throw error;
  }
  throw new Error('expected a ParseError');
}

describe('LOGIN', () => {
  it('answers Username: then Password: and refuses a third prompt', () => {
    const m = new LoginMechanism({ username: 'alice', password: 's3cret' });
    expect(m.initialResponse()).toBeUndefined();
    expect(text(m.respond(bytes('Username:')))).toBe('alice');
    expect(text(m.respond(bytes('Password:')))).toBe('s3cret');
    const error = thrown(() => m.respond(bytes('Password:')));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.protocol).toBe('sasl');
    expect(error.message).not.toContain('s3cret');
  });

  it('answers by position whatever the prompts say', () => {
    // Some servers send lower case ("username:"), "User Name" (noted in draft-murchison-sasl-login),
    // localised prompts or empty challenges; the first prompt always gets the user name.
    for (const [first, second] of [
      ['username:', 'password:'],
      ['User Name\0', 'Password\0'],
      ['Benutzername:', 'Passwort:'],
      ['', ''],
    ] as const) {
      const m = new LoginMechanism({ username: 'alice', password: 's3cret' });
      expect(text(m.respond(bytes(first)))).toBe('alice');
      expect(text(m.respond(bytes(second)))).toBe('s3cret');
    }
  });

  it('can send the user name as initial response', () => {
    const m = new LoginMechanism({ username: 'alice', password: 's3cret', usernameAsInitialResponse: true });
    expect(text(m.initialResponse())).toBe('alice');
    expect(text(m.respond(bytes('Password:')))).toBe('s3cret');
  });
});

describe('XOAUTH2', () => {
  it('sends user and bearer token separated by ^A', () => {
    const m = new XOAuth2Mechanism({
      username: 'someuser@example.com',
      accessToken: 'ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg',
    });
    expect(text(m.initialResponse())).toBe(
      'user=someuser@example.com\x01auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\x01\x01',
    );
  });

  it('answers the error JSON with an empty response and keeps the error', () => {
    const m = new XOAuth2Mechanism({ username: 'u@example.com', accessToken: 't' });
    m.initialResponse();
    const challenge = bytes('{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}');
    expect(m.respond(challenge)).toEqual(new Uint8Array(0));
    expect(m.serverError).toMatchObject({ status: '401', scope: 'https://mail.google.com/' });
    expect(thrown(() => m.respond(challenge)).code).toBe('AUTH_FAILED');
  });

  it('answers an empty first challenge (no SASL-IR) with the message', () => {
    const m = new XOAuth2Mechanism({ username: 'u', accessToken: 't' });
    expect(text(m.respond(new Uint8Array(0)))).toBe('user=u\x01auth=Bearer t\x01\x01');
  });

  it('refuses control characters in the token', () => {
    expect(thrown(() => new XOAuth2Mechanism({ username: 'u', accessToken: 't\x01x' })).code).toBe(
      'INVALID_ARGUMENT',
    );
  });
});

describe('OAUTHBEARER (RFC 7628)', () => {
  it('builds the §4.1 example message', () => {
    const m = new OAuthBearerMechanism({
      username: 'user@example.com',
      host: 'server.example.com',
      port: 143,
      accessToken: 'vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==',
    });
    expect(text(m.initialResponse())).toBe(
      'n,a=user@example.com,\x01host=server.example.com\x01port=143\x01auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\x01\x01',
    );
  });

  it('escapes , and = in the authzid and omits it when absent', () => {
    const m = new OAuthBearerMechanism({ username: 'a,b=c', accessToken: 't' });
    expect(text(m.initialResponse())).toBe('n,a=a=2Cb=3Dc,\x01auth=Bearer t\x01\x01');
    expect(text(new OAuthBearerMechanism({ accessToken: 't' }).initialResponse())).toBe(
      'n,,\x01auth=Bearer t\x01\x01',
    );
  });

  it('answers the §4.3 error challenge with the ^A dummy response', () => {
    const m = new OAuthBearerMechanism({ username: 'user@example.com', accessToken: 't' });
    m.initialResponse();
    const challenge = bytes(
      '{"status":"invalid_token","scope":"example_scope","openid-configuration":"https://example.com/.well-known/openid-configuration"}',
    );
    expect(m.respond(challenge)).toEqual(Uint8Array.of(0x01));
    expect(m.serverError).toEqual({
      status: 'invalid_token',
      scope: 'example_scope',
      openidConfiguration: 'https://example.com/.well-known/openid-configuration',
      raw: text(challenge),
    });
  });

  it('still answers ^A to an error challenge that is not JSON', () => {
    const m = new OAuthBearerMechanism({ accessToken: 't' });
    m.initialResponse();
    expect(m.respond(bytes('not json'))).toEqual(Uint8Array.of(0x01));
    expect(m.serverError).toMatchObject({ status: undefined, raw: 'not json' });
  });
});

describe('EXTERNAL and ANONYMOUS', () => {
  it('EXTERNAL sends the authzid or an empty response', () => {
    expect(new ExternalMechanism().initialResponse()).toEqual(new Uint8Array(0));
    expect(text(new ExternalMechanism({ authzid: 'admin' }).initialResponse())).toBe('admin');
    expect(text(new ExternalMechanism({ authzid: 'admin' }).respond(new Uint8Array(0)))).toBe('admin');
    expect(thrown(() => new ExternalMechanism().respond(bytes('x'))).code).toBe('AUTH_FAILED');
  });

  it('ANONYMOUS sends the trace (RFC 4505 §4 example)', () => {
    expect(text(new AnonymousMechanism({ trace: 'sirhc' }).initialResponse())).toBe('sirhc');
    expect(thrown(() => new AnonymousMechanism({ trace: 'x'.repeat(256) })).code).toBe('INVALID_ARGUMENT');
  });
});

describe('PLAIN argument checks', () => {
  it('refuses NUL and empty fields without quoting the password', () => {
    const error = thrown(() => new PlainMechanism({ username: 'u', password: 'zq\0xk' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).not.toContain('zq');
    expect(thrown(() => new PlainMechanism({ username: '', password: 'p' })).code).toBe('INVALID_ARGUMENT');
  });

  it('rejects a non-empty challenge', () => {
    expect(thrown(() => new PlainMechanism({ username: 'u', password: 'p' }).respond(bytes('hi'))).code).toBe(
      'AUTH_FAILED',
    );
  });
});

describe('SCRAM client checks', () => {
  const nonce = () => 'clientnonce';
  const make = (extra: { minIterations?: number; maxIterations?: number } = {}) => {
    const m = scramSha256({ username: 'user', password: 'pencil', nonce, ...extra });
    m.initialResponse();
    return m;
  };
  const salt = 'W22ZaJ0SNY7soEsUEjb6gQ==';

  it('refuses a server nonce that does not start with the client nonce', () => {
    const error = thrown(() => make().respond(bytes(`r=othernonce123,s=${salt},i=4096`)));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toContain('server nonce does not start with the client nonce');
  });

  it('refuses a server nonce equal to the client nonce', () => {
    expect(thrown(() => make().respond(bytes(`r=clientnonce,s=${salt},i=4096`))).message).toContain(
      'adds nothing',
    );
  });

  it('refuses too few and too many iterations', () => {
    expect(thrown(() => make().respond(bytes(`r=clientnonceXYZ,s=${salt},i=1`))).message).toContain(
      'fewer than the minimum 4096',
    );
    expect(
      thrown(() => make({ maxIterations: 10_000 }).respond(bytes(`r=clientnonceXYZ,s=${salt},i=20000`)))
        .message,
    ).toContain('more than the limit 10000');
  });

  it('refuses a mandatory extension and reports a server error', () => {
    expect(thrown(() => make().respond(bytes(`m=ext,r=clientnonceXYZ,s=${salt},i=4096`))).code).toBe(
      'AUTH_FAILED',
    );
    expect(thrown(() => make().respond(bytes('e=unknown-user'))).message).toContain('"unknown-user"');
  });

  it('reports malformed server-first messages as BAD_SYNTAX', () => {
    for (const bad of [
      'garbage',
      `s=${salt},r=clientnonceXYZ,i=4096`,
      'r=clientnonceXYZ,s=***,i=4096',
      `r=clientnonceXYZ,s=${salt},i=0`,
      `r=clientnonceXYZ,s=${salt},i=12x`,
      `r=clientnonce\u00e9,s=${salt},i=4096`,
    ]) {
      expect(thrown(() => make().respond(bytes(bad))).code).toBe('BAD_SYNTAX');
    }
  });

  it('fails verify() when the server never sent its signature, and reports e=', () => {
    const m = make();
    expect(thrown(() => m.verify(bytes('v=AAAA'))).message).toContain('before the exchange was complete');
    m.respond(bytes(`r=clientnonceXYZ,s=${salt},i=4096`));
    expect(thrown(() => m.verify(undefined)).message).toContain('without sending its signature');
    expect(thrown(() => m.verify(bytes('e=invalid-proof'))).message).toContain('"invalid-proof"');
  });

  it('escapes the user name and sends the authzid in the GS2 header', () => {
    const m = scramSha1({ username: 'a,b=c', password: 'p', authzid: 'boss', nonce });
    expect(text(m.initialResponse())).toBe('n,a=boss,n=a=2Cb=3Dc,r=clientnonce');
  });

  it('answers an empty challenge before the server-first with the client-first again', () => {
    const m = scramSha256({ username: 'user', password: 'pencil', nonce });
    expect(text(m.respond(new Uint8Array(0)))).toBe('n,,n=user,r=clientnonce');
  });

  it('refuses a password SASLprep rejects, without quoting it', () => {
    const error = thrown(() => scramSha256({ username: 'u', password: 'abc\u0007def' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).not.toContain('abc');
    expect(error.message).not.toContain('U+0007');
  });

  it('generates distinct random nonces by default', () => {
    const a = text(scramSha256({ username: 'u', password: 'p' }).initialResponse());
    const b = text(scramSha256({ username: 'u', password: 'p' }).initialResponse());
    expect(a).toMatch(/^n,,n=u,r=[A-Za-z0-9+/]{24}$/);
    expect(a).not.toBe(b);
  });
});

describe('createMechanism', () => {
  it('creates by name, any case, and refuses unknown names or missing credentials', () => {
    expect(createMechanism('scram-sha-1', { username: 'u', password: 'p' }).name).toBe('SCRAM-SHA-1');
    expect(createMechanism('Plain', { username: 'u', password: 'p' }).name).toBe('PLAIN');
    expect(thrown(() => createMechanism('GSSAPI', { username: 'u', password: 'p' })).code).toBe(
      'INVALID_ARGUMENT',
    );
    expect(thrown(() => createMechanism('XOAUTH2', { username: 'u' })).message).toContain('access token');
  });
});
