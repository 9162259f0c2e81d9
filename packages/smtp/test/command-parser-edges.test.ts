import type { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { SmtpCommandParser, type SmtpCommandParserEvent, type SmtpCommandParserOptions } from '../src/index';
import { caught } from './caught';
import { bytes, splitAt } from './session-wire';

const dec = new TextDecoder();

function parse(text: string | Uint8Array, options: SmtpCommandParserOptions = {}): SmtpCommandParserEvent[] {
  const p = new SmtpCommandParser(options);
  return [...p.push(typeof text === 'string' ? bytes(text) : text), ...p.end()];
}

/** Events by kind: commands by verb, warnings and errors by code, the rest by type. */
function shape(events: readonly SmtpCommandParserEvent[]): string[] {
  return events.map((e) => {
    if (e.type === 'command') return e.command.verb;
    if (e.type === 'error') return e.error.code;
    if (e.type === 'warning') return e.code;
    return e.type;
  });
}

function warning(events: SmtpCommandParserEvent[], code: string) {
  const w = events.find((e) => e.type === 'warning' && e.code === code);
  if (w?.type !== 'warning') throw new Error(`no ${code} warning`);
  return w;
}

function error(events: SmtpCommandParserEvent[]): ParseError {
  const e = events.find((x) => x.type === 'error');
  if (e?.type !== 'error') throw new Error('no error event');
  return e.error;
}

function strictError(text: string | Uint8Array, options: SmtpCommandParserOptions = {}): ParseError {
  const p = new SmtpCommandParser({ ...options, strict: true });
  return caught(() => {
    p.push(typeof text === 'string' ? bytes(text) : text);
    p.end();
  });
}

describe('SmtpCommandParser: warnings carry the position and a message naming the quirk', () => {
  it('bare LF line end (telnet/nc sessions): at the LF', () => {
    const w = warning(parse('NOOP\r\nHELO x\nQUIT\r\n'), 'BARE_LF');
    expect(w.offset).toBe(12);
    expect(w.message).toMatch(/command line ended by a bare LF instead of CRLF/);
  });

  it('empty line (a telnet user hitting Enter): reported by push, the next line read at once', () => {
    const p = new SmtpCommandParser();
    const events = p.push(bytes('NOOP\r\n\r\nQUIT\r\n'));
    expect(shape(events)).toEqual(['NOOP', 'EMPTY_LINE', 'QUIT']);
    expect(warning(events, 'EMPTY_LINE')).toMatchObject({ offset: 6, message: 'empty command line' });
  });

  it('trailing spaces and tabs (scripts, some Windows clients) are trimmed', () => {
    for (const line of ['NOOP \r\n', 'NOOP\t\r\n', 'NOOP \t \r\n']) {
      const events = parse(line);
      expect(shape(events)).toEqual(['TRAILING_SPACE', 'NOOP']);
      expect(warning(events, 'TRAILING_SPACE').message).toMatch(/spaces at the end of the command line/);
    }
  });

  it('control characters (fuzzers, broken clients): at the byte, named in hex; DEL is one, TAB is not', () => {
    const nul = warning(parse('NOOP\r\nNOOP a\x00b\r\n'), 'CONTROL_CHARACTER');
    expect(nul).toMatchObject({ offset: 12 });
    expect(nul.message).toMatch(/control character 0x00 in command line/);
    const del = warning(parse('NOOP a\x7fb\r\n'), 'CONTROL_CHARACTER');
    expect(del).toMatchObject({ offset: 6 });
    expect(del.message).toMatch(/0x7f/);
    expect(shape(parse('VRFY a\tb\r\n', { strict: true }))).toEqual(['VRFY']);
  });

  it('Latin-1 bytes (old European clients): a warning in lenient mode, BAD_SYNTAX in strict', () => {
    const line = Uint8Array.from([...bytes('VRFY J'), 0xfc, ...bytes('rgen\r\n')]);
    expect(warning(parse(line), 'EIGHT_BIT_TEXT').message).toMatch(/not valid UTF-8/);
    const err = strictError(line);
    expect(err).toMatchObject({ protocol: 'smtp', code: 'BAD_SYNTAX', offset: 0 });
    expect(err.message).toMatch(/command line is not valid UTF-8/);
  });
});

describe('SmtpCommandParser: strict mode errors', () => {
  it('a quirk is a ParseError of protocol smtp, thrown with the events before it', () => {
    const err = strictError('NOOP\r\nNOOP \r\n');
    expect(err).toMatchObject({ protocol: 'smtp', code: 'BAD_SYNTAX', offset: 6 });
    expect(shape(err.eventsBefore as SmtpCommandParserEvent[])).toEqual(['NOOP']);
  });

  it('an error at offset 0 keeps its own message (no position added twice)', () => {
    expect(strictError('\r\n').message).toBe('smtp: empty command line at byte 0 [BAD_SYNTAX]');
  });

  it('a quirk found by the command grammar is at its line, its position named once', () => {
    const err = strictError('NOOP\r\nQUIT now\r\n');
    expect(err).toMatchObject({ protocol: 'smtp', code: 'BAD_SYNTAX', offset: 6, excerpt: 'QUIT now' });
    expect(err.message.match(/at byte/g)).toEqual(['at byte']);
    expect(err.message).toMatch(/at byte 6 near "QUIT now" \[BAD_SYNTAX\]$/);
  });

  it('a bare LF inside a line is BARE_LF at the LF', () => {
    const err = strictError('NOOP\r\nHELO x\nQUIT\r\n');
    expect(err).toMatchObject({ protocol: 'smtp', code: 'BARE_LF', offset: 12 });
    expect(err.message).toMatch(/bare LF inside a command line/);
  });

  it('a bare CR is BARE_CR', () => {
    expect(strictError('NOOP a\rb\r\n')).toMatchObject({ code: 'BARE_CR', offset: 6 });
  });

  it('a line too long is LINE_TOO_LONG of protocol smtp', () => {
    const events = parse(`NOOP ${'x'.repeat(600)}\r\n`, { limits: { maxLineLength: 512 } });
    expect(error(events)).toMatchObject({ protocol: 'smtp', code: 'LINE_TOO_LONG' });
  });
});

describe('SmtpCommandParser: errors from the command grammar are placed at their line', () => {
  it('the message is the helper message once, with the line offset and the line as excerpt', () => {
    const err = error(parse('NOOP\r\nMAIL FROM:<a@b\r\n'));
    expect(err.offset).toBe(6);
    expect(err.message).toBe(
      'smtp: path without its closing ">" at byte 6 near "MAIL FROM:<a@b" [BAD_SYNTAX]',
    );
    expect(err.excerpt).toBe('MAIL FROM:<a@b');
  });

  it('a helper error without an excerpt keeps its whole message', () => {
    const err = error(parse('NOOP\r\nMAIL FROM:\r\n'));
    expect(err.message).toBe(
      'smtp: path must be enclosed in < and > at byte 6 near "MAIL FROM:" [BAD_SYNTAX]',
    );
  });

  it('an error positioned inside a parameter value gets the stream offset of its line', () => {
    // Regression: a BAD_NUMBER in SIZE= and a BAD_BASE64 in an AUTH initial response kept
    // the index into the value (0, 3) as if it were a stream offset.
    const size = error(parse('NOOP\r\nMAIL FROM:<a@b.c> SIZE=x\r\n'));
    expect(size).toMatchObject({ code: 'BAD_NUMBER', offset: 6 });
    expect(size.message).not.toMatch(/at byte 0/);
    expect(error(parse('NOOP\r\nAUTH PLAIN !!!\r\n'))).toMatchObject({ code: 'BAD_BASE64', offset: 6 });
  });
});

describe('SmtpCommandParser: SASL responses (RFC 4954 §4)', () => {
  const responses = (events: SmtpCommandParserEvent[]) =>
    events.flatMap((e) => (e.type === 'auth-response' ? [e.cancelled ? '*' : dec.decode(e.data)] : []));

  it('a bad response is BAD_BASE64 of protocol smtp at the offending byte in the stream', () => {
    // "AB==" has non-zero bits before the padding: not canonical (RFC 4648 §3.5).
    const err = error(parse('NOOP\r\nAUTH LOGIN\r\nAB==\r\n'));
    expect(err).toMatchObject({ protocol: 'smtp', code: 'BAD_BASE64', offset: 19, excerpt: 'AB==' });
    expect(err.message).toMatch(/non-zero bits before the padding/);
    expect(err.message).toMatch(/at byte 19/);
    expect(err.message).not.toMatch(/at byte 1 /);
  });

  it('manual mode: surrounding spaces around a response are ignored', () => {
    const p = new SmtpCommandParser({ authResponses: 'manual' });
    p.expectAuthResponse();
    expect(responses(p.push(bytes(' YWxpY2U= \r\n')))).toEqual(['alice']);
    p.expectAuthResponse();
    expect(error(p.push(bytes(' AB==\r\n')))).toMatchObject({ code: 'BAD_BASE64', offset: 14 });
  });

  it('a line that is not base64-shaped (length not a multiple of 4) ends the exchange', () => {
    const events = parse('AUTH LOGIN\r\nXFOO1\r\n');
    expect(responses(events)).toEqual([]);
    expect(events[1]).toMatchObject({ type: 'command', command: { verb: 'UNKNOWN', name: 'XFOO1' } });
  });

  it('after the exchange ended (refused, or cancelled with "*") an empty line is a command line again', () => {
    expect(shape(parse('AUTH LOGIN\r\nMAIL FROM:<a@b.c>\r\n\r\n'))).toEqual(['AUTH', 'MAIL', 'EMPTY_LINE']);
    expect(shape(parse('AUTH LOGIN\r\n*\r\n\r\n'))).toEqual(['AUTH', 'auth-response', 'EMPTY_LINE']);
  });

  it('"=" as an empty response (older Thunderbird builds): the warning names it', () => {
    expect(warning(parse('AUTH XOAUTH2\r\n=\r\n'), 'EQUALS_RESPONSE').message).toMatch(
      /"=" as an empty SASL response/,
    );
  });

  it('endAuth(): lines are commands again (auto and manual mode)', () => {
    const auto = new SmtpCommandParser();
    auto.push(bytes('AUTH LOGIN\r\n'));
    auto.endAuth();
    expect(shape(auto.push(bytes('\r\n')))).toEqual(['EMPTY_LINE']);
    const manual = new SmtpCommandParser({ authResponses: 'manual' });
    manual.expectAuthResponse();
    manual.endAuth();
    expect(shape(manual.push(bytes('NOOP\r\n')))).toEqual(['NOOP']);
  });
});

describe('SmtpCommandParser: state changes', () => {
  it('state is "command" after rejectData, a DATA body, a BDAT chunk and end()', () => {
    const p = new SmtpCommandParser({ autoData: false });
    expect(p.state).toBe('command');
    p.push(bytes('DATA\r\n'));
    expect(p.state).toBe('data-wait');
    p.rejectData();
    expect(p.state).toBe('command');
    const q = new SmtpCommandParser();
    q.push(bytes('DATA\r\nx\r\n.\r\n'));
    expect(q.state).toBe('command');
    q.push(bytes('BDAT 1\r\nx'));
    expect(q.state).toBe('command');
    q.push(bytes('DATA\r\nunfinished'));
    expect(q.state).toBe('data');
    q.end();
    expect(q.state).toBe('command');
  });

  it('tlsStarted() and rejectStartTls() go back to "command"; the TLS session starts without AUTH state', () => {
    const p = new SmtpCommandParser({ tlsBoundary: true, authResponses: 'manual' });
    p.push(bytes('STARTTLS\r\n'));
    expect(p.state).toBe('tls-wait');
    p.expectAuthResponse(); // a stale expectation from before the handshake
    p.tlsStarted();
    expect(p.state).toBe('command');
    expect(shape(p.push(bytes('EHLO x\r\n')))).toEqual(['EHLO']);
    const auto = new SmtpCommandParser({ tlsBoundary: true });
    auto.push(bytes('STARTTLS\r\n'));
    auto.tlsStarted();
    expect(shape(auto.push(bytes('\r\n')))).toEqual(['EMPTY_LINE']);
    const refused = new SmtpCommandParser({ tlsBoundary: true });
    refused.push(bytes('STARTTLS\r\n'));
    refused.rejectStartTls();
    expect(refused.state).toBe('command');
  });

  it('bytes before the TLS handshake: UNEXPECTED_DATA at their offset, with what was dropped', () => {
    const p = new SmtpCommandParser({ tlsBoundary: true });
    const err = error(p.push(bytes('STARTTLS\r\nQUIT\r\n')));
    expect(err).toMatchObject({
      protocol: 'smtp',
      code: 'UNEXPECTED_DATA',
      offset: 10,
      excerpt: 'QUIT\\r\\n',
    });
    expect(err.message).toMatch(/data after STARTTLS and before the TLS handshake/);
  });

  it('calls in the wrong state are INVALID_STATE naming what is missing', () => {
    const tls = caught(() => new SmtpCommandParser().tlsStarted());
    expect(tls).toMatchObject({ protocol: 'smtp', code: 'INVALID_STATE' });
    expect(tls.message).toMatch(/no STARTTLS command is waiting/);
    const data = caught(() => new SmtpCommandParser({ autoData: false }).acceptData());
    expect(data).toMatchObject({ protocol: 'smtp', code: 'INVALID_STATE' });
    expect(data.message).toMatch(/no DATA command is waiting for a reply/);
  });

  it('a failed strict parser rethrows its error from every state call', () => {
    const p = new SmtpCommandParser({ strict: true, tlsBoundary: true });
    const first = caught(() => p.push(bytes('STARTTLS\r\nQUIT\r\n')));
    expect(first.code).toBe('UNEXPECTED_DATA');
    expect(caught(() => p.tlsStarted())).toBe(first);
    expect(caught(() => p.rejectStartTls())).toBe(first);
    const q = new SmtpCommandParser({ strict: true, autoData: false });
    const failure = caught(() => q.push(bytes('\r\n')));
    expect(caught(() => q.acceptData())).toBe(failure);
    expect(caught(() => q.rejectData())).toBe(failure);
  });

  it('end of stream: UNEXPECTED_EOF of protocol smtp naming where it ended', () => {
    const cases: [string, RegExp, number][] = [
      ['DATA\r\nabc\r\n', /stream ended inside a DATA body/, 11],
      ['BDAT 10\r\nabc', /stream ended inside a BDAT chunk/, 12],
      ['NOOP\r\nQUI', /stream ended inside a command line/, 6],
    ];
    for (const [input, message, offset] of cases) {
      const err = error(parse(input));
      expect(err).toMatchObject({ protocol: 'smtp', code: 'UNEXPECTED_EOF', offset });
      expect(err.message).toMatch(message);
    }
  });

  it('end() while waiting for the DATA reply: pipelined bytes are not a truncated command line', () => {
    const p = new SmtpCommandParser({ autoData: false });
    p.push(bytes('DATA\r\nSubject: x'));
    expect(p.end()).toEqual([]);
  });
});

describe('SmtpCommandParser: message bodies', () => {
  it('BDAT of exactly maxPayloadSize bytes passes; one more is refused after the command line', () => {
    const limits = { maxPayloadSize: 10 };
    expect(shape(parse('BDAT 10\r\n0123456789', { limits }))).toEqual(['BDAT', 'body-chunk', 'body-end']);
    const events = parse('NOOP\r\nBDAT 11\r\n01234567890NOOP\r\n', { limits });
    expect(shape(events)).toEqual(['NOOP', 'BDAT', 'PAYLOAD_TOO_LARGE', 'body-end', 'NOOP']);
    const err = error(events);
    expect(err).toMatchObject({ protocol: 'smtp', offset: 15 });
    expect(err.message).toMatch(/BDAT chunk of 11 bytes is larger than 10/);
    // A bare LF after the BDAT line (lenient): the chunk starts right after it.
    expect(error(parse('BDAT 11\n01234567890', { limits })).offset).toBe(8);
  });

  it('DATA body of exactly maxPayloadSize bytes passes', () => {
    const events = parse('DATA\r\n0123456789\r\n.\r\n', { limits: { maxPayloadSize: 12 } });
    expect(shape(events)).toEqual(['DATA', 'body-chunk', 'body-end']);
  });

  it('DATA body over the limit arriving in pieces: one error, at the body start', () => {
    const p = new SmtpCommandParser({ limits: { maxPayloadSize: 15 } });
    const events = ['DATA\r\n', '0123456789\r\n', '0123456789\r\n', 'abc\r\n', '.\r\n', 'NOOP\r\n'].flatMap(
      (c) => p.push(bytes(c)),
    );
    expect(shape(events).filter((s) => s === 'PAYLOAD_TOO_LARGE')).toHaveLength(1);
    const err = error(events);
    expect(err).toMatchObject({ protocol: 'smtp', offset: 6 });
    expect(err.message).toMatch(/DATA body is larger than 15 bytes/);
    const delivered = events.flatMap((e) => (e.type === 'body-chunk' ? [dec.decode(e.data)] : [])).join('');
    expect(delivered).toBe('0123456789\r\n012');
    expect(events.at(-1)).toMatchObject({ type: 'command', command: { verb: 'NOOP' } });
  });

  it('body chunk offsets: a piece after a stuffed dot starts after the dropped dot', () => {
    const events = parse('DATA\r\na\r\n..b\r\n.\r\n');
    expect(events.flatMap((e) => (e.type === 'body-chunk' ? [[dec.decode(e.data), e.offset]] : []))).toEqual([
      ['a\r\n', 6],
      ['.b\r\n', 10],
    ]);
  });

  it('a CR held back across chunks keeps its own offset, whatever the chunking', () => {
    // ".\r" at the end of one chunk, then "X": a stuffed dot and a CR of body data (byte 7).
    // The CR is the one piece not handed out as a view of the chunk being read (fuzz finding:
    // it was placed at the next chunk's first byte). Chunks as views into one buffer (as a
    // socket layer may hand them out) and as separate copies.
    const input = bytes('DATA\r\n.\rX\r\n.\r\n');
    for (let cut = 1; cut < input.length; cut++) {
      for (const copy of [false, true]) {
        const p = new SmtpCommandParser();
        const parts = splitAt(input, [cut]).map((c) => (copy ? c.slice() : c));
        const events = parts.flatMap((c) => p.push(c));
        const chunks = events.flatMap((e) => (e.type === 'body-chunk' ? [e] : []));
        expect(chunks.map((c) => dec.decode(c.data)).join(''), `cut ${cut}`).toBe('\rX\r\n');
        let at = 7;
        for (const c of chunks) {
          expect(c.offset, `cut ${cut}${copy ? ', copies' : ''}`).toBe(at);
          at += c.data.length;
        }
      }
    }
  });
});
