import { ParseError } from '@mailwire/core';
import { expect } from 'vitest';
import type { ImapResponse, ImapResponseEvent } from '../src/index';
import { ImapResponseParser, type ImapResponseParserOptions } from '../src/index';

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** All events of `input` pushed as one chunk, then end(). */
export function parse(input: string | Uint8Array, options?: ImapResponseParserOptions): ImapResponseEvent[] {
  const p = new ImapResponseParser(options);
  const bytes = typeof input === 'string' ? enc(input) : input;
  return [...p.push(bytes), ...p.end()];
}

/** The responses only (throws if there is an error event). */
export function responses(input: string | Uint8Array, options?: ImapResponseParserOptions): ImapResponse[] {
  const out: ImapResponse[] = [];
  for (const e of parse(input, options)) {
    if (e.type === 'error') throw e.error;
    if (e.type === 'response') out.push(e.response);
  }
  return out;
}

/** The single response of `line` (CRLF appended), asserting no warnings or errors. */
export function one(line: string, options?: ImapResponseParserOptions): ImapResponse {
  const evs = parse(`${line}\r\n`, { strict: true, ...options });
  if (evs.length !== 1 || evs[0]?.type !== 'response')
    throw new Error(`expected one response, got ${JSON.stringify(evs, big)}`);
  return evs[0].response;
}

export function big(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? dec(v) : v;
}

export function kinds(evs: ImapResponseEvent[]): string[] {
  return evs.map((e) =>
    e.type === 'warning' ? `warning:${e.code}` : e.type === 'error' ? `error:${e.error.code}` : e.type,
  );
}

/** Events with byte values made comparable across chunkings (chunks of one body joined). */
export function normalise(evs: ImapResponseEvent[]): unknown[] {
  const out: unknown[] = [];
  for (const e of evs) {
    const last = out[out.length - 1] as { type?: string; data?: string } | undefined;
    if (e.type === 'bodyChunk' && last?.type === 'bodyChunk') {
      last.data += dec(e.data);
      continue;
    }
    out.push(JSON.parse(JSON.stringify(e, big)));
  }
  return out;
}

/** The ParseError a strict parse of `input` throws (a test failure when it throws none). */
export function strictError(input: string | Uint8Array, options?: ImapResponseParserOptions): ParseError {
  try {
    parse(input, { ...options, strict: true });
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(
    `strict parse did not throw: ${typeof input === 'string' ? JSON.stringify(input) : 'bytes'}`,
  );
}

/** The ParseError a strict parse of one `line` (CRLF appended) throws. */
export function thrown(line: string, options?: ImapResponseParserOptions): ParseError {
  return strictError(`${line}\r\n`, options);
}

/** The error is `code` at `offset`, its message naming what was wrong (`what`). */
export function expectError(e: ParseError, code: string, what: string, offset: number): void {
  expect(e.code).toBe(code);
  expect(e.offset).toBe(offset);
  expect(e.message.startsWith(`imap: ${what} at byte ${offset}`), e.message).toBe(true);
}
