import { encodeUtf8, type SaslMechanism } from '@mailwire/core';
import { authFailed, invalidArgument } from '../sasl-error';

export interface AnonymousOptions {
  /** Trace information (RFC 4505 §2): an email address or an opaque token, up to 255 characters. Default empty. */
  trace?: string;
}

/** ANONYMOUS (RFC 4505). */
export class AnonymousMechanism implements SaslMechanism {
  readonly name = 'ANONYMOUS';
  readonly #message: Uint8Array;
  #answered = false;

  constructor(options: AnonymousOptions = {}) {
    const trace = options.trace ?? '';
    if ([...trace].length > 255) throw invalidArgument('ANONYMOUS trace must be at most 255 characters');
    if (/[\x00-\x1f\x7f]/.test(trace))
      throw invalidArgument('ANONYMOUS trace must not contain control characters');
    this.#message = encodeUtf8(trace);
  }

  initialResponse(): Uint8Array {
    return this.#message.slice();
  }

  respond(challenge: Uint8Array): Uint8Array {
    if (this.#answered || challenge.length > 0) {
      throw authFailed('ANONYMOUS: server sent an unexpected challenge', challenge);
    }
    this.#answered = true;
    return this.#message.slice();
  }

  verify(_final: Uint8Array | undefined): void {}
}
