import { afterEach, describe, expect, it, vi } from 'vitest';
import { DotStuffer, DotUnstuffer, type DotUnstuffResult, dotStuff, dotUnstuff } from '../src/index';
import { caught } from './caught';
import { bytes, str } from './chunking';

/** Pushes each chunk in turn (stopping at done) and records every result. */
function pushAll(dec: DotUnstuffer, chunks: readonly Uint8Array[]): DotUnstuffResult[] {
  const results: DotUnstuffResult[] = [];
  for (const c of chunks) {
    const r = dec.push(c);
    results.push(r);
    if (r.done) break;
  }
  return results;
}

const bodyOf = (results: readonly DotUnstuffResult[]): string =>
  results.map((r) => r.data.map(str).join('')).join('');

// ------------------------------------------------------------ encoder

describe('DotStuffer: chunks needing many insertions', () => {
  // The encoder notes up to 4096 insertions per chunk in its first pass and walks the chunk a
  // second time when there are more: both ways must give the same bytes.
  it.each([4095, 4096, 4097])('%i bare LFs in one chunk each get their CR, the text after them kept', (k) => {
    const enc = new DotStuffer();
    const out = enc.encode(bytes(`${'\n'.repeat(k)}tail`));
    expect(out.length).toBe(2 * k + 4);
    expect(str(out)).toBe(`${'\r\n'.repeat(k)}tail`);
    expect(str(enc.end())).toBe('\r\n.\r\n');
  });

  it('exactly 4096 insertions ending the chunk', () => {
    expect(str(dotStuff(bytes('\n'.repeat(4096))))).toBe(`${'\r\n'.repeat(4096)}.\r\n`);
  });

  it('mixes doubled dots, CRs before bare LFs and LFs after bare CRs past 4096 insertions', () => {
    // 2100 ".\n" lines: a dot and a CR inserted per line (4200); then a bare CR before a dot,
    // which gets both a LF and a doubled dot at the same position (RFC 5321 §4.5.2, §2.3.8).
    const body = bytes(`${'.\n'.repeat(2100)}a\r.b tail`);
    const out = new DotStuffer().encode(body);
    expect(str(out)).toBe(`${'..\r\n'.repeat(2100)}a\r\n..b tail`);
  });

  it('streams a many-insertion chunk after a chunk ending in a bare CR', () => {
    const enc = new DotStuffer();
    expect(str(enc.encode(bytes('x\r')))).toBe('x\r');
    const out = enc.encode(bytes(`${'.\n'.repeat(2050)}end`));
    // The held CR was bare: its LF comes first, then the dot line is stuffed.
    expect(str(out)).toBe(`\n${'..\r\n'.repeat(2050)}end`);
    expect(str(enc.end())).toBe('\r\n.\r\n');
  });
});

describe('DotStuffer: a bare CR followed by a dot', () => {
  it('starts a line: the dot after it is doubled (RFC 5321 §4.5.2)', () => {
    expect(str(dotStuff(bytes('a\r.b')))).toBe('a\r\n..b\r\n.\r\n');
    expect(str(dotStuff(bytes('a.\rb')))).toBe('a.\r\nb\r\n.\r\n');
    expect(str(dotStuff(bytes('.\r.\r\n')))).toBe('..\r\n..\r\n.\r\n');
  });
});

describe('DotStuffer: linear work', () => {
  const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as Uint8Array;
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('searches each byte a bounded number of times, however many lines a chunk has', () => {
    // 2000 LF-only lines and no CR: the encoder must not look for a CR again from every line.
    const chunk = bytes('a\n'.repeat(2000));
    const spy = vi.spyOn(typedArrayProto, 'indexOf');
    const out = new DotStuffer().encode(chunk);
    const calls = [...spy.mock.calls];
    const contexts = [...spy.mock.contexts] as Uint8Array[];
    const results = [...spy.mock.results];
    spy.mockRestore();
    let examined = 0;
    for (let k = 0; k < calls.length; k++) {
      const from = (calls[k]?.[1] as number | undefined) ?? 0;
      const found = results[k]?.value as number;
      examined += found === -1 ? (contexts[k]?.length ?? 0) - from : found - from + 1;
    }
    expect(str(out)).toBe('a\r\n'.repeat(2000));
    expect(examined).toBeLessThanOrEqual(3 * chunk.length);
  });
});

// ------------------------------------------------------------ decoder

