import { describe, expect, it } from 'vitest';
import { ImapResponseParser } from '../src/index';
import { enc, kinds, normalise, parse } from './helpers';

describe('streamed FETCH', () => {
  it('events: fetchStart, items as parsed, bodyStart/bodyChunk/bodyEnd, fetchEnd', () => {
    const p = new ImapResponseParser({ streamThreshold: 8 });
    const first = p.push(enc('* 7 FETCH (UID 99 FLAGS (\\Seen) BODY[1.2]<512> {20}\r\n0123456789'));
    expect(normalise(first)).toEqual([
      { type: 'fetchStart', seq: 7, offset: 0 },
      { type: 'fetchItem', seq: 7, item: { name: 'UID', value: 99 } },
      { type: 'fetchItem', seq: 7, item: { name: 'FLAGS', flags: ['\\Seen'] } },
      {
        type: 'bodyStart',
        seq: 7,
        name: 'BODY[]',
        section: { part: [1, 2], text: null },
        origin: 512,
        size: 20,
      },
      { type: 'bodyChunk', seq: 7, data: '0123456789' },
    ]);
    const second = p.push(enc('abcdefghij MODSEQ (5))\r\na1 OK done\r\n'));
    expect(normalise(second)).toEqual([
      { type: 'bodyChunk', seq: 7, data: 'abcdefghij' },
      { type: 'bodyEnd', seq: 7 },
      { type: 'fetchItem', seq: 7, item: { name: 'MODSEQ', value: '5n' } },
      { type: 'fetchEnd', seq: 7 },
      {
        type: 'response',
        offset: 87,
        response: { type: 'status', tag: 'a1', status: 'OK', code: null, text: 'done' },
      },
    ]);
  });

  it('literals at or below the threshold are delivered whole in the typed response', () => {
    const evs = parse('* 1 FETCH (BODY[] {8}\r\n12345678)\r\n', { streamThreshold: 8 });
    expect(normalise(evs)).toEqual([
      {
        type: 'response',
        offset: 0,
        response: {
          type: 'fetch',
          seq: 1,
          items: [{ name: 'BODY[]', section: { part: [], text: null }, origin: null, data: '12345678' }],
        },
      },
    ]);
  });

  it('RFC822, RFC822.TEXT and BINARY (literal8) bodies stream too', () => {
    const evs = parse('* 1 FETCH (RFC822 {9}\r\n123456789 BINARY[2] ~{9}\r\nab\0cdefgh)\r\n', {
      streamThreshold: 4,
    });
    const starts = evs.flatMap((e) => (e.type === 'bodyStart' ? [[e.name, e.section, e.size]] : []));
    expect(starts).toEqual([
      ['RFC822', null, 9],
      ['BINARY[]', { part: [2], text: null }, 9],
    ]);
  });

  it('a big literal that is not a body value (huge subject) is buffered and delivered in its item', () => {
    const subject = 's'.repeat(50);
    const evs = parse(
      `* 1 FETCH (UID 1 ENVELOPE (NIL {50}\r\n${subject} NIL NIL NIL NIL NIL NIL NIL NIL) BODY[] {30}\r\n${'b'.repeat(30)})\r\n`,
      { streamThreshold: 10 },
    );
    expect(kinds(evs)).toEqual([
      'fetchStart',
      'fetchItem',
      'fetchItem',
      'bodyStart',
      'bodyChunk',
      'bodyEnd',
      'fetchEnd',
    ]);
    const env = evs[2];
    expect(env?.type === 'fetchItem' && env.item.name === 'ENVELOPE' && env.item.envelope.subject).toBe(
      subject,
    );
  });

  it('big literals outside FETCH are buffered (up to maxResponseSize)', () => {
    const name = 'n'.repeat(40);
    const evs = parse(`* LIST () "/" {40}\r\n${name}\r\n`, { streamThreshold: 10 });
    expect(evs).toMatchObject([{ type: 'response', response: { type: 'list', mailbox: { name } } }]);
    const tooBig = parse(`* LIST () "/" {40}\r\n${name}\r\n* 1 EXISTS\r\n`, {
      streamThreshold: 10,
      limits: { maxResponseSize: 30 },
    });
    expect(kinds(tooBig)).toEqual(['error:RESPONSE_TOO_LARGE', 'response']);
  });

  it('a malformed rest after a streamed body is an error; the stream goes on', () => {
    const evs = parse('* 1 FETCH (BODY[] {12}\r\n0123456789ab UID x)\r\n* 2 EXISTS\r\n', {
      streamThreshold: 4,
    });
    expect(kinds(evs)).toEqual([
      'fetchStart',
      'bodyStart',
      'bodyChunk',
      'bodyEnd',
      'error:BAD_SYNTAX',
      'response',
    ]);
    const early = parse('* 1 FETCH (UID x BODY[] {12}\r\n0123456789ab)\r\n* 2 EXISTS\r\n', {
      streamThreshold: 4,
    });
    expect(kinds(early)).toEqual(['fetchStart', 'error:BAD_SYNTAX', 'response']);
  });

  it('end() inside a streamed body is UNEXPECTED_EOF', () => {
    expect(kinds(parse('* 1 FETCH (BODY[] {12}\r\n01234', { streamThreshold: 4 }))).toEqual([
      'fetchStart',
      'bodyStart',
      'bodyChunk',
      'error:UNEXPECTED_EOF',
    ]);
  });

  it('strict mode streams as well and throws on the malformed rest', () => {
    const p = new ImapResponseParser({ strict: true, streamThreshold: 4 });
    expect(kinds(p.push(enc('* 1 FETCH (BODY[] {6}\r\nabcdef')))).toEqual([
      'fetchStart',
      'bodyStart',
      'bodyChunk',
      'bodyEnd',
    ]);
    expect(() => p.push(enc(' ???)\r\n'))).toThrow();
  });
});
