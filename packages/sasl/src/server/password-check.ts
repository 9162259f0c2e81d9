import { encodeUtf8 } from '@mailwire/core';
import { timingSafeEqual } from '../constant-time';
import { saslprepCheck } from '../saslprep';
import type { SaslServerCredentials } from './server-mechanism';

/**
 * Checks a clear-text password for PLAIN and LOGIN: `verifyPassword` when the store has
 * it, else a constant-time comparison of both sides prepared with SASLprep (RFC 4616 §2,
 * RFC 4013). False for an unknown user too: the caller cannot tell the two apart.
 */
export function checkPassword(
  credentials: SaslServerCredentials,
  authcid: string,
  password: string,
): boolean {
  if (credentials.verifyPassword) return credentials.verifyPassword(authcid, password);
  const stored = credentials.getPassword?.(authcid);
  if (stored === undefined) return false;
  const given = saslprepCheck(password);
  const expected = saslprepCheck(stored);
  if (!given.ok || !expected.ok) return false;
  return timingSafeEqual(encodeUtf8(given.value), encodeUtf8(expected.value));
}
