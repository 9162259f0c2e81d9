import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DotStuffer,
  DotUnstuffer,
  type DotUnstuffResult,
  dotStuff,
  dotUnstuff,
  ParseError,
  ReceiveBuffer,
} from '../src/index';
import { caught } from './caught';
import { bytes, chunkSizes, concat, framingBytes, split, str } from './chunking';

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;

// ------------------------------------------------------------ reference models (obvious, slow)

/** Bare CR and bare LF to CRLF, and a final CRLF if the body has bytes and does not end with one. */
function normalise(b: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    const c = b[i] as number;
    if (c === CR) {
      out.push(CR, LF);
      if (b[i + 1] === LF) i++;
    } else if (c === LF) out.push(CR, LF);
    else out.push(c);
  }
  if (out.length > 0 && !(out[out.length - 2] === CR && out[out.length - 1] === LF)) out.push(CR, LF);
  return Uint8Array.from(out);
}

/** RFC 5321 §4.5.2 by the letter, line by line. */
function referenceStuff(b: Uint8Array): Uint8Array {
  const text = str(normalise(b));
  const lines = text.length === 0 ? [] : text.slice(0, -2).split('\r\n');
  return bytes(`${lines.map((l) => `${l.startsWith('.') ? '.' : ''}${l}\r\n`).join('')}.\r\n`);
}

interface RefResult {
  body: string;
  done: boolean;
  consumed: number;
  terminator?: 'CRLF' | 'LF';
}

/**
 * What a streaming decoder has delivered of an unterminated last line: all of it, except that
 * a leading '.' is dropped, and "." or ".\r" is held back (it may still become the terminator).
 */
function partial(line: string): string {
  if (line === '.' || line === '.\r') return '';
  return line.startsWith('.') ? line.slice(1) : line;
}

/** Line-based unstuffer: strict splits at CRLF only, lenient at any LF. */
function referenceUnstuff(input: Uint8Array, lenient: boolean): RefResult {
  const s = str(input);
  let body = '';
  let at = 0;
  let prevCRLF = true;
  for (;;) {
    let end: number; // index just past the line end
    let content: string;
    let crlf: boolean;
    if (lenient) {
      const lf = s.indexOf('\n', at);
      if (lf === -1) return { body: body + partial(s.slice(at)), done: false, consumed: s.length };
      end = lf + 1;
      crlf = lf > at && s[lf - 1] === '\r';
      content = s.slice(at, crlf ? lf - 1 : lf);
    } else {
      const crlfAt = s.indexOf('\r\n', at);
      if (crlfAt === -1) return { body: body + partial(s.slice(at)), done: false, consumed: s.length };
      end = crlfAt + 2;
      crlf = true;
      content = s.slice(at, crlfAt);
    }
    if (content === '.') {
      return { body, done: true, consumed: end, terminator: prevCRLF && crlf ? 'CRLF' : 'LF' };
    }
    const line = s.slice(at, end);
    body += line.startsWith('.') ? line.slice(1) : line;
    prevCRLF = crlf;
    at = end;
  }
}

/** Feeds chunks the way a codec does; returns the body, done, total consumed and what was left. */
function runDecoder(
  chunks: readonly Uint8Array[],
  options: ConstructorParameters<typeof DotUnstuffer>[0] = {},
): {
  body: string;
  done: boolean;
  consumed: number;
  terminator?: 'CRLF' | 'LF';
  leftover: string;
  pieces: number;
} {
  const dec = new DotUnstuffer(options);
  let body = '';
  let consumed = 0;
  let leftover = '';
  let pieces = 0;
  let last: DotUnstuffResult | undefined;
  for (const chunk of chunks) {
    if (last?.done) {
      leftover += str(chunk);
      continue;
    }
    last = dec.push(chunk);
    expect(last.consumed).toBeLessThanOrEqual(chunk.length);
    if (!last.done) expect(last.consumed).toBe(chunk.length);
    for (const piece of last.data) {
      expect(piece.length).toBeGreaterThan(0);
      // Zero copy: a view of the pushed chunk, except the one held-back CR of a split ".\r".
      if (piece.buffer !== chunk.buffer) expect(Array.from(piece)).toEqual([CR]);
      body += str(piece);
      pieces++;
    }
    consumed += last.consumed;
    if (last.done) leftover += str(chunk.subarray(last.consumed));
  }
  expect(dec.offset).toBe(consumed);
  expect(dec.size).toBe(body.length);
  const done = last?.done ?? false;
  return { body, done, consumed, ...(done ? { terminator: dec.terminator! } : {}), leftover, pieces };
}

