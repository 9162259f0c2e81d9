import { encodeUtf8 } from '@mailwire/core';
import { hmac } from '@noble/hashes/hmac';
import { sha1 } from '@noble/hashes/legacy';
import { pbkdf2 } from '@noble/hashes/pbkdf2';
import { sha256 } from '@noble/hashes/sha2';
import { type RandomBytes, webCryptoRandomBytes } from './random';
import { invalidArgument } from './sasl-error';
import { saslprepPassword } from './saslprep';

/** The hash functions SCRAM is used with here: SCRAM-SHA-1 (RFC 5802) and SCRAM-SHA-256 (RFC 7677). */
export type ScramHash = 'SHA-1' | 'SHA-256';

const HASHES = { 'SHA-1': sha1, 'SHA-256': sha256 } as const;

export function scramMechanismName(hash: ScramHash): 'SCRAM-SHA-1' | 'SCRAM-SHA-256' {
  return hash === 'SHA-1' ? 'SCRAM-SHA-1' : 'SCRAM-SHA-256';
}

/** Output length of the hash in bytes (20 for SHA-1, 32 for SHA-256). */
export function scramHashLength(hash: ScramHash): number {
  return HASHES[hash].outputLen;
}

export function scramHash(hash: ScramHash, data: Uint8Array): Uint8Array {
  return HASHES[hash](data);
}

export function scramHmac(hash: ScramHash, key: Uint8Array, data: Uint8Array | string): Uint8Array {
  return hmac(HASHES[hash], key, typeof data === 'string' ? encodeUtf8(data) : data);
}

/** SaltedPassword := Hi(Normalize(password), salt, i) (RFC 5802 §3); `prepared` is already SASLprep'ed. */
export function scramSaltedPassword(
  hash: ScramHash,
  prepared: string,
  salt: Uint8Array,
  iterations: number,
): Uint8Array {
  const h = HASHES[hash];
  return pbkdf2(h, encodeUtf8(prepared), salt, { c: iterations, dkLen: h.outputLen });
}

export function xorBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) ^ (b[i] as number);
  return out;
}

/**
 * What a SCRAM server stores for a user (RFC 5802 §3, §9): enough to verify a client and
 * to prove itself, but not enough to impersonate the user to another server with a
 * different salt, nor to log in without the password (StoredKey is a hash of ClientKey).
 */
export interface ScramCredentials {
  hash: ScramHash;
  salt: Uint8Array;
  iterations: number;
  /** H(HMAC(SaltedPassword, "Client Key")). */
  storedKey: Uint8Array;
  /** HMAC(SaltedPassword, "Server Key"). */
  serverKey: Uint8Array;
}

export interface DeriveScramOptions {
  hash: ScramHash;
  /** Salt; default 16 random bytes. */
  salt?: Uint8Array;
  /** PBKDF2 iteration count; default 4096, the minimum RFC 7677 §4 recommends. */
  iterations?: number;
  randomBytes?: RandomBytes;
}

/** Default iteration count of `deriveScramCredentials`. */
export const DEFAULT_SCRAM_ITERATIONS = 4096;

/**
 * Derives the stored SCRAM credentials from a password. The password is prepared with
 * SASLprep as a stored string (unassigned code points refused, RFC 3454 §7).
 */
export function deriveScramCredentials(password: string, options: DeriveScramOptions): ScramCredentials {
  const { hash } = options;
  const iterations = options.iterations ?? DEFAULT_SCRAM_ITERATIONS;
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw invalidArgument(`SCRAM iteration count must be a positive integer, got ${String(iterations)}`);
  }
  const salt = options.salt ?? (options.randomBytes ?? webCryptoRandomBytes)(16);
  const salted = scramSaltedPassword(
    hash,
    saslprepPassword(password, { allowUnassigned: false }),
    salt,
    iterations,
  );
  return {
    hash,
    salt,
    iterations,
    storedKey: scramHash(hash, scramHmac(hash, salted, 'Client Key')),
    serverKey: scramHmac(hash, salted, 'Server Key'),
  };
}
