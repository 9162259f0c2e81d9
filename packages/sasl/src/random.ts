import { encodeBase64 } from '@mailwire/core';

/** Returns `length` cryptographically random bytes. Injectable so that tests are deterministic. */
export type RandomBytes = (length: number) => Uint8Array;

/** Random bytes from Web Crypto (`globalThis.crypto`): Node 20+, Deno, Bun, browsers, workers. */
export const webCryptoRandomBytes: RandomBytes = (length) => {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
};

/**
 * A fresh nonce: 18 random bytes (144 bits) as 24 base64 characters. Base64 is printable
 * ASCII without ',' so it is a valid SCRAM nonce (RFC 5802 §7 `printable`).
 */
export function randomNonce(randomBytes: RandomBytes = webCryptoRandomBytes): string {
  return encodeBase64(randomBytes(18));
}
