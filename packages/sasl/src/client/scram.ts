import { decodeBase64, decodeUtf8, encodeBase64, encodeUtf8, type SaslMechanism } from '@mailwire/core';
import { timingSafeEqual } from '../constant-time';
import { randomNonce } from '../random';
import { authFailed, badSyntax, invalidArgument } from '../sasl-error';
import { encodeSaslname } from '../saslname';
import { saslprepCheck, saslprepPassword } from '../saslprep';
import { isScramPrintable, looksLikeBase64, parseScramAttributes } from '../scram-attributes';
import {
  type ScramHash,
  scramHash,
  scramHmac,
  scramMechanismName,
  scramSaltedPassword,
  xorBytes,
} from '../scram-crypto';
import { checkField } from './credential-checks';

export interface ScramClientOptions {
  username: string;
  password: string;
  /** Authorization identity (`a=` in the GS2 header); default none. */
  authzid?: string;
  /** Client nonce source; default 18 random bytes from Web Crypto as base64. Tests inject a fixed one. */
  nonce?: () => string;
  /** Refuse a server iteration count below this (a rogue server asks for few to crack the proof cheaply). Default 4096 (RFC 7677 §4). */
  minIterations?: number;
  /** Refuse a server iteration count above this (each iteration costs the client CPU). Default 1 000 000. */
  maxIterations?: number;
  /** Prepare the password with SASLprep (RFC 5802 §2.2). Default `true`; `false` sends it as given. */
  saslprep?: boolean;
}

export const DEFAULT_SCRAM_MIN_ITERATIONS = 4096;
export const DEFAULT_SCRAM_MAX_ITERATIONS = 1_000_000;

type State = 'start' | 'sent-first' | 'sent-final' | 'verified';

/**
 * SCRAM-SHA-1 (RFC 5802) and SCRAM-SHA-256 (RFC 7677), client side, without channel
 * binding: the GS2 header is always `n,,` (or `n,a=<authzid>,`), which is right even when
 * the server also offers the -PLUS variants. The server's signature is checked either when
 * it arrives as a last challenge (answered with an empty response) or in `verify()` when it
 * arrives with the success reply; `verify()` fails if it never arrived.
 */
export class ScramClient implements SaslMechanism {
  readonly name: 'SCRAM-SHA-1' | 'SCRAM-SHA-256';
  readonly #hash: ScramHash;
  readonly #password: string;
  readonly #gs2Header: string;
  readonly #clientFirstBare: string;
  readonly #clientNonce: string;
  readonly #minIterations: number;
  readonly #maxIterations: number;
  #state: State = 'start';
  #serverSignature: Uint8Array | undefined;

  constructor(hash: ScramHash, options: ScramClientOptions) {
    this.#hash = hash;
    this.name = scramMechanismName(hash);
    checkField(options.username, `${this.name} user name`, { nonEmpty: true });
    checkField(options.password, `${this.name} password`);
    checkField(options.authzid ?? '', `${this.name} authzid`);
    this.#password = options.saslprep === false ? options.password : saslprepPassword(options.password);
    this.#minIterations = options.minIterations ?? DEFAULT_SCRAM_MIN_ITERATIONS;
    this.#maxIterations = options.maxIterations ?? DEFAULT_SCRAM_MAX_ITERATIONS;
    const nonce = (options.nonce ?? randomNonce)();
    if (!isScramPrintable(nonce)) {
      throw invalidArgument(`${this.name}: client nonce must be printable ASCII without ','`);
    }
    this.#clientNonce = nonce;
    // RFC 5802 §5.1: the user name SHOULD be SASLprep'ed as a query; a name SASLprep refuses goes as is.
    const prepared = saslprepCheck(options.username);
    const username = prepared.ok ? prepared.value : options.username;
    this.#gs2Header = options.authzid ? `n,a=${encodeSaslname(options.authzid)},` : 'n,,';
    this.#clientFirstBare = `n=${encodeSaslname(username)},r=${nonce}`;
  }

