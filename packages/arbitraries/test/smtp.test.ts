import {
  SmtpClientProtocol,
  SmtpCommandParser,
  type SmtpCommandParserEvent,
  SmtpReplyParser,
} from '@mailwire/smtp';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chunked,
  concatBytes,
  smtpClientSession,
  smtpCommand,
  smtpHostileClient,
  smtpHostileServer,
  smtpReply,
  smtpServerSession,
  utf8,
} from '../src/index';
import { canonical, errorsAreParseErrors, feed, feedStrict, hex, onlyParseError } from './helpers';

const replyLimits = { maxLineLength: 64, maxReplyLines: 4, maxResponseSize: 200 };
const commandLimits = { maxLineLength: 64, maxPayloadSize: 100 };

/** Command-parser events with DATA/BDAT body chunks joined (their boundaries follow the chunking). */
const commandEvents = (events: SmtpCommandParserEvent[]) => canonical(events, ['body-chunk']);

describe('SMTP round trip: parse(serialize(x)) equals x', () => {
  it('replies (strict): code and every line', () => {
    fc.assert(
      fc.property(smtpReply(), ({ value, bytes }) => {
        const events = feed(new SmtpReplyParser({ strict: true }), [bytes]);
        expect(events).toHaveLength(1);
        const [e] = events;
        expect(e?.type === 'reply' && { code: e.reply.code, lines: e.reply.lines }).toEqual(value);
      }),
    );
  });

  it('whole server sessions (strict): one reply per value, in order', () => {
    fc.assert(
      fc.property(smtpServerSession(), ({ value, bytes }) => {
        const events = feed(new SmtpReplyParser({ strict: true }), [bytes]);
        expect(events.map((e) => e.type === 'reply' && { code: e.reply.code, lines: e.reply.lines })).toEqual(
          value,
        );
      }),
    );
  });

  it('commands (strict): the same typed command', () => {
    fc.assert(
      fc.property(smtpCommand(), ({ value, bytes }) => {
        const tail =
          value.verb === 'BDAT'
            ? new Uint8Array(value.size)
            : value.verb === 'DATA'
              ? utf8('.\r\n')
              : undefined;
        const events = feed(new SmtpCommandParser({ strict: true }), [
          tail ? concatBytes([bytes, tail]) : bytes,
        ]);
        expect(events.filter((e) => e.type === 'warning' || e.type === 'error')).toEqual([]);
        const commands = events.flatMap((e) => (e.type === 'command' ? [e.command] : []));
        expect(commands).toEqual([value]);
      }),
    );
  });

  it('client sessions (strict): commands, and DATA/BDAT bodies byte for byte', () => {
    fc.assert(
      fc.property(smtpClientSession(), ({ value, bytes }) => {
        const events = feed(new SmtpCommandParser({ strict: true }), [bytes]);
        const got: unknown[] = [];
        let body: Uint8Array[] = [];
        for (const e of events) {
          if (e.type === 'command') got.push({ command: e.command });
          else if (e.type === 'body-chunk') body.push(e.data);
          else if (e.type === 'body-end') {
            got.push({ body: hex(concatBytes(body)) });
            body = [];
          } else throw new Error(`unexpected ${e.type}`);
        }
        expect(got).toEqual(value.map((i) => ('body' in i ? { body: hex(i.body) } : i)));
      }),
    );
  });
});

describe('SMTP chunking: any split gives the same events', () => {
  it('reply parser, valid and hostile streams, tight limits', () => {
    const input = fc.oneof(
      smtpServerSession().map((w) => w.bytes),
      smtpHostileServer(),
    );
    fc.assert(
      fc.property(
        input.chain((b) => chunked(b).map((chunks) => ({ b, chunks }))),
        ({ b, chunks }) => {
          const make = (strict = false) => new SmtpReplyParser({ strict, limits: replyLimits });
          expect(canonical(feed(make(), chunks))).toEqual(canonical(feed(make(), [b])));
          // strict: the same events up to the same error, whatever call it comes from
          expect(canonical(feedStrict(make(true), chunks))).toEqual(canonical(feedStrict(make(true), [b])));
        },
      ),
    );
  });

  it('command parser, valid and hostile streams, tight limits', () => {
    const input = fc.oneof(
      smtpClientSession().map((w) => w.bytes),
      smtpHostileClient(),
    );
    fc.assert(
      fc.property(
        input.chain((b) => chunked(b).map((chunks) => ({ b, chunks }))),
        ({ b, chunks }) => {
          const make = (strict = false) => new SmtpCommandParser({ strict, limits: commandLimits });
          expect(commandEvents(feed(make(), chunks))).toEqual(commandEvents(feed(make(), [b])));
          expect(canonical(feedStrict(make(true), chunks), ['body-chunk'])).toEqual(
            canonical(feedStrict(make(true), [b]), ['body-chunk']),
          );
        },
      ),
    );
  });
});

describe('SMTP totality: events or ParseError, never another exception', () => {
  it('reply parser: lenient reports ParseError events, strict throws only ParseError', () => {
    fc.assert(
      fc.property(smtpHostileServer(), (b) => {
        const events = feed(new SmtpReplyParser({ limits: replyLimits }), [b]);
        expect(errorsAreParseErrors(events)).toBe(true);
        onlyParseError(() => feed(new SmtpReplyParser({ strict: true }), [b]));
      }),
    );
  });

  it('command parser: lenient and strict', () => {
    fc.assert(
      fc.property(smtpHostileClient(), (b) => {
        const events = feed(new SmtpCommandParser({ limits: commandLimits }), [b]);
        expect(errorsAreParseErrors(events)).toBe(true);
        onlyParseError(() => feed(new SmtpCommandParser({ strict: true }), [b]));
      }),
    );
  });

  it('client protocol: hostile server bytes after EHLO', () => {
    fc.assert(
      fc.property(smtpHostileServer(), (b) => {
        const p = new SmtpClientProtocol();
        onlyParseError(() => {
          p.receive(utf8('220 mx ESMTP\r\n'));
          p.send({ verb: 'EHLO', domain: 'client.example' });
          p.receive(b);
          p.end();
        });
      }),
    );
  });
});
