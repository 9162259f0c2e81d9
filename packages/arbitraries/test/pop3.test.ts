import {
  Pop3ClientProtocol,
  Pop3CommandParser,
  type Pop3ResponseEvent,
  type Pop3ResponseInit,
  Pop3ResponseParser,
} from '@mailwire/pop3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chunked,
  POP3_EXPECT_KINDS,
  pop3ClientBytes,
  pop3Command,
  pop3HostileServer,
  pop3Response,
  pop3ServerSession,
  utf8,
} from '../src/index';
import { canonical, errorsAreParseErrors, feed, feedStrict, hex, onlyParseError } from './helpers';

const ALL_KINDS = POP3_EXPECT_KINDS;

/** The fields of a parsed response that the value determines, for its kind. */
function expectedFields(r: Pop3ResponseInit): Record<string, unknown> {
  const out: Record<string, unknown> = { status: r.status, code: r.code };
  if (
    [
      'single',
      'auth',
      'multiline-body',
      'list',
      'uidl',
      'capa',
      'auth-list',
      'lang-list',
      'multiline',
    ].includes(r.kind)
  )
    out.text = r.text;
  if (r.status === 'ERR') return out;
  if (r.kind === 'greeting') out.timestamp = r.timestamp;
  if (r.kind === 'stat') out.drop = r.drop;
  if (r.kind === 'list' || r.kind === 'list-one') out.scans = r.scans;
  if (r.kind === 'uidl' || r.kind === 'uidl-one') out.uids = r.uids;
  if (r.kind === 'capa') out.capabilities = r.capabilities;
  if (r.kind === 'auth-list') out.mechanisms = r.mechanisms;
  if (r.kind === 'lang-list') out.languages = r.languages;
  if (r.kind === 'multiline') out.lines = r.lines?.map(hex);
  if (r.kind === 'multiline-body') out.body = hex(r.body ?? new Uint8Array(0));
  return out;
}

function actualFields(e: Pop3ResponseEvent, r: Pop3ResponseInit): Record<string, unknown> {
  const want = expectedFields(r);
  const got: Record<string, unknown> = {};
  for (const k of Object.keys(want)) {
    const v = (e as unknown as Record<string, unknown>)[k];
    if (k === 'code') got.code = e.code?.raw;
    else if (k === 'capabilities') got.capabilities = e.capabilities?.entries;
    else if (k === 'lines') got.lines = e.lines?.map(hex);
    else if (k === 'body') got.body = e.body ? hex(e.body) : undefined;
    else got[k] = v;
  }
  return got;
}

describe('POP3 round trip: parse(serialize(x)) equals x', () => {
  it('responses of every kind (strict)', () => {
    fc.assert(
      fc.property(pop3Response(), ({ value, bytes }) => {
        const p = new Pop3ResponseParser({ strict: true, bodyThreshold: Number.POSITIVE_INFINITY });
        p.expect(value.kind);
        const events = feed(p, [bytes]);
        expect(events).toHaveLength(1);
        const [e] = events;
        expect(e?.type).toBe('response');
        if (e?.type === 'response') expect(actualFields(e, value)).toEqual(expectedFields(value));
      }),
    );
  });

  it('whole server sessions (strict), the parser told the commands the client sent', () => {
    fc.assert(
      fc.property(pop3ServerSession(), ({ value, bytes }) => {
        const p = new Pop3ResponseParser({
          strict: true,
          greeting: true,
          bodyThreshold: Number.POSITIVE_INFINITY,
        });
        for (const x of value) if (x.command) p.expectCommand(x.command);
        const events = feed(p, [bytes]);
        const responses = events.filter((e): e is Pop3ResponseEvent => e.type === 'response');
        expect(responses).toHaveLength(value.length);
        value.forEach((x, i) => {
          const e = responses[i] as Pop3ResponseEvent;
          expect(actualFields(e, x.response)).toEqual(expectedFields(x.response));
        });
        const continuations = events.filter((e) => e.type === 'continuation');
        expect(continuations).toHaveLength(value.reduce((n, x) => n + (x.challenges?.length ?? 0), 0));
      }),
    );
  });

  it('commands (strict), one by one and as the client side of a session', () => {
    fc.assert(
      fc.property(pop3Command(), ({ value, bytes }) => {
        const events = feed(new Pop3CommandParser({ strict: true }), [bytes]);
        expect(events.flatMap((e) => (e.type === 'command' ? [e.command] : []))).toEqual([value]);
      }),
    );
    fc.assert(
      fc.property(pop3ServerSession(), ({ value }) => {
        // AUTH mechanism switches the parser to SASL lines: only sessions without it here.
        fc.pre(!value.some((x) => x.kind === 'auth'));
        const events = feed(new Pop3CommandParser({ strict: true }), [pop3ClientBytes(value)]);
        expect(events.flatMap((e) => (e.type === 'command' ? [e.command] : []))).toEqual(
          value.flatMap((x) => (x.command ? [x.command] : [])),
        );
      }),
    );
  });
});

