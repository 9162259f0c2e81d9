/**
 * The tag an error reports (`error.tag`, README: "the tag of a failed tagged response"):
 * read from the head of the response line by `tagOf` in src/framer.ts, for grammar errors,
 * framing errors (LINE_TOO_LONG, RESPONSE_TOO_LARGE) and a stream cut short (UNEXPECTED_EOF).
 * RFC 3501 §9: tag = 1*<any ASTRING-CHAR except "+">; `*` and `+` start untagged responses
 * and continuation requests, which have no tag.
 */
import type { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { parse, strictError } from './helpers';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

/** The errors of a lenient parse. */
function errors(input: string | Uint8Array, options?: Parameters<typeof parse>[1]): ParseError[] {
  return parse(input, options).flatMap((e) => (e.type === 'error' ? [e.error] : []));
}

describe('tag of a malformed tagged response', () => {
  it.each([
    ['(', 0x28],
    [')', 0x29],
    ['{', 0x7b],
    ['"', 0x22],
    ['\\', 0x5c],
    ['DEL', 0x7f],
    ['8-bit byte', 0xc3],
    ['control byte', 0x01],
  ])('the tag stops before a %s, which no tag can contain', (_name, b) => {
    const e = strictError(bytes('a1', [b], 'x OK done\r\n'));
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.tag).toBe('a1');
  });

  it('a one-character tag is a tag', () => {
    const e = strictError('a FROB x\r\n');
    expect(e.message).toMatch(/tagged response with FROB/);
    expect(e.tag).toBe('a');
  });

  it('a line starting with a space has no tag (not an empty one)', () => {
    const e = strictError(' a1 OK x\r\n');
    expect(e.message).toMatch(/expected a tag/);
    expect(e.tag).toBeUndefined();
    expect(e.toJSON()).not.toHaveProperty('tag');
  });

  it('the tag is read wherever the line starts in the pushed chunk', () => {
    // 72 bytes of good responses first: the failing line starts well into the chunk
    const head = '* 1 EXISTS\r\n'.repeat(6);
    const evs = parse(`${head}a7 FROB x\r\n`);
    const errs = evs.flatMap((e) => (e.type === 'error' ? [e.error] : []));
    expect(errs.map((e) => [e.code, e.tag])).toEqual([['BAD_SYNTAX', 'a7']]);
  });

  it('a tag is reported up to 64 characters: at the bound whole, past it cut to 64', () => {
    const t64 = 'T'.repeat(64);
    expect(strictError(`${t64} FROB x\r\n`).tag).toBe(t64);
    expect(strictError(`${t64}5 FROB x\r\n`).tag).toBe(t64);
  });
});

describe('tag of a framing error', () => {
  it('LINE_TOO_LONG names the tag of a tagged line, complete or still arriving; none for `*`', () => {
    const limits = { maxLineLength: 20 };
    const long = 'x'.repeat(60);
    const complete = errors(`a1 OK ${long}\r\n* 1 EXISTS\r\n`, { limits });
    expect(complete.map((e) => [e.code, e.tag])).toEqual([['LINE_TOO_LONG', 'a1']]);
    const arriving = errors(`b2 OK ${long}`, { limits });
    expect(arriving.map((e) => [e.code, e.tag])).toEqual([['LINE_TOO_LONG', 'b2']]);
    const untagged = errors(`* OK ${long}\r\n`, { limits });
    expect(untagged.map((e) => [e.code, e.tag])).toEqual([['LINE_TOO_LONG', undefined]]);
  });

  it('RESPONSE_TOO_LARGE names the tag of a tagged response', () => {
    const errs = errors(`a1 OK ${'x'.repeat(30)}\r\n`, { limits: { maxResponseSize: 20 } });
    expect(errs.map((e) => [e.code, e.tag, e.offset])).toEqual([['RESPONSE_TOO_LARGE', 'a1', 0]]);
  });

  it('NUL padding before the line does not hide the tag', () => {
    // NUL bytes before a response: some Exchange front ends and broken proxies
    const errs = errors(`\u0000\u0000a1 OK ${'x'.repeat(60)}`, { limits: { maxLineLength: 20 } });
    expect(errs.map((e) => [e.code, e.tag])).toEqual([['LINE_TOO_LONG', 'a1']]);
  });
});

describe('tag of UNEXPECTED_EOF', () => {
  it('a tagged line cut short, after NUL padding, names its tag', () => {
    // NUL bytes before a response: some Exchange front ends and broken proxies
    expect(strictError('\u0000\u0000a1 OK almost').tag).toBe('a1');
  });

  it('an untagged response cut short inside its literal has no tag (`*` is no tag)', () => {
    const e = strictError('* 1 EXISTS\r\n* 2 FETCH (BODY[] {10}\r\nabc');
    expect(e.code).toBe('UNEXPECTED_EOF');
    expect(e.offset).toBe(39);
    expect(e.tag).toBeUndefined();
  });

  it('a continuation request cut short has no tag (`+` is no tag)', () => {
    const e = strictError('+ more');
    expect(e.code).toBe('UNEXPECTED_EOF');
    expect(e.tag).toBeUndefined();
  });
});
