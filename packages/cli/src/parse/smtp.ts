import { isParseError } from '@mailwire/core';
import {
  parseEhloReply,
  SmtpCommandParser,
  SmtpReplyParser,
  type SmtpReplyParserEvent,
} from '@mailwire/smtp';
import type { CliEvent, CliParserFactory, CliStreamParser } from './types';

/**
 * `mailwire parse --protocol smtp`:
 * - `--side server`: what a server sent, read with `SmtpReplyParser`. The reply that
 *   follows a 220 (the greeting, or the go-ahead for STARTTLS) is taken to answer EHLO: if
 *   it is a 250, a `capabilities` event follows it and the parser switches on
 *   ENHANCEDSTATUSCODES / SMTPUTF8 handling as advertised.
 * - `--side client`: what a client sent, read with `SmtpCommandParser` (DATA bodies and
 *   BDAT chunks become body-chunk events, SASL responses auth-response events).
 */
export const createSmtpParser: CliParserFactory = (options) => {
  if (options.side === 'client') {
    const parser = new SmtpCommandParser({ strict: options.strict });
    return {
      push: (chunk) => cliEvents(parser.push(chunk)),
      end: () => cliEvents(parser.end()),
    };
  }
  return new ServerSideParser(options.strict);
};

class ServerSideParser implements CliStreamParser {
  private readonly parser: SmtpReplyParser;
  private afterReady = false;

  constructor(strict: boolean) {
    this.parser = new SmtpReplyParser({ strict });
  }

  push(chunk: Uint8Array): CliEvent[] {
    this.parser.write(chunk);
    return this.drain();
  }

  end(): CliEvent[] {
    const events = this.drain();
    try {
      events.push(...cliEvents(this.parser.end()));
    } catch (err) {
      if (isParseError(err))
        err.eventsBefore = [...events, ...cliEvents(err.eventsBefore as SmtpReplyParserEvent[])];
      throw err;
    }
    return events;
  }

  /** One reply at a time, so that EHLO capabilities apply to the replies after them. */
  private drain(): CliEvent[] {
    const out: CliEvent[] = [];
    for (;;) {
      let batch: SmtpReplyParserEvent[];
      try {
        batch = this.parser.read(1);
      } catch (err) {
        // strict mode: the replies before the error are printed before it
        if (isParseError(err))
          err.eventsBefore = [...out, ...cliEvents(err.eventsBefore as SmtpReplyParserEvent[])];
        throw err;
      }
      if (batch.length === 0) break;
      for (const event of batch) {
        out.push(...cliEvents([event]));
        if (event.type !== 'reply') continue;
        const { reply } = event;
        if (this.afterReady && reply.code === 250) {
          const capabilities = parseEhloReply(reply);
          this.parser.enhancedStatusCodes = capabilities.enhancedStatusCodes;
          this.parser.utf8 = capabilities.smtpUtf8;
          out.push({ type: 'capabilities', capabilities: capabilitiesJson(capabilities) });
        }
        this.afterReady = reply.code === 220;
      }
    }
    return out;
  }
}

function capabilitiesJson(c: ReturnType<typeof parseEhloReply>): Record<string, unknown> {
  return {
    domain: c.domain,
    greeting: c.greeting,
    keywords: c.entries.map((e) => ({ keyword: e.keyword, params: e.params })),
    ...(c.size !== undefined ? { size: c.size } : {}),
    authMechanisms: c.authMechanisms,
    pipelining: c.pipelining,
    startTls: c.startTls,
    enhancedStatusCodes: c.enhancedStatusCodes,
    smtpUtf8: c.smtpUtf8,
    chunking: c.chunking,
  };
}

/** Codec events are plain objects with a string `type`: exactly what the CLI prints. */
function cliEvents(events: readonly { type: string }[]): CliEvent[] {
  return events.map((event) => ({ ...event }));
}
