import { decodeUtf8 } from '@mailwire/core';

/**
 * The error a server reports in an OAuth challenge (RFC 7628 §3.2.2; Google and Microsoft
 * send the same JSON for XOAUTH2). Fields are `undefined` when the challenge was not the
 * expected JSON: the exchange still ends, the raw text is kept for the log.
 */
export interface OAuthServerError {
  /** e.g. `invalid_token`, `insufficient_scope`, or an HTTP-like code such as `400`. */
  status: string | undefined;
  scope: string | undefined;
  /** `openid-configuration`: where the client can discover the authorization server. */
  openidConfiguration: string | undefined;
  /** The challenge as text. */
  raw: string;
}

export function parseOAuthError(challenge: Uint8Array): OAuthServerError {
  const raw = decodeUtf8(challenge);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const field = (name: string): string | undefined => {
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const value = (parsed as Record<string, unknown>)[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  return {
    status: field('status'),
    scope: field('scope'),
    openidConfiguration: field('openid-configuration'),
    raw,
  };
}