function encodeChunks(chunks: readonly Uint8Array[]): string {
  const enc = new DotStuffer();
  let out = '';
  for (const c of chunks) out += str(enc.encode(c));
  return out + str(enc.end());
}

// ------------------------------------------------------------ encoder

describe('DotStuffer / dotStuff (RFC 5321 §4.5.2)', () => {
  it('doubles a leading dot and terminates the body', () => {
    expect(str(dotStuff(bytes('Hi\r\n.hidden\r\n..two\r\nmid.dle\r\n')))).toBe(
      'Hi\r\n..hidden\r\n...two\r\nmid.dle\r\n.\r\n',
    );
    expect(str(dotStuff(bytes('.\r\n')))).toBe('..\r\n.\r\n'); // a lone-dot line is not the end
    expect(str(dotStuff(bytes('.')))).toBe('..\r\n.\r\n');
  });

  it('adds CRLF only when the body does not end with one; an empty body is just the terminator', () => {
    expect(str(dotStuff(bytes('')))).toBe('.\r\n');
    expect(str(dotStuff(bytes('no newline')))).toBe('no newline\r\n.\r\n');
    expect(str(dotStuff(bytes('line\r\n')))).toBe('line\r\n.\r\n');
    expect(str(dotStuff(bytes('\r\n')))).toBe('\r\n.\r\n');
  });

  it('normalises bare LF and bare CR to CRLF (RFC 5321 §2.3.8)', () => {
    expect(str(dotStuff(bytes('a\nb\rc\r\n')))).toBe('a\r\nb\r\nc\r\n.\r\n');
    expect(str(dotStuff(bytes('\n.\n')))).toBe('\r\n..\r\n.\r\n'); // smuggling-shaped input is defused
    expect(str(dotStuff(bytes('\r.\r')))).toBe('\r\n..\r\n.\r\n');
    expect(str(dotStuff(bytes('\r\r\n\n')))).toBe('\r\n\r\n\r\n.\r\n');
    expect(str(dotStuff(bytes('x\r')))).toBe('x\r\n.\r\n');
  });

  it('handles chunk boundaries: CR|LF, CR|other, CRLF|dot, CR|dot, LF|dot', () => {
    expect(encodeChunks([bytes('a\r'), bytes('\nb')])).toBe('a\r\nb\r\n.\r\n');
    expect(encodeChunks([bytes('a\r'), bytes('b')])).toBe('a\r\nb\r\n.\r\n');
    expect(encodeChunks([bytes('a\r\n'), bytes('.b')])).toBe('a\r\n..b\r\n.\r\n');
    expect(encodeChunks([bytes('a\r'), bytes('.b')])).toBe('a\r\n..b\r\n.\r\n');
    expect(encodeChunks([bytes('a\r'), bytes('\n'), bytes('.')])).toBe('a\r\n..\r\n.\r\n');
    expect(encodeChunks([bytes('a\n'), bytes('.')])).toBe('a\r\n..\r\n.\r\n');
    expect(encodeChunks([bytes('.'), bytes('.')])).toBe('...\r\n.\r\n');
    expect(encodeChunks([bytes('a'), bytes('.')])).toBe('a.\r\n.\r\n');
    expect(encodeChunks([bytes('a\r'), new Uint8Array(0), bytes('\n')])).toBe('a\r\n.\r\n');
  });

  it('returns the chunk itself when nothing changes (zero copy) and is reusable after end()', () => {
    const enc = new DotStuffer();
    const clean = bytes('Subject: hi\r\n\r\nbody. text\r\n');
    expect(enc.encode(clean)).toBe(clean);
    expect(str(enc.end())).toBe('.\r\n');
    expect(str(enc.encode(bytes('.x')))).toBe('..x');
    expect(str(enc.end())).toBe('\r\n.\r\n');
  });

  it('matches the line-by-line reference for arbitrary bytes', () => {
    fc.assert(
      fc.property(framingBytes(), (b) => {
        expect(str(dotStuff(b))).toBe(str(referenceStuff(b)));
      }),
    );
  });

  it('never emits a bare CR or LF, and the only line holding just "." is the terminator', () => {
    fc.assert(
      fc.property(framingBytes(), (b) => {
        const out = str(dotStuff(b));
        expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
        expect(out.endsWith('\r\n')).toBe(true);
        const lines = out.slice(0, -2).split('\r\n');
        expect(lines.indexOf('.')).toBe(lines.length - 1);
        for (const line of lines.slice(0, -1))
          if (line.startsWith('.')) expect(line.startsWith('..')).toBe(true);
      }),
    );
  });

  it('streams: any chunking gives the same bytes as the whole-body encoder', () => {
    fc.assert(
      fc.property(framingBytes(), chunkSizes, (b, sizes) => {
        expect(encodeChunks(split(b, sizes))).toBe(str(dotStuff(b)));
      }),
    );
  });
});

