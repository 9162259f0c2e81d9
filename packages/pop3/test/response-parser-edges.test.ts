import { describe, expect, it } from 'vitest';
import { Pop3ResponseParser } from '../src/index';
import { bytes, caught, errorsIn, feed, latin1, ofType } from './event-helpers';

describe('Pop3ResponseParser options', () => {
  it('bodyThreshold must be >= 0 (a negative or NaN threshold is a programming error)', () => {
    expect(() => new Pop3ResponseParser({ bodyThreshold: -1 })).toThrow(RangeError);
    expect(() => new Pop3ResponseParser({ bodyThreshold: -1 })).toThrow(/bodyThreshold must be >= 0, got -1/);
    expect(() => new Pop3ResponseParser({ bodyThreshold: Number.NaN })).toThrow(/got NaN/);
  });

  it('bodyThreshold 0 is valid: every non-empty body streams', () => {
    const p = new Pop3ResponseParser({ bodyThreshold: 0 });
    p.expectCommand({ name: 'RETR', msg: 1 });
    const events = feed(p, bytes('+OK\r\na\r\n.\r\n'));
    expect(events.map((e) => e.type)).toEqual(['bodyStart', 'bodyChunk', 'bodyEnd']);
  });
});

describe('pending and offset', () => {
  it('pending counts queued expectations plus the multi-line answer being read', () => {
    const p = new Pop3ResponseParser();
    expect(p.pending).toBe(0);
    p.expectCommand({ name: 'LIST' });
    p.expectCommand({ name: 'NOOP' });
    expect(p.pending).toBe(2);
    // The LIST status line is read: its expectation is taken, the listing is in progress.
    p.push(bytes('+OK 2 messages\r\n1 120\r\n'));
    expect(p.pending).toBe(2);
    p.push(bytes('.\r\n'));
    expect(p.pending).toBe(1);
    p.push(bytes('+OK\r\n'));
    expect(p.pending).toBe(0);
  });

  it('pending counts a RETR body in progress', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'RETR', msg: 1 });
    p.push(bytes('+OK 5 octets\r\nab'));
    expect(p.pending).toBe(1);
    p.push(bytes('c\r\n.\r\n'));
    expect(p.pending).toBe(0);
  });

  it('pending after part of a pipelined batch was answered', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'NOOP' });
    p.expectCommand({ name: 'NOOP' });
    p.expectCommand({ name: 'NOOP' });
    p.push(bytes('+OK\r\n'));
    expect(p.pending).toBe(2);
  });

  it('offset is the stream offset of the next byte to parse (a partial line is not consumed)', () => {
    const p = new Pop3ResponseParser();
    expect(p.offset).toBe(0);
    p.push(bytes('+OK\r\n+OK par'));
    expect(p.offset).toBe(5);
    p.push(bytes('tial\r\n'));
    expect(p.offset).toBe(18);
  });

  it('a long pipelined session keeps every response matched to its command (RFC 2449 §6.6 PIPELINING)', () => {
    const p = new Pop3ResponseParser();
    for (let i = 0; i < 66; i++) p.expectCommand({ name: 'DELE', msg: i + 1 });
    const first = p.push(bytes('+OK deleted\r\n'.repeat(65)));
    expect(ofType(first, 'response')).toHaveLength(65);
    // More commands are pipelined while one answer is still outstanding.
    p.expectCommand({ name: 'STAT' });
    expect(p.pending).toBe(2);
    const rest = feed(p, bytes('+OK deleted\r\n+OK 2 320\r\n'));
    expect(rest).toMatchObject([
      { type: 'response', kind: 'single', command: { name: 'DELE', msg: 66 } },
      { type: 'response', kind: 'stat', drop: { count: 2, size: 320 }, command: { name: 'STAT' } },
    ]);
  });
});

