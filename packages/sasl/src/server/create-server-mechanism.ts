import { asciiUpper } from '@mailwire/core';
import { invalidArgument } from '../sasl-error';
import { CramMd5Server, type CramMd5ServerOptions } from './cram-md5';
import { LoginServer } from './login';
import { PlainServer } from './plain';
import { ScramServer, type ScramServerOptions } from './scram';
import type { SaslServerCredentials, SaslServerMechanism } from './server-mechanism';

/** Names of the server mechanisms this package implements. */
export const SERVER_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'CRAM-MD5', 'PLAIN', 'LOGIN'] as const;

export type ServerMechanismName = (typeof SERVER_MECHANISMS)[number];

export type CreateServerMechanismOptions = ScramServerOptions & CramMd5ServerOptions;

/** A server mechanism by name (case-insensitive); throws `ParseError` INVALID_ARGUMENT for other names. */
export function createServerMechanism(
  name: string,
  credentials: SaslServerCredentials,
  options: CreateServerMechanismOptions = {},
): SaslServerMechanism {
  switch (asciiUpper(name)) {
    case 'SCRAM-SHA-256':
      return new ScramServer('SHA-256', credentials, options);
    case 'SCRAM-SHA-1':
      return new ScramServer('SHA-1', credentials, options);
    case 'CRAM-MD5':
      return new CramMd5Server(credentials, options);
    case 'PLAIN':
      return new PlainServer(credentials);
    case 'LOGIN':
      return new LoginServer(credentials);
    default:
      throw invalidArgument(`no server implementation of SASL mechanism "${name}"`);
  }
}
