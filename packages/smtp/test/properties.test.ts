import { smtpCommandValue, smtpReplyValue } from '@mailwire/arbitraries';
import { ParseError } from '@mailwire/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SmtpClientProtocol,
  SmtpCommandParser,
  type SmtpCommandParserEvent,
  SmtpReplyParser,
  serializeCommand,
  serializeReply,
} from '../src/index';
import { ALL_SESSIONS } from './fixtures/sessions';
import { bytes, clientWire, concat, plain, serverWire, splitAt } from './session-wire';

/** Cut positions for `data`, sorted and unique. */
const cuts = (max: number) =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: Math.max(1, max - 1) }), { maxLength: 8 })
    .map((a) => a.filter((c) => c < max).sort((x, y) => x - y));

/** Valid traffic with random byte replacements, insertions, deletions and truncation. */
function mutated(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc
    .record({
      edits: fc.array(
        fc.record({
          at: fc.nat({ max: base.length }),
          kind: fc.constantFrom('set', 'insert', 'delete'),
          byte: fc.constantFrom(0x0d, 0x0a, 0x2e, 0x20, 0x2d, 0x00, 0xff, 0x30, 0x35, 0x3c),
        }),
        { maxLength: 6 },
      ),
      cut: fc.option(fc.nat({ max: base.length })),
    })
    .map(({ edits, cut }) => {
      const out = Array.from(base);
      for (const e of edits) {
        const at = Math.min(e.at, out.length);
        if (e.kind === 'set' && at < out.length) out[at] = e.byte;
        else if (e.kind === 'insert') out.splice(at, 0, e.byte);
        else out.splice(at, 1);
      }
      return Uint8Array.from(cut === null ? out : out.slice(0, cut));
    });
}

const command = smtpCommandValue();
const reply = smtpReplyValue();

const SERVER = concat(ALL_SESSIONS.map(serverWire));
const CLIENT = concat(ALL_SESSIONS.map(clientWire));

describe('round trips', () => {
  it('serializeReply -> SmtpReplyParser (strict) gives the same code and lines', () => {
    fc.assert(
      fc.property(reply, (r) => {
        const p = new SmtpReplyParser({ strict: true });
        const events = [...p.push(serializeReply(r)), ...p.end()];
        expect(events).toHaveLength(1);
        const [e] = events;
        expect(e?.type === 'reply' && { code: e.reply.code, lines: e.reply.lines }).toEqual(r);
      }),
    );
  });

  it('UTF-8 reply text round-trips with SMTPUTF8 in effect', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 200, max: 559 }),
        fc.array(
          fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !/[\x00-\x08\x0a-\x1f\x7f]/.test(s)),
          { minLength: 1, maxLength: 3 },
        ),
        (code, lines) => {
          fc.pre(code % 100 < 60);
          const p = new SmtpReplyParser({ strict: true, utf8: true });
          const [e] = p.push(serializeReply({ code, lines }));
          expect(e?.type === 'reply' && e.reply.lines).toEqual(lines);
        },
      ),
    );
  });

  it('serializeCommand -> SmtpCommandParser (strict) gives the same command', () => {
    fc.assert(
      fc.property(command, (cmd) => {
        const p = new SmtpCommandParser({ strict: true });
        const tail =
          cmd.verb === 'BDAT'
            ? new Uint8Array(cmd.size)
            : cmd.verb === 'DATA'
              ? bytes('.\r\n')
              : new Uint8Array(0);
        const events = [...p.push(concat([serializeCommand(cmd), tail])), ...p.end()];
        const parsed = events.filter((e) => e.type === 'command');
        expect(events.filter((e) => e.type === 'warning' || e.type === 'error')).toEqual([]);
        expect(parsed).toHaveLength(1);
        expect(parsed[0]?.type === 'command' && parsed[0].command).toEqual(cmd);
      }),
    );
  });
});