describe('strict mode', () => {
  it('a quirk throws BAD_SYNTAX naming the quirk (RFC 1939 §3: "+OK" in upper case)', () => {
    const p = new Pop3ResponseParser({ strict: true });
    const err = caught(() => p.push(bytes('+ok ready\r\n')));
    expect(err).toMatchObject({ protocol: 'pop3', code: 'BAD_SYNTAX', offset: 0 });
    expect(err.message).toMatch(/status indicator not in upper case \[STATUS_CASE\]/);
  });

  it('after a failure end() rethrows the same error', () => {
    const p = new Pop3ResponseParser({ strict: true });
    const err = caught(() => p.push(bytes('HELLO\r\n')));
    expect(err.code).toBe('BAD_SYNTAX');
    expect(caught(() => p.end())).toBe(err);
    expect(caught(() => p.push(bytes('+OK\r\n')))).toBe(err);
  });

  it('a body past maxPayloadSize throws PAYLOAD_TOO_LARGE at the response offset', () => {
    const p = new Pop3ResponseParser({ strict: true, limits: { maxPayloadSize: 5 } });
    p.expectCommand({ name: 'NOOP' });
    p.expectCommand({ name: 'RETR', msg: 1 });
    const err = caught(() => p.push(bytes('+OK\r\n+OK\r\nabc\r\ndefgh\r\n.\r\n')));
    expect(err).toMatchObject({ protocol: 'pop3', code: 'PAYLOAD_TOO_LARGE', offset: 5 });
    expect(err.message).toMatch(/message body larger than 5 bytes/);
    // The NOOP answer completed before the error is not lost.
    expect(err.eventsBefore).toMatchObject([{ type: 'response', command: { name: 'NOOP' } }]);
  });
});

describe('lenient recovery', () => {
  it('a status line past maxLineLength is skipped; the expectation waits for the real answer', () => {
    const p = new Pop3ResponseParser({ limits: { maxLineLength: 10 } });
    p.expectCommand({ name: 'NOOP' });
    const events = feed(p, bytes('-ERR 12345678901234\r\n+OK fine\r\n'));
    expect(events).toMatchObject([
      { type: 'error', error: { protocol: 'pop3', code: 'LINE_TOO_LONG', offset: 0 } },
      { type: 'response', status: 'OK', text: 'fine', offset: 21, command: { name: 'NOOP' } },
    ]);
    expect(events).toHaveLength(2);
  });

  it('a listing line past maxLineLength is skipped; the listing goes on to its terminator', () => {
    const p = new Pop3ResponseParser({ limits: { maxLineLength: 10 } });
    p.expectCommand({ name: 'LIST' });
    p.expectCommand({ name: 'NOOP' });
    const events = feed(p, bytes('+OK\r\n1 2\r\n12345678901234567890\r\n2 3\r\n.\r\n+OK done\r\n'));
    expect(events).toMatchObject([
      { type: 'error', error: { protocol: 'pop3', code: 'LINE_TOO_LONG', offset: 10 } },
      {
        type: 'response',
        kind: 'list',
        scans: [
          { msg: 1, size: 2 },
          { msg: 2, size: 3 },
        ],
      },
      { type: 'response', kind: 'single', text: 'done', offset: 40 },
    ]);
    expect(events).toHaveLength(3);
  });

  it('a bad listing entry is skipped alone: the next line (here the terminator) is still read', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'LIST' });
    p.expectCommand({ name: 'NOOP' });
    const events = feed(p, bytes('+OK\r\nx 1\r\n2 3\r\n.\r\n+OK\r\n'));
    expect(events).toMatchObject([
      { type: 'error', error: { code: 'BAD_NUMBER', offset: 5 } },
      { type: 'response', kind: 'list', scans: [{ msg: 2, size: 3 }] },
      { type: 'response', kind: 'single', command: { name: 'NOOP' } },
    ]);
    expect(events).toHaveLength(3);
  });
});

describe('status lines', () => {
  it('an empty line where a response was expected is BAD_SYNTAX; the expectation stays', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'STAT' });
    const events = feed(p, bytes('\r\n+OK 1 2\r\n'));
    expect(events).toMatchObject([
      { type: 'error', error: { protocol: 'pop3', code: 'BAD_SYNTAX', offset: 0 } },
      { type: 'response', kind: 'stat', drop: { count: 1, size: 2 }, offset: 2 },
    ]);
    expect(errorsIn(events)[0]?.message).toMatch(/empty line where a response was expected/);
  });

  it('lenient: a status line ended by a bare LF is a BARE_LF warning (seen from some Unix test servers)', () => {
    const events = feed(new Pop3ResponseParser(), bytes('+OK\r\n+OK hi\n'));
    expect(events).toEqual([
      expect.objectContaining({ type: 'response', text: '' }),
      { type: 'warning', code: 'BARE_LF', message: 'status line ended by a bare LF', offset: 5 },
      expect.objectContaining({ type: 'response', text: 'hi', offset: 5 }),
    ]);
  });

  it('unexpected: "error" names the unsolicited response', () => {
    const p = new Pop3ResponseParser({ unexpected: 'error' });
    p.expectCommand({ name: 'NOOP' });
    const events = feed(p, bytes('+OK\r\n-ERR surprise\r\n'));
    expect(events[0]).toMatchObject({ type: 'response', command: { name: 'NOOP' } });
    const err = errorsIn(events)[0];
    expect(err).toMatchObject({
      protocol: 'pop3',
      code: 'UNEXPECTED_RESPONSE',
      offset: 5,
      excerpt: '-ERR surprise',
    });
    expect(err?.message).toMatch(/response while no command is waiting for one/);
  });

  it('"+" outside AUTH is UNEXPECTED_RESPONSE and the command still waits for its answer (RFC 5034 §4)', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'NOOP' });
    const events = feed(p, bytes('+ abc\r\n+OK\r\n'));
    const err = errorsIn(events)[0];
    expect(err).toMatchObject({ protocol: 'pop3', code: 'UNEXPECTED_RESPONSE', offset: 0 });
    expect(err?.message).toMatch(/continuation "\+" outside an AUTH exchange/);
    expect(events[1]).toMatchObject({ type: 'response', status: 'OK', command: { name: 'NOOP' } });
  });
});

