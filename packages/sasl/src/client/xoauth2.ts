import { encodeUtf8, type SaslMechanism } from '@mailwire/core';
import { authFailed } from '../sasl-error';
import { checkOAuthField } from './credential-checks';
import { type OAuthServerError, parseOAuthError } from './oauth-error';

export interface XOAuth2Options {
  username: string;
  /** OAuth 2.0 access token. */
  accessToken: string;
}

/**
 * XOAUTH2 (Google's pre-standard form of OAUTHBEARER, also spoken by Microsoft 365):
 * `user=<user>^Aauth=Bearer <token>^A^A`. On failure the server sends a base64 JSON
 * challenge; the client answers with an empty response and the server then fails the
 * command. The JSON is kept in `serverError`. A bearer token is as good as a password
 * to whoever sees it: TLS only.
 */
export class XOAuth2Mechanism implements SaslMechanism {
  readonly name = 'XOAUTH2';
  readonly #message: Uint8Array;
  #challenges = 0;
  /** The server's error JSON, once it sent one. */
  serverError: OAuthServerError | undefined;

  constructor(options: XOAuth2Options) {
    checkOAuthField(options.username, 'XOAUTH2 user name');
    checkOAuthField(options.accessToken, 'XOAUTH2 access token');
    this.#message = encodeUtf8(`user=${options.username}\x01auth=Bearer ${options.accessToken}\x01\x01`);
  }

  initialResponse(): Uint8Array {
    return this.#message.slice();
  }

  respond(challenge: Uint8Array): Uint8Array {
    const first = this.#challenges === 0;
    this.#challenges++;
    // Server without SASL-IR: an empty first challenge asks for the message.
    if (first && challenge.length === 0) return this.#message.slice();
    if (this.serverError === undefined) {
      this.serverError = parseOAuthError(challenge);
      return new Uint8Array(0);
    }
    throw authFailed('XOAUTH2: server sent another challenge after its error', challenge);
  }

  verify(_final: Uint8Array | undefined): void {}
}
