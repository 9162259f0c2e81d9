import { asciiUpper, type SaslMechanism } from '@mailwire/core';
import { AnonymousMechanism } from './client/anonymous';
import { CramMd5Mechanism } from './client/cram-md5';
import { ExternalMechanism } from './client/external';
import { LoginMechanism } from './client/login';
import { OAuthBearerMechanism } from './client/oauthbearer';
import { PlainMechanism } from './client/plain';
import { ScramClient } from './client/scram';
import { XOAuth2Mechanism } from './client/xoauth2';
import type { SaslCredentials } from './credentials';
import { invalidArgument } from './sasl-error';

/** Names of the client mechanisms this package implements. */
export const CLIENT_MECHANISMS = [
  'SCRAM-SHA-256',
  'SCRAM-SHA-1',
  'CRAM-MD5',
  'PLAIN',
  'LOGIN',
  'OAUTHBEARER',
  'XOAUTH2',
  'EXTERNAL',
  'ANONYMOUS',
] as const;

export type ClientMechanismName = (typeof CLIENT_MECHANISMS)[number];

export interface CreateMechanismOptions {
  /** SCRAM client nonce source (tests). */
  nonce?: () => string;
  /** SCRAM iteration bounds, see `ScramClientOptions`. */
  minIterations?: number;
  maxIterations?: number;
}

/** The credential fields `name` needs, or `undefined` if `credentials` has them. */
export function missingCredentials(
  name: ClientMechanismName,
  credentials: SaslCredentials,
): string | undefined {
  switch (name) {
    case 'SCRAM-SHA-256':
    case 'SCRAM-SHA-1':
    case 'CRAM-MD5':
    case 'PLAIN':
    case 'LOGIN':
      return credentials.username !== undefined && credentials.password !== undefined
        ? undefined
        : 'a user name and a password';
    case 'OAUTHBEARER':
      return credentials.accessToken !== undefined ? undefined : 'an access token';
    case 'XOAUTH2':
      return credentials.username !== undefined && credentials.accessToken !== undefined
        ? undefined
        : 'a user name and an access token';
    case 'EXTERNAL':
      return credentials.external ? undefined : 'external: true (e.g. a TLS client certificate)';
    case 'ANONYMOUS':
      return credentials.anonymous !== undefined ? undefined : 'anonymous: <trace>';
  }
}

export function isClientMechanismName(name: string): name is ClientMechanismName {
  return (CLIENT_MECHANISMS as readonly string[]).includes(name);
}

/**
 * A client mechanism by name (case-insensitive). Throws `ParseError` INVALID_ARGUMENT for
 * an unknown name or when `credentials` lack what the mechanism needs.
 */
export function createMechanism(
  name: string,
  credentials: SaslCredentials,
  options: CreateMechanismOptions = {},
): SaslMechanism {
  const upper = asciiUpper(name);
  if (!isClientMechanismName(upper)) throw invalidArgument(`unknown SASL mechanism "${name}"`);
  const missing = missingCredentials(upper, credentials);
  if (missing !== undefined) throw invalidArgument(`${upper} needs ${missing}`);
  const username = credentials.username ?? '';
  const password = credentials.password ?? '';
  const accessToken = credentials.accessToken ?? '';
  const authzid = credentials.authzid !== undefined ? { authzid: credentials.authzid } : {};
  switch (upper) {
    case 'SCRAM-SHA-256':
    case 'SCRAM-SHA-1':
      return new ScramClient(upper === 'SCRAM-SHA-1' ? 'SHA-1' : 'SHA-256', {
        username,
        password,
        ...authzid,
        ...(options.nonce !== undefined ? { nonce: options.nonce } : {}),
        ...(options.minIterations !== undefined ? { minIterations: options.minIterations } : {}),
        ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
      });
    case 'CRAM-MD5':
      return new CramMd5Mechanism({ username, password });
    case 'PLAIN':
      return new PlainMechanism({ username, password, ...authzid });
    case 'LOGIN':
      return new LoginMechanism({ username, password });
    case 'OAUTHBEARER':
      return new OAuthBearerMechanism({
        accessToken,
        ...(credentials.username !== undefined ? { username: credentials.username } : {}),
        ...(credentials.host !== undefined ? { host: credentials.host } : {}),
        ...(credentials.port !== undefined ? { port: credentials.port } : {}),
      });
    case 'XOAUTH2':
      return new XOAuth2Mechanism({ username, accessToken });
    case 'EXTERNAL':
      return new ExternalMechanism(authzid);
    case 'ANONYMOUS':
      return new AnonymousMechanism({ trace: credentials.anonymous ?? '' });
  }
}