describe('AUTH continuations (RFC 5034 §4)', () => {
  it('decodes the base64 challenge and echoes the command', () => {
    const p = new Pop3ResponseParser();
    const auth = { name: 'AUTH', mechanism: 'CRAM-MD5' } as const;
    p.expectCommand(auth);
    const events = feed(p, bytes('+ dGVzdA==\r\n+\r\n+OK\r\n'));
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ type: 'continuation', text: 'dGVzdA==', offset: 0, command: auth });
    expect(events[1]).toMatchObject({ type: 'continuation', text: '', offset: 12, command: auth });
    const [c1, c2] = ofType(events, 'continuation');
    expect(latin1(c1?.data)).toBe('test');
    expect(c2?.data).toHaveLength(0);
    expect(events[2]).toMatchObject({ type: 'response', kind: 'auth', status: 'OK', command: auth });
  });

  it('bad base64 in a challenge is a pop3 BAD_BASE64 error; the exchange goes on', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'AUTH', mechanism: 'PLAIN' });
    const events = feed(p, bytes('+ abc\r\n+OK\r\n'));
    expect(events).toMatchObject([
      { type: 'error', error: { protocol: 'pop3', code: 'BAD_BASE64' } },
      { type: 'response', kind: 'auth', status: 'OK' },
    ]);
  });
});

describe('single-line answers with data', () => {
  it('a bad STAT drop listing reports the offset of the bad byte in the stream', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'NOOP' });
    p.expectCommand({ name: 'STAT' });
    const events = feed(p, bytes('+OK\r\n+OK x 2\r\n'));
    expect(errorsIn(events)).toMatchObject([{ code: 'BAD_NUMBER', offset: 9 }]);
    expect(ofType(events, 'response')[1]).toMatchObject({ kind: 'stat', incomplete: true });
  });

  it('the data after a response code is located past the code (RFC 2449 §8)', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'NOOP' });
    p.expectCommand({ name: 'STAT' });
    const events = feed(p, bytes('+OK\r\n+OK [XY] 1 x\r\n'));
    // "+OK [XY] 1 x": the "x" is byte 11 of the line, which starts at byte 5.
    expect(errorsIn(events)).toMatchObject([{ code: 'BAD_NUMBER', offset: 16 }]);
  });

  it('a greeting without an APOP timestamp has no timestamp field (RFC 1939 §7)', () => {
    const events = feed(new Pop3ResponseParser({ greeting: true }), bytes('+OK POP3 server ready\r\n'));
    const r = ofType(events, 'response')[0];
    expect(r).toMatchObject({ kind: 'greeting', text: 'POP3 server ready' });
    expect(r && 'timestamp' in r).toBe(false);
    const withTs = feed(
      new Pop3ResponseParser({ greeting: true }),
      bytes('+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n'),
    );
    expect(ofType(withTs, 'response')[0]?.timestamp).toBe('<1896.697170952@dbc.mtview.ca.us>');
  });
});

describe('STLS (RFC 2595 §4)', () => {
  it('early bytes are a pop3 UNEXPECTED_DATA error saying they were never parsed', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'STLS' });
    const events = p.push(bytes('+OK Begin TLS\r\n+OK injected\r\n'));
    const err = errorsIn(events)[0];
    expect(err).toMatchObject({ protocol: 'pop3', code: 'UNEXPECTED_DATA', offset: 15 });
    expect(err?.message).toMatch(
      /after \+OK to STLS and before the TLS handshake \(discarded, never parsed\)/,
    );
  });

  it('tlsStarted() without +OK to STLS is a pop3 INVALID_STATE error', () => {
    const err = caught(() => new Pop3ResponseParser().tlsStarted());
    expect(err).toMatchObject({ protocol: 'pop3', code: 'INVALID_STATE' });
    expect(err.message).toMatch(/tlsStarted\(\) without a \+OK to STLS/);
  });

  it('the connection closing while awaiting the TLS handshake is no POP3 EOF error', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'STLS' });
    expect(p.push(bytes('+OK Begin TLS\r\n'))).toMatchObject([
      { type: 'response', command: { name: 'STLS' } },
    ]);
    // The client already queued the CAPA it sends once TLS is up (RFC 2595 §4: capabilities
    // are asked again after the handshake); the handshake fails and the peer closes.
    p.expectCommand({ name: 'CAPA' });
    expect(p.awaitingTls).toBe(true);
    expect(p.end()).toEqual([]);
  });
});

