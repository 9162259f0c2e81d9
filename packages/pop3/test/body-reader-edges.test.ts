import { describe, expect, it } from 'vitest';
import { answers, caught, errorsIn, latin1, ofType, warningsIn } from './event-helpers';

// "+OK\r\n" is 5 bytes: the body starts at offset 5.
describe('RETR body: end of stream', () => {
  it('no terminator: UNEXPECTED_EOF from pop3 at the end of what was read', () => {
    const events = answers('+OK\r\nabc\r\n', ['multiline-body']);
    const [err] = errorsIn(events);
    expect(errorsIn(events)).toHaveLength(1);
    expect(err).toMatchObject({ protocol: 'pop3', code: 'UNEXPECTED_EOF', offset: 10 });
    expect(err?.message).toMatch(/^pop3: stream ended inside a dot-stuffed body/);
    expect(caught(() => answers('+OK\r\nabc\r\n', ['multiline-body'], { strict: true }))).toMatchObject({
      protocol: 'pop3',
      code: 'UNEXPECTED_EOF',
      offset: 10,
    });
  });
});

describe('RETR body: quirks (RFC 1939 §3 wants CRLF lines and stuffed dots)', () => {
  it('BARE_LF (mbox-backed servers): a warning at the LF in lenient mode, ParseError BARE_LF in strict', () => {
    const input = '+OK\r\nab\ncd\r\n.\r\n';
    const events = answers(input, ['multiline-body']);
    expect(warningsIn(events)).toEqual([
      { code: 'BARE_LF', message: 'message body with bare LF line ends', offset: 7 },
    ]);
    expect(latin1(ofType(events, 'response')[0]?.body)).toBe('ab\ncd\r\n');
    const err = caught(() => answers(input, ['multiline-body'], { strict: true }));
    expect(err).toMatchObject({ protocol: 'pop3', code: 'BARE_LF', offset: 7 });
    expect(err.message).toMatch(/message body with bare LF line ends \[BARE_LF\]/);
  });

  it('UNSTUFFED_DOT (servers that do not dot-stuff): reported at the dot, for any chunking', () => {
    const input = '+OK\r\nab\r\n.hidden\r\n.\r\n';
    const expected = [
      {
        code: 'UNSTUFFED_DOT',
        message: 'body line starting with an unstuffed "." (the server does not dot-stuff; the dot is kept)',
        offset: 9,
      },
    ];
    for (const cuts of [[], [9], [10], [5, 9, 10, 11]]) {
      const events = answers(input, ['multiline-body'], {}, cuts);
      expect(warningsIn(events)).toEqual(expected);
      expect(latin1(ofType(events, 'response')[0]?.body)).toBe('ab\r\n.hidden\r\n');
    }
  });
});

describe('RETR body: maxPayloadSize (bytes after unstuffing)', () => {
  it('a body exactly at the limit is delivered whole', () => {
    const events = answers('+OK\r\nab\r\n.\r\n', ['multiline-body'], { limits: { maxPayloadSize: 4 } });
    expect(errorsIn(events)).toEqual([]);
    expect(latin1(ofType(events, 'response')[0]?.body)).toBe('ab\r\n');
  });

  it('past the limit: one PAYLOAD_TOO_LARGE, the rest skipped to the terminator over several chunks', () => {
    const input = '+OK\r\naaaa\r\nbb\r\n..c\r\nd\r\n.\r\n+OK next\r\n';
    // Cuts after "aaaa\r\n", inside "..c" and before the terminator: later pieces arrive in
    // later calls, after the overflow was reported.
    const events = answers(
      input,
      ['multiline-body', 'single'],
      { limits: { maxPayloadSize: 3 } },
      [11, 16, 21],
    );
    expect(errorsIn(events).map((e) => [e.protocol, e.code, e.offset])).toEqual([
      ['pop3', 'PAYLOAD_TOO_LARGE', 0],
    ]);
    expect(errorsIn(events)[0]?.message).toMatch(/message body larger than 3 bytes/);
    const [body, next] = ofType(events, 'response');
    expect(body).toMatchObject({ kind: 'multiline-body', incomplete: true });
    expect(body?.body).toBeUndefined();
    expect(next?.text).toBe('next');
  });
});

describe('RETR body: collected below the threshold', () => {
  it('the buffer holding a whole body is never larger than the threshold', () => {
    const line = `${'x'.repeat(288)}\r\n`; // 290 bytes: between a 256-byte step and the threshold
    const events = answers(`+OK\r\n${line}.\r\n`, ['multiline-body'], { bodyThreshold: 300 });
    const body = ofType(events, 'response')[0]?.body;
    expect(latin1(body)).toBe(line);
    expect(body?.buffer.byteLength).toBeLessThanOrEqual(300);
    expect(ofType(events, 'bodyStart')).toEqual([]);
  });

  it('pieces across several chunks are collected in order', () => {
    const input = '+OK\r\none\r\n..two\r\nthree\r\n.\r\n';
    const events = answers(input, ['multiline-body'], { bodyThreshold: 300 }, [7, 12, 15, 20]);
    expect(latin1(ofType(events, 'response')[0]?.body)).toBe('one\r\n.two\r\nthree\r\n');
  });
});
