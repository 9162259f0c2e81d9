import type { ErrorEvent, WarningEvent } from '@mailwire/core';
import type { EnhancedStatusCode } from './enhanced-status';

/** One SMTP reply (RFC 5321 §4.2), single- or multi-line. */
export interface SmtpReply {
  /** The reply code: that of the LAST line (RFC 5321 §4.2.1: a multi-line reply is one reply). */
  code: number;
  /** Text of every line, after the code and its separator (`' '` or `'-'`); '' when a line has none. */
  lines: string[];
  /** The text bytes of every line as received (8-bit text keeps its exact bytes here). */
  rawLines: Uint8Array[];
  /**
   * The enhanced status code at the start of the first line (RFC 3463), when the server
   * advertised ENHANCEDSTATUSCODES or the text clearly starts with one.
   */
  enhanced?: EnhancedStatusCode;
  /** Stream offset of the reply's first byte. */
  offset: number;
  /** Bytes the reply took, line ends included. */
  byteLength: number;
}

/** A reply to write: what `serializeReply` takes. */
export interface SmtpReplyInit {
  code: number;
  /** One entry per line; `[]` is written as one line with empty text. */
  lines: readonly string[];
}

export interface SmtpReplyEvent {
  type: 'reply';
  reply: SmtpReply;
}

export type SmtpReplyParserEvent = SmtpReplyEvent | WarningEvent | ErrorEvent;

/** RFC 5321 §4.2.1: the first digit says how the command went. */
export type ReplyClass =
  | 'positive-preliminary'
  | 'positive-completion'
  | 'positive-intermediate'
  | 'transient-negative'
  | 'permanent-negative';

export function replyClass(code: number): ReplyClass | undefined {
  switch (Math.floor(code / 100)) {
    case 1:
      return 'positive-preliminary';
    case 2:
      return 'positive-completion';
    case 3:
      return 'positive-intermediate';
    case 4:
      return 'transient-negative';
    case 5:
      return 'permanent-negative';
    default:
      return undefined;
  }
}

/** 2yz. */
export function isPositiveCompletion(reply: { code: number }): boolean {
  return reply.code >= 200 && reply.code < 300;
}

/** The reply's text, lines joined with `\n`. */
export function replyText(reply: Pick<SmtpReply, 'lines'>): string {
  return reply.lines.join('\n');
}
