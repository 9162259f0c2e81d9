import type { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { commandTagOf, IMAP_COMMAND_DEFAULT_LIMITS, ImapCommandParser } from '../../src/commands/index';
import { commandOf, enc, errorOf, kinds, parseAll } from './helpers';

// Framing edges of ImapCommandParser: what is (and is not) a literal announcement, tags,
// offsets across literals / skipped lines / dropped bytes, end-of-stream, strictness,
// modes and the default limits.

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
};

describe('literal announcements at the end of a line (RFC 3501 §9 literal = "{" number "}" CRLF)', () => {
  it('digits and `}` without `{` are an atom, not a literal (`}` is an ATOM-CHAR)', () => {
    const evs = parseAll('a SELECT box3}\r\nb NOOP\r\n', { strict: true });
    expect(kinds(evs)).toEqual(['command', 'command']);
    expect(commandOf(evs[0])).toEqual({ tag: 'a', name: 'SELECT', mailbox: 'box3}' });
  });

  it('`{}` (no digits) is not an announcement: the line is a command of its own, rejected', () => {
    const evs = parseAll('a LOGIN {}\r\nb NOOP\r\n');
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX', 'command']);
    expect(errorOf(evs[0]).tag).toBe('a');
    expect(commandOf(evs[1])).toEqual({ tag: 'b', name: 'NOOP' });
  });

  it('only digits may stand between the braces: `{1.5}`, `{9 0}` are no announcements', () => {
    for (const count of ['1.5', '9 0']) {
      const evs = parseAll(`a LOGIN {${count}}\r\nb NOOP\r\n`);
      expect(kinds(evs), count).toEqual(['error:BAD_SYNTAX', 'command']);
      expect(commandOf(evs[1]), count).toEqual({ tag: 'b', name: 'NOOP' });
    }
  });

  it('`{3` followed by something other than `}` is not an announcement', () => {
    const evs = parseAll('a LOGIN bob {3)\r\nb NOOP\r\n');
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX', 'command']);
    expect(commandOf(evs[1])).toEqual({ tag: 'b', name: 'NOOP' });
  });

  it('a line that is nothing but `{3}` still frames its literal: one error, the stream stays in sync', () => {
    const evs = parseAll('{3}\r\nabc\r\nb NOOP\r\n');
    expect(kinds(evs)).toEqual(['continuation-needed', 'error:BAD_SYNTAX', 'command']);
    expect(evs[0]).toEqual({ type: 'continuation-needed', tag: undefined, size: 3, offset: 0 });
    expect(errorOf(evs[1]).tag).toBeUndefined();
    expect(commandOf(evs[2])).toEqual({ tag: 'b', name: 'NOOP' });
  });
});

describe('the tag of a line (RFC 3501 §9 command = tag SP ...)', () => {
  it('a line starting with SP has no tag: its error carries none', () => {
    const evs = parseAll(' NOOP\r\n');
    expect(kinds(evs)).toEqual(['error:BAD_SYNTAX']);
    expect(errorOf(evs[0]).tag).toBeUndefined();
    expect(commandTagOf(enc(' NOOP\r\n'))).toBeUndefined();
  });

  it('tag characters not followed by SP are no tag (TAB is not a separator; a lone word)', () => {
    for (const line of ['a\tNOOP\r\n', 'a\r\n']) {
      const evs = parseAll(line);
      expect(kinds(evs), JSON.stringify(line)).toEqual(['error:BAD_SYNTAX']);
      expect(errorOf(evs[0]).tag, JSON.stringify(line)).toBeUndefined();
      expect(commandTagOf(enc(line))).toBeUndefined();
    }
    expect(commandTagOf(enc('a1 NOOP\r\n'))).toBe('a1');
  });
});

