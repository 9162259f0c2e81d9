/**
 * A response as the framer delivers it: line segments, each optionally followed by the
 * literal it announces. The reader walks them as one token stream.
 */
export interface Segment {
  /** Line bytes without the line end (a view of the pushed chunk when it lay in one). */
  bytes: Uint8Array;
  /** Stream offset of `bytes[0]`. */
  offset: number;
  /** Index in `bytes` where the literal announcement starts, or -1 if the line has none. */
  litAt: number;
  /** The literal after this line; null while it is still arriving or when it is streamed. */
  literal: Uint8Array | null;
  /** The literal is (being) streamed as chunk events and will never be available here. */
  streamed: boolean;
}
