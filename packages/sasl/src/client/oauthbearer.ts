import { encodeUtf8, type SaslMechanism } from '@mailwire/core';
import { authFailed, invalidArgument } from '../sasl-error';
import { encodeSaslname } from '../saslname';
import { checkField, checkOAuthField } from './credential-checks';
import { type OAuthServerError, parseOAuthError } from './oauth-error';

export interface OAuthBearerOptions {
  /** Authorization identity put in the GS2 header (`a=`); most servers want the user's address. */
  username?: string;
  accessToken: string;
  /** `host=` key: the server's host name, as RFC 7628 §3.1 recommends. */
  host?: string;
  /** `port=` key. */
  port?: number;
}

/**
 * OAUTHBEARER (RFC 7628): `n,a=<user>,^Ahost=..^Aport=..^Aauth=Bearer <token>^A^A`.
 * No channel binding (GS2 flag `n`). On failure the server sends an error JSON challenge
 * (§3.2.2); the client must answer with a single ^A (§3.2.3) so that the server can end
 * the exchange with a failure. The JSON is kept in `serverError`.
 */
export class OAuthBearerMechanism implements SaslMechanism {
  readonly name = 'OAUTHBEARER';
  readonly #message: Uint8Array;
  #challenges = 0;
  serverError: OAuthServerError | undefined;

  constructor(options: OAuthBearerOptions) {
    const user = options.username ?? '';
    checkField(user, 'OAUTHBEARER user name');
    checkOAuthField(user, 'OAUTHBEARER user name');
    checkOAuthField(options.accessToken, 'OAUTHBEARER access token');
    checkOAuthField(options.host ?? '', 'OAUTHBEARER host');
    if (
      options.port !== undefined &&
      !(Number.isInteger(options.port) && options.port > 0 && options.port < 65536)
    ) {
      throw invalidArgument(`OAUTHBEARER: port must be 1..65535, got ${String(options.port)}`);
    }
    const gs2 = user === '' ? 'n,,' : `n,a=${encodeSaslname(user)},`;
    let kv = '';
    if (options.host !== undefined) kv += `host=${options.host}\x01`;
    if (options.port !== undefined) kv += `port=${options.port}\x01`;
    this.#message = encodeUtf8(`${gs2}\x01${kv}auth=Bearer ${options.accessToken}\x01\x01`);
  }

  initialResponse(): Uint8Array {
    return this.#message.slice();
  }

  respond(challenge: Uint8Array): Uint8Array {
    const first = this.#challenges === 0;
    this.#challenges++;
    if (first && challenge.length === 0) return this.#message.slice();
    if (this.serverError === undefined) {
      this.serverError = parseOAuthError(challenge);
      return Uint8Array.of(0x01);
    }
    throw authFailed('OAUTHBEARER: server sent another challenge after its error', challenge);
  }

  verify(_final: Uint8Array | undefined): void {}
}
