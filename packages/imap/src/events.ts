import type { ErrorEvent, WarningEvent } from '@mailwire/core';
import type { BodySection, FetchItem, ImapResponse } from './types';

/** A whole typed response. `offset` is the stream offset of its first byte. */
export interface ResponseEvent {
  type: 'response';
  offset: number;
  response: ImapResponse;
}

/**
 * Streamed FETCH (a body literal above `streamThreshold`): `fetchStart`, then every item as
 * it is parsed (`fetchItem`; a streamed body as `bodyStart`, `bodyChunk`…, `bodyEnd`), then
 * `fetchEnd` — or an `error` event if the rest of the response turns out malformed.
 */
export interface FetchStartEvent {
  type: 'fetchStart';
  seq: number;
  offset: number;
}

export interface FetchItemEvent {
  type: 'fetchItem';
  seq: number;
  item: FetchItem;
}

export interface BodyStartEvent {
  type: 'bodyStart';
  seq: number;
  /** Which item the body belongs to. */
  name: 'BODY[]' | 'BINARY[]' | 'RFC822' | 'RFC822.HEADER' | 'RFC822.TEXT';
  section: BodySection | null;
  origin: number | null;
  /** The literal's byte count. */
  size: number;
}

export interface BodyChunkEvent {
  type: 'bodyChunk';
  seq: number;
  /** A view of the pushed chunk (zero copy): use or copy it before the next push. */
  data: Uint8Array;
}

export interface BodyEndEvent {
  type: 'bodyEnd';
  seq: number;
}

export interface FetchEndEvent {
  type: 'fetchEnd';
  seq: number;
}

export type ImapResponseEvent =
  | ResponseEvent
  | FetchStartEvent
  | FetchItemEvent
  | BodyStartEvent
  | BodyChunkEvent
  | BodyEndEvent
  | FetchEndEvent
  | WarningEvent
  | ErrorEvent;
