import { type ErrorProtocol, ParseError } from './errors';

/**
 * Decimal numbers as the mail protocols send them: one or more ASCII digits, nothing else
 * (no sign, no spaces, no '+', no exponent). Leading zeros are accepted (RFC 3501 `number`
 * is `1*DIGIT`). Values are JavaScript numbers, so the largest accepted value is
 * `Number.MAX_SAFE_INTEGER` (2^53 - 1); anything larger is `NUMBER_OVERFLOW`, never a
 * silently rounded number. (IMAP `number64`, RFC 9051, is 63-bit; values above 2^53 - 1
 * do not occur in practice and are refused rather than rounded.)
 */

/**
 * Parses the digits in `bytes[start..end)`.
 *
 * Throws `ParseError` `BAD_NUMBER` if the range is empty or holds a non-digit, and
 * `NUMBER_OVERFLOW` if the value is above 2^53 - 1. Error offsets are
 * `baseOffset + index in bytes` (pass the stream offset of `bytes[0]` to get stream offsets).
 */
export function parseDecimal(
  bytes: Uint8Array,
  start = 0,
  end: number = bytes.length,
  protocol: ErrorProtocol = 'core',
  baseOffset = 0,
): number {
  if (start < 0) start = 0;
  if (end > bytes.length) end = bytes.length;
  if (end <= start) {
    throw new ParseError({
      protocol,
      code: 'BAD_NUMBER',
      message: 'expected a decimal number, found nothing',
      offset: baseOffset + start,
    });
  }
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = (bytes[i] as number) - 0x30;
    if (d < 0 || d > 9) {
      throw new ParseError({
        protocol,
        code: 'BAD_NUMBER',
        message: `expected a decimal digit, found byte 0x${(bytes[i] as number).toString(16).padStart(2, '0')}`,
        offset: baseOffset + i,
        excerpt: bytes.subarray(start, end),
      });
    }
    // n <= 2^53 - 1 here, so n * 10 + d is computed exactly or rounded to a value that is
    // still > 2^53 - 1: the comparison cannot be fooled by rounding.
    n = n * 10 + d;
    if (n > Number.MAX_SAFE_INTEGER) {
      throw new ParseError({
        protocol,
        code: 'NUMBER_OVERFLOW',
        message: 'number is larger than 2^53 - 1',
        offset: baseOffset + start,
        excerpt: bytes.subarray(start, end),
      });
    }
  }
  return n;
}

/** `parseDecimal` for a string (e.g. a token already decoded); same rules, same errors. */
export function parseDecimalString(text: string, protocol: ErrorProtocol = 'core'): number {
  if (text.length === 0) {
    throw new ParseError({
      protocol,
      code: 'BAD_NUMBER',
      message: 'expected a decimal number, found nothing',
    });
  }
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) {
      throw new ParseError({
        protocol,
        code: 'BAD_NUMBER',
        message: `expected a decimal digit at index ${i}`,
        offset: i,
        excerpt: text,
      });
    }
    n = n * 10 + d;
    if (n > Number.MAX_SAFE_INTEGER) {
      throw new ParseError({
        protocol,
        code: 'NUMBER_OVERFLOW',
        message: 'number is larger than 2^53 - 1',
        offset: 0,
        excerpt: text,
      });
    }
  }
  return n;
}
