import {
  decodeBase64,
  decodeUtf8,
  encodeBase64,
  encodeUtf8,
  isParseError,
  isValidUtf8,
  type ParseError,
} from '@mailwire/core';
import { timingSafeEqual } from '../constant-time';
import { type RandomBytes, randomNonce, webCryptoRandomBytes } from '../random';
import { authFailed, badSyntax } from '../sasl-error';
import { decodeSaslname } from '../saslname';
import { isScramPrintable, looksLikeBase64, parseScramAttributes } from '../scram-attributes';
import {
  DEFAULT_SCRAM_ITERATIONS,
  type ScramCredentials,
  type ScramHash,
  scramHash,
  scramHashLength,
  scramHmac,
  scramMechanismName,
  xorBytes,
} from '../scram-crypto';
import { challengeStep, failureStep, successStep } from './outcome';
import type { SaslServerCredentials, SaslServerStep } from './server-mechanism';
import { ServerMechanismBase } from './server-mechanism-base';

export interface ScramServerOptions {
  /** Server nonce source (appended to the client's); default 18 random bytes as base64. */
  nonce?: () => string;
  randomBytes?: RandomBytes;
}

interface FirstMessage {
  gs2Header: string;
  authzid: string;
  username: string;
  clientFirstBare: string;
  clientNonce: string;
}

/**
 * SCRAM-SHA-1 / SCRAM-SHA-256 server (RFC 5802 §5, RFC 7677) from stored credentials
 * (`getScramCredentials`), without channel binding: a client that asks for it (`p=`) is
 * refused with `e=channel-binding-not-supported`.
 *
 * An unknown user gets a made-up salt and the default iteration count, and fails at the
 * proof with `e=invalid-proof` like a wrong password (RFC 5802 §9), so that the exchange
 * does not tell which user names exist. (The made-up salt is random per attempt, so two
 * attempts can still tell; a production server would derive it from a secret.)
 */
export class ScramServer extends ServerMechanismBase {
  readonly name: 'SCRAM-SHA-1' | 'SCRAM-SHA-256';
  readonly #hash: ScramHash;
  readonly #credentials: SaslServerCredentials;
  readonly #nonce: () => string;
  readonly #randomBytes: RandomBytes;
  #first: FirstMessage | undefined;
  #stored: ScramCredentials | undefined;
  #serverFirst = '';
  #nonceValue = '';

  constructor(hash: ScramHash, credentials: SaslServerCredentials, options: ScramServerOptions = {}) {
    super();
    this.#hash = hash;
    this.name = scramMechanismName(hash);
    this.#credentials = credentials;
    this.#randomBytes = options.randomBytes ?? webCryptoRandomBytes;
    this.#nonce = options.nonce ?? (() => randomNonce(this.#randomBytes));
  }

  protected onStart(initialResponse: Uint8Array | undefined): SaslServerStep {
    // No initial response: an empty challenge asks for the client-first-message.
    return initialResponse === undefined ? challengeStep(new Uint8Array(0)) : this.onStep(initialResponse);
  }

  protected onStep(response: Uint8Array): SaslServerStep {
    try {
      return this.#first === undefined ? this.#onClientFirst(response) : this.#onClientFinal(response);
    } catch (error) {
      if (!isParseError(error)) throw error;
      return failureStep(error, encodeUtf8('e=other-error'));
    }
  }

