import { isParseError } from '@mailwire/core';
import type { CliIo } from '../io';
import { ndjsonLine } from '../render';
import type { CliEvent, CliParserFactory, CliStreamParser, ParseCliOptions } from './types';

export interface ParseSummary {
  events: number;
  errors: number;
}

/**
 * Feeds `input` through `parser` chunk by chunk and prints every event as one NDJSON line.
 * A `ParseError` thrown in strict mode is printed as an `error` event, after the events
 * completed before it, and stops parsing.
 */
export async function runParse(
  factory: CliParserFactory,
  options: ParseCliOptions,
  input: AsyncIterable<Uint8Array>,
  io: CliIo,
): Promise<ParseSummary> {
  const parser: CliStreamParser = factory(options);
  const summary: ParseSummary = { events: 0, errors: 0 };
  const emit = (events: CliEvent[]): void => {
    let out = '';
    for (const event of events) {
      summary.events++;
      if (event.type === 'error') summary.errors++;
      out += ndjsonLine(event);
    }
    if (out) io.writeOut(out);
  };
  try {
    for await (const chunk of input) {
      emit(parser.push(chunk instanceof Uint8Array ? chunk : new TextEncoder().encode(String(chunk))));
    }
    emit(parser.end());
  } catch (err) {
    if (!isParseError(err)) throw err;
    // the events the failing push completed before the error come first
    emit([...(err.eventsBefore as CliEvent[]), { type: 'error', error: err }]);
  }
  return summary;
}
