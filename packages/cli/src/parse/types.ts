/**
 * The frame that every protocol plugs into `mailwire parse`: a factory that turns the
 * command-line options into a stream parser whose events are printed as NDJSON.
 */
export type ParseSide = 'server' | 'client';

export interface ParseCliOptions {
  /** `server`: the bytes are what a server sent (replies/responses); `client`: commands. */
  side: ParseSide;
  /** Strict mode: the first error stops parsing (lenient mode reports it and goes on). */
  strict: boolean;
  /** POP3: the stream starts with the server greeting. */
  greeting: boolean;
  /** POP3: in order, the commands whose responses come next (e.g. `RETR 1`). */
  commands: string[];
}

/** A JSON-able event: every event has a `type`; `Uint8Array` values are rendered by the printer. */
export interface CliEvent {
  type: string;
  [key: string]: unknown;
}

export interface CliStreamParser {
  push(chunk: Uint8Array): CliEvent[];
  end(): CliEvent[];
}

export type CliParserFactory = (options: ParseCliOptions) => CliStreamParser;