describe('chunking', () => {
  it('replies: any split of (possibly mutated) server traffic gives the same events', () => {
    fc.assert(
      fc.property(
        mutated(SERVER).chain((data) => fc.tuple(fc.constant(data), cuts(data.length))),
        ([data, at]) => {
          const whole = new SmtpReplyParser();
          const expected = plain([...whole.push(data), ...whole.end()]);
          const p = new SmtpReplyParser();
          const got = splitAt(data, at).flatMap((c) => p.push(c));
          got.push(...p.end());
          expect(plain(got)).toEqual(expected);
        },
      ),
    );
  });

  it('replies with tight limits (long lines, too many lines, too large): any split gives the same events', () => {
    const limits = { maxLineLength: 30, maxReplyLines: 4, maxResponseSize: 120 };
    fc.assert(
      fc.property(
        mutated(SERVER).chain((data) => fc.tuple(fc.constant(data), cuts(data.length))),
        ([data, at]) => {
          const whole = new SmtpReplyParser({ limits });
          const expected = plain([...whole.push(data), ...whole.end()]);
          const p = new SmtpReplyParser({ limits });
          const got = splitAt(data, at).flatMap((c) => p.push(c));
          got.push(...p.end());
          expect(plain(got)).toEqual(expected);
        },
      ),
    );
  });

  it('commands: any split of client traffic gives the same events (bodies compared whole)', () => {
    const merge = (events: SmtpCommandParserEvent[]) => {
      const out: unknown[] = [];
      let body: Uint8Array[] = [];
      for (const e of events) {
        if (e.type === 'body-chunk') body.push(e.data);
        else {
          if (e.type === 'body-end') {
            out.push(Array.from(concat(body)));
            body = [];
          }
          out.push(plain(e));
        }
      }
      return out;
    };
    fc.assert(
      fc.property(
        mutated(CLIENT).chain((data) => fc.tuple(fc.constant(data), cuts(data.length))),
        ([data, at]) => {
          const limits = { maxLineLength: 40, maxPayloadSize: 200 };
          const whole = new SmtpCommandParser({ limits });
          const expected = merge([...whole.push(data), ...whole.end()]);
          const p = new SmtpCommandParser({ limits });
          const got = splitAt(data, at).flatMap((c) => p.push(c));
          got.push(...p.end());
          expect(merge(got)).toEqual(expected);
        },
      ),
    );
  });
});

describe('totality: only ParseError, never another exception', () => {
  const onlyParseError = (fn: () => void, lenient: boolean) => {
    try {
      fn();
    } catch (err) {
      if (lenient) throw err; // lenient parsers report, they do not throw
      expect(err).toBeInstanceOf(ParseError);
    }
  };

  const inputs = fc.oneof(mutated(SERVER), mutated(CLIENT), fc.uint8Array({ maxLength: 300 }));

  it('SmtpReplyParser, lenient and strict', () => {
    fc.assert(
      fc.property(inputs, cuts(64), (data, at) => {
        for (const strict of [false, true]) {
          const p = new SmtpReplyParser({
            strict,
            limits: { maxLineLength: 64, maxReplyLines: 4, maxResponseSize: 200 },
          });
          onlyParseError(() => {
            for (const c of splitAt(
              data,
              at.filter((x) => x < data.length),
            ))
              p.push(c);
            p.end();
          }, !strict);
        }
      }),
    );
  });

  it('SmtpCommandParser, lenient and strict', () => {
    fc.assert(
      fc.property(inputs, cuts(64), (data, at) => {
        for (const strict of [false, true]) {
          const p = new SmtpCommandParser({ strict, limits: { maxLineLength: 64, maxPayloadSize: 100 } });
          onlyParseError(() => {
            for (const c of splitAt(
              data,
              at.filter((x) => x < data.length),
            ))
              p.push(c);
            p.end();
          }, !strict);
        }
      }),
    );
  });

  it('SmtpClientProtocol fed arbitrary server bytes', () => {
    fc.assert(
      fc.property(inputs, (data) => {
        const p = new SmtpClientProtocol();
        onlyParseError(() => {
          p.receive(bytes('220 mx ESMTP\r\n'));
          p.send({ verb: 'EHLO', domain: 'c' });
          p.receive(data);
          p.end();
        }, false);
      }),
    );
  });
});
