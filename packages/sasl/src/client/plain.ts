import { encodeUtf8, type SaslMechanism } from '@mailwire/core';
import { authFailed } from '../sasl-error';
import { checkField } from './credential-checks';

export interface PlainOptions {
  /** Authentication identity (the user name). */
  username: string;
  password: string;
  /** Authorization identity to act as; default none (act as `username`). */
  authzid?: string;
}

/**
 * PLAIN (RFC 4616): one message `authzid NUL authcid NUL passwd`, UTF-8. The password is
 * sent as typed (the server prepares both sides with SASLprep when it compares, §2).
 * Sends the password in the clear: only over TLS (the chooser enforces that).
 */
export class PlainMechanism implements SaslMechanism {
  readonly name = 'PLAIN';
  readonly #message: Uint8Array;
  #answered = false;

  constructor(options: PlainOptions) {
    checkField(options.username, 'PLAIN user name', { nonEmpty: true });
    checkField(options.password, 'PLAIN password', { nonEmpty: true });
    checkField(options.authzid ?? '', 'PLAIN authzid');
    this.#message = encodeUtf8(`${options.authzid ?? ''}\0${options.username}\0${options.password}`);
  }

  initialResponse(): Uint8Array {
    return this.#message.slice();
  }

  /** An empty first challenge (server without SASL-IR, RFC 4954 §4) is answered with the message. */
  respond(challenge: Uint8Array): Uint8Array {
    if (this.#answered) throw authFailed('PLAIN: server sent a second challenge; PLAIN is one message');
    if (challenge.length > 0) throw authFailed('PLAIN: server sent a non-empty challenge', challenge);
    this.#answered = true;
    return this.#message.slice();
  }

  verify(_final: Uint8Array | undefined): void {}
}
