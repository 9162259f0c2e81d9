import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type ExpectKind,
  type Pop3Command,
  Pop3CommandParser,
  Pop3ResponseParser,
  type Pop3ResponseParserOptions,
} from '../src/index';
import { bytes, feed, mergeBodyChunks } from './event-helpers';

/** Events with body chunks merged and errors reduced to code + offset (excerpts show chunk-local bytes). */
function canonical(events: readonly { type: string }[]): unknown {
  return (mergeBodyChunks(events as never) as { type: string; error?: { message: string } }[]).map((e) =>
    e.type === 'error' ? { type: 'error', code: /\[([A-Z_]+)\]$/.exec(e.error?.message ?? '')?.[1] } : e,
  );
}

interface Case {
  name: string;
  input: Uint8Array;
  expect: (ExpectKind | Pop3Command)[];
  options?: Pop3ResponseParserOptions;
}

const session = new Uint8Array(readFileSync(new URL('../../../examples/pop3-session.txt', import.meta.url)));
const sessionCommands: Pop3Command[] = [
  { name: 'USER', user: 'bob' },
  { name: 'PASS', password: 'x' },
  { name: 'STAT' },
  { name: 'LIST' },
  { name: 'TOP', msg: 1, lines: 2 },
  { name: 'RETR', msg: 1 },
  { name: 'DELE', msg: 1 },
  { name: 'QUIT' },
];

const cases: Case[] = [
  { name: 'seed session, whole bodies', input: session, expect: ['greeting', ...sessionCommands] },
  {
    name: 'seed session, streamed bodies',
    input: session,
    expect: ['greeting', ...sessionCommands],
    options: { bodyThreshold: 50 },
  },
  {
    name: 'dot-stuffing and the terminator',
    input: bytes('+OK\r\n..\r\n...x\r\n.\r\r\n\r\n.\r\n+OK\r\n.\r\n+OK end\r\n'),
    expect: ['multiline-body', 'multiline-body', 'single'],
    options: { bodyThreshold: 3 },
  },
  {
    name: 'lenient body quirks',
    input: bytes('+OK\r\n.a\r\nb\n.c\n..d\r\n.\n-ERR [SYS/TEMP] x\r\n'),
    expect: ['multiline-body', 'single'],
    options: { bodyThreshold: 2 },
  },
  {
    name: 'listings with quirks and errors',
    input: bytes('+OK\r\n1  10\r\nx\r\n.\r\n+OK\n1 a\n.\n+OK\r\nTOP\r\nSASL PLAIN\r\n.\r\n'),
    expect: ['list', 'uidl', 'capa'],
  },
  {
    name: 'AUTH continuations',
    input: bytes('+ PDE4OTY+\r\n+\r\n+OK\r\n'),
    expect: [{ name: 'AUTH', mechanism: 'CRAM-MD5' }],
  },
  {
    name: 'limits',
    input: bytes(`+OK ${'x'.repeat(40)}\r\n+OK\r\n0123456789abcdef\r\n.\r\n+OK\r\n`),
    expect: ['single', 'multiline-body', 'single'],
    options: { limits: { maxLineLength: 20, maxPayloadSize: 10 }, bodyThreshold: 4 },
  },
];

function run(c: Case, cuts: number[]): unknown {
  const p = new Pop3ResponseParser(c.options);
  for (const e of c.expect) {
    if (typeof e === 'string') p.expect(e);
    else p.expectCommand(e);
  }
  return canonical(feed(p, c.input, cuts));
}

// quadratic in a case's size: a mutation run (one test run per mutant) takes every 7th cut;
// the property tests cover chunking there too
const step = process.env.MAILWIRE_MUTATION === '1' ? 7 : 1;

describe('any chunking gives the same events (body chunks merged)', () => {
  for (const c of cases) {
    it(`${c.name}: one cut at every position, and one byte at a time`, () => {
      const whole = run(c, []);
      for (let k = 0; k <= c.input.length; k += step) expect(run(c, [k])).toEqual(whole);
      expect(
        run(
          c,
          Array.from({ length: c.input.length }, (_, i) => i),
        ),
      ).toEqual(whole);
    });
  }

  it('two cuts anywhere inside and around "\\r\\n.\\r\\n"', () => {
    const c = cases[2] as Case;
    const whole = run(c, []);
    for (let i = 0; i <= c.input.length; i++) {
      for (let j = i; j <= c.input.length; j++) expect(run(c, [i, j])).toEqual(whole);
    }
  });

  it('commands: one cut at every position', () => {
    const input = bytes('USER a\r\nPASS b c\r\nAUTH PLAIN\r\nAHUAcA==\r\n*\r\nRETR 1\nTOP 1\r\nQUIT\r\n');
    const parse = (cuts: number[]) => canonical(feed(new Pop3CommandParser(), input, cuts));
    const whole = parse([]);
    for (let k = 0; k <= input.length; k++) expect(parse([k])).toEqual(whole);
  });
});
