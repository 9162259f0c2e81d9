import { decodeBase64, ParseError } from '@mailwire/core';
import type { SmtpReply } from './reply';

/** A 334 server challenge (RFC 4954 §4), decoded. */
export interface AuthChallenge {
  /** The decoded challenge bytes (empty for "334 " or a bare "334"). */
  challenge: Uint8Array;
  /** The base64 text as received. */
  text: string;
}

/**
 * Decodes a 334 reply's base64 challenge. Surrounding spaces are ignored (some servers
 * pad); anything that is not strict base64 is a `ParseError` BAD_BASE64.
 */
export function parseAuthChallenge(reply: Pick<SmtpReply, 'code' | 'lines'>): AuthChallenge {
  if (reply.code !== 334) {
    throw new ParseError({
      protocol: 'smtp',
      code: 'UNEXPECTED_RESPONSE',
      message: `expected 334, got ${reply.code}`,
    });
  }
  const text = reply.lines.join('');
  const trimmed = text.trim();
  return { challenge: trimmed === '' ? new Uint8Array(0) : decodeBase64(trimmed, 'smtp'), text };
}
