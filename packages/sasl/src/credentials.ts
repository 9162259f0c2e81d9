/**
 * What a client knows about itself; the chooser and `createMechanism` pick what each
 * mechanism needs from it.
 */
export interface SaslCredentials {
  /** Authentication identity (user name). */
  username?: string;
  password?: string;
  /** Authorization identity to act as (PLAIN, SCRAM, EXTERNAL); default none. */
  authzid?: string;
  /** OAuth 2.0 access token (OAUTHBEARER, XOAUTH2). */
  accessToken?: string;
  /** Server host name for OAUTHBEARER's `host=` key. */
  host?: string;
  /** Server port for OAUTHBEARER's `port=` key. */
  port?: number;
  /** The client authenticates outside SASL (TLS client certificate): allows EXTERNAL. */
  external?: boolean;
  /** The client wants anonymous access: allows ANONYMOUS, with this trace text ('' for none). */
  anonymous?: string;
}
