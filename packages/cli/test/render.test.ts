import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { ndjsonLine, toJsonValue } from '../src/render';

describe('NDJSON rendering of events', () => {
  it('renders valid UTF-8 bytes as text and anything else as base64', () => {
    expect(toJsonValue(new TextEncoder().encode('héllo'))).toBe('héllo');
    expect(toJsonValue(new Uint8Array([0xff, 0x00, 0x41]))).toEqual({ base64: '/wBB' });
  });

  it('renders errors, bigints, dates, maps and sets without losing them', () => {
    const error = new ParseError({
      protocol: 'imap',
      code: 'BAD_SYNTAX',
      message: 'x',
      offset: 3,
      tag: 'a1',
    });
    expect(toJsonValue({ error })).toEqual({
      error: {
        name: 'ParseError',
        protocol: 'imap',
        code: 'BAD_SYNTAX',
        message: error.message,
        offset: 3,
        excerpt: '',
        tag: 'a1',
      },
    });
    expect(toJsonValue(2n ** 63n - 1n)).toBe('9223372036854775807');
    expect(toJsonValue(new Date(Date.UTC(2026, 0, 2)))).toBe('2026-01-02T00:00:00.000Z');
    expect(toJsonValue(new Map([['SIZE', 10]]))).toEqual({ SIZE: 10 });
    expect(toJsonValue(new Set(['a', 'b']))).toEqual(['a', 'b']);
  });

  it('drops undefined fields and writes exactly one line per event', () => {
    const line = ndjsonLine({ type: 'x', a: undefined, b: [1, new Uint8Array([0x41])] });
    expect(line).toBe('{"type":"x","b":[1,"A"]}\n');
  });
});
