import { encodeUtf8 } from '@mailwire/core';
import { md5 } from '@noble/hashes/legacy';
import { bytesToHex, concatBytes } from '@noble/hashes/utils';

/**
 * The POP3 APOP digest (RFC 1939 §7): lower-case hex MD5 of the greeting's timestamp
 * (including its angle brackets, e.g. `<1896.697170952@dbc.mtview.ca.us>`) followed by the
 * shared secret. Pass the timestamp as the greeting's raw bytes when it is not ASCII.
 */
export function apopDigest(timestamp: string | Uint8Array, secret: string): string {
  const stamp = typeof timestamp === 'string' ? encodeUtf8(timestamp) : timestamp;
  return bytesToHex(md5(concatBytes(stamp, encodeUtf8(secret))));
}
