import { decodeUtf8, isValidUtf8 } from '@mailwire/core';
import { authFailed, badSyntax } from '../sasl-error';
import { challengeStep, failureStep, successStep } from './outcome';
import { checkPassword } from './password-check';
import type { SaslServerCredentials, SaslServerStep } from './server-mechanism';
import { ServerMechanismBase } from './server-mechanism-base';

/** PLAIN server (RFC 4616): one client message `authzid NUL authcid NUL passwd`. */
export class PlainServer extends ServerMechanismBase {
  readonly name = 'PLAIN';
  readonly #credentials: SaslServerCredentials;

  constructor(credentials: SaslServerCredentials) {
    super();
    this.#credentials = credentials;
  }

  protected onStart(initialResponse: Uint8Array | undefined): SaslServerStep {
    return initialResponse === undefined ? challengeStep(new Uint8Array(0)) : this.onStep(initialResponse);
  }

  protected onStep(response: Uint8Array): SaslServerStep {
    // Never quote the message in errors: it holds the password.
    if (!isValidUtf8(response)) return failureStep(badSyntax('PLAIN: message is not UTF-8'));
    const parts = decodeUtf8(response).split('\0');
    if (parts.length !== 3)
      return failureStep(badSyntax('PLAIN: message must be authzid NUL authcid NUL passwd'));
    const [authzid, authcid, password] = parts as [string, string, string];
    if (authcid === '' || password === '') {
      return failureStep(badSyntax('PLAIN: empty authentication identity or password'));
    }
    if (!checkPassword(this.#credentials, authcid, password)) {
      return failureStep(authFailed('PLAIN: invalid user name or password'));
    }
    return successStep(this.name, this.#credentials, authcid, authzid);
  }
}