describe('offsets', () => {
  it('count the literal bytes: the next announcement is at its stream offset', () => {
    const p = new ImapCommandParser();
    // "a LOGIN {3+}\r\n" is 14 bytes, the literal 3: the second line starts at 17
    const evs = p.push(enc('a LOGIN {3+}\r\nbob {3}\r\n'));
    expect(evs).toEqual([{ type: 'continuation-needed', tag: 'a', size: 3, offset: 18 }]);
    expect(p.offset).toBe(23);
    expect(kinds(p.push(enc('pwd\r\n')))).toEqual(['command']);
    expect(p.offset).toBe(28);
  });

  it('count a skipped too long line, also when its LF is the first byte of a chunk', () => {
    const p = new ImapCommandParser({ limits: { maxLineLength: 20 } });
    const long = `a1 SEARCH TEXT ${'x'.repeat(30)}`;
    expect(kinds(p.push(enc(long)))).toEqual(['error:LINE_TOO_LONG']);
    expect(kinds(p.push(enc('yyy\r')))).toEqual([]);
    expect(p.offset).toBe(long.length + 4);
    const evs = p.push(enc('\nb NOOP\r\n'));
    expect(kinds(evs)).toEqual(['command']);
    expect(commandOf(evs[0])).toEqual({ tag: 'b', name: 'NOOP' });
    expect(p.offset).toBe(long.length + 4 + 9);
    // the next error is placed by the same count (at the end of the unknown name)
    const bad = p.push(enc('c BOGUS\r\n'));
    expect(errorOf(bad[0]).offset).toBe(long.length + 13 + 'c BOGUS'.length);
  });
});

describe('maxLineLength boundary (the limit does not count the line end)', () => {
  it('a line of exactly maxLineLength bytes is accepted, one more is LINE_TOO_LONG', () => {
    const ok = `a1 SELECT ${'x'.repeat(10)}`;
    expect(ok).toHaveLength(20);
    const options = { limits: { maxLineLength: 20 } };
    expect(kinds(parseAll(`${ok}\r\n`, options))).toEqual(['command']);
    const evs = parseAll(`${ok}y\r\nb NOOP\r\n`, options);
    expect(kinds(evs)).toEqual(['error:LINE_TOO_LONG', 'command']);
    const err = errorOf(evs[0]);
    expect(err.message).toMatch(/line longer than 20 bytes/);
    expect(err.protocol).toBe('imap');
    expect(err.tag).toBe('a1');
    expect(err.offset).toBe(0);
  });
});

describe('end of stream', () => {
  it('after a literal, before the rest of the command: UNEXPECTED_EOF with the tag', () => {
    const evs = parseAll('a LOGIN {3+}\r\nbob');
    expect(kinds(evs)).toEqual(['error:UNEXPECTED_EOF']);
    const err = errorOf(evs[0]);
    expect(err.tag).toBe('a');
    expect(err.offset).toBe(17);
    expect(err.protocol).toBe('imap');
    expect(err.message).toMatch(/the stream ended inside a command/);
  });

  it('inside a command already reported (skipped literal): no second error', () => {
    const evs = parseAll('a APPEND x {20+}\r\nabc', { limits: { maxLiteralSize: 10 } });
    expect(kinds(evs)).toEqual(['error:LITERAL_TOO_LARGE']);
  });

  it('inside a too long line already reported: no second error, also outside a command (IDLE)', () => {
    const options = { limits: { maxLineLength: 20 } };
    expect(kinds(parseAll(`a1 SEARCH TEXT ${'x'.repeat(30)}`, options))).toEqual(['error:LINE_TOO_LONG']);
    const p = new ImapCommandParser(options);
    expect(kinds(p.push(enc('a IDLE\r\n')))).toEqual(['command']);
    expect(kinds(p.push(enc('x'.repeat(30))))).toEqual(['error:LINE_TOO_LONG']);
    expect(p.mode).toBe('command');
    expect(p.end()).toEqual([]);
  });

  it('strict: end() throws UNEXPECTED_EOF, and the parser stays failed with that error', () => {
    const p = new ImapCommandParser({ strict: true });
    expect(p.push(enc('a NOO'))).toEqual([]);
    const e = thrown(() => p.end()) as ParseError;
    expect(e.code).toBe('UNEXPECTED_EOF');
    expect(e.tag).toBe('a');
    expect(thrown(() => p.end())).toBe(e);
    expect(thrown(() => p.push(enc('b NOOP\r\n')))).toBe(e);
  });

  it('strict: after a failed push, end() throws the same error', () => {
    const p = new ImapCommandParser({ strict: true });
    const e = thrown(() => p.push(enc('a BOGUS\r\n'))) as ParseError;
    expect(e.code).toBe('BAD_SYNTAX');
    expect(thrown(() => p.end())).toBe(e);
  });
});

