import { encodeUtf8, ParseError } from '@mailwire/core';
import { Pop3CommandParser, Pop3ResponseParser, parseCommandLine } from '@mailwire/pop3';
import type { CliEvent, CliParserFactory, CliStreamParser } from './types';

/**
 * `mailwire parse --protocol pop3`.
 *
 * `--side server`: POP3 responses do not say whether they are multi-line, so the parser is
 * told, in order, what it waits for: the greeting (`--greeting`), then one response per
 * `--command` (e.g. `--command "RETR 1"`: a dot-terminated body; `--command LIST`: a scan
 * listing; `--command "LIST 1"`: one line). Responses after the named commands are read as
 * single-line status responses. `--side client`: the stream is commands.
 */
/** The codec's events are plain objects with a string `type`: exactly what the CLI prints. */
function cliEvents(events: readonly { type: string }[]): CliEvent[] {
  return events as unknown as CliEvent[];
}

export const createPop3Parser: CliParserFactory = (options): CliStreamParser => {
  if (options.side === 'client') {
    const parser = new Pop3CommandParser({ strict: options.strict });
    return {
      push: (chunk) => cliEvents(parser.push(chunk)),
      end: () => cliEvents(parser.end()),
    };
  }
  const parser = new Pop3ResponseParser({ strict: options.strict, greeting: options.greeting });
  const ignoreQuirks = { quirk: () => undefined };
  for (const text of options.commands) {
    try {
      parser.expectCommand(parseCommandLine(encodeUtf8(text.trim()), 0, ignoreQuirks));
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      throw new ParseError({
        protocol: 'pop3',
        code: 'INVALID_ARGUMENT',
        message: `--command "${text}" is not a POP3 command (${e.message})`,
        cause: e,
      });
    }
  }
  return {
    push: (chunk) => cliEvents(parser.push(chunk)),
    end: () => cliEvents(parser.end()),
  };
};
