import { describe, expect, it } from 'vitest';
import { chooseMechanism, chooseMechanismName, type SaslCredentials } from '../src/index';

const password: SaslCredentials = { username: 'alice', password: 'wonderland' };
const token: SaslCredentials = { username: 'alice@example.com', accessToken: 'ya29.token' };
const all = [
  'SCRAM-SHA-256',
  'SCRAM-SHA-1',
  'CRAM-MD5',
  'PLAIN',
  'LOGIN',
  'XOAUTH2',
  'OAUTHBEARER',
  'EXTERNAL',
  'ANONYMOUS',
];

function pick(
  serverMechanisms: string[],
  credentials: SaslCredentials,
  encrypted: boolean,
  allowPlaintext = false,
) {
  const result = chooseMechanismName({ serverMechanisms, credentials, encrypted, allowPlaintext });
  return result.ok ? result.name : `none: ${result.reason}`;
}

describe('chooseMechanismName matrix', () => {
  // [server offers, credentials, encrypted, allowPlaintext, expected]
  const cases: [string[], SaslCredentials, boolean, boolean, string][] = [
    [all, password, true, false, 'SCRAM-SHA-256'],
    [all, password, false, false, 'SCRAM-SHA-256'],
    [['SCRAM-SHA-1', 'CRAM-MD5', 'PLAIN', 'LOGIN'], password, true, false, 'SCRAM-SHA-1'],
    [['CRAM-MD5', 'PLAIN', 'LOGIN'], password, true, false, 'CRAM-MD5'],
    [['CRAM-MD5', 'PLAIN', 'LOGIN'], password, false, false, 'CRAM-MD5'],
    [['PLAIN', 'LOGIN'], password, true, false, 'PLAIN'],
    [['LOGIN'], password, true, false, 'LOGIN'],
    [['PLAIN', 'LOGIN'], password, false, true, 'PLAIN'],
    [['LOGIN', 'PLAIN'], password, false, true, 'PLAIN'],
    [all, token, true, false, 'OAUTHBEARER'],
    [['XOAUTH2', 'PLAIN'], token, true, false, 'XOAUTH2'],
    [['OAUTHBEARER'], { accessToken: 't' }, true, false, 'OAUTHBEARER'],
    [['XOAUTH2'], token, false, true, 'XOAUTH2'],
    [all, { ...password, accessToken: 't' }, true, false, 'OAUTHBEARER'],
    [all, { ...password, accessToken: 't' }, false, false, 'SCRAM-SHA-256'],
    [all, { external: true }, true, false, 'EXTERNAL'],
    [all, { ...password, external: true }, true, false, 'EXTERNAL'],
    [all, { anonymous: '' }, false, false, 'ANONYMOUS'],
    // Lower-case names and the -PLUS variants (channel binding, not implemented) as Dovecot/Cyrus advertise them.
    [['scram-sha-256-plus', 'scram-sha-256', 'plain'], password, true, false, 'SCRAM-SHA-256'],
    [['SCRAM-SHA-1-PLUS', 'PLAIN'], password, true, false, 'PLAIN'],
  ];
  it.each(cases)(
    'server %j, credentials %j, encrypted %s, allowPlaintext %s -> %s',
    (server, creds, enc, allow, expected) => {
      expect(pick(server, creds, enc, allow)).toBe(expected);
    },
  );

  it('never picks PLAIN or LOGIN on an unencrypted connection without allowPlaintext', () => {
    const result = chooseMechanismName({
      serverMechanisms: ['PLAIN', 'LOGIN'],
      credentials: password,
      encrypted: false,
    });
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(/in the clear on an unencrypted connection.*allowPlaintext: true/),
    });
  });

  it('treats bearer tokens like passwords: TLS or allowPlaintext', () => {
    const result = chooseMechanismName({
      serverMechanisms: ['XOAUTH2', 'OAUTHBEARER'],
      credentials: token,
      encrypted: false,
    });
    expect(result.ok).toBe(false);
  });

  it('says why when nothing fits', () => {
    expect(chooseMechanismName({ serverMechanisms: [], credentials: password, encrypted: true })).toEqual({
      ok: false,
      reason: 'the server advertises no SASL mechanisms',
    });
    const gssapi = chooseMechanismName({
      serverMechanisms: ['GSSAPI', 'NTLM'],
      credentials: password,
      encrypted: true,
    });
    expect(gssapi.ok === false && gssapi.reason).toContain('does not implement (GSSAPI, NTLM)');
    const noToken = chooseMechanismName({
      serverMechanisms: ['XOAUTH2'],
      credentials: password,
      encrypted: true,
    });
    expect(noToken.ok === false && noToken.reason).toContain(
      'the server offers XOAUTH2; these credentials can use SCRAM-SHA-256',
    );
    const nothing = chooseMechanismName({ serverMechanisms: ['PLAIN'], credentials: {}, encrypted: true });
    expect(nothing.ok === false && nothing.reason).toContain('no credentials');
  });

  it('follows a caller-given order', () => {
    const result = chooseMechanismName({
      serverMechanisms: all,
      credentials: password,
      encrypted: true,
      order: ['PLAIN', 'SCRAM-SHA-256'],
    });
    expect(result).toEqual({ ok: true, name: 'PLAIN' });
  });
});

describe('chooseMechanism', () => {
  it('creates the chosen mechanism', () => {
    const result = chooseMechanism({
      serverMechanisms: ['PLAIN', 'SCRAM-SHA-1'],
      credentials: password,
      encrypted: false,
      nonce: () => 'fixednonce',
    });
    expect(result.ok && result.mechanism.name).toBe('SCRAM-SHA-1');
    expect(result.ok && new TextDecoder().decode(result.mechanism.initialResponse())).toBe(
      'n,,n=alice,r=fixednonce',
    );
  });

  it('passes the reason through', () => {
    const result = chooseMechanism({ serverMechanisms: ['LOGIN'], credentials: password, encrypted: false });
    expect(result.ok).toBe(false);
  });
});
