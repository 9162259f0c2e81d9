import { imapResponseValue } from '@mailwire/arbitraries';
import { isParseError, ParseError } from '@mailwire/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ImapResponseEvent, ImapResponseParser, serializeResponse } from '../src/index';
import { enc, normalise } from './helpers';

function parseStrict(bytes: Uint8Array): ImapResponseEvent[] {
  const p = new ImapResponseParser({ strict: true });
  return [...p.push(bytes), ...p.end()];
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of points) {
    out.push(bytes.subarray(last, p));
    last = p;
  }
  out.push(bytes.subarray(last));
  return out;
}

const response = imapResponseValue();

describe('round trip: parse(serialize(x)) equals x', () => {
  it('for every generated response, in strict mode', () => {
    fc.assert(
      fc.property(response, (r) => {
        const evs = parseStrict(serializeResponse(r));
        expect(evs).toHaveLength(1);
        const e = evs[0];
        expect(e?.type).toBe('response');
        expect(e?.type === 'response' && e.response).toEqual(r);
      }),
    );
  });

  it('a stream of responses split anywhere gives the same events (streaming on and off)', () => {
    fc.assert(
      fc.property(
        fc.array(response, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.integer({ min: 0, max: 64 }),
        (rs, cuts, threshold) => {
          const bytes = concat(rs.map(serializeResponse));
          const whole = new ImapResponseParser({ streamThreshold: threshold });
          const expected = normalise([...whole.push(bytes), ...whole.end()]);
          const p = new ImapResponseParser({ streamThreshold: threshold });
          const got: ImapResponseEvent[] = [];
          for (const c of split(bytes, cuts)) got.push(...p.push(c));
          got.push(...p.end());
          expect(normalise(got)).toEqual(expected);
          expect(got.some((e) => e.type === 'error')).toBe(false);
        },
      ),
    );
  });

  it('the serializer refuses values that would inject a response', () => {
    expect(() =>
      serializeResponse({ type: 'status', tag: 'a1', status: 'OK', code: null, text: 'x\r\n* BYE' }),
    ).toThrow(ParseError);
    expect(() => serializeResponse({ type: 'capability', capabilities: ['IMAP4rev1 X'] })).toThrow(
      ParseError,
    );
    expect(() => serializeResponse({ type: 'flags', flags: ['a)b'] })).toThrow(ParseError);
  });
});

describe('totality: any bytes give events or a ParseError, never another exception', () => {
  const lenientRun = (chunks: Uint8Array[], threshold: number) => {
    const p = new ImapResponseParser({ streamThreshold: threshold, limits: { maxNestingDepth: 16 } });
    for (const c of chunks) {
      for (const e of p.push(c)) if (e.type === 'error') expect(isParseError(e.error)).toBe(true);
    }
    p.end();
  };
  const strictRun = (bytes: Uint8Array) => {
    const p = new ImapResponseParser({ strict: true });
    try {
      p.push(bytes);
      p.end();
    } catch (e) {
      if (!isParseError(e)) throw e;
    }
  };

  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 4 }), (b, cuts) => {
        lenientRun(split(b, cuts), 8);
        strictRun(b);
      }),
    );
  });

  const TOKENS = [
    '* ',
    'a1 ',
    '+ ',
    'FETCH ',
    '(',
    ')',
    '{3}\r\n',
    '~{2}\r\n',
    '"',
    '\\',
    'NIL',
    ' ',
    '\r\n',
    '[',
    ']',
    'BODY[',
    'BODYSTRUCTURE ',
    'ENVELOPE ',
    '1',
    '0',
    '<1>',
    'OK ',
    'LIST ',
    'X-GM-LABELS ',
    '\0',
    '\n',
    'UID 5',
    'MODSEQ (',
    '}',
    '999999999999999999999',
  ];
  it('token soup from the grammar', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (ts, cuts) => {
          const b = enc(ts.join(''));
          lenientRun(split(b, cuts), 2);
          strictRun(b);
        },
      ),
    );
  });

  it('mutated and truncated valid traffic', () => {
    fc.assert(
      fc.property(
        fc.array(response, { minLength: 1, maxLength: 3 }),
        fc.array(
          fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete')),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        fc.nat(),
        (rs, mutations, cut) => {
          const bytes = Array.from(concat(rs.map(serializeResponse)));
          for (const [at, v, op] of mutations) {
            const i = at % (bytes.length + 1);
            if (op === 'set') bytes[i] = v;
            else if (op === 'insert') bytes.splice(i, 0, v);
            else bytes.splice(i, 1);
          }
          const b = new Uint8Array(bytes.slice(0, bytes.length - (cut % 3)));
          lenientRun([b], 4);
          strictRun(b);
        },
      ),
    );
  });
});
