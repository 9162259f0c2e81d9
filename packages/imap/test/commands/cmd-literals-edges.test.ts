import type { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { type ImapCommandEvent, ImapCommandParser } from '../../src/commands/index';
import { commandOf, dec, enc, errorOf, kinds, parseAll } from './helpers';

// Framing edges of ImapCommandParser: lines over maxLineLength (found while reading, or at
// the LF of a bare-LF line), literal announcements at the end of a skipped line, bare LF
// line ends, the lines after IDLE and AUTHENTICATE, and the literal / payload limits.

describe('a line over maxLineLength, found while it is read', () => {
  it('the error names the tag, the limit and the line offset, with an excerpt of maxLineLength + 1 bytes', () => {
    const evs = parseAll(`a0 NOOP\r\na1 SEARCH TEXT ${'x'.repeat(30)}\r\nb NOOP\r\n`, {
      limits: { maxLineLength: 20 },
    });
    expect(kinds(evs)).toEqual(['command', 'error:LINE_TOO_LONG', 'command']);
    const err = errorOf(evs[1]);
    expect(err.tag).toBe('a1');
    expect(err.offset).toBe(9);
    expect(err.excerpt).toBe('a1 SEARCH TEXT xxxxxx');
    expect(err.message).toMatch(/line longer than 20 bytes/);
    expect(commandOf(evs[2])).toEqual({ tag: 'b', name: 'NOOP' });
  });

  it('the tag and excerpt come from the start of the line however it was chunked', () => {
    const p = new ImapCommandParser({ limits: { maxLineLength: 20 } });
    expect(p.push(enc('a1 SEAR'))).toEqual([]);
    const evs = p.push(enc(`CH TEXT ${'x'.repeat(30)}`));
    expect(kinds(evs)).toEqual(['error:LINE_TOO_LONG']);
    const err = errorOf(evs[0]);
    expect(err.tag).toBe('a1');
    expect(err.offset).toBe(0);
    expect(err.excerpt).toBe('a1 SEARCH TEXT xxxxxx');
    expect(kinds(p.push(enc('\r\nb NOOP\r\n')))).toEqual(['command']);
  });

  it('a continuation line of an already refused command reports nothing more', () => {
    // the LITERAL+ literal over maxLiteralSize is skipped by count (RFC 7888 §4); the line
    // after it is too long too, but the command already has its error
    const evs = parseAll(`a APPEND x {12+}\r\n${'z'.repeat(12)} ${'y'.repeat(30)}\r\nb NOOP\r\n`, {
      limits: { maxLineLength: 20, maxLiteralSize: 10 },
    });
    expect(kinds(evs)).toEqual(['error:LITERAL_TOO_LARGE', 'command']);
    expect(commandOf(evs[1])).toEqual({ tag: 'b', name: 'NOOP' });
  });

  it('during IDLE: the error ends IDLE, the next line is a command', () => {
    const p = new ImapCommandParser({ limits: { maxLineLength: 20 } });
    expect(kinds(p.push(enc('a IDLE\r\n')))).toEqual(['command']);
    expect(p.mode).toBe('idle');
    expect(kinds(p.push(enc('x'.repeat(30))))).toEqual(['error:LINE_TOO_LONG']);
    expect(p.mode).toBe('command');
    const evs = p.push(enc('\r\nb NOOP\r\n'));
    expect(kinds(evs)).toEqual(['command']);
    expect(commandOf(evs[0])).toEqual({ tag: 'b', name: 'NOOP' });
  });

  it('during AUTHENTICATE: the error ends the exchange; a "{2+}" at its end announces nothing (SASL responses have no literals)', () => {
    const p = new ImapCommandParser({ limits: { maxLineLength: 20 } });
    expect(kinds(p.push(enc('a AUTHENTICATE PLAIN\r\n')))).toEqual(['command']);
    const evs = p.push(enc(`${'x'.repeat(30)} {2+}\r\nb NOOP\r\n`));
    expect(kinds(evs)).toEqual(['error:LINE_TOO_LONG', 'command']);
    expect(commandOf(evs[1])).toEqual({ tag: 'b', name: 'NOOP' });
    expect(p.mode).toBe('command');
  });

  it('a skipped line shorter than 32 bytes still has its LITERAL+ announcement seen, whole or in pieces', () => {
    // 28 bytes, over a maxLineLength of 10; the 4 literal bytes are skipped, not parsed
    const input = 'a1 APPEND INBOX (\\Seen) {4+}\r\nabcd\r\nb NOOP\r\n';
    const options = { limits: { maxLineLength: 10 } };
    const whole = parseAll(input, options);
    expect(kinds(whole)).toEqual(['error:LINE_TOO_LONG', 'command']);
    expect(errorOf(whole[0]).excerpt).toBe('a1 APPEND I');
    expect(commandOf(whole[1])).toEqual({ tag: 'b', name: 'NOOP' });
    const p = new ImapCommandParser(options);
    const split = [...p.push(enc(input.slice(0, 5))), ...p.push(enc(input.slice(5))), ...p.end()];
    expect(kinds(split)).toEqual(['error:LINE_TOO_LONG', 'command']);
    expect(errorOf(split[0]).excerpt).toBe('a1 APPEND I');
    expect(errorOf(split[0]).tag).toBe('a1');
  });

  it('a LITERAL+ announcement at the end of a skipped line is seen whatever its leading zeros and chunking', () => {
    // RFC 3501 §9: number = 1*DIGIT, so `{000…04+}` announces 4 bytes; the parser must not
    // take the literal's bytes for commands however long the count is or where it is split
    const options = { limits: { maxLineLength: 20 } };
    for (const announce of [`{${'0'.repeat(40)}4+}`, `~{${'0'.repeat(100)}4+}`, '{4+}', '{12x {4+}']) {
      const input = `a1 APPEND INBOX ${'x'.repeat(30)} ${announce}\r\nab\r\n\r\nb NOOP\r\n`;
      for (let cut = 1; cut < input.length; cut++) {
        const p = new ImapCommandParser(options);
        const evs = [...p.push(enc(input.slice(0, cut))), ...p.push(enc(input.slice(cut))), ...p.end()];
        expect(kinds(evs), `${announce} cut at ${cut}`).toEqual(['error:LINE_TOO_LONG', 'command']);
        expect(commandOf(evs[1])).toEqual({ tag: 'b', name: 'NOOP' });
      }
      // one byte at a time
      const p = new ImapCommandParser(options);
      const evs = [...[...enc(input)].flatMap((b) => p.push(Uint8Array.of(b))), ...p.end()];
      expect(kinds(evs)).toEqual(['error:LINE_TOO_LONG', 'command']);
    }
  });

  it('after a skipped line, a LITERAL+ count up to 2^53 - 1 is skipped by count; a larger one is not followed', () => {
    const options = { limits: { maxLineLength: 20 } };
    const line = (count: string) => `a1 APPEND INBOX ${'x'.repeat(30)} {${count}+}\r\nb NOOP\r\n`;
    // counted off: the next line is taken for the literal's bytes (which never all come)
    expect(kinds(parseAll(line('9007199254740991'), options))).toEqual(['error:LINE_TOO_LONG']);
    // not representable: the parser cannot count it off and reads the next line as a command
    expect(kinds(parseAll(line('9007199254740992'), options))).toEqual(['error:LINE_TOO_LONG', 'command']);
  });

  it('a skipped line ended by `{4+}` and a bare LF, or by other bytes and a bare LF, is told apart', () => {
    const options = { limits: { maxLineLength: 20 } };
    const ended = (end: string) =>
      kinds(parseAll(`a SEARCH TEXT ${'x'.repeat(30)} ${end}\nabcd\r\nb NOOP\r\n`, options));
    // the 4 bytes are the literal's; `x` after the `}`: `abcd` is read as a command line
    expect(ended('{4+}')).toEqual(['error:LINE_TOO_LONG', 'command']);
    expect(ended('{4+}x')).toEqual(['error:LINE_TOO_LONG', 'error:BAD_SYNTAX', 'command']);
  });

  it('a skipped line whose `{n+}` is not at its very end announces nothing', () => {
    const options = { limits: { maxLineLength: 20 } };
    const ends = ['{4+}x', '{4+}\r\r', '{4+}\r5+}', '{4+ }', '{+}', '{4x+}', '{4x}', '{4+x', '{4+}}', '{4}'];
    for (const end of ends) {
      const input = `a1 SEARCH TEXT ${'x'.repeat(30)} ${end}\r\nb NOOP\r\n`;
      // whole, and cut at every byte of the line's end
      for (let cut = input.indexOf('{'); cut <= input.indexOf('\n'); cut++) {
        const p = new ImapCommandParser(options);
        const evs = [...p.push(enc(input.slice(0, cut))), ...p.push(enc(input.slice(cut))), ...p.end()];
        expect(kinds(evs), `${JSON.stringify(end)} cut at ${cut}`).toEqual([
          'error:LINE_TOO_LONG',
          'command',
        ]);
        expect(commandOf(evs[1])).toEqual({ tag: 'b', name: 'NOOP' });
      }
    }
  });

  it('a skipped line ended by a bare LF: its LITERAL+ announcement is seen (lenient)', () => {
    const evs = parseAll(`a SEARCH TEXT ${'x'.repeat(30)} {4+}\nabcd\nb NOOP\r\n`, {
      limits: { maxLineLength: 20 },
    });
    // the literal's bytes are skipped; the bare LF after them ends the refused command
    expect(kinds(evs)).toEqual(['error:LINE_TOO_LONG', 'warning:BARE_LF', 'command']);
    expect(commandOf(evs[2])).toEqual({ tag: 'b', name: 'NOOP' });
  });
});

describe('a bare-LF line of maxLineLength + 1 bytes (over the limit only once its LF is seen)', () => {
  it('exactly maxLineLength bytes is accepted, one more is LINE_TOO_LONG, with either line end', () => {
    const options = { limits: { maxLineLength: 7 } };
    expect(kinds(parseAll('a1 NOOP\r\n', options))).toEqual(['command']);
    expect(kinds(parseAll('a1 NOOP\n', options))).toEqual(['warning:BARE_LF', 'command']);
    expect(kinds(parseAll('a12 NOOP\r\n', options))).toEqual(['error:LINE_TOO_LONG']);
    expect(kinds(parseAll('a12 NOOP\n', options))).toEqual(['warning:BARE_LF', 'error:LINE_TOO_LONG']);
  });

  it('the error names the tag, the limit, the line offset, with an excerpt of the line', () => {
    const evs = parseAll('a0 NOOP\r\na1 NOOP xyz\nb NOOP\r\n', { limits: { maxLineLength: 10 } });
    expect(kinds(evs)).toEqual(['command', 'warning:BARE_LF', 'error:LINE_TOO_LONG', 'command']);
    const err = errorOf(evs[2]);
    expect(err.code).toBe('LINE_TOO_LONG');
    expect(err.tag).toBe('a1');
    expect(err.offset).toBe(9);
    expect(err.excerpt).toBe('a1 NOOP xyz');
    expect(err.message).toMatch(/line longer than 10 bytes/);
    expect(commandOf(evs[3])).toEqual({ tag: 'b', name: 'NOOP' });
  });

  it('as a continuation line of an already refused command: no second error', () => {
    const evs = parseAll(`a APPEND x {6+}\r\nzzzzzz ${'y'.repeat(20)}\nb NOOP\r\n`, {
      limits: { maxLineLength: 20, maxLiteralSize: 5 },
    });
    expect(kinds(evs)).toEqual(['error:LITERAL_TOO_LARGE', 'warning:BARE_LF', 'command']);
  });

  it('its LITERAL+ announcement is skipped with the refused command', () => {
    // 29 bytes and a bare LF, maxLineLength 28: the literal "hi" and the final CRLF belong
    // to the refused command
    const line = 'a12 APPEND INBOX (\\Seen) {2+}';
    expect(line).toHaveLength(29);
    const evs = parseAll(`${line}\nhi\r\nb NOOP\r\n`, { limits: { maxLineLength: 28 } });
    expect(kinds(evs)).toEqual(['warning:BARE_LF', 'error:LINE_TOO_LONG', 'command']);
    expect(errorOf(evs[1]).tag).toBe('a12');
    expect(commandOf(evs[2])).toEqual({ tag: 'b', name: 'NOOP' });
  });
});

describe('bare LF line ends', () => {
  it('lenient: a warning at the LF, and the line is read without it (hand-typed sessions through telnet / nc)', () => {
    const evs = parseAll('a0 NOOP\r\na1 NOOP\nb NOOP\r\n');
    expect(evs).toEqual([
      { type: 'command', command: { tag: 'a0', name: 'NOOP' }, raw: enc('a0 NOOP\r\n') },
      { type: 'warning', code: 'BARE_LF', message: 'line ended by LF without CR', offset: 16 },
      { type: 'command', command: { tag: 'a1', name: 'NOOP' }, raw: enc('a1 NOOP\n') },
      { type: 'command', command: { tag: 'b', name: 'NOOP' }, raw: enc('b NOOP\r\n') },
    ]);
  });

  it('strict: BARE_LF at the LF, after the commands before it', () => {
    const p = new ImapCommandParser({ strict: true });
    let caught: unknown;
    try {
      p.push(enc('a0 NOOP\r\na1 NOOP\n'));
    } catch (e) {
      caught = e;
    }
    const err = caught as ParseError;
    expect(err.code).toBe('BARE_LF');
    expect(err.offset).toBe(16);
    expect(err.message).toMatch(/line ended by LF without CR/);
    expect(kinds(err.eventsBefore as ImapCommandEvent[])).toEqual(['command']);
  });
});

describe('the line after IDLE (RFC 2177) and the lines of AUTHENTICATE (RFC 3501 §6.2.2)', () => {
  it('DONE in any case ends IDLE; a 4-byte line other than DONE, or DONE with more, is an error naming the IDLE tag', () => {
    const p = new ImapCommandParser();
    p.push(enc('a IDLE\r\n'));
    expect(kinds(p.push(enc('done\r\n')))).toEqual(['done']);
    expect(p.mode).toBe('command');
    p.push(enc('b IDLE\r\n'));
    const bad = p.push(enc('DONX\r\n'));
    expect(kinds(bad)).toEqual(['error:BAD_SYNTAX']);
    expect(errorOf(bad[0]).tag).toBe('b');
    expect(errorOf(bad[0]).message).toMatch(/expected DONE to end IDLE/);
    expect(p.mode).toBe('command');
    p.push(enc('c IDLE\r\n'));
    expect(kinds(p.push(enc('DONE now\r\n')))).toEqual(['error:BAD_SYNTAX']);
    p.push(enc('d IDLE\r\n'));
    expect(kinds(p.push(enc('NOOP\r\n')))).toEqual(['error:BAD_SYNTAX']);
  });

  it('only a line that is exactly "*" cancels the exchange; other lines are data for the caller to check', () => {
    const p = new ImapCommandParser();
    p.push(enc('a AUTHENTICATE PLAIN\r\n'));
    const responses = p.push(enc('x\r\n**\r\n*=\r\n'));
    expect(
      responses.map((e) => (e.type === 'authenticate-response' ? [dec(e.data), e.cancelled] : e.type)),
    ).toEqual([
      ['x', false],
      ['**', false],
      ['*=', false],
    ]);
    expect(p.mode).toBe('authenticate');
    expect(p.push(enc('*\r\n'))).toMatchObject([
      { type: 'authenticate-response', tag: 'a', cancelled: true },
    ]);
    expect(p.mode).toBe('command');
  });
});

describe('maxPayloadSize for a whole command', () => {
  it('a line that takes the command past the limit: exactly at it is accepted, one byte more is refused', () => {
    const options = { limits: { maxPayloadSize: 20 } };
    expect(kinds(parseAll('a LOGIN fred secre\r\n', options))).toEqual(['command']);
    const evs = parseAll('a0 NOOP\r\na LOGIN fred secret\r\nb NOOP\r\n', options);
    expect(kinds(evs)).toEqual(['command', 'error:PAYLOAD_TOO_LARGE', 'command']);
    const err = errorOf(evs[1]);
    expect(err.tag).toBe('a');
    expect(err.offset).toBe(9);
    expect(err.message).toMatch(/command larger than 20 bytes/);
    expect(commandOf(evs[2])).toEqual({ tag: 'b', name: 'NOOP' });
  });

  it('a synchronizing literal that would pass the limit is refused at its announcement: no continuation request', () => {
    const evs = parseAll('a0 NOOP\r\na LOGIN {20}\r\nb NOOP\r\n', { limits: { maxPayloadSize: 30 } });
    expect(kinds(evs)).toEqual(['command', 'error:PAYLOAD_TOO_LARGE', 'command']);
    const err = errorOf(evs[1]);
    expect(err.tag).toBe('a');
    expect(err.offset).toBe(17);
    expect(err.excerpt).toBe('{20}');
    expect(err.message).toMatch(/command with a 20 byte literal passes 30 bytes/);
  });

  it('a literal that fills the command exactly to the limit is asked for; the line after it passes the limit', () => {
    const p = new ImapCommandParser({ limits: { maxPayloadSize: 21 } });
    // 17 bytes of line + 4 literal bytes = 21
    expect(p.push(enc('a LOGIN bob {4}\r\n'))).toEqual([
      { type: 'continuation-needed', tag: 'a', size: 4, offset: 12 },
    ]);
    const evs = p.push(enc('pass\r\n'));
    expect(kinds(evs)).toEqual(['error:PAYLOAD_TOO_LARGE']);
    expect(errorOf(evs[0]).message).toMatch(/command larger than 21 bytes/);
    expect(errorOf(evs[0]).offset).toBe(21);
  });
});

describe('maxLiteralSize and LITERAL- (RFC 7888 §4)', () => {
  it('a literal of exactly maxLiteralSize is accepted, one byte more is refused at its announcement', () => {
    const options = { limits: { maxLiteralSize: 5 } };
    const ok = parseAll('a LOGIN {5}\r\nalice {3}\r\npwd\r\n', options);
    expect(kinds(ok)).toEqual(['continuation-needed', 'continuation-needed', 'command']);
    expect(commandOf(ok[2])).toEqual({ tag: 'a', name: 'LOGIN', username: 'alice', password: 'pwd' });
    const evs = parseAll('a0 NOOP\r\na LOGIN {6}\r\nb NOOP\r\n', options);
    expect(kinds(evs)).toEqual(['command', 'error:LITERAL_TOO_LARGE', 'command']);
    const err = errorOf(evs[1]);
    expect(err.tag).toBe('a');
    expect(err.offset).toBe(17);
    expect(err.excerpt).toBe('{6}');
    expect(err.message).toMatch(/literal of 6 bytes announced, more than 5/);
  });

  it('LITERAL-: the error names the size, the 4096 byte bound and where the announcement is', () => {
    const input = `a0 NOOP\r\na APPEND x {4097+}\r\n${'x'.repeat(4097)}\r\nb NOOP\r\n`;
    const evs = parseAll(input, { literalMinus: true });
    expect(kinds(evs)).toEqual(['command', 'error:LITERAL_TOO_LARGE', 'command']);
    const err = errorOf(evs[1]);
    expect(err.offset).toBe(20);
    expect(err.excerpt).toBe('{4097+}');
    expect(err.message).toMatch(
      /non-synchronizing literal of 4097 bytes: LITERAL- allows at most 4096 \(RFC 7888 §4\)/,
    );
  });

  it('the later literals of a refused command are skipped without further errors', () => {
    const input = `a APPEND x {12+}\r\n${'z'.repeat(12)} {11+}\r\n${'y'.repeat(11)}\r\nb NOOP\r\n`;
    const evs = parseAll(input, { limits: { maxLiteralSize: 10 } });
    expect(kinds(evs)).toEqual(['error:LITERAL_TOO_LARGE', 'command']);
    expect(commandOf(evs[1])).toEqual({ tag: 'b', name: 'NOOP' });
  });
});

describe('grammar errors are located in the stream', () => {
  it('in a first line after other commands, and in a line after a literal', () => {
    const first = parseAll('a0 NOOP\r\na1 NOOP extra\r\n');
    expect(kinds(first)).toEqual(['command', 'error:BAD_SYNTAX']);
    expect(errorOf(first[1]).offset).toBe(16);
    // "a LOGIN {3}\r\n" is bytes 0..12, the literal "bob" 13..15, the line " x y" starts at 16:
    // the extra " y" is at 18
    const later = parseAll('a LOGIN {3}\r\nbob x y\r\n');
    expect(kinds(later)).toEqual(['continuation-needed', 'error:BAD_SYNTAX']);
    expect(errorOf(later[1]).offset).toBe(18);
    expect(errorOf(later[1]).message).toMatch(/unexpected data at the end of the command/);
  });
});