describe('DotUnstuffer: the terminator split at every position (RFC 5321 §4.5.2)', () => {
  const wire = bytes('ab\r\n.\r\nNEXT');
  // Every pair of cut points, so the CR, the dot, and the CRLF after it each land on a boundary.
  it('gives the same body, consumed count and CRLF terminator for every 3-way split', () => {
    for (let i = 0; i <= wire.length; i++) {
      for (let j = i; j <= wire.length; j++) {
        const chunks = [wire.subarray(0, i), wire.subarray(i, j), wire.subarray(j)];
        const dec = new DotUnstuffer();
        const results = pushAll(dec, chunks);
        const last = results[results.length - 1] as DotUnstuffResult;
        expect(last.done).toBe(true);
        expect(last.terminator).toBe('CRLF');
        expect(bodyOf(results)).toBe('ab\r\n');
        const consumed = results.reduce((s, r) => s + r.consumed, 0);
        expect(consumed).toBe(7);
        expect(dec.offset).toBe(7);
        expect(dec.terminator).toBe('CRLF');
        for (const r of results.slice(0, -1)) expect(r.done).toBe(false);
      }
    }
  });

  it.each([
    // [wire, lenient, done, terminator, body, consumed]
    ['x\r\n.\r\nN', false, true, 'CRLF', 'x\r\n', 6],
    ['x\r\n.\r\nN', true, true, 'CRLF', 'x\r\n', 6],
    ['x\n.\nN', false, false, undefined, 'x\n.\nN', 5],
    ['x\n.\nN', true, true, 'LF', 'x\n', 4],
    ['x\n.\r\nN', false, false, undefined, 'x\n.\r\nN', 6],
    ['x\n.\r\nN', true, true, 'LF', 'x\n', 5],
    ['x\r\n.\nN', false, false, undefined, 'x\r\n\nN', 6],
    ['x\r\n.\nN', true, true, 'LF', 'x\r\n', 5],
    ['x\r.\rN', true, false, undefined, 'x\r.\rN', 5],
  ] as const)('%j lenient=%s: done=%s terminator=%s', (text, lenient, done, terminator, body, consumed) => {
    // Strict: only CRLF "." CRLF ends a body (SMTP smuggling defence); lenient also takes the
    // bare-LF forms that old POP3 servers and Unix-mailbox gateways send.
    const wire = bytes(text);
    for (let cut = 0; cut <= wire.length; cut++) {
      const dec = new DotUnstuffer({ lenient });
      const results = pushAll(dec, [wire.subarray(0, cut), wire.subarray(cut)]);
      const last = results[results.length - 1] as DotUnstuffResult;
      expect(last.done).toBe(done);
      expect(last.terminator).toBe(terminator);
      expect(dec.terminator).toBe(terminator);
      expect(bodyOf(results)).toBe(body);
      expect(dec.offset).toBe(consumed);
    }
  });
});

describe('DotUnstuffer: a held-back line-start dot', () => {
  it('followed by a chunk starting CR and not LF is a stuffed dot: the line goes on', () => {
    const dec = new DotUnstuffer();
    const first = dec.push(bytes('a\r\n.'));
    expect(first).toMatchObject({ consumed: 4, done: false });
    expect(first.data.map(str)).toEqual(['a\r\n']);
    const second = dec.push(bytes('\rX\r\n.\r\nREST'));
    expect(second.done).toBe(true);
    expect(second.consumed).toBe(7);
    expect(second.terminator).toBe('CRLF');
    expect(second.data.map(str).join('')).toBe('\rX\r\n');
    expect(dec.offset).toBe(11);
  });

  it('followed by CR LF in the next chunk is the terminator', () => {
    const dec = new DotUnstuffer();
    dec.push(bytes('a\r\n.'));
    expect(dec.push(bytes('\r\nREST'))).toEqual({ data: [], consumed: 2, done: true, terminator: 'CRLF' });
  });

  it('survives an empty chunk in between', () => {
    const dec = new DotUnstuffer();
    dec.push(bytes('a\r\n.'));
    expect(dec.push(new Uint8Array(0))).toEqual({ data: [], consumed: 0, done: false });
    expect(dec.push(bytes('\r\n'))).toMatchObject({ done: true, consumed: 2, terminator: 'CRLF' });
  });

  it('an empty chunk after a line end keeps the line start', () => {
    const dec = new DotUnstuffer();
    expect(dec.push(bytes('a\r\n')).consumed).toBe(3);
    expect(dec.push(new Uint8Array(0))).toEqual({ data: [], consumed: 0, done: false });
    expect(dec.push(bytes('.\r\n'))).toMatchObject({ done: true, consumed: 3, terminator: 'CRLF' });
    expect(dec.offset).toBe(6);
  });
});

