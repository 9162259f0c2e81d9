import { encodeUtf8, type SaslMechanism } from '@mailwire/core';
import { authFailed } from '../sasl-error';
import { checkField } from './credential-checks';

export interface LoginOptions {
  username: string;
  password: string;
  /**
   * Send the user name as initial response (`AUTH LOGIN dXNlcg==`), which many SMTP
   * servers accept (draft-murchison-sasl-login §2). Default `false`: wait for the prompt.
   */
  usernameAsInitialResponse?: boolean;
}

/**
 * LOGIN (draft-murchison-sasl-login, obsolete but still everywhere): the server prompts
 * twice and the client answers the user name, then the password.
 *
 * Prompts are answered by position, not by text: servers send `Username:`/`Password:`,
 * `User Name`, lower case, localised text or nothing at all, so the first challenge gets
 * the user name and the second the password whatever they say. A third prompt is an error.
 */
export class LoginMechanism implements SaslMechanism {
  readonly name = 'LOGIN';
  readonly #username: Uint8Array;
  readonly #password: Uint8Array;
  readonly #initial: boolean;
  #sent = 0;

  constructor(options: LoginOptions) {
    checkField(options.username, 'LOGIN user name', { nonEmpty: true });
    checkField(options.password, 'LOGIN password', { nonEmpty: true });
    this.#username = encodeUtf8(options.username);
    this.#password = encodeUtf8(options.password);
    this.#initial = options.usernameAsInitialResponse ?? false;
  }

  initialResponse(): Uint8Array | undefined {
    if (!this.#initial) return undefined;
    this.#sent = 1;
    return this.#username.slice();
  }

  respond(_challenge: Uint8Array): Uint8Array {
    if (this.#sent === 0) {
      this.#sent = 1;
      return this.#username.slice();
    }
    if (this.#sent === 1) {
      this.#sent = 2;
      return this.#password.slice();
    }
    throw authFailed('LOGIN: server sent a third prompt after the user name and password', _challenge);
  }

  verify(_final: Uint8Array | undefined): void {}
}
