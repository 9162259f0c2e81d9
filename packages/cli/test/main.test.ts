import { readFileSync } from 'node:fs';
import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_PARSE_ERROR, EXIT_USAGE, main, type ParserRegistry } from '../src/main';
import type { CliEvent, CliStreamParser, ParseCliOptions } from '../src/parse/types';
import { VERSION } from '../src/version';
import { memoryIo } from './helpers';

/**
 * A small real parser for the frame's own tests: one `line` event per LF-terminated line,
 * an `error` event for a line reading "bad", a thrown ParseError in strict mode, and an
 * error at end() when the input stops inside a line.
 */
function lineParser(options: ParseCliOptions): CliStreamParser {
  let pending = '';
  let offset = 0;
  const decoder = new TextDecoder();
  const lines = (text: string): CliEvent[] => {
    const events: CliEvent[] = [];
    pending += text;
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line === 'bad') {
        const error = new ParseError({
          protocol: 'core',
          code: 'BAD_SYNTAX',
          message: 'bad line',
          offset,
          excerpt: line,
        });
        if (options.strict) throw error;
        events.push({ type: 'error', error });
      } else {
        events.push({
          type: 'line',
          text: line,
          bytes: new TextEncoder().encode(line),
          side: options.side,
          commands: options.commands,
          greeting: options.greeting,
        });
      }
      offset += nl + 1;
      nl = pending.indexOf('\n');
    }
    return events;
  };
  return {
    push: (chunk) => lines(decoder.decode(chunk, { stream: true })),
    end: () =>
      pending === ''
        ? []
        : [
            {
              type: 'error',
              error: new ParseError({
                protocol: 'core',
                code: 'UNEXPECTED_EOF',
                message: 'input ends inside a line',
                offset,
              }),
            },
          ],
  };
}

const registry: ParserRegistry = { test: lineParser };

describe('mailwire command line', () => {
  it('prints the version of package.json with --version and exits 0', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const m = memoryIo();
    expect(await main(['--version'], m.io, registry)).toBe(EXIT_OK);
    expect(m.stdout().trim()).toBe(pkg.version);
    expect(VERSION).toBe(pkg.version);
  });

  it('prints help naming the parse command with --help and exits 0', async () => {
    const m = memoryIo();
    expect(await main(['--help'], m.io, registry)).toBe(EXIT_OK);
    expect(m.stdout()).toMatch(/Usage: mailwire/);
    expect(m.stdout()).toMatch(/parse/);
  });

  it('treats no command, an unknown command and an unknown option as usage errors (exit 2)', async () => {
    for (const argv of [[], ['frobnicate'], ['parse', '--protocol', 'test', '--bogus', 'x']]) {
      const m = memoryIo({ x: 'a\n' });
      expect(await main(argv, m.io, registry)).toBe(EXIT_USAGE);
      expect(m.stderr()).not.toBe('');
    }
  });

  it('requires --protocol and only accepts known protocols and sides', async () => {
    for (const argv of [
      ['parse', 'x'],
      ['parse', '--protocol', 'gopher', 'x'],
      ['parse', '--protocol', 'test', '--side', 'middle', 'x'],
    ]) {
      const m = memoryIo({ x: 'a\n' });
      expect(await main(argv, m.io, registry)).toBe(EXIT_USAGE);
      expect(m.stdout()).toBe('');
    }
  });

  it('reports an unreadable file as a usage error naming the file', async () => {
    const m = memoryIo();
    expect(await main(['parse', '--protocol', 'test', 'missing.txt'], m.io, registry)).toBe(EXIT_USAGE);
    expect(m.stderr()).toMatch(/cannot read missing\.txt/);
  });

  it('prints one JSON object per event and exits 0 on clean input', async () => {
    const m = memoryIo({ 'cap.txt': 'one\ntwo\nthree\n' });
    expect(await main(['parse', '--protocol', 'test', 'cap.txt'], m.io, registry)).toBe(EXIT_OK);
    const events = m.events();
    expect(events.map((e) => e.text)).toEqual(['one', 'two', 'three']);
    // bytes render as text when they are valid UTF-8
    expect(events[0]?.bytes).toBe('one');
    expect(m.stdout().endsWith('\n')).toBe(true);
  });

  it('reads standard input for - and by default, and passes side, greeting and commands through', async () => {
    const m = memoryIo({ '-': 'x\n' });
    const argv = ['parse', '-p', 'test', '--side', 'client', '--greeting', '-c', 'RETR 1', '-c', 'LIST'];
    expect(await main(argv, m.io, registry)).toBe(EXIT_OK);
    expect(m.events()).toEqual([
      { type: 'line', text: 'x', bytes: 'x', side: 'client', commands: ['RETR 1', 'LIST'], greeting: true },
    ]);
  });

  it('exits 1 when any parse error occurred, after printing every event (lenient)', async () => {
    const m = memoryIo({ f: 'a\nbad\nb\n' });
    expect(await main(['parse', '-p', 'test', 'f'], m.io, registry)).toBe(EXIT_PARSE_ERROR);
    const events = m.events();
    expect(events.map((e) => e.type)).toEqual(['line', 'error', 'line']);
    expect(events[1]?.error).toMatchObject({
      name: 'ParseError',
      code: 'BAD_SYNTAX',
      offset: 2,
      excerpt: 'bad',
    });
    expect(m.stderr()).toMatch(/1 parse error/);
  });

  it('stops at the first error in strict mode and still prints it', async () => {
    const m = memoryIo({ f: 'a\nbad\nb\n' }, 1);
    expect(await main(['parse', '-p', 'test', '--strict', 'f'], m.io, registry)).toBe(EXIT_PARSE_ERROR);
    expect(m.events().map((e) => e.type)).toEqual(['line', 'error']);
  });

  it('reports input cut short at the end as an error', async () => {
    const m = memoryIo({ f: 'a\nunterminated' });
    expect(await main(['parse', '-p', 'test', 'f'], m.io, registry)).toBe(EXIT_PARSE_ERROR);
    expect(m.events().at(-1)?.error).toMatchObject({ code: 'UNEXPECTED_EOF' });
  });
});