  #onClientFirst(response: Uint8Array): SaslServerStep {
    const name = this.name;
    if (!isValidUtf8(response))
      return this.#fail(badSyntax(`${name}: client-first-message is not UTF-8`), 'invalid-encoding');
    const text = decodeUtf8(response);
    // gs2-header = gs2-cbind-flag "," [ authzid ] ","  (RFC 5802 §7)
    const header = /^(n|y|p=[A-Za-z0-9.-]+),(a=[^,]*)?,/.exec(text);
    if (header === null)
      return this.#fail(
        badSyntax(`${name}: client-first-message has no valid GS2 header`, text),
        'other-error',
      );
    if (header[1]?.startsWith('p=')) {
      return this.#fail(
        authFailed(`${name}: client asks for channel binding, which this server does not support`),
        'channel-binding-not-supported',
      );
    }
    let authzid = '';
    if (header[2] !== undefined) {
      const decoded = decodeSaslname(header[2].slice(2));
      if (decoded === undefined || decoded === '')
        return this.#fail(badSyntax(`${name}: bad authzid in GS2 header`, text), 'invalid-encoding');
      authzid = decoded;
    }
    const bare = text.slice(header[0].length);
    const attributes = parseScramAttributes(bare, `${name} client-first-message`);
    if (attributes[0]?.name === 'm') {
      return this.#fail(
        authFailed(`${name}: client requires an unsupported extension (m=)`),
        'extensions-not-supported',
      );
    }
    const [n, r] = attributes;
    if (n?.name !== 'n' || r?.name !== 'r') {
      return this.#fail(
        badSyntax(`${name}: client-first-message must be "n=<user>,r=<nonce>"`, text),
        'other-error',
      );
    }
    const username = decodeSaslname(n.value);
    if (username === undefined || username === '') {
      return this.#fail(
        badSyntax(`${name}: bad user name in client-first-message`, text),
        'invalid-username-encoding',
      );
    }
    if (!isScramPrintable(r.value))
      return this.#fail(badSyntax(`${name}: client nonce is not printable ASCII`, text), 'other-error');
    this.#first = { gs2Header: header[0], authzid, username, clientFirstBare: bare, clientNonce: r.value };
    const stored = this.#credentials.getScramCredentials?.(username, this.#hash);
    this.#stored = stored?.hash === this.#hash ? stored : undefined;
    const salt = this.#stored?.salt ?? this.#randomBytes(16);
    const iterations = this.#stored?.iterations ?? DEFAULT_SCRAM_ITERATIONS;
    const serverNonce = this.#nonce();
    if (!isScramPrintable(serverNonce))
      throw authFailed(`${name}: server nonce source returned a non-printable nonce`);
    this.#nonceValue = r.value + serverNonce;
    this.#serverFirst = `r=${this.#nonceValue},s=${encodeBase64(salt)},i=${iterations}`;
    return challengeStep(encodeUtf8(this.#serverFirst));
  }

  #onClientFinal(response: Uint8Array): SaslServerStep {
    const name = this.name;
    const first = this.#first as FirstMessage;
    if (!isValidUtf8(response))
      return this.#fail(badSyntax(`${name}: client-final-message is not UTF-8`), 'invalid-encoding');
    const text = decodeUtf8(response);
    const attributes = parseScramAttributes(text, `${name} client-final-message`, false);
    const [c, r] = attributes;
    const p = attributes[attributes.length - 1];
    if (c?.name !== 'c' || r?.name !== 'r' || p?.name !== 'p' || attributes.length < 3) {
      return this.#fail(badSyntax(`${name}: client-final-message must be "c=..,r=..,p=.."`), 'other-error');
    }
    if (!looksLikeBase64(c.value) || !looksLikeBase64(p.value)) {
      return this.#fail(badSyntax(`${name}: channel binding or proof is not base64`), 'invalid-encoding');
    }
    if (!timingSafeEqual(decodeBase64(c.value, 'sasl'), encodeUtf8(first.gs2Header))) {
      return this.#fail(
        authFailed(`${name}: channel binding data does not repeat the GS2 header`),
        'channel-bindings-dont-match',
      );
    }
    if (r.value !== this.#nonceValue) {
      return this.#fail(
        authFailed(`${name}: client-final nonce differs from the combined nonce`),
        'other-error',
      );
    }
    const proof = decodeBase64(p.value, 'sasl');
    const stored = this.#stored;
    if (stored === undefined || proof.length !== scramHashLength(this.#hash)) {
      return this.#fail(authFailed(`${name}: invalid user name or password`), 'invalid-proof');
    }
    const withoutProof = text.slice(0, text.length - p.value.length - 3);
    const authMessage = `${first.clientFirstBare},${this.#serverFirst},${withoutProof}`;
    const clientSignature = scramHmac(this.#hash, stored.storedKey, authMessage);
    const clientKey = xorBytes(proof, clientSignature);
    if (!timingSafeEqual(scramHash(this.#hash, clientKey), stored.storedKey)) {
      return this.#fail(authFailed(`${name}: invalid user name or password`), 'invalid-proof');
    }
    const serverSignature = scramHmac(this.#hash, stored.serverKey, authMessage);
    return successStep(
      this.name,
      this.#credentials,
      first.username,
      first.authzid,
      encodeUtf8(`v=${encodeBase64(serverSignature)}`),
    );
  }

  /** Failure with the server-error value of RFC 5802 §7 as additional data. */
  #fail(error: ParseError, serverError: string): SaslServerStep {
    return failureStep(error, encodeUtf8(`e=${serverError}`));
  }
}

export function scramSha1Server(
  credentials: SaslServerCredentials,
  options?: ScramServerOptions,
): ScramServer {
  return new ScramServer('SHA-1', credentials, options);
}

export function scramSha256Server(
  credentials: SaslServerCredentials,
  options?: ScramServerOptions,
): ScramServer {
  return new ScramServer('SHA-256', credentials, options);
}
