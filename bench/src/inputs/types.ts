/** A deterministic benchmark input: the bytes a socket delivers and what parsing them must give. */
export interface BenchInput<Expected> {
  /** The whole stream, as the server sends it. */
  bytes: Uint8Array;
  /** Items (responses, replies, lines) in the stream: the natural unit for items/s. */
  items: number;
  /** What a correct parser reports for these bytes. */
  expected: Expected;
}

/**
 * What a correct IMAP client learns from an IMAP suite's input; every IMAP suite fills all
 * fields (0 when its input has none of that kind), so one comparison serves all of them.
 */
export interface ImapExpected {
  /** Every response: untagged and tagged. */
  responses: number;
  /** Tagged status responses (the final `A1 OK`). */
  tagged: number;
  /** Untagged FETCH responses. */
  fetches: number;
  /** Sum of the UID values of every FETCH. */
  uidSum: number;
  /** Sum of the RFC822.SIZE values of every FETCH. */
  sizeSum: number;
  /** Leaf (non-multipart) body parts over every BODYSTRUCTURE. */
  leafParts: number;
  /** Total bytes of every BODY[] literal. */
  bodyLength: number;
  /** digestPieces() of every BODY[] literal, in order. */
  bodyDigest: string;
}

export interface Pop3Expected {
  /** The message as the user sees it: dot-stuffing removed, terminator not included. */
  bodyLength: number;
  bodyDigest: string;
}

export interface SmtpExpected {
  /** Replies (a multi-line reply counts once). */
  replies: number;
  /** Reply lines over all replies. */
  lines: number;
  /** Replies with more than one line. */
  multiline: number;
  /** Code of the last reply. */
  lastCode: number;
}