describe('POP3 chunking: any split gives the same events', () => {
  it('response parser over valid and hostile streams, streaming thresholds on and off', () => {
    const input = fc.oneof(
      pop3ServerSession().map((w) => ({ kinds: w.value.map((x) => x.kind), bytes: w.bytes })),
      fc
        .tuple(fc.array(fc.constantFrom(...ALL_KINDS), { maxLength: 8 }), pop3HostileServer())
        .map(([kinds, bytes]) => ({
          kinds,
          bytes,
        })),
    );
    fc.assert(
      fc.property(
        input.chain((w) => chunked(w.bytes).map((chunks) => ({ ...w, chunks }))),
        fc.constantFrom(0, 16, Number.POSITIVE_INFINITY),
        ({ kinds, bytes, chunks }, bodyThreshold) => {
          const make = (strict = false) => {
            const p = new Pop3ResponseParser({ strict, bodyThreshold, limits: { maxLineLength: 120 } });
            for (const k of kinds) p.expect(k);
            return p;
          };
          expect(canonical(feed(make(), chunks), ['bodyChunk'])).toEqual(
            canonical(feed(make(), [bytes]), ['bodyChunk']),
          );
          // strict: the same events up to the same error, whatever call it comes from
          expect(canonical(feedStrict(make(true), chunks), ['bodyChunk'])).toEqual(
            canonical(feedStrict(make(true), [bytes]), ['bodyChunk']),
          );
        },
      ),
    );
  });

  it('command parser over sessions and hostile bytes', () => {
    const input = fc.oneof(
      pop3ServerSession().map((w) => pop3ClientBytes(w.value)),
      pop3HostileServer(),
    );
    fc.assert(
      fc.property(
        input.chain((b) => chunked(b).map((chunks) => ({ b, chunks }))),
        ({ b, chunks }) => {
          expect(canonical(feed(new Pop3CommandParser(), chunks))).toEqual(
            canonical(feed(new Pop3CommandParser(), [b])),
          );
          const strict = () => new Pop3CommandParser({ strict: true });
          expect(canonical(feedStrict(strict(), chunks))).toEqual(canonical(feedStrict(strict(), [b])));
        },
      ),
    );
  });
});

describe('POP3 totality: events or ParseError, never another exception', () => {
  it('response parser with any expectations, lenient and strict', () => {
    fc.assert(
      fc.property(
        pop3HostileServer(),
        fc.array(fc.constantFrom(...ALL_KINDS), { maxLength: 8 }),
        (b, kinds) => {
          for (const strict of [false, true]) {
            const p = new Pop3ResponseParser({ strict, bodyThreshold: 16, limits: { maxLineLength: 100 } });
            for (const k of kinds) p.expect(k);
            let events: { type: string }[] = [];
            const outcome = onlyParseError(() => {
              events = feed(p, [b]);
            });
            if (!strict) {
              expect(outcome).toBe('ok');
              expect(errorsAreParseErrors(events)).toBe(true);
            }
          }
        },
      ),
    );
  });

  it('command parser and client protocol', () => {
    fc.assert(
      fc.property(pop3HostileServer(), (b) => {
        expect(errorsAreParseErrors(feed(new Pop3CommandParser(), [b]))).toBe(true);
        onlyParseError(() => feed(new Pop3CommandParser({ strict: true }), [b]));
        const c = new Pop3ClientProtocol();
        c.receive(utf8('+OK hi <1@x>\r\n'));
        c.send({ name: 'CAPA' });
        c.send({ name: 'USER', user: 'u' });
        c.send({ name: 'PASS', password: 'p' });
        c.send({ name: 'LIST' });
        c.send({ name: 'RETR', msg: 1 });
        c.receive(b);
        c.end();
        expect(c.phase).toBe('closed');
      }),
    );
  });
});
