import { readFileSync } from 'node:fs';
import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { createImapParser } from '../src/parse/imap';
import type { CliEvent, ParseCliOptions } from '../src/parse/types';
import { ndjsonLine } from '../src/render';

const example = new Uint8Array(readFileSync(new URL('../../../examples/imap-session.txt', import.meta.url)));

function run(options: Partial<ParseCliOptions>, input: Uint8Array, chunk = input.length || 1): CliEvent[] {
  const parser = createImapParser({
    side: 'server',
    strict: false,
    greeting: false,
    commands: [],
    ...options,
  });
  const out: CliEvent[] = [];
  for (let i = 0; i < input.length; i += chunk) out.push(...parser.push(input.subarray(i, i + chunk)));
  out.push(...parser.end());
  return out;
}

const responseTypes = (events: CliEvent[]) =>
  events.map((e) => (e.type === 'response' ? (e.response as { type: string }).type : e.type));

describe('mailwire parse --protocol imap', () => {
  it('--side server parses the example session strictly, without warnings', () => {
    const events = run({ strict: true }, example);
    expect(events.every((e) => e.type === 'response')).toBe(true);
    expect(responseTypes(events)).toEqual([
      'status',
      'status',
      'capability',
      'status',
      ...Array(6).fill('list'),
      'status',
      'flags',
      'status',
      'exists',
      'recent',
      'status',
      'status',
      'status',
      'status',
      'status',
      'search',
      'status',
      'fetch',
      'status',
      'fetch',
      'status',
      'expunge',
      'status',
      'status',
      'status',
    ]);
    const fetch = events[22]?.response as { items: Array<{ name: string; data?: Uint8Array }> };
    expect(fetch.items.map((i) => i.name)).toEqual(['UID', 'RFC822.SIZE', 'FLAGS', 'BODY[]']);
    expect(fetch.items[3]?.data?.length).toBe(684);
    expect(events[9]).toMatchObject({ response: { mailbox: { name: 'Projekte/Entwürfe' } } });
    // the same events whatever the chunking
    expect(run({ strict: true }, example, 13).map((e) => ndjsonLine(e))).toEqual(
      events.map((e) => ndjsonLine(e)),
    );
  });

  it('every event renders as one NDJSON line (bigints, dates and bytes included)', () => {
    for (const e of run({}, example)) {
      const line = ndjsonLine(e);
      expect(line.indexOf('\n')).toBe(line.length - 1);
      expect(JSON.parse(line).type).toBe(e.type);
    }
  });

  it('malformed input gives error events in lenient mode and throws in strict mode', () => {
    const bad = new TextEncoder().encode('* 1 FETCH (UID x)\r\na1 OK fine\r\n');
    const events = run({}, bad);
    expect(events.map((e) => e.type)).toEqual(['error', 'response']);
    expect(() => run({ strict: true }, bad)).toThrow(ParseError);
  });

  it('--side client parses commands, announces synchronizing literals, and survives a bad command', () => {
    const input = new TextEncoder().encode(
      'a1 LOGIN alice {6}\r\nsecret\r\na2 SELECT INBOX\r\na3 FROB\r\na4 UID FETCH 1:* (FLAGS BODY.PEEK[HEADER])\r\n',
    );
    for (const chunk of [input.length, 1]) {
      const events = run({ side: 'client' }, input, chunk);
      expect(events.map((e) => e.type)).toEqual([
        'continuation-needed',
        'command',
        'command',
        'error',
        'command',
      ]);
      expect(events[0]).toMatchObject({ tag: 'a1', size: 6 });
      expect(events[1]).toMatchObject({ command: { name: 'LOGIN', tag: 'a1' } });
      expect(events[3]).toMatchObject({ error: { tag: 'a3' } });
      expect(events[4]).toMatchObject({ command: { name: 'FETCH', uid: true, tag: 'a4' } });
    }
    expect(() => run({ side: 'client', strict: true }, new TextEncoder().encode('a3 FROB\r\n'))).toThrow(
      ParseError,
    );
  });
});
