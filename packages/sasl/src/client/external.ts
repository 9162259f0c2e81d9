import { encodeUtf8, type SaslMechanism } from '@mailwire/core';
import { authFailed } from '../sasl-error';
import { checkField } from './credential-checks';

export interface ExternalOptions {
  /** Authorization identity; default empty: "derive it from my credentials" (the TLS client certificate). */
  authzid?: string;
}

/** EXTERNAL (RFC 4422 Appendix A): authentication happened outside SASL, e.g. a TLS client certificate. */
export class ExternalMechanism implements SaslMechanism {
  readonly name = 'EXTERNAL';
  readonly #message: Uint8Array;
  #answered = false;

  constructor(options: ExternalOptions = {}) {
    checkField(options.authzid ?? '', 'EXTERNAL authzid');
    this.#message = encodeUtf8(options.authzid ?? '');
  }

  /** Possibly empty: the protocol sends an empty initial response as "=" (RFC 4954, RFC 4959). */
  initialResponse(): Uint8Array {
    return this.#message.slice();
  }

  respond(challenge: Uint8Array): Uint8Array {
    if (this.#answered || challenge.length > 0) {
      throw authFailed('EXTERNAL: server sent an unexpected challenge', challenge);
    }
    this.#answered = true;
    return this.#message.slice();
  }

  verify(_final: Uint8Array | undefined): void {}
}
