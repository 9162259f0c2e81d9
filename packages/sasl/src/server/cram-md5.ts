import { decodeUtf8, encodeUtf8, isValidUtf8 } from '@mailwire/core';
import { cramMd5Response } from '../client/cram-md5';
import { timingSafeEqual } from '../constant-time';
import { type RandomBytes, webCryptoRandomBytes } from '../random';
import { authFailed, badSyntax } from '../sasl-error';
import { challengeStep, failureStep, successStep } from './outcome';
import type { SaslServerCredentials, SaslServerStep } from './server-mechanism';
import { ServerMechanismBase } from './server-mechanism-base';

export interface CramMd5ServerOptions {
  /** Host name inside the challenge msg-id. Default `localhost`. */
  hostname?: string;
  /** The challenge, e.g. `<1896.697170952@postoffice.example>`; default random digits and the host name. */
  challenge?: () => string;
  randomBytes?: RandomBytes;
}

/** CRAM-MD5 server (RFC 2195): needs the clear-text password (`getPassword`). */
export class CramMd5Server extends ServerMechanismBase {
  readonly name = 'CRAM-MD5';
  readonly #credentials: SaslServerCredentials;
  readonly #challenge: Uint8Array;

  constructor(credentials: SaslServerCredentials, options: CramMd5ServerOptions = {}) {
    super();
    this.#credentials = credentials;
    let text = options.challenge?.();
    if (text === undefined) {
      const random = (options.randomBytes ?? webCryptoRandomBytes)(8);
      const view = new DataView(random.buffer, random.byteOffset, random.byteLength);
      text = `<${view.getUint32(0)}.${view.getUint32(4)}@${options.hostname ?? 'localhost'}>`;
    }
    this.#challenge = encodeUtf8(text);
  }

  protected onStart(initialResponse: Uint8Array | undefined): SaslServerStep {
    if (initialResponse !== undefined) {
      return failureStep(badSyntax('CRAM-MD5: the client must not send an initial response'));
    }
    return challengeStep(this.#challenge.slice());
  }

  protected onStep(response: Uint8Array): SaslServerStep {
    if (!isValidUtf8(response)) return failureStep(badSyntax('CRAM-MD5: response is not UTF-8'));
    const text = decodeUtf8(response);
    // user SP digest, where the digest is 32 hex digits (RFC 2195 §2); the user is everything before the last space.
    const match = /^(.+) ([0-9a-fA-F]{32})$/s.exec(text);
    if (match === null)
      return failureStep(badSyntax('CRAM-MD5: response must be "user SP 32-hex-digit-digest"'));
    const user = match[1] as string;
    const digest = (match[2] as string).toLowerCase();
    const password = this.#credentials.getPassword?.(user);
    const expected = cramMd5Response(user, password ?? '', this.#challenge);
    if (password === undefined || !timingSafeEqual(encodeUtf8(`${user} ${digest}`), expected)) {
      return failureStep(authFailed('CRAM-MD5: invalid user name or password'));
    }
    return successStep(this.name, this.#credentials, user, '');
  }
}
