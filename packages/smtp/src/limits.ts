import { DEFAULT_LIMITS, type Limits } from '@mailwire/core';

/**
 * SMTP defaults for `Limits`. RFC 5321 §4.5.3.1.4/§4.5.3.1.5 set 512 octets (CRLF
 * included) as the longest command line and reply line. mailwire counts line lengths
 * without the line end, so 512 leaves two octets of slack for peers that count the
 * other way. Replies are short: 256 lines and 64 KiB bound a reply to a few hundred KiB
 * of memory even for a hostile server.
 */
export const SMTP_REPLY_LIMITS: Readonly<Limits> = Object.freeze({
  ...DEFAULT_LIMITS,
  maxLineLength: 512,
  maxReplyLines: 256,
  maxResponseSize: 64 * 1024,
});

/**
 * Command lines: 512 octets (RFC 5321 §4.5.3.1.4) would reject legitimate AUTH lines,
 * which RFC 4954 §4 lets grow to 12288 octets (SASL initial responses and GSSAPI
 * tokens), so the command side defaults to that. Message bodies stream, bounded by
 * `maxPayloadSize` (64 MiB).
 */
export const SMTP_COMMAND_LIMITS: Readonly<Limits> = Object.freeze({
  ...DEFAULT_LIMITS,
  maxLineLength: 12288,
});
