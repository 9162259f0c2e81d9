// Client mechanisms (implement @mailwire/core's SaslMechanism).

export { apopDigest } from './apop';
export type {
  ChooseMechanismNameResult,
  ChooseMechanismOptions,
  ChooseMechanismResult,
} from './choose-mechanism';
export {
  chooseMechanism,
  chooseMechanismName,
  DEFAULT_MECHANISM_ORDER,
  PLAINTEXT_MECHANISMS,
} from './choose-mechanism';
export type { AnonymousOptions } from './client/anonymous';
export { AnonymousMechanism } from './client/anonymous';
export type { CramMd5Options } from './client/cram-md5';
export { CramMd5Mechanism, cramMd5Response } from './client/cram-md5';
export type { ExternalOptions } from './client/external';
export { ExternalMechanism } from './client/external';
export type { LoginOptions } from './client/login';
export { LoginMechanism } from './client/login';
export type { OAuthServerError } from './client/oauth-error';
export type { OAuthBearerOptions } from './client/oauthbearer';
export { OAuthBearerMechanism } from './client/oauthbearer';
export type { PlainOptions } from './client/plain';
export { PlainMechanism } from './client/plain';
export type { ScramClientOptions } from './client/scram';
export {
  DEFAULT_SCRAM_MAX_ITERATIONS,
  DEFAULT_SCRAM_MIN_ITERATIONS,
  ScramClient,
  scramSha1,
  scramSha256,
} from './client/scram';
export type { XOAuth2Options } from './client/xoauth2';
export { XOAuth2Mechanism } from './client/xoauth2';
export type { ClientMechanismName, CreateMechanismOptions } from './create-mechanism';
export { CLIENT_MECHANISMS, createMechanism } from './create-mechanism';
// Choosing and creating client mechanisms.
export type { SaslCredentials } from './credentials';
export type { RandomBytes } from './random';
export type { SaslPrepOptions, SaslPrepResult } from './saslprep';
export { saslprep, saslprepCheck } from './saslprep';
export type { DeriveScramOptions, ScramCredentials, ScramHash } from './scram-crypto';
// SCRAM credentials, SASLprep, APOP.
export { DEFAULT_SCRAM_ITERATIONS, deriveScramCredentials } from './scram-crypto';
export type { CramMd5ServerOptions } from './server/cram-md5';
export { CramMd5Server } from './server/cram-md5';
export type { CreateServerMechanismOptions, ServerMechanismName } from './server/create-server-mechanism';
export { createServerMechanism, SERVER_MECHANISMS } from './server/create-server-mechanism';
export { LoginServer } from './server/login';
export { PlainServer } from './server/plain';
export type { ScramServerOptions } from './server/scram';
export { ScramServer, scramSha1Server, scramSha256Server } from './server/scram';
// Server mechanisms.
export type { SaslServerCredentials, SaslServerMechanism, SaslServerStep } from './server/server-mechanism';
