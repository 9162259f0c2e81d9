import { normaliseBody, POP3_EXPECT_KINDS, pop3CommandValue, pop3ResponseValue } from '@mailwire/arbitraries';
import { ParseError } from '@mailwire/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Pop3ClientProtocol,
  Pop3CommandParser,
  Pop3ResponseParser,
  serializeBody,
  serializeCommand,
  serializeResponse,
} from '../src/index';
import { bytes, feed, mergeBodyChunks, ofType } from './event-helpers';

// ---------------------------------------------------------------- generators

/** Every response kind; `multiline-body` bodies are any bytes, bare CR and LF included (the serializer normalises them). */
const responseInit = pop3ResponseValue({ body: fc.uint8Array({ maxLength: 200 }) });
const command = pop3CommandValue();

/** What a dot-stuffed body decodes to: line ends normalised to CRLF, a final CRLF added (core's DotStuffer contract). */
const crlfNormalised = (body: Uint8Array): number[] => Array.from(normaliseBody(body));

const cutsFor = (n: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: n }), { maxLength: 6 }).map((c) => c.sort((a, b) => a - b));

// ---------------------------------------------------------------- properties

describe('round trips', () => {
  it('responses: parse(serialize(r)) gives r back, in strict mode', () => {
    fc.assert(
      fc.property(responseInit, (r) => {
        const p = new Pop3ResponseParser({ strict: true, bodyThreshold: Number.POSITIVE_INFINITY });
        p.expect(r.kind);
        const events = feed(p, serializeResponse(r));
        expect(events).toHaveLength(1);
        const [e] = ofType(events, 'response');
        expect(e?.status).toBe(r.status);
        expect(e?.code?.raw).toBe(r.code);
        if (['single', 'multiline-body', 'list', 'uidl', 'capa', 'auth-list', 'multiline'].includes(r.kind)) {
          expect(e?.text).toBe(r.text);
        }
        if (r.status === 'ERR') return;
        switch (r.kind) {
          case 'greeting':
            expect(e?.timestamp).toBe(r.timestamp);
            break;
          case 'stat':
            expect(e?.drop).toEqual(r.drop);
            break;
          case 'list':
          case 'list-one':
            expect(e?.scans).toEqual(r.scans);
            break;
          case 'uidl':
          case 'uidl-one':
            expect(e?.uids).toEqual(r.uids);
            break;
          case 'capa':
            expect(e?.capabilities?.entries).toEqual(r.capabilities);
            break;
          case 'auth-list':
            expect(e?.mechanisms).toEqual(r.mechanisms);
            break;
          case 'multiline':
            expect(e?.lines?.map((l) => Array.from(l))).toEqual(r.lines?.map((l) => Array.from(l)));
            break;
          case 'multiline-body':
            expect(Array.from(e?.body ?? [])).toEqual(crlfNormalised(r.body as Uint8Array));
            break;
          default:
            break;
        }
      }),
    );
  });

  it('commands: parse(serialize(c)) === c, in strict mode', () => {
    fc.assert(
      fc.property(command, (c) => {
        let line: Uint8Array;
        try {
          line = serializeCommand(c);
        } catch (e) {
          // Only the RFC 2449 §4 255-octet line limit may refuse a generated command.
          expect(e).toMatchObject({ code: 'INVALID_ARGUMENT' });
          return;
        }
        const events = feed(new Pop3CommandParser({ strict: true }), line);
        expect(events).toMatchObject([{ type: 'command', command: c }]);
        expect(ofType(events, 'command')[0]?.command).toEqual(c);
      }),
    );
  });

  it('RETR of arbitrary bytes: stuffing encoder then this decoder gives the bytes back (CRLF-normalised), any chunking', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }).chain((body) => {
          const wire = new Uint8Array([
            ...bytes('+OK\r\n'),
            ...serializeBody(body),
            ...bytes('+OK after\r\n'),
          ]);
          return fc.tuple(fc.constant(body), fc.constant(wire), cutsFor(wire.length), fc.nat({ max: 700 }));
        }),
        ([body, wire, cuts, threshold]) => {
          const p = new Pop3ResponseParser({ strict: true, bodyThreshold: threshold });
          p.expect('multiline-body');
          p.expect('single');
          const events = feed(p, wire, cuts);
          const merged = mergeBodyChunks(events) as { type: string; body?: number[]; data?: number[] }[];
          const expected = crlfNormalised(body);
          const got = merged[0]?.type === 'response' ? merged[0].body : merged[1]?.data;
          expect(got ?? []).toEqual(expected);
          expect(merged[merged.length - 1]).toMatchObject({ type: 'response', text: 'after' });
        },
      ),
    );
  });
});

