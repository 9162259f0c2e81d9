import { ImapCommandParser, ImapResponseParser } from '@mailwire/imap';
import type { CliEvent, CliParserFactory } from './types';

/**
 * `mailwire parse --protocol imap`.
 *
 * `--side server`: the bytes are what an IMAP server sent; every response is one event
 * (`response`), a FETCH with a body literal above 1 MiB comes as `fetchStart`, `fetchItem`,
 * `bodyStart`, `bodyChunk`…, `bodyEnd`, `fetchEnd`.
 * `--side client`: the bytes are commands; each is a `command` event, and a synchronizing
 * literal announces itself with `continuation-needed` (where a server would send `+`).
 */
function cliEvents(events: readonly { type: string }[]): CliEvent[] {
  return events as unknown as CliEvent[];
}

export const createImapParser: CliParserFactory = (options) => {
  const parser =
    options.side === 'client'
      ? new ImapCommandParser({ strict: options.strict })
      : new ImapResponseParser({ strict: options.strict });
  return {
    push: (chunk) => cliEvents(parser.push(chunk)),
    end: () => cliEvents(parser.end()),
  };
};