describe('DotUnstuffer.pushWithoutLineStartDot', () => {
  it('refuses a chunk after the terminator like push', () => {
    const dec = new DotUnstuffer({ offset: 40 });
    expect(dec.push(bytes('.\r\n')).done).toBe(true);
    const err = caught(() => dec.pushWithoutLineStartDot(bytes('body\r\n')));
    expect(err).toMatchObject({ code: 'INVALID_STATE', protocol: 'core', offset: 43 });
  });

  it('resolves a dot left open by the previous chunk', () => {
    const dec = new DotUnstuffer();
    dec.push(bytes('a\r\n.'));
    expect(dec.pushWithoutLineStartDot(bytes('\r\nNEXT'))).toEqual({
      data: [],
      consumed: 2,
      done: true,
      terminator: 'CRLF',
    });
  });

  it('takes an empty chunk without losing the line start', () => {
    const dec = new DotUnstuffer();
    dec.pushWithoutLineStartDot(bytes('a\r\n'));
    expect(dec.pushWithoutLineStartDot(new Uint8Array(0))).toEqual({ data: [], consumed: 0, done: false });
    expect(dec.push(bytes('.\r\n'))).toMatchObject({ done: true, consumed: 3 });
  });
});

describe('DotUnstuffer errors', () => {
  it('names protocol core by default', () => {
    expect(caught(() => new DotUnstuffer().end()).protocol).toBe('core');
    expect(caught(() => new DotUnstuffer({ maxSize: 1 }).push(bytes('ab'))).protocol).toBe('core');
  });

  it('INVALID_STATE after the end: message and stream offset', () => {
    const dec = new DotUnstuffer({ offset: 100 });
    expect(dec.push(bytes('ab\r\n.\r\nX')).consumed).toBe(7);
    const err = caught(() => dec.push(bytes('X')));
    expect(err.code).toBe('INVALID_STATE');
    expect(err.message).toMatch(/already ended/);
    expect(err.message).toMatch(/reset\(\)/);
    expect(err.offset).toBe(107);
  });

  it('UNEXPECTED_EOF names the missing "." line, at the stream offset reached', () => {
    const dec = new DotUnstuffer({ offset: 50, protocol: 'pop3' });
    dec.push(bytes('line\r\n'));
    const err = caught(() => dec.end());
    expect(err).toMatchObject({ code: 'UNEXPECTED_EOF', protocol: 'pop3', offset: 56 });
    expect(err.message).toMatch(/no terminating "\." line/);
  });

  it('maxSize: a body of exactly maxSize bytes passes, one more byte fails', () => {
    // maxSize counts unstuffed body bytes (line ends included, terminator not).
    const wire = bytes('abc\r\n.\r\n');
    const at = dotUnstuff(wire, { maxSize: 5 });
    expect(str(at.body)).toBe('abc\r\n');
    expect(at.consumed).toBe(8);
    const err = caught(() => dotUnstuff(wire, { maxSize: 4 }));
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.message).toMatch(/larger than 4 bytes/);
    expect(err.offset).toBe(0);
  });

  it('PAYLOAD_TOO_LARGE points at the piece that crossed the limit, as a stream offset', () => {
    const dec = new DotUnstuffer({ maxSize: 9, offset: 100 });
    expect(dec.push(bytes('ab\r\n')).consumed).toBe(4); // 4 body bytes
    // "xy\r\n" (4 more, 8 in all) passes; the stuffed dot at chunk index 4 is dropped; the
    // piece from index 5 (stream 100 + 4 + 5) takes the body past 9 bytes.
    const err = caught(() => dec.push(bytes('xy\r\n..toolong\r\n')));
    expect(err).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', offset: 109 });
    expect(err.message).toMatch(/larger than 9 bytes/);
  });

  it('PAYLOAD_TOO_LARGE at a CR held back across chunks points at that CR', () => {
    // body "a\r\n" then a stuffed dot and a CR of body data at stream byte 100 + 4: the CR
    // crosses maxSize 3 wherever the input is cut (it was placed at the next chunk's start)
    const input = bytes('a\r\n.\rX\r\n.\r\n');
    for (let cut = 1; cut < input.length; cut++) {
      const dec = new DotUnstuffer({ maxSize: 3, offset: 100 });
      const err = caught(() => pushAll(dec, [input.subarray(0, cut), input.subarray(cut)]));
      expect(err, `cut ${cut}`).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', offset: 104 });
    }
  });
});

describe('dotUnstuff whole-body helper', () => {
  it('returns a view of the input when no dot had to be removed', () => {
    const wire = bytes('hello\r\nworld\r\n.\r\n+OK');
    const r = dotUnstuff(wire);
    expect(str(r.body)).toBe('hello\r\nworld\r\n');
    expect(r.body.buffer).toBe(wire.buffer);
    expect(r.body.byteOffset).toBe(0);
    expect(r.consumed).toBe(17);
    expect(r.terminator).toBe('CRLF');
  });

  it('reports the LF terminator in lenient mode', () => {
    const r = dotUnstuff(bytes('a\n..b\n.\nNEXT'), { lenient: true });
    expect(str(r.body)).toBe('a\n.b\n');
    expect(r.consumed).toBe(8);
    expect(r.terminator).toBe('LF');
  });
});
