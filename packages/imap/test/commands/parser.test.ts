import { imapCommandValue } from '@mailwire/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ImapCommand,
  type ImapCommandEvent,
  ImapCommandParser,
  type ImapCommandParserOptions,
  serializeCommandBytes,
} from '../../src/commands/index';
import { enc, kinds, parseAll, plain, scaledRuns } from './helpers';

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Pushes `bytes` cut at `cuts`, then end(). */
function chunked(bytes: Uint8Array, cuts: number[], options?: ImapCommandParserOptions): ImapCommandEvent[] {
  const p = new ImapCommandParser(options);
  const evs: ImapCommandEvent[] = [];
  let last = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    evs.push(...p.push(bytes.subarray(last, c)));
    last = c;
  }
  evs.push(...p.push(bytes.subarray(last)), ...p.end());
  return evs;
}

const SESSION =
  'a1 CAPABILITY\r\n' +
  'a2 LOGIN {4}\r\nfred {6+}\r\nsec\r\nt\r\n' +
  'a3 SELECT "Sent Items" (CONDSTORE)\r\n' +
  'a4 BOGUS command\r\n' +
  'a5 IDLE\r\nDONE\r\n' +
  'a6 APPEND INBOX (\\Seen) ~{3}\r\nx\0y (\\Draft) {2}\r\nhi\r\n' +
  'a7 AUTHENTICATE PLAIN\r\nAGZyZWQAdGVzdA==\r\n*\r\n' +
  'a8 UID SEARCH RETURN (COUNT) CHARSET UTF-8 OR (SUBJECT {4}\r\nB\xc3\xa4r) UNSEEN\r\n' +
  'a9 LOGOUT\r\n';
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const SESSION_BYTES = latin1(SESSION);