// ------------------------------------------------------------ decoder

describe('DotUnstuffer / dotUnstuff (RFC 5321 §4.5.2, RFC 1939 §3)', () => {
  it('decodes an RFC 1939 RETR response body and stops at the terminator', () => {
    const wire = bytes(
      'Return-Path: <john@example.com>\r\nSubject: test\r\n\r\n..leading dot\r\n...\r\nend.\r\n.\r\n+OK next\r\n',
    );
    const r = dotUnstuff(wire);
    expect(str(r.body)).toBe(
      'Return-Path: <john@example.com>\r\nSubject: test\r\n\r\n.leading dot\r\n..\r\nend.\r\n',
    );
    expect(str(wire.subarray(r.consumed))).toBe('+OK next\r\n');
    expect(r.terminator).toBe('CRLF');
  });

  it('decodes the RFC 5321 Appendix D.1 DATA exchange as the client would have stuffed it', () => {
    // C: Blah blah blah...  /  C: ...etc. etc. etc.  /  C: .
    const body = bytes('Blah blah blah...\r\n...etc. etc. etc.\r\n');
    const wire = dotStuff(body);
    expect(str(wire)).toBe('Blah blah blah...\r\n....etc. etc. etc.\r\n.\r\n');
    expect(str(dotUnstuff(wire).body)).toBe(str(body));
  });

  it('decodes an empty body (terminator right away)', () => {
    const r = dotUnstuff(bytes('.\r\nrest'));
    expect(r.body.length).toBe(0);
    expect(r.consumed).toBe(3);
  });

  it('removes the first dot of any line with other characters, even without a second dot', () => {
    // RFC 5321 §4.5.2: "If the first character is a period and there are other characters on the line,
    // the first character is deleted."
    expect(str(dotUnstuff(bytes('.abc\r\n.\r\n')).body)).toBe('abc\r\n');
    expect(str(dotUnstuff(bytes('. \r\n.\r\n')).body)).toBe(' \r\n');
  });

  it('delivers a big chunk without line-start dots as one zero-copy view', () => {
    const text = `${'Lorem ipsum dolor sit amet. Consectetur.\r\n'.repeat(2000)}.\r\n`;
    const chunk = bytes(text);
    const r = new DotUnstuffer().push(chunk);
    expect(r.done).toBe(true);
    expect(r.data.length).toBe(1);
    expect(r.data[0]!.buffer).toBe(chunk.buffer);
    expect(r.data[0]!.length).toBe(chunk.length - 3);
  });

  it('splits only at stuffed dots: k stuffed lines give k + 1 views', () => {
    const chunk = bytes('a\r\n..b\r\nc\r\n..d\r\ne\r\n.\r\n');
    const r = new DotUnstuffer().push(chunk);
    expect(r.data.map(str)).toEqual(['a\r\n', '.b\r\nc\r\n', '.d\r\ne\r\n']);
    for (const piece of r.data) expect(piece.buffer).toBe(chunk.buffer);
  });

  describe('strict (default): only CRLF "." CRLF ends the body (SMTP smuggling defence)', () => {
    it.each([
      ['LF . LF', 'a\n.\nMAIL FROM:<evil@example.com>\r\n'],
      ['LF . CRLF', 'a\n.\r\nMAIL FROM:<evil@example.com>\r\n'],
      ['CR . CR', 'a\r.\rMAIL FROM:<evil@example.com>\r\n'],
      ['CRLF . LF', 'a\r\n.\nMAIL FROM:<evil@example.com>\r\n'],
      ['CR . CRLF', 'a\r.\r\nMAIL FROM:<evil@example.com>\r\n'],
    ])('%s inside a body does not end it', (_name, smuggled) => {
      const wire = bytes(`${smuggled}real end\r\n.\r\n`);
      for (const sizes of [[], [1], [2], [3]]) {
        const r = runDecoder(split(wire, sizes));
        expect(r.done).toBe(true);
        expect(r.consumed).toBe(wire.length);
        expect(r.terminator).toBe('CRLF');
        expect(r.body).toContain('MAIL FROM:<evil@example.com>\r\nreal end\r\n');
      }
    });

    it('keeps bare-LF dots as body bytes (not line starts in strict mode)', () => {
      expect(str(dotUnstuff(bytes('a\n..b\r\n.\r\n')).body)).toBe('a\n..b\r\n');
      expect(str(dotUnstuff(bytes('a\r\n.\nb\r\n.\r\n')).body)).toBe('a\r\n\nb\r\n');
    });
  });

  describe('lenient: bare-LF forms end the body too and say so', () => {
    // Seen from old POP3 servers and Unix-mailbox gateways that write LF line ends.
    it.each([
      ['LF . LF', 'line\n.\n', 'line\n'],
      ['LF . CRLF', 'line\n.\r\n', 'line\n'],
      ['CRLF . LF', 'line\r\n.\n', 'line\r\n'],
      ['LF-only body with a stuffed dot', 'a\n..b\n.\n', 'a\n.b\n'],
    ])('%s ends with terminator LF', (_name, wire, body) => {
      for (const sizes of [[], [1], [2]]) {
        const r = runDecoder(split(bytes(`${wire}NEXT`), sizes), { lenient: true });
        expect(r).toMatchObject({ done: true, terminator: 'LF', body, leftover: 'NEXT' });
      }
    });

    it('reports CRLF for the standard terminator', () => {
      expect(runDecoder([bytes('x\r\n.\r\n')], { lenient: true }).terminator).toBe('CRLF');
      expect(dotUnstuff(bytes('.\n'), { lenient: true }).terminator).toBe('LF');
    });

    it('never ends at CR . CR', () => {
      expect(runDecoder([bytes('a\r.\rb\r\n.\r\n')], { lenient: true }).body).toBe('a\r.\rb\r\n');
    });
  });

  it('handles a terminator split at every position', () => {
    const wire = bytes('abc\r\n.\r\nXY');
    for (let cut = 0; cut <= wire.length; cut++) {
      const r = runDecoder([wire.subarray(0, cut), wire.subarray(cut)]);
      expect(r).toMatchObject({ body: 'abc\r\n', done: true, consumed: 8, leftover: 'XY' });
    }
  });

  it('delivers the CR of a ".\\r" split from a non-LF byte', () => {
    const r = runDecoder([bytes('a\r\n.\r'), bytes('b\r\n.\r\n')]);
    expect(r.body).toBe('a\r\n\rb\r\n');
  });

  it('matches the line-based reference for any bytes and any chunking (both modes)', () => {
    fc.assert(
      fc.property(framingBytes(), chunkSizes, fc.boolean(), (input, sizes, lenient) => {
        const ref = referenceUnstuff(input, lenient);
        const got = runDecoder(split(input, sizes), { lenient });
        expect(got.done).toBe(ref.done);
        expect(got.body).toBe(ref.body);
        expect(got.consumed).toBe(ref.consumed);
        expect(got.terminator).toBe(ref.terminator);
        expect(got.leftover).toBe(str(input.subarray(ref.consumed)));
      }),
    );
  });

  it('cuts a single chunk only at removed dots: pieces <= removed dots + 1', () => {
    fc.assert(
      fc.property(framingBytes(), fc.boolean(), (input, lenient) => {
        const got = runDecoder([input], { lenient });
        const terminatorBytes = got.done
          ? got.terminator === 'CRLF'
            ? 3
            : str(input.subarray(0, got.consumed)).endsWith('.\r\n')
              ? 3
              : 2
          : 0;
        // Bytes consumed but not delivered: removed dots, the terminator, and a held-back "." / ".\r".
        const undelivered = got.consumed - terminatorBytes - got.body.length;
        expect(undelivered).toBeGreaterThanOrEqual(0);
        expect(got.pieces).toBeLessThanOrEqual(undelivered + 1);
      }),
    );
  });

  it('reports the exact end: random bytes after the terminator are untouched', () => {
    fc.assert(
      fc.property(
        framingBytes(),
        fc.uint8Array({ maxLength: 30 }),
        chunkSizes,
        fc.boolean(),
        (b, trailer, sizes, lenient) => {
          const stuffed = dotStuff(b);
          const got = runDecoder(split(concat([stuffed, trailer]), sizes), { lenient });
          expect(got.done).toBe(true);
          expect(got.consumed).toBe(stuffed.length);
          expect(got.leftover).toBe(str(trailer));
          expect(got.terminator).toBe('CRLF');
        },
      ),
    );
  });

  it('round-trips: unstuff(stuff(b)) == b for bodies with CRLF line ends', () => {
    const line = fc
      .array(fc.oneof(fc.constant(DOT), fc.constant(DOT), fc.integer({ min: 0, max: 255 })), { maxLength: 8 })
      .map((l) => l.filter((c) => c !== CR && c !== LF));
    // Complete CRLF lines, optionally followed by an unterminated last line.
    const crlfBody = fc
      .tuple(fc.array(line, { maxLength: 12 }), fc.option(line, { nil: undefined }))
      .map(([lines, last]) => Uint8Array.from([...lines.flatMap((l) => [...l, CR, LF]), ...(last ?? [])]));
    fc.assert(
      fc.property(crlfBody, chunkSizes, fc.boolean(), (b, sizes, lenient) => {
        const stuffed = dotStuff(b);
        const text = str(b);
        // The encoder completes an unterminated last line; otherwise the body comes back unchanged.
        const expected = text === '' || text.endsWith('\r\n') ? text : `${text}\r\n`;
        const dotLines = `\r\n${expected}`.split('\r\n.').length - 1;
        expect(stuffed.length).toBe(expected.length + dotLines + 3);
        expect(str(dotUnstuff(stuffed, { lenient }).body)).toBe(expected);
        const streamed = runDecoder(split(stuffed, sizes), { lenient });
        expect(streamed).toMatchObject({
          body: expected,
          done: true,
          consumed: stuffed.length,
          terminator: 'CRLF',
        });
      }),
    );
  });

  it('round-trips arbitrary bytes to their CRLF-normalised form, streaming both ways', () => {
    fc.assert(
      fc.property(framingBytes(), chunkSizes, chunkSizes, fc.boolean(), (b, encSizes, decSizes, lenient) => {
        const enc = new DotStuffer();
        const stuffedPieces = split(b, encSizes).map((c) => enc.encode(c));
        stuffedPieces.push(enc.end());
        const stuffed = concat(stuffedPieces);
        const got = runDecoder(split(stuffed, decSizes), { lenient });
        expect(got.done).toBe(true);
        expect(got.body).toBe(str(normalise(b)));
        expect(got.leftover).toBe('');
      }),
    );
  });

  it('throws only ParseError for any input, and PAYLOAD_TOO_LARGE past maxSize', () => {
    fc.assert(
      fc.property(
        framingBytes(),
        chunkSizes,
        fc.boolean(),
        fc.integer({ min: 0, max: 50 }),
        (input, sizes, lenient, maxSize) => {
          const dec = new DotUnstuffer({ lenient, maxSize });
          let delivered = 0;
          try {
            for (const chunk of split(input, sizes)) {
              const r = dec.push(chunk);
              for (const d of r.data) delivered += d.length;
              if (r.done) break;
            }
            dec.end();
            expect(delivered).toBeLessThanOrEqual(maxSize);
          } catch (e) {
            expect(e).toBeInstanceOf(ParseError);
            expect(['PAYLOAD_TOO_LARGE', 'UNEXPECTED_EOF']).toContain((e as ParseError).code);
          }
        },
      ),
    );
  });

  it('enforces maxSize on the unstuffed body with a stream offset', () => {
    const err = caught(() =>
      new DotUnstuffer({ maxSize: 4, protocol: 'pop3', offset: 100 }).push(bytes('12345\r\n.\r\n')),
    );
    expect(err).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', protocol: 'pop3', offset: 100 });
    // Stuffing dots do not count: "..." unstuffs to "..".
    expect(str(dotUnstuff(bytes('..\r\n.\r\n'), { maxSize: 4 }).body)).toBe('.\r\n');
  });

  it('end() throws UNEXPECTED_EOF before the terminator and is quiet after it', () => {
    const dec = new DotUnstuffer({ protocol: 'smtp' });
    dec.push(bytes('partial\r\n.'));
    const err = caught(() => dec.end());
    expect(err).toMatchObject({ code: 'UNEXPECTED_EOF', protocol: 'smtp', offset: 10 });
    expect(dec.push(bytes('\r\n')).done).toBe(true);
    expect(() => dec.end()).not.toThrow();
    expect(caught(() => dotUnstuff(bytes('no end\r\n'))).code).toBe('UNEXPECTED_EOF');
  });

  it('refuses pushes after the end until reset()', () => {
    const dec = new DotUnstuffer();
    expect(dec.push(bytes('.\r\n')).done).toBe(true);
    expect(caught(() => dec.push(bytes('x'))).code).toBe('INVALID_STATE');
    dec.reset();
    expect(dec.done).toBe(false);
    const r = dec.push(bytes('..x\r\n.\r\n'));
    expect(r.data.map(str).join('')).toBe('.x\r\n');
    expect(dec.offset).toBe(11);
  });

  it('works in the codec loop over a ReceiveBuffer (POP3 RETR then the next response)', () => {
    const buf = new ReceiveBuffer();
    const wire = bytes('+OK 12 octets\r\nhello\r\n..dot\r\n.\r\n+OK bye\r\n');
    const pieces: string[] = [];
    for (const chunk of split(wire, [4, 1, 6])) {
      buf.push(chunk);
    }
    expect(str(buf.readLine()!.bytes)).toBe('+OK 12 octets');
    const dec = new DotUnstuffer();
    let done = false;
    for (let c = buf.peekChunk(); c && !done; c = buf.peekChunk()) {
      const r = dec.push(c);
      buf.skip(r.consumed);
      pieces.push(...r.data.map(str));
      done = r.done;
    }
    expect(done).toBe(true);
    expect(pieces.join('')).toBe('hello\r\n.dot\r\n');
    expect(str(buf.readLine()!.bytes)).toBe('+OK bye');
  });
});