describe('STARTTLS: bytes before the handshake (command injection defence)', () => {
  it('are dropped, counted, and shown in the excerpt (first 40 bytes)', () => {
    const p = new ImapCommandParser();
    const injected = `b LOGIN fred ${'s'.repeat(40)}\r\n`;
    const evs = p.push(enc(`a STARTTLS\r\n${injected}`));
    expect(kinds(evs)).toEqual(['command', 'error:UNEXPECTED_DATA']);
    const err = errorOf(evs[1]);
    expect(err.message).toMatch(/data after STARTTLS before the TLS handshake/);
    expect(err.offset).toBe(12);
    expect(err.excerpt).toBe(injected.slice(0, 40));
    expect(p.offset).toBe(12 + injected.length);
    expect(p.mode).toBe('starttls');
    p.resumeAfterStarttls();
    expect(p.mode).toBe('command');
    const after = p.push(enc('c NOOP\r\n'));
    expect(kinds(after)).toEqual(['command']);
    expect(p.offset).toBe(12 + injected.length + 8);
  });
});

describe('mode switches only leave their own mode', () => {
  it('IDLE: authenticateDone() and resumeAfterStarttls() do not end it; cancelIdle() does', () => {
    const p = new ImapCommandParser();
    p.push(enc('a IDLE\r\n'));
    p.authenticateDone();
    p.resumeAfterStarttls();
    expect(p.mode).toBe('idle');
    p.cancelIdle();
    expect(p.mode).toBe('command');
  });

  it('AUTHENTICATE: cancelIdle() and resumeAfterStarttls() do not end it; authenticateDone() does', () => {
    const p = new ImapCommandParser();
    p.push(enc('a AUTHENTICATE PLAIN\r\n'));
    p.cancelIdle();
    p.resumeAfterStarttls();
    expect(p.mode).toBe('authenticate');
    expect(kinds(p.push(enc('AGZyZWQAdGVzdA==\r\n')))).toEqual(['authenticate-response']);
    p.authenticateDone();
    expect(p.mode).toBe('command');
  });

  it('STARTTLS: cancelIdle() and authenticateDone() do not end it; resumeAfterStarttls() does', () => {
    const p = new ImapCommandParser();
    p.push(enc('a STARTTLS\r\n'));
    p.cancelIdle();
    p.authenticateDone();
    expect(p.mode).toBe('starttls');
    expect(kinds(p.push(enc('b NOOP\r\n')))).toEqual(['error:UNEXPECTED_DATA']);
    p.resumeAfterStarttls();
    expect(p.mode).toBe('command');
  });
});

describe('default limits for commands (literals are buffered, so they are bounded)', () => {
  it('are 64 MiB for a literal and for a whole command', () => {
    expect(IMAP_COMMAND_DEFAULT_LIMITS).toMatchObject({
      maxLiteralSize: 64 * 1024 * 1024,
      maxPayloadSize: 64 * 1024 * 1024,
      maxLineLength: 64 * 1024,
    });
  });

  it('a literal one byte over 64 MiB is LITERAL_TOO_LARGE; one that fits it but not the command is PAYLOAD_TOO_LARGE', () => {
    const big = parseAll('a APPEND x {67108865}\r\n');
    expect(kinds(big)).toEqual(['error:LITERAL_TOO_LARGE']);
    expect(errorOf(big[0]).message).toMatch(/literal of 67108865 bytes announced, more than 67108864/);
    const fits = parseAll('a APPEND x {67108864}\r\n');
    expect(kinds(fits)).toEqual(['error:PAYLOAD_TOO_LARGE']);
    expect(errorOf(fits[0]).message).toMatch(/passes 67108864 bytes/);
    const p = new ImapCommandParser();
    expect(p.push(enc('a APPEND x {67108000}\r\n'))).toEqual([
      { type: 'continuation-needed', tag: 'a', size: 67108000, offset: 11 },
    ]);
  });
});