describe('ImapCommandParser: framing and events', () => {
  it('a whole session: commands, continuation requests, a bad command skipped, IDLE/DONE, AUTHENTICATE', () => {
    const evs = parseAll(SESSION_BYTES);
    expect(kinds(evs)).toEqual([
      'command',
      'continuation-needed',
      'command',
      'command',
      'error:BAD_SYNTAX',
      'command',
      'done',
      'continuation-needed',
      'continuation-needed',
      'command',
      'command',
      'authenticate-response',
      'authenticate-response',
      'continuation-needed',
      'command',
      'command',
    ]);
    const err = evs[4] as { error: { tag?: string; message: string } };
    expect(err.error.tag).toBe('a4');
    expect(err.error.message).toMatch(/unknown command BOGUS/);
    expect(evs[1]).toEqual({ type: 'continuation-needed', tag: 'a2', size: 4, offset: 24 });
    const login = evs[2] as { command: ImapCommand; raw: Uint8Array };
    expect(login.command).toEqual({ tag: 'a2', name: 'LOGIN', username: 'fred', password: 'sec\r\nt' });
    expect(new TextDecoder().decode(login.raw)).toBe('a2 LOGIN {4}\r\nfred {6+}\r\nsec\r\nt\r\n');
    expect(evs[11]).toMatchObject({ type: 'authenticate-response', tag: 'a7', cancelled: false });
    expect(evs[12]).toMatchObject({ type: 'authenticate-response', tag: 'a7', cancelled: true });
    const search = (evs[14] as { command: ImapCommand }).command;
    expect(search).toEqual({
      tag: 'a8',
      name: 'SEARCH',
      uid: true,
      return: ['COUNT'],
      charset: 'UTF-8',
      criteria: [
        {
          key: 'OR',
          left: { key: 'AND', operands: [{ key: 'SUBJECT', value: 'Bär' }] },
          right: { key: 'UNSEEN' },
        },
      ],
    });
  });

  it('split at every byte position gives the same events', () => {
    const whole = plain(parseAll(SESSION_BYTES));
    // quadratic in the session's size: a mutation run (one test run per mutant) takes every
    // 7th split; the chunking properties cover the rest there
    const step = process.env.MAILWIRE_MUTATION === '1' ? 7 : 1;
    for (let i = 0; i <= SESSION_BYTES.length; i += step) {
      expect(plain(chunked(SESSION_BYTES, [i])), `split at ${i}`).toEqual(whole);
    }
  });

  it('byte-by-byte feeding gives the same events', () => {
    const cuts = [...Array(SESSION_BYTES.length).keys()];
    expect(plain(chunked(SESSION_BYTES, cuts))).toEqual(plain(parseAll(SESSION_BYTES)));
  });

  it('any chunking of serialized commands gives the same events', () => {
    fc.assert(
      fc.property(
        fc.array(imapCommandValue(), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (cmds, rawCuts) => {
          // IDLE / AUTHENTICATE / STARTTLS change what the next line is: keep them last
          const body = cmds.filter((c) => !['IDLE', 'AUTHENTICATE', 'STARTTLS'].includes(c.name));
          const bytes = concat(body.map((c) => serializeCommandBytes(c, { literalPlus: true })));
          const cuts = rawCuts.map((c) => c % (bytes.length + 1));
          const whole = parseAll(bytes);
          expect(
            whole.filter((e) => e.type === 'command').map((e) => (e as { command: ImapCommand }).command),
          ).toEqual(body);
          expect(plain(chunked(bytes, cuts))).toEqual(plain(whole));
        },
      ),
      { numRuns: scaledRuns(150) },
    );
  });

  it('no continuation request for LITERAL+ literals; one per synchronizing literal, before its bytes', () => {
    const p = new ImapCommandParser();
    expect(kinds(p.push(enc('a LOGIN {3}\r\n')))).toEqual(['continuation-needed']);
    expect(kinds(p.push(enc('bob {3+}\r\n')))).toEqual([]);
    expect(kinds(p.push(enc('pwd\r\n')))).toEqual(['command']);
  });

  it('a zero-length literal', () => {
    expect(parseAll('a LOGIN {0}\r\n {0+}\r\n\r\n', { strict: true }).map((e) => e.type)).toEqual([
      'continuation-needed',
      'command',
    ]);
  });
});

describe('IDLE, AUTHENTICATE, STARTTLS states', () => {
  it('after IDLE the next line must be DONE', () => {
    const evs = parseAll('a IDLE\r\ndone\r\nb NOOP\r\n');
    expect(kinds(evs)).toEqual(['command', 'done', 'command']);
  });

  it('a line other than DONE during IDLE is an error, and IDLE ends (as Dovecot does)', () => {
    const evs = parseAll('a IDLE\r\nb NOOP\r\nc NOOP\r\n');
    expect(kinds(evs)).toEqual(['command', 'error:BAD_SYNTAX', 'command']);
    expect((evs[1] as { error: { tag?: string } }).error.tag).toBe('a');
  });

  it('cancelIdle(): the server refused IDLE, no DONE will come', () => {
    const p = new ImapCommandParser();
    expect(kinds(p.push(enc('a IDLE\r\n')))).toEqual(['command']);
    expect(p.mode).toBe('idle');
    p.cancelIdle();
    expect(kinds(p.push(enc('b NOOP\r\n')))).toEqual(['command']);
  });

  it('AUTHENTICATE: client lines are responses until authenticateDone()', () => {
    const p = new ImapCommandParser();
    expect(
      kinds(p.push(enc('a AUTHENTICATE SCRAM-SHA-256 biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8=\r\n'))),
    ).toEqual(['command']);
    expect(p.mode).toBe('authenticate');
    const r = p.push(enc('Yz1iaXdzLHI9\r\n\r\n'));
    expect(
      r.map((e) => (e.type === 'authenticate-response' ? new TextDecoder().decode(e.data) : e.type)),
    ).toEqual(['Yz1iaXdzLHI9', '']);
    p.authenticateDone();
    expect(kinds(p.push(enc('b NOOP\r\n')))).toEqual(['command']);
  });

  it('STARTTLS: bytes before the TLS handshake are refused, not parsed (command injection)', () => {
    const p = new ImapCommandParser();
    const evs = p.push(enc('a STARTTLS\r\nb LOGIN fred secret\r\n'));
    expect(kinds(evs)).toEqual(['command', 'error:UNEXPECTED_DATA']);
    p.resumeAfterStarttls();
    expect(kinds(p.push(enc('c NOOP\r\n')))).toEqual(['command']);
  });
});

describe('limits, checked before buffering', () => {
  it('a synchronizing literal over maxLiteralSize: error with the tag, no continuation, next command parsed', () => {
    const evs = parseAll('a APPEND x {999999}\r\nb NOOP\r\n', { limits: { maxLiteralSize: 1000 } });
    expect(kinds(evs)).toEqual(['error:LITERAL_TOO_LARGE', 'command']);
    expect((evs[0] as { error: { tag?: string } }).error.tag).toBe('a');
  });

  it('a LITERAL+ literal over the limit is skipped by count (the client sends it anyway)', () => {
    const evs = parseAll(`a APPEND x {20+}\r\n${'z'.repeat(20)} (\\Seen) {3+}\r\nabc\r\nb NOOP\r\n`, {
      limits: { maxLiteralSize: 10 },
    });
    expect(kinds(evs)).toEqual(['error:LITERAL_TOO_LARGE', 'command']);
    expect((evs[1] as { command: ImapCommand }).command).toEqual({ tag: 'b', name: 'NOOP' });
  });

  it('LITERAL- (RFC 7888 §4): a non-synchronizing literal over 4096 bytes is refused and skipped', () => {
    const big = 'x'.repeat(4097);
    const input = `a APPEND x {4097+}\r\n${big}\r\nb APPEND x {4096+}\r\n${big.slice(1)}\r\n`;
    expect(kinds(parseAll(input, { literalMinus: true }))).toEqual(['error:LITERAL_TOO_LARGE', 'command']);
    expect(kinds(parseAll(input))).toEqual(['command', 'command']);
  });

  it('a whole command over maxPayloadSize', () => {
    const evs = parseAll('a LOGIN {8+}\r\n12345678 {8+}\r\n12345678\r\nb NOOP\r\n', {
      limits: { maxPayloadSize: 30 },
    });
    expect(kinds(evs)).toEqual(['error:PAYLOAD_TOO_LARGE', 'command']);
  });

  it('a line over maxLineLength: error as soon as it passes the limit, then resync', () => {
    const p = new ImapCommandParser({ limits: { maxLineLength: 20 } });
    expect(kinds(p.push(enc('a1 SEARCH TEXT xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')))).toEqual([
      'error:LINE_TOO_LONG',
    ]);
    expect(kinds(p.push(enc('yyyy\r\nb NOOP\r\n')))).toEqual(['command']);
  });

  it('a too long line announcing a LITERAL+ literal: the literal is skipped too', () => {
    const evs = parseAll(`a SEARCH TEXT ${'x'.repeat(40)} {4+}\r\n\r\n\r\n\r\nb NOOP\r\n`, {
      limits: { maxLineLength: 20 },
    });
    expect(kinds(evs)).toEqual(['error:LINE_TOO_LONG', 'command']);
  });

  it('keeps its own copy of the end of a too long line: the caller may reuse its buffer (Node Buffer input)', () => {
    const p = new ImapCommandParser({ limits: { maxLineLength: 20 } });
    // a reading loop that fills the same Buffer again for the next chunk
    const buffer = Buffer.from(`a SEARCH TEXT ${'x'.repeat(40)} {4+}`, 'latin1');
    expect(kinds(p.push(buffer))).toEqual(['error:LINE_TOO_LONG']);
    buffer.fill(0x7a);
    // the literal announced at the end of the skipped line ({4+}: CRLF CRLF) is still skipped,
    // then the command's last line (empty) ends it
    expect(kinds(p.push(enc('\r\n\r\n\r\n\r\nb NOOP\r\n')))).toEqual(['command']);
  });

  it('nesting of search keys is bounded', () => {
    const evs = parseAll(`a SEARCH ${'('.repeat(10)}ALL${')'.repeat(10)}\r\n`, {
      limits: { maxNestingDepth: 5 },
    });
    expect(kinds(evs)).toEqual(['error:NESTING_TOO_DEEP']);
  });
});

describe('leniency and strictness', () => {
  it('bare LF line ends: a warning (hand-typed sessions through telnet / nc)', () => {
    expect(kinds(parseAll('a NOOP\nb NOOP\r\n'))).toEqual(['warning:BARE_LF', 'command', 'command']);
    expect(() => parseAll('a NOOP\n', { strict: true })).toThrow(/LF without CR/);
  });

  it('8-bit text in a quoted string without UTF8=ACCEPT: a warning (scripted clients send UTF-8 SEARCH text quoted; Dovecot accepts it)', () => {
    const evs = parseAll(latin1('a SEARCH SUBJECT "B\xc3\xa4r"\r\n'));
    expect(kinds(evs)).toEqual(['warning:EIGHT_BIT_QUOTED', 'command']);
    expect((evs[1] as { command: ImapCommand }).command).toMatchObject({
      criteria: [{ key: 'SUBJECT', value: 'Bär' }],
    });
    expect(() => parseAll(latin1('a SEARCH SUBJECT "B\xc3\xa4r"\r\n'), { strict: true })).toThrow(/8-bit/);
    expect(kinds(parseAll(latin1('a SEARCH SUBJECT "B\xc3\xa4r"\r\n'), { utf8Accept: true }))).toEqual([
      'command',
    ]);
  });

  it('end() inside a command is UNEXPECTED_EOF', () => {
    expect(kinds(parseAll('a LOGIN {5}\r\nab'))).toEqual(['continuation-needed', 'error:UNEXPECTED_EOF']);
    expect(kinds(parseAll('a NOO'))).toEqual(['error:UNEXPECTED_EOF']);
  });

  it('strict mode throws the ParseError and stays failed', () => {
    const p = new ImapCommandParser({ strict: true });
    expect(() => p.push(enc('a BOGUS\r\n'))).toThrow(/unknown command/);
    expect(() => p.push(enc('b NOOP\r\n'))).toThrow(/unknown command/);
  });

  it('number overflow keeps its code and the tag', () => {
    const evs = parseAll('a FETCH 4294967296 FLAGS\r\n');
    expect(kinds(evs)).toEqual(['error:NUMBER_OVERFLOW']);
    expect((evs[0] as { error: { tag?: string } }).error.tag).toBe('a');
  });

  it('setUtf8Accept(): after ENABLE UTF8=ACCEPT names are UTF-8, not modified UTF-7', () => {
    const p = new ImapCommandParser();
    const before = p.push(enc('a SELECT &AOQ-\r\n'))[0] as { command: ImapCommand };
    expect(before.command).toEqual({ tag: 'a', name: 'SELECT', mailbox: 'ä' });
    p.setUtf8Accept(true);
    const after = p.push(enc('b SELECT &AOQ-\r\n'))[0] as { command: ImapCommand };
    expect(after.command).toEqual({ tag: 'b', name: 'SELECT', mailbox: '&AOQ-' });
  });

  it('errors name their tag; a line without a tag has none', () => {
    const evs = parseAll('+ NOOP\r\n');
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
    expect((evs[0] as { error: { tag?: string } }).error.tag).toBeUndefined();
  });

  it('refuses bad syntax inside commands', () => {
    const bad = [
      'a FETCH 0 FLAGS',
      'a FETCH 1 (FLAGS',
      'a FETCH 1 BODY.PEEK',
      'a FETCH 1 BODY[MIME]',
      'a FETCH 1 BODY[1.]',
      'a FETCH 1 BODY[1HEADER]',
      'a FETCH 1 BODY[]<0.0>',
      'a STORE 1 FLAGS.LOUD (\\Seen)',
      'a SEARCH SINCE 30-Feb-2020',
      'a SEARCH UNKNOWNKEY',
      'a LOGIN "unterminated',
      'a LOGIN "bad \\escape"',
      'a AUTHENTICATE PLAIN !!!',
      'a NOOP extra',
      'a UID NOOP',
      'a SELECT INBOX (FOO)',
      'a APPEND INBOX',
      'a APPEND INBOX "bad date" {1}',
      'a  NOOP',
    ];
    for (const line of bad) {
      const evs = parseAll(`${line}\r\n`);
      expect(
        kinds(evs).filter((k) => k.startsWith('error')),
        line,
      ).toHaveLength(1);
      for (const e of evs) if (e.type === 'error') expect(e.error.tag, line).toBe('a');
    }
  });
});

describe('chunking invariance on hostile input', () => {
  const hostile = fc.oneof(
    fc.uint8Array({ maxLength: 120 }),
    fc
      .array(
        fc.oneof(
          fc.constantFrom(
            'a1 NOOP\r\n',
            'a2 LOGIN {3}\r\n',
            'a3 APPEND x {5+}\r\n',
            '~{2}\r\n',
            'IDLE\r\n',
            'DONE\r\n',
            'b AUTHENTICATE PLAIN\r\n',
            '*\r\n',
            '{999}\r\n',
            '\n',
            '\r',
            ' ',
            'x'.repeat(30),
          ),
          fc.string({ maxLength: 8 }),
        ),
        { maxLength: 12 },
      )
      .map((parts) => enc(parts.join(''))),
  );
  it('any split of any bytes gives the same events (lenient, tight limits)', () => {
    fc.assert(
      fc.property(hostile, fc.array(fc.nat(), { maxLength: 6 }), (bytes, rawCuts) => {
        const options = { limits: { maxLineLength: 24, maxLiteralSize: 16, maxPayloadSize: 64 } };
        const cuts = rawCuts.map((c) => c % (bytes.length + 1));
        expect(plain(chunked(bytes, cuts, options))).toEqual(plain(parseAll(bytes, options)));
      }),
      { numRuns: scaledRuns(400) },
    );
  });
});

describe('totality', () => {
  const check = (bytes: Uint8Array, options?: ImapCommandParserOptions): void => {
    const p = new ImapCommandParser(options);
    try {
      p.push(bytes);
      p.end();
    } catch (e) {
      expect((e as Error).name).toBe('ParseError');
      expect(options?.strict).toBe(true);
    }
  };

  it('random bytes: only events (lenient) or a ParseError (strict)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, strict) => {
        check(bytes, { strict, limits: { maxLiteralSize: 1000 } });
      }),
      { numRuns: scaledRuns(300) },
    );
  });

  it('mutated valid traffic', () => {
    const mutation = fc.record({
      at: fc.nat(),
      byte: fc.integer({ min: 0, max: 255 }),
      kind: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(
        imapCommandValue(),
        fc.array(mutation, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (cmd, muts, strict) => {
          let bytes = serializeCommandBytes(cmd, { literalPlus: true });
          for (const m of muts) {
            const at = m.at % (bytes.length + 1);
            if (m.kind === 0)
              bytes = concat([bytes.subarray(0, at), Uint8Array.of(m.byte), bytes.subarray(at)]);
            else if (m.kind === 1) bytes = concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
            else if (at < bytes.length)
              bytes = concat([bytes.subarray(0, at), Uint8Array.of(m.byte), bytes.subarray(at + 1)]);
          }
          check(bytes, { strict, limits: { maxLiteralSize: 100_000 } });
          // lenient: whatever came before, the parser resynchronises on the next command
          const p = new ImapCommandParser({ limits: { maxLiteralSize: 100_000 } });
          p.push(bytes);
          p.cancelIdle();
          p.authenticateDone();
          p.resumeAfterStarttls();
          const after = p.push(enc('\r\nz9 NOOP\r\n'));
          if (p.mode === 'command') {
            // the injected CRLF may end a pending line or a pending literal; then z9 parses
            const last = after[after.length - 1];
            if (last?.type === 'command') expect(last.command).toEqual({ tag: 'z9', name: 'NOOP' });
          }
        },
      ),
      { numRuns: scaledRuns(300) },
    );
  });
});