/** Events with body chunks merged and errors reduced to code + offset (excerpts show chunk-local bytes). */
function canonical(events: readonly { type: string }[]): unknown {
  return (mergeBodyChunks(events as never) as { type: string; error?: { message: string } }[]).map((e) =>
    e.type === 'error' ? { type: 'error', code: /\[([A-Z_]+)\]$/.exec(e.error?.message ?? '')?.[1] } : e,
  );
}

describe('chunking: any split of the same bytes gives the same events', () => {
  it('pipelined valid responses, and the same bytes mutated', () => {
    fc.assert(
      fc.property(
        fc
          .array(responseInit, { minLength: 1, maxLength: 6 })
          .chain((rs) => {
            const parts = rs.map((r) => serializeResponse(r));
            const wire = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
            let o = 0;
            for (const p of parts) {
              wire.set(p, o);
              o += p.length;
            }
            const mutated = fc
              .array(
                fc.tuple(
                  fc.nat({ max: wire.length - 1 }),
                  fc.constantFrom(0x0a, 0x0d, 0x2e, 0x20, 0x2b, 0x80),
                ),
                {
                  maxLength: 4,
                },
              )
              .map((muts) => {
                const w = wire.slice();
                for (const [i, b] of muts) w[i] = b;
                return w;
              });
            return fc.tuple(fc.constant(rs.map((r) => r.kind)), mutated);
          })
          .chain(([kinds, wire]) =>
            fc.tuple(fc.constant(kinds), fc.constant(wire), cutsFor(wire.length), fc.nat({ max: 64 })),
          ),
        ([kinds, wire, cuts, threshold]) => {
          const run = (c: number[]) => {
            const p = new Pop3ResponseParser({ bodyThreshold: threshold, limits: { maxLineLength: 120 } });
            for (const k of kinds) p.expect(k);
            return canonical(feed(p, wire, c));
          };
          expect(run(cuts)).toEqual(run([]));
        },
      ),
    );
  });
});

describe('totality: any bytes give events or a ParseError, never another exception', () => {
  const kinds = POP3_EXPECT_KINDS;
  const alphabet = fc.constantFrom(...bytes('+-OKER .\r\n\n[]/<>@0123 aZ\x80\xff'));
  const hostile = fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.array(alphabet, { maxLength: 300 }).map((a) => Uint8Array.from(a)),
    responseInit.chain((r) => {
      const wire = serializeResponse(r);
      return fc
        .array(fc.tuple(fc.nat({ max: Math.max(0, wire.length - 1) }), fc.integer({ min: 0, max: 255 })), {
          maxLength: 5,
        })
        .map((muts) => {
          const w = wire.slice(0, wire.length - (muts.length % 3));
          for (const [i, b] of muts) if (i < w.length) w[i] = b;
          return w;
        });
    }),
  );

  it('response parser, lenient and strict', () => {
    fc.assert(
      fc.property(
        hostile,
        fc.array(fc.constantFrom(...kinds), { maxLength: 6 }),
        fc.boolean(),
        cutsFor(300),
        (input, ks, strict, cuts) => {
          const p = new Pop3ResponseParser({ strict, bodyThreshold: 16, limits: { maxLineLength: 100 } });
          for (const k of ks) p.expect(k);
          try {
            feed(p, input, cuts);
          } catch (e) {
            expect(strict).toBe(true);
            expect(e).toBeInstanceOf(ParseError);
          }
        },
      ),
    );
  });

  it('command parser, lenient and strict', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (input, strict) => {
        try {
          feed(new Pop3CommandParser({ strict }), input);
        } catch (e) {
          expect(strict).toBe(true);
          expect(e).toBeInstanceOf(ParseError);
        }
      }),
    );
  });

  it('client protocol receiving anything', () => {
    fc.assert(
      fc.property(hostile, (input) => {
        const c = new Pop3ClientProtocol();
        c.receive(bytes('+OK hi <1@x>\r\n'));
        c.send({ name: 'CAPA' });
        c.send({ name: 'USER', user: 'u' });
        c.send({ name: 'PASS', password: 'p' });
        c.send({ name: 'LIST' });
        c.send({ name: 'RETR', msg: 1 });
        c.receive(input);
        c.end();
        expect(c.phase).toBe('closed');
      }),
    );
  });
});
