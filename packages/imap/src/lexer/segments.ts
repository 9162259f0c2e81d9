/**
 * A response as the framer delivers it: line segments, each optionally followed by the
 * literal it announces. The reader walks them as one token stream.
 */
export interface Segment {
  /**
   * The buffer holding the line: the pushed chunk when the line lay in one (no view is made
   * per line), else a joined copy. The line is `bytes[start..end)`, without its line end.
   */
  bytes: Uint8Array;
  start: number;
  end: number;
  /** Stream offset of `bytes[start]`. */
  offset: number;
  /** Index in `bytes` where the literal announcement starts, or -1 if the line has none. */
  litAt: number;
  /** The literal after this line; null while it is still arriving or when it is streamed. */
  literal: Uint8Array | null;
  /** The literal is (being) streamed as chunk events and will never be available here. */
  streamed: boolean;
}
