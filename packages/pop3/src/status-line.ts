import { asciiEqualsIgnoreCase, decodeLatin1, ParseError } from '@mailwire/core';
import type { QuirkSink } from './quirks';
import { parseResponseCode } from './response-codes';
import { decodeProtocolText, hasEightBit } from './text-decoding';
import type { StatusLine } from './types';

/**
 * The first line of every POP3 response (RFC 1939 §3, RFC 2449 §9):
 *   single-line = status [SP text] CRLF, status = "+OK" / "-ERR"
 * and the AUTH continuation (RFC 5034 §4): "+" [SP base64] CRLF.
 */

export type ParsedFirstLine =
  | { type: 'status'; line: StatusLine }
  | { type: 'continuation'; text: string; textBytes: Uint8Array };

export interface StatusLineOptions {
  /** RFC 6856: after UTF8 the server may send UTF-8 text; otherwise 8-bit text is a quirk. */
  utf8: boolean;
}

const PLUS = 0x2b;
const MINUS = 0x2d;
const SP = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Checks the text of a line for bytes the grammar does not allow: bare CR / LF (which can
 * only be inside a line in strict mode), other control characters, and 8-bit bytes
 * outside UTF8 mode. `offset` is the stream offset of `bytes[0]`.
 */
export function checkLineText(bytes: Uint8Array, offset: number, utf8: boolean, sink: QuirkSink): void {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === LF) {
      throw new ParseError({
        protocol: 'pop3',
        code: 'BARE_LF',
        message: 'bare LF inside a line (strict mode needs CRLF)',
        offset: offset + i,
        excerpt: bytes,
      });
    }
    if (b === CR) {
      sink.quirk('BARE_CR', 'bare CR inside a line', offset + i, 'BARE_CR');
      return;
    }
    if ((b < 0x20 && b !== TAB) || b === 0x7f) {
      sink.quirk('CONTROL_CHARACTER', `control character 0x${b.toString(16)} in text`, offset + i);
      return;
    }
  }
  if (!utf8 && hasEightBit(bytes)) {
    sink.quirk('EIGHT_BIT_TEXT', '8-bit bytes in response text (RFC 1939 text is 7-bit ASCII)', offset);
  }
}

/**
 * Parses a response's first line. `offset` is the stream offset of `line[0]`. Throws
 * `ParseError` BAD_SYNTAX for a line that is neither a status nor a continuation.
 */
export function parseFirstLine(
  line: Uint8Array,
  offset: number,
  options: StatusLineOptions,
  sink: QuirkSink,
): ParsedFirstLine {
  let status: 'OK' | 'ERR';
  let indicatorLength: number;
  const first = line[0];
  if (first === PLUS && asciiEqualsIgnoreCase(line, 1, 3, 'OK')) {
    status = 'OK';
    indicatorLength = 3;
  } else if (first === MINUS && asciiEqualsIgnoreCase(line, 1, 4, 'ERR')) {
    status = 'ERR';
    indicatorLength = 4;
  } else if (first === PLUS && (line.length === 1 || line[1] === SP)) {
    // RFC 5034 §4 continuation; a bare "+" is an empty challenge.
    const textBytes = line.subarray(Math.min(2, line.length));
    checkLineText(textBytes, offset + 2, options.utf8, sink);
    return { type: 'continuation', text: decodeLatin1(textBytes), textBytes };
  } else {
    throw new ParseError({
      protocol: 'pop3',
      code: 'BAD_SYNTAX',
      message: 'expected "+OK", "-ERR" or "+" at the start of a response',
      offset,
      excerpt: line,
    });
  }
  const exact =
    status === 'OK'
      ? line[1] === 0x4f && line[2] === 0x4b
      : line[1] === 0x45 && line[2] === 0x52 && line[3] === 0x52;
  if (!exact) {
    // Some servers write "+ok" / "-err": RFC 1939 §3 gives the indicators in upper case.
    sink.quirk('STATUS_CASE', 'status indicator not in upper case', offset);
  }
  let textStart = indicatorLength;
  if (line.length > indicatorLength) {
    const next = line[indicatorLength] as number;
    if (next !== SP) {
      if (next === TAB) {
        sink.quirk(
          'STATUS_SEPARATOR',
          'TAB instead of SP after the status indicator',
          offset + indicatorLength,
        );
      } else {
        throw new ParseError({
          protocol: 'pop3',
          code: 'BAD_SYNTAX',
          message: 'status indicator not followed by a space',
          offset: offset + indicatorLength,
          excerpt: line,
        });
      }
    }
    textStart = indicatorLength + 1;
  }
  const textBytes = line.subarray(textStart);
  checkLineText(textBytes, offset + textStart, options.utf8, sink);
  const parsedCode = parseResponseCode(textBytes);
  const out: StatusLine = parsedCode
    ? {
        status,
        code: parsedCode.code,
        text: decodeProtocolText(textBytes.subarray(parsedCode.textStart)),
        textBytes,
      }
    : { status, text: decodeProtocolText(textBytes), textBytes };
  return { type: 'status', line: out };
}
