import { encodeUtf8, type SaslMechanism } from '@mailwire/core';
import { hmac } from '@noble/hashes/hmac';
import { md5 } from '@noble/hashes/legacy';
import { bytesToHex } from '@noble/hashes/utils';
import { authFailed, badSyntax } from '../sasl-error';
import { checkField } from './credential-checks';

export interface CramMd5Options {
  username: string;
  password: string;
}

/** `user SP hex(HMAC-MD5(password, challenge))`, RFC 2195 §2. */
export function cramMd5Response(username: string, password: string, challenge: Uint8Array): Uint8Array {
  return encodeUtf8(`${username} ${bytesToHex(hmac(md5, encodeUtf8(password), challenge))}`);
}

/**
 * CRAM-MD5 (RFC 2195). The password does not cross the wire, but the server must keep it
 * (or an equivalent) and MD5 is weak: SCRAM is preferred where offered.
 *
 * The challenge should look like a msg-id `<1896.697170952@host>`; any non-empty
 * challenge is accepted (servers vary in what they put inside the brackets).
 */
export class CramMd5Mechanism implements SaslMechanism {
  readonly name = 'CRAM-MD5';
  readonly #username: string;
  readonly #password: string;
  #answered = false;

  constructor(options: CramMd5Options) {
    checkField(options.username, 'CRAM-MD5 user name', { nonEmpty: true });
    checkField(options.password, 'CRAM-MD5 password');
    this.#username = options.username;
    this.#password = options.password;
  }

  initialResponse(): undefined {
    return undefined;
  }

  respond(challenge: Uint8Array): Uint8Array {
    if (this.#answered) throw authFailed('CRAM-MD5: server sent a second challenge', challenge);
    if (challenge.length === 0) throw badSyntax('CRAM-MD5: server sent an empty challenge');
    this.#answered = true;
    return cramMd5Response(this.#username, this.#password, challenge);
  }

  verify(_final: Uint8Array | undefined): void {}
}
