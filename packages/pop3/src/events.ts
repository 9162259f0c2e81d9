import type { ErrorEvent, WarningEvent } from '@mailwire/core';
import type { Pop3Command, Pop3Response, StatusLine } from './types';

/** A complete response (single-line, or multi-line read whole). */
export interface Pop3ResponseEvent extends Pop3Response {
  type: 'response';
  /** Stream offset of the status line. */
  offset: number;
  /** The command this response answers, when the parser was told (`expect(kind, command)`). */
  command?: Pop3Command;
  /** Set when an error inside the multi-line answer made the parser drop its data (the error event came first). */
  incomplete?: true;
}

/** `+ base64` during AUTH (RFC 5034 §4). */
export interface Pop3ContinuationEvent {
  type: 'continuation';
  /** The decoded challenge (empty for a bare "+"). */
  data: Uint8Array;
  /** The base64 text as sent. */
  text: string;
  offset: number;
  command?: Pop3Command;
}

/** A RETR/TOP answer whose body passed the streaming threshold: status line first, then chunks. */
export interface Pop3BodyStartEvent extends StatusLine {
  type: 'bodyStart';
  kind: 'multiline-body';
  offset: number;
  command?: Pop3Command;
}

/** A piece of a streamed body, unstuffed; a view of the input where possible. */
export interface Pop3BodyChunkEvent {
  type: 'bodyChunk';
  data: Uint8Array;
}

/** The end of a streamed body. */
export interface Pop3BodyEndEvent {
  type: 'bodyEnd';
  /** Body bytes delivered (after unstuffing). */
  size: number;
  /** Stream offset of the first byte after the terminating "." line. */
  offset: number;
  command?: Pop3Command;
  incomplete?: true;
}

export type Pop3ResponseParserEvent =
  | Pop3ResponseEvent
  | Pop3ContinuationEvent
  | Pop3BodyStartEvent
  | Pop3BodyChunkEvent
  | Pop3BodyEndEvent
  | WarningEvent
  | ErrorEvent;