  initialResponse(): Uint8Array {
    if (this.#state === 'start') this.#state = 'sent-first';
    return encodeUtf8(this.#gs2Header + this.#clientFirstBare);
  }

  respond(challenge: Uint8Array): Uint8Array {
    switch (this.#state) {
      case 'start':
      case 'sent-first':
        // A server that got no initial response asks for it with an empty challenge.
        if (challenge.length === 0) return this.initialResponse();
        if (this.#state === 'start') {
          throw authFailed(
            `${this.name}: server sent a challenge before the client-first-message`,
            challenge,
          );
        }
        return this.#clientFinal(challenge);
      case 'sent-final':
        // Server-final sent as a challenge (IMAP always, SMTP usually): check it, answer empty.
        if (challenge.length === 0) throw badSyntax(`${this.name}: server-final-message is empty`);
        this.verify(challenge);
        return new Uint8Array(0);
      default:
        throw authFailed(`${this.name}: server sent a challenge after its final message`, challenge);
    }
  }

  verify(final: Uint8Array | undefined): void {
    if (final === undefined || final.length === 0) {
      if (this.#state === 'verified') return;
      throw authFailed(`${this.name}: server reported success without sending its signature`);
    }
    if (this.#state === 'verified') {
      throw authFailed(`${this.name}: server sent its final message twice`, final);
    }
    if (this.#state !== 'sent-final' || this.#serverSignature === undefined) {
      throw authFailed(`${this.name}: server reported success before the exchange was complete`, final);
    }
    const text = decodeUtf8(final);
    const attributes = parseScramAttributes(text, `${this.name} server-final-message`);
    const first = attributes[0];
    if (first?.name === 'e') {
      throw authFailed(`${this.name}: server reported error "${first.value}"`, final);
    }
    if (first?.name !== 'v' || !looksLikeBase64(first.value)) {
      throw badSyntax(
        `${this.name}: server-final-message must start with "v=<base64>" or "e=<error>"`,
        final,
      );
    }
    const signature = decodeBase64(first.value, 'sasl');
    if (!timingSafeEqual(signature, this.#serverSignature)) {
      throw authFailed(`${this.name}: server signature mismatch (the server does not know the password)`);
    }
    this.#state = 'verified';
  }

  #clientFinal(challenge: Uint8Array): Uint8Array {
    const name = this.name;
    const serverFirst = decodeUtf8(challenge);
    const attributes = parseScramAttributes(serverFirst, `${name} server-first-message`);
    if (attributes[0]?.name === 'm') {
      throw authFailed(`${name}: server requires an extension this client does not support (m=)`, challenge);
    }
    const [r, s, i] = attributes;
    if (r?.name === 'e') throw authFailed(`${name}: server reported error "${r.value}"`, challenge);
    if (r?.name !== 'r' || s?.name !== 's' || i?.name !== 'i') {
      throw badSyntax(`${name}: server-first-message must be "r=<nonce>,s=<salt>,i=<iterations>"`, challenge);
    }
    if (!isScramPrintable(r.value))
      throw badSyntax(`${name}: server nonce is not printable ASCII`, challenge);
    if (!r.value.startsWith(this.#clientNonce)) {
      throw authFailed(`${name}: server nonce does not start with the client nonce`, challenge);
    }
    if (r.value.length === this.#clientNonce.length) {
      throw authFailed(`${name}: server nonce adds nothing to the client nonce`, challenge);
    }
    if (s.value.length === 0 || !looksLikeBase64(s.value)) {
      throw badSyntax(`${name}: salt is not base64`, challenge);
    }
    const salt = decodeBase64(s.value, 'sasl');
    if (!/^[1-9][0-9]{0,15}$/.test(i.value)) {
      throw badSyntax(`${name}: iteration count is not a positive decimal number`, challenge);
    }
    const iterations = Number(i.value);
    if (iterations < this.#minIterations) {
      throw authFailed(
        `${name}: server asks for ${iterations} iterations, fewer than the minimum ${this.#minIterations}`,
      );
    }
    if (iterations > this.#maxIterations) {
      throw authFailed(
        `${name}: server asks for ${iterations} iterations, more than the limit ${this.#maxIterations}`,
      );
    }
    const hash = this.#hash;
    const withoutProof = `c=${encodeBase64(encodeUtf8(this.#gs2Header))},r=${r.value}`;
    const authMessage = `${this.#clientFirstBare},${serverFirst},${withoutProof}`;
    const salted = scramSaltedPassword(hash, this.#password, salt, iterations);
    const clientKey = scramHmac(hash, salted, 'Client Key');
    const storedKey = scramHash(hash, clientKey);
    const clientSignature = scramHmac(hash, storedKey, authMessage);
    const proof = xorBytes(clientKey, clientSignature);
    this.#serverSignature = scramHmac(hash, scramHmac(hash, salted, 'Server Key'), authMessage);
    this.#state = 'sent-final';
    return encodeUtf8(`${withoutProof},p=${encodeBase64(proof)}`);
  }
}

export function scramSha1(options: ScramClientOptions): ScramClient {
  return new ScramClient('SHA-1', options);
}

export function scramSha256(options: ScramClientOptions): ScramClient {
  return new ScramClient('SHA-256', options);
}
