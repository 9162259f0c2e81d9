import { ImapCommandParser, ImapResponseParser } from '@mailwire/imap';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chunked,
  imapClientStream,
  imapCommand,
  imapDeepBodyStructure,
  imapHostileClient,
  imapHostileServer,
  imapResponse,
  imapServerStream,
} from '../src/index';
import { canonical, errorsAreParseErrors, feed, feedStrict, onlyParseError } from './helpers';

const responsesOf = (events: readonly { type: string }[]) =>
  events.flatMap((e) => (e.type === 'response' ? [(e as unknown as { response: unknown }).response] : []));
const commandsOf = (events: readonly { type: string }[]) =>
  events.flatMap((e) => (e.type === 'command' ? [(e as unknown as { command: unknown }).command] : []));

describe('IMAP round trip: parse(serialize(x)) equals x', () => {
  it('responses of every type (strict)', () => {
    fc.assert(
      fc.property(imapResponse(), ({ value, bytes }) => {
        const events = feed(new ImapResponseParser({ strict: true }), [bytes]);
        expect(events).toHaveLength(1);
        expect(responsesOf(events)).toEqual([value]);
      }),
    );
  });

  it('deep BODYSTRUCTUREs (strict)', () => {
    fc.assert(
      fc.property(imapDeepBodyStructure(), ({ value, bytes }) => {
        expect(responsesOf(feed(new ImapResponseParser({ strict: true }), [bytes]))).toEqual([value]);
      }),
      { numRuns: 20 },
    );
  });

  it('whole server streams (strict)', () => {
    fc.assert(
      fc.property(imapServerStream(), ({ value, bytes }) => {
        expect(responsesOf(feed(new ImapResponseParser({ strict: true }), [bytes]))).toEqual(value);
      }),
      { numRuns: 30 },
    );
  });

  it('commands (strict) with plain, LITERAL+, LITERAL- and BINARY literals', () => {
    for (const options of [{}, { literalPlus: true }, { literalMinus: true }, { binary: true }]) {
      fc.assert(
        fc.property(imapCommand(options), ({ value, bytes }) => {
          const events = feed(new ImapCommandParser({ strict: true }), [bytes]);
          expect(events.filter((e) => e.type === 'error' || e.type === 'warning')).toEqual([]);
          expect(commandsOf(events)).toEqual([value]);
        }),
        { numRuns: 40 },
      );
    }
  });

  it('client streams (strict), UTF8=ACCEPT on and off', () => {
    for (const utf8Accept of [false, true]) {
      fc.assert(
        fc.property(imapClientStream({ utf8Accept }), ({ value, bytes }) => {
          expect(commandsOf(feed(new ImapCommandParser({ strict: true, utf8Accept }), [bytes]))).toEqual(
            value,
          );
        }),
        { numRuns: 30 },
      );
    }
  });
});

describe('IMAP chunking: any split gives the same events', () => {
  it('response parser over valid and hostile streams, streaming on and off', () => {
    const input = fc.oneof(
      imapServerStream({ maxResponses: 4 }).map((w) => w.bytes),
      imapHostileServer(),
    );
    fc.assert(
      fc.property(
        input.chain((b) => chunked(b).map((chunks) => ({ b, chunks }))),
        fc.constantFrom(0, 64, 1 << 20),
        ({ b, chunks }, streamThreshold) => {
          const make = (strict = false) =>
            new ImapResponseParser({ strict, streamThreshold, limits: { maxNestingDepth: 16 } });
          expect(canonical(feed(make(), chunks), ['bodyChunk'])).toEqual(
            canonical(feed(make(), [b]), ['bodyChunk']),
          );
          // strict: the same events up to the same error, whatever call it comes from
          expect(canonical(feedStrict(make(true), chunks), ['bodyChunk'])).toEqual(
            canonical(feedStrict(make(true), [b]), ['bodyChunk']),
          );
        },
      ),
    );
  });

  it('command parser over valid and hostile streams', () => {
    const input = fc.oneof(
      imapClientStream({ maxCommands: 4 }).map((w) => w.bytes),
      imapHostileClient(),
    );
    fc.assert(
      fc.property(
        input.chain((b) => chunked(b).map((chunks) => ({ b, chunks }))),
        ({ b, chunks }) => {
          const make = (strict = false) =>
            new ImapCommandParser({ strict, limits: { maxLiteralSize: 4096 } });
          expect(canonical(feed(make(), chunks), ['literal-chunk'])).toEqual(
            canonical(feed(make(), [b]), ['literal-chunk']),
          );
          expect(canonical(feedStrict(make(true), chunks), ['literal-chunk'])).toEqual(
            canonical(feedStrict(make(true), [b]), ['literal-chunk']),
          );
        },
      ),
    );
  });
});

describe('IMAP totality: events or ParseError, never another exception', () => {
  it('response parser, lenient and strict', () => {
    fc.assert(
      fc.property(imapHostileServer(), (b) => {
        const events = feed(new ImapResponseParser({ streamThreshold: 8, limits: { maxNestingDepth: 16 } }), [
          b,
        ]);
        expect(errorsAreParseErrors(events)).toBe(true);
        onlyParseError(() => feed(new ImapResponseParser({ strict: true }), [b]));
      }),
    );
  });

  it('command parser, lenient and strict', () => {
    fc.assert(
      fc.property(imapHostileClient(), (b) => {
        expect(errorsAreParseErrors(feed(new ImapCommandParser(), [b]))).toBe(true);
        onlyParseError(() => feed(new ImapCommandParser({ strict: true }), [b]));
      }),
    );
  });
});