describe('RETR / TOP bodies', () => {
  it('a streamed body: bodyStart kind multiline-body, bodyEnd without incomplete when whole', () => {
    const p = new Pop3ResponseParser({ bodyThreshold: 2 });
    p.expectCommand({ name: 'TOP', msg: 1, lines: 0 });
    const events = feed(p, bytes('+OK\r\nabc\r\n.\r\n'));
    expect(events.map((e) => e.type)).toEqual(['bodyStart', 'bodyChunk', 'bodyEnd']);
    expect(events[0]).toMatchObject({ kind: 'multiline-body', status: 'OK', offset: 0 });
    expect(events[2]).toEqual({
      type: 'bodyEnd',
      size: 5,
      offset: 13,
      command: { name: 'TOP', msg: 1, lines: 0 },
    });
  });

  it('lenient: a body past maxPayloadSize is a pop3 error event and the end is marked incomplete', () => {
    const p = new Pop3ResponseParser({ bodyThreshold: 2, limits: { maxPayloadSize: 5 } });
    p.expectCommand({ name: 'RETR', msg: 1 });
    const events = feed(p, bytes('+OK\r\nabc\r\ndefgh\r\n.\r\n'));
    const err = errorsIn(events)[0];
    expect(err).toMatchObject({ protocol: 'pop3', code: 'PAYLOAD_TOO_LARGE', offset: 0 });
    expect(err?.message).toMatch(/message body larger than 5 bytes \(the rest is skipped\)/);
    expect(ofType(events, 'bodyEnd')).toMatchObject([{ size: 5, offset: 20, incomplete: true }]);
  });

  it('lenient: "." after a bare LF ends the body with a TERMINATOR_LF warning (bare-LF Unix servers)', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'RETR', msg: 1 });
    const events = feed(p, bytes('+OK\r\nabc\n.\n'));
    expect(ofType(events, 'warning')).toContainEqual({
      type: 'warning',
      code: 'TERMINATOR_LF',
      message: 'message body ended by "." after a bare LF',
      offset: 11,
    });
    expect(latin1(ofType(events, 'response')[0]?.body)).toBe('abc\n');
  });
});

describe('end of stream', () => {
  it('inside a body: UNEXPECTED_EOF from the dot-stuffed body reader', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'RETR', msg: 1 });
    const events = feed(p, bytes('+OK\r\nabc\r\n'));
    const err = errorsIn(events)[0];
    expect(err).toMatchObject({ code: 'UNEXPECTED_EOF', offset: 10 });
    expect(err?.message).toMatch(/inside a dot-stuffed body/);
    expect(events).toHaveLength(1);
  });

  it('inside a listing: UNEXPECTED_EOF at the end of the stream', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'UIDL' });
    const events = feed(p, bytes('+OK\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n'));
    const err = errorsIn(events)[0];
    expect(err).toMatchObject({ protocol: 'pop3', code: 'UNEXPECTED_EOF', offset: 33 });
    expect(err?.message).toMatch(/stream ended inside a multi-line answer/);
  });

  it('inside a line that no command waits for: UNEXPECTED_EOF', () => {
    const events = feed(new Pop3ResponseParser(), bytes('+OK\r\n+OK par'));
    expect(events[0]).toMatchObject({ type: 'response' });
    const err = errorsIn(events)[0];
    expect(err).toMatchObject({ protocol: 'pop3', code: 'UNEXPECTED_EOF', offset: 5 });
    expect(err?.message).toMatch(/stream ended inside a line/);
  });

  it('before an expected response: the error names the command, or the kind when no command was given', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'STAT' });
    const err = errorsIn(p.end())[0];
    expect(err).toMatchObject({ protocol: 'pop3', code: 'UNEXPECTED_EOF', offset: 0 });
    expect(err?.message).toMatch(/stream ended before the response to STAT/);

    const q = new Pop3ResponseParser();
    q.expect('capa');
    expect(errorsIn(q.end())[0]?.message).toMatch(/stream ended before the response to capa/);
  });
});
