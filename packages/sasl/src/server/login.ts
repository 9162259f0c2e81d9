import { decodeUtf8, encodeUtf8, isValidUtf8 } from '@mailwire/core';
import { authFailed, badSyntax } from '../sasl-error';
import { challengeStep, failureStep, successStep } from './outcome';
import { checkPassword } from './password-check';
import type { SaslServerCredentials, SaslServerStep } from './server-mechanism';
import { ServerMechanismBase } from './server-mechanism-base';

/** LOGIN server: prompts `Username:` then `Password:`; accepts the user name as initial response. */
export class LoginServer extends ServerMechanismBase {
  readonly name = 'LOGIN';
  readonly #credentials: SaslServerCredentials;
  #username: string | undefined;

  constructor(credentials: SaslServerCredentials) {
    super();
    this.#credentials = credentials;
  }

  protected onStart(initialResponse: Uint8Array | undefined): SaslServerStep {
    return initialResponse === undefined
      ? challengeStep(encodeUtf8('Username:'))
      : this.onStep(initialResponse);
  }

  protected onStep(response: Uint8Array): SaslServerStep {
    if (!isValidUtf8(response)) return failureStep(badSyntax('LOGIN: response is not UTF-8'));
    const text = decodeUtf8(response);
    if (this.#username === undefined) {
      if (text === '' || text.includes('\0'))
        return failureStep(badSyntax('LOGIN: empty or invalid user name'));
      this.#username = text;
      return challengeStep(encodeUtf8('Password:'));
    }
    if (text === '') return failureStep(badSyntax('LOGIN: empty password'));
    if (!checkPassword(this.#credentials, this.#username, text)) {
      return failureStep(authFailed('LOGIN: invalid user name or password'));
    }
    return successStep(this.name, this.#credentials, this.#username, '');
  }
}
