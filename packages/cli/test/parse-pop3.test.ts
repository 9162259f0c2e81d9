import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPop3Parser } from '../src/parse/pop3';
import type { CliEvent, ParseCliOptions } from '../src/parse/types';

const example = new Uint8Array(readFileSync(new URL('../../../examples/pop3-session.txt', import.meta.url)));

/** The --command list that parses examples/pop3-session.txt (with --greeting). */
const SESSION_COMMANDS = ['USER bob', 'PASS secret', 'STAT', 'LIST', 'TOP 1 2', 'RETR 1', 'DELE 1', 'QUIT'];

function run(options: Partial<ParseCliOptions>, input: Uint8Array): CliEvent[] {
  const parser = createPop3Parser({
    side: 'server',
    strict: false,
    greeting: false,
    commands: [],
    ...options,
  });
  return [...parser.push(input), ...parser.end()];
}

describe('mailwire parse --protocol pop3', () => {
  it('--side server --greeting --command ... parses the example session without warnings', () => {
    const events = run({ greeting: true, commands: SESSION_COMMANDS, strict: true }, example);
    expect(events.map((e) => e.type)).toEqual(Array(9).fill('response'));
    expect(events.map((e) => e.kind)).toEqual([
      'greeting',
      'single',
      'single',
      'stat',
      'list',
      'multiline-body',
      'multiline-body',
      'single',
      'single',
    ]);
    expect(events[6]).toMatchObject({ command: { name: 'RETR', msg: 1 } });
    expect(events[6]?.body).toBeInstanceOf(Uint8Array);
    expect((events[6]?.body as Uint8Array | undefined)?.length).toBe(413);
  });

  it('after the named commands, responses are single-line', () => {
    const events = run(
      { commands: ['LIST'] },
      new TextEncoder().encode('+OK\r\n1 2\r\n.\r\n+OK a\r\n+OK b\r\n'),
    );
    expect(events.map((e) => e.kind)).toEqual(['list', 'single', 'single']);
  });

  it('without --command a multi-line answer is misread: error events, not a crash', () => {
    const events = run({ greeting: true }, example);
    expect(events.some((e) => e.type === 'error')).toBe(true);
  });

  it('strict mode throws the ParseError', () => {
    const parser = createPop3Parser({ side: 'server', strict: true, greeting: false, commands: [] });
    expect(() => parser.push(new TextEncoder().encode('garbage\r\n'))).toThrow(/BAD_SYNTAX/);
  });

  it('a --command that is no POP3 command is INVALID_ARGUMENT', () => {
    expect(() => run({ commands: ['RETR x'] }, new Uint8Array(0))).toThrow(/INVALID_ARGUMENT/);
  });

  it('--side client parses commands', () => {
    const events = run({ side: 'client' }, new TextEncoder().encode('USER bob\r\nRETR 1\r\nQUIT\r\n'));
    expect(events.map((e) => e.command)).toEqual([
      { name: 'USER', user: 'bob' },
      { name: 'RETR', msg: 1 },
      { name: 'QUIT' },
    ]);
  });
});
