// Findings of the imap-responses fuzz target, fixed; each stays a test.
import { describe, expect, it } from 'vitest';
import type { ImapResponse } from '../src/index';
import { ImapResponseParser, serializeResponse } from '../src/index';

function parseOne(bytes: Uint8Array): ImapResponse {
  const events = new ImapResponseParser().push(bytes);
  const r = events.find((e) => e.type === 'response');
  if (r?.type !== 'response') throw new Error(`no response in ${JSON.stringify(events)}`);
  return r.response;
}

describe('IMAP fuzz regressions', () => {
  it('writes the raw bytes of an unknown FETCH item back exactly (8-bit, invalid UTF-8)', () => {
    const wire = Uint8Array.from('* 1 FETCH (X-FOO "\xb8")\r\n', (c) => c.charCodeAt(0));
    const first = parseOne(wire);
    expect(serializeResponse(first)).toEqual(wire);
    expect(parseOne(serializeResponse(first))).toEqual(first);
  });
});

describe('IMAP framing fuzz regressions', () => {
  it('names the tag of an unfinished tagged response the same for any chunking', () => {
    const input = new TextEncoder().encode('ab1 OK');
    const tagOf = (chunks: Uint8Array[]): string | undefined => {
      const p = new ImapResponseParser();
      for (const c of chunks) p.push(c);
      const e = p.end().find((x) => x.type === 'error');
      return e?.type === 'error' ? e.error.tag : undefined;
    };
    expect(tagOf([input])).toBe('ab1');
    expect(tagOf([input.subarray(0, 1), input.subarray(1)])).toBe('ab1');
    expect(tagOf([...input].map((b) => Uint8Array.of(b)))).toBe('ab1');
  });
});
