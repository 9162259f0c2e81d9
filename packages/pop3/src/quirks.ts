import type { ParseErrorCode } from '@mailwire/core';

/**
 * Where the line-level parsers report input that real servers send but the RFCs forbid.
 * The response and command parsers implement it: lenient mode turns a quirk into a
 * `warning` event and goes on, strict mode throws a `ParseError` with `errorCode`.
 */
export interface QuirkSink {
  quirk(code: string, message: string, offset: number, errorCode?: ParseErrorCode): void;
}
