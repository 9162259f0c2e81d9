import { encodeUtf8, ParseError } from '@mailwire/core';
import type { SmtpReplyInit } from './reply';

/**
 * Writes a reply (RFC 5321 §4.2): every line but the last as `code-text`, the last as
 * `code text`, each ended by CRLF. An empty text is written `code SP` (so that a 334
 * with an empty challenge is "334 ", as RFC 4954 §4 wants). Text is written as UTF-8.
 * Refuses a code outside 200-599 and CR, LF or NUL in any line (they would forge
 * further replies) with a `ParseError` INVALID_ARGUMENT.
 */
export function serializeReply(reply: SmtpReplyInit): Uint8Array {
  const { code } = reply;
  if (!Number.isInteger(code) || code < 200 || code > 599) {
    throw new ParseError({
      protocol: 'smtp',
      code: 'INVALID_ARGUMENT',
      message: `reply code must be 200-599, got ${code}`,
    });
  }
  const lines = reply.lines.length === 0 ? [''] : reply.lines;
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string;
    if (/[\r\n\0]/.test(text)) {
      throw new ParseError({
        protocol: 'smtp',
        code: 'INVALID_ARGUMENT',
        message: 'reply text must not contain CR, LF or NUL',
        excerpt: text,
      });
    }
    out += `${code}${i === lines.length - 1 ? ' ' : '-'}${text}\r\n`;
  }
  return encodeUtf8(out);
}
