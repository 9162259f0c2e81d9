import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Line, ParseError, ReceiveBuffer } from '../src/index';
import { caught } from './caught';
import { bytes, chunkSizes, framingBytes, split, str } from './chunking';

interface RefLine {
  text: string;
  offset: number;
  bareLF: boolean;
}

/** The obvious, whole-input line splitter the streaming buffer must agree with. */
function referenceLines(input: Uint8Array, allowBareLF: boolean): { lines: RefLine[]; rest: number } {
  const lines: RefLine[] = [];
  let start = 0;
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== 0x0a) continue;
    const hasCR = i > start && input[i - 1] === 0x0d;
    if (!hasCR && !allowBareLF) continue;
    lines.push({ text: str(input.subarray(start, hasCR ? i - 1 : i)), offset: start, bareLF: !hasCR });
    start = i + 1;
  }
  return { lines, rest: input.length - start };
}

function drain(buf: ReceiveBuffer, into: RefLine[]): void {
  for (let line: Line | undefined = buf.readLine(); line; line = buf.readLine()) {
    into.push({ text: str(line.bytes), offset: line.offset, bareLF: line.bareLF });
  }
}

describe('ReceiveBuffer lines', () => {
  it('reads CRLF lines as zero-copy views of the pushed chunk', () => {
    const chunk = bytes('220 mail.example.org ESMTP\r\n\r\n250 OK\r\n');
    const buf = new ReceiveBuffer();
    buf.push(chunk);
    const first = buf.readLine()!;
    expect(str(first.bytes)).toBe('220 mail.example.org ESMTP');
    expect(first.bytes.buffer).toBe(chunk.buffer);
    expect(first.bytes.byteOffset).toBe(0);
    expect(first).toMatchObject({ offset: 0, bareLF: false });
    expect(buf.readLine()).toMatchObject({ offset: 28, bareLF: false });
    const third = buf.readLine()!;
    expect(str(third.bytes)).toBe('250 OK');
    expect(third.bytes.byteOffset).toBe(30);
    expect(buf.readLine()).toBeUndefined();
    expect(buf.length).toBe(0);
    expect(buf.offset).toBe(chunk.length);
  });

  it('joins a line split across chunks, including a CR|LF split', () => {
    const buf = new ReceiveBuffer();
    buf.push(bytes('+OK POP3 '));
    expect(buf.readLine()).toBeUndefined();
    buf.push(bytes('ready\r'));
    expect(buf.readLine()).toBeUndefined();
    buf.push(bytes('\n+OK'));
    const line = buf.readLine()!;
    expect(str(line.bytes)).toBe('+OK POP3 ready');
    expect(line.bareLF).toBe(false);
    expect(buf.length).toBe(3);
    expect(buf.offset).toBe(16);
  });

  it('keeps a bare LF inside the line by default (the codec decides)', () => {
    const buf = new ReceiveBuffer();
    buf.push(bytes('a\nb\r\n\nc\r\n'));
    expect(str(buf.readLine()!.bytes)).toBe('a\nb');
    expect(str(buf.readLine()!.bytes)).toBe('\nc');
    expect(buf.readLine()).toBeUndefined();
  });

  it('with allowBareLF ends lines at a lone LF too and says so', () => {
    const buf = new ReceiveBuffer({ allowBareLF: true });
    buf.push(bytes('a\nb\r\n\n\r'));
    expect(buf.readLine()).toMatchObject({ offset: 0, bareLF: true });
    expect(buf.readLine()).toMatchObject({ offset: 2, bareLF: false });
    const empty = buf.readLine()!;
    expect(empty).toMatchObject({ offset: 5, bareLF: true });
    expect(empty.bytes.length).toBe(0);
    expect(buf.readLine()).toBeUndefined();
    buf.push(bytes('\n'));
    expect(buf.readLine()).toMatchObject({ offset: 6, bareLF: false });
  });

  it('re-scans for a lone LF when allowBareLF is switched on', () => {
    const buf = new ReceiveBuffer();
    buf.push(bytes('a\nb'));
    expect(buf.readLine()).toBeUndefined();
    buf.allowBareLF = true;
    expect(buf.allowBareLF).toBe(true);
    expect(str(buf.readLine()!.bytes)).toBe('a');
    buf.allowBareLF = false;
    buf.push(bytes('\nc\r\n'));
    expect(str(buf.readLine()!.bytes)).toBe('b\nc');
  });

  it('gives the same lines for any chunking of any input (CRLF mode and bare-LF mode)', () => {
    fc.assert(
      fc.property(framingBytes(), chunkSizes, fc.boolean(), (input, sizes, allowBareLF) => {
        const expected = referenceLines(input, allowBareLF);
        const buf = new ReceiveBuffer({ allowBareLF });
        const got: RefLine[] = [];
        for (const chunk of split(input, sizes)) {
          buf.push(chunk);
          drain(buf, got);
        }
        expect(got).toEqual(expected.lines);
        expect(buf.length).toBe(expected.rest);
        expect(str(buf.takeAll())).toBe(str(input.subarray(input.length - expected.rest)));
      }),
    );
  });

  it('gives the same lines when everything is pushed before reading', () => {
    fc.assert(
      fc.property(framingBytes(), chunkSizes, fc.boolean(), (input, sizes, allowBareLF) => {
        const buf = new ReceiveBuffer({ allowBareLF });
        for (const chunk of split(input, sizes)) buf.push(chunk);
        const got: RefLine[] = [];
        drain(buf, got);
        expect(got).toEqual(referenceLines(input, allowBareLF).lines);
      }),
    );
  });
});

describe('ReceiveBuffer line length limit', () => {
  it('accepts a line of exactly maxLineLength bytes', () => {
    const buf = new ReceiveBuffer({ maxLineLength: 4 });
    for (const b of bytes('abcd\r\n')) {
      buf.push(Uint8Array.of(b));
      if (b !== 0x0a) expect(buf.readLine()).toBeUndefined();
    }
    expect(str(buf.readLine()!.bytes)).toBe('abcd');
  });

  it('throws LINE_TOO_LONG as soon as an unterminated line passes the limit', () => {
    const buf = new ReceiveBuffer({ maxLineLength: 4, protocol: 'smtp' });
    for (const b of bytes('abcd\r')) {
      buf.push(Uint8Array.of(b));
      expect(buf.readLine()).toBeUndefined(); // a trailing CR may still be half of CRLF
    }
    buf.push(bytes('x'));
    const err = caught(() => buf.readLine());
    expect(err.code).toBe('LINE_TOO_LONG');
    expect(err.protocol).toBe('smtp');
    expect(err.offset).toBe(0);
    expect(err.excerpt).toBe('abcd\\rx');
    expect(buf.length).toBe(6); // nothing consumed
  });

  it('throws for a complete line over the limit without consuming it, and discardLine resynchronises', () => {
    const buf = new ReceiveBuffer({ maxLineLength: 4 });
    buf.push(bytes('ok\r\ntoo long\r\nfine\r\n'));
    expect(str(buf.readLine()!.bytes)).toBe('ok');
    expect(caught(() => buf.readLine()).offset).toBe(4);
    expect(caught(() => buf.readLine()).code).toBe('LINE_TOO_LONG'); // still there
    expect(buf.discardLine()).toBe(true);
    expect(buf.readLine()).toMatchObject({ offset: 14 });
    expect(buf.readLine()).toBeUndefined();
  });

  it('discardLine drops an over-long line that is still arriving', () => {
    const buf = new ReceiveBuffer({ maxLineLength: 3 });
    buf.push(bytes('aaaaaa'));
    expect(() => buf.readLine()).toThrow(ParseError);
    expect(buf.discardLine()).toBe(false);
    expect(buf.length).toBe(0);
    buf.push(bytes('a\nstill long\r'));
    expect(buf.discardLine()).toBe(false); // a bare LF is not a line end
    buf.push(bytes('\nOK\r\n'));
    expect(buf.discardLine()).toBe(true);
    expect(str(buf.readLine()!.bytes)).toBe('OK');
  });

  it('never holds more than the limit plus one chunk before throwing, for any input', () => {
    fc.assert(
      fc.property(
        framingBytes(120),
        chunkSizes,
        fc.boolean(),
        fc.integer({ min: 0, max: 6 }),
        (input, sizes, allowBareLF, max) => {
          const buf = new ReceiveBuffer({ allowBareLF, maxLineLength: max });
          const ref = referenceLines(input, allowBareLF);
          const got: RefLine[] = [];
          let error: ParseError | undefined;
          for (const chunk of split(input, sizes)) {
            buf.push(chunk);
            try {
              drain(buf, got);
            } catch (e) {
              expect(e).toBeInstanceOf(ParseError);
              error = e as ParseError;
              expect(error.code).toBe('LINE_TOO_LONG');
              expect(buf.length - chunk.length).toBeLessThanOrEqual(max + 1);
              break;
            }
          }
          const firstLong = ref.lines.findIndex((l) => l.text.length > max);
          if (firstLong >= 0) {
            expect(error?.offset).toBe(ref.lines[firstLong]!.offset);
            expect(got).toEqual(ref.lines.slice(0, firstLong));
          } else {
            const tail = input.subarray(input.length - ref.rest);
            const pending = tail.length - (tail[tail.length - 1] === 0x0d ? 1 : 0);
            expect(error !== undefined).toBe(pending > max);
            expect(got).toEqual(ref.lines);
          }
        },
      ),
    );
  });
});

describe('ReceiveBuffer counted bytes', () => {
  it('reads an IMAP literal between lines: view when contiguous, copy when split', () => {
    const chunk = bytes('* 1 FETCH (BODY[] {5}\r\nhello)\r\n');
    const buf = new ReceiveBuffer();
    buf.push(chunk);
    expect(str(buf.readLine()!.bytes)).toBe('* 1 FETCH (BODY[] {5}');
    const literal = buf.readBytes(5)!;
    expect(str(literal)).toBe('hello');
    expect(literal.buffer).toBe(chunk.buffer);
    expect(buf.readLine()).toMatchObject({ offset: 28 });

    buf.push(bytes('wor'));
    expect(buf.readBytes(5)).toBeUndefined();
    expect(buf.length).toBe(3); // nothing consumed
    buf.push(bytes('ld!'));
    const split = buf.readBytes(5)!;
    expect(str(split)).toBe('world');
    expect(buf.offset).toBe(chunk.length + 5);
    expect(buf.readBytes(0)!.length).toBe(0);
    expect(str(buf.takeAll())).toBe('!');
  });

  it('peeks, skips, reads chunks and takes all', () => {
    const a = bytes('abc');
    const b = bytes('defg');
    const buf = new ReceiveBuffer();
    expect(buf.peekChunk()).toBeUndefined();
    expect(buf.readChunk(10)).toBeUndefined();
    expect(buf.takeAll().length).toBe(0);
    buf.push(a);
    buf.push(new Uint8Array(0)); // ignored
    buf.push(b);
    expect(buf.length).toBe(7);
    const peek = buf.peekChunk()!;
    expect(str(peek)).toBe('abc');
    expect(peek.buffer).toBe(a.buffer);
    buf.skip(2);
    expect(str(buf.peekChunk()!)).toBe('c');
    expect(str(buf.readChunk(10)!)).toBe('c'); // never crosses a chunk
    const part = buf.readChunk(2)!;
    expect(str(part)).toBe('de');
    expect(part.buffer).toBe(b.buffer);
    expect(buf.offset).toBe(5);
    expect(() => buf.skip(3)).toThrow(RangeError);
    expect(() => buf.readBytes(-1)).toThrow(RangeError);
    expect(() => buf.skip(0.5)).toThrow(RangeError);
    expect(str(buf.takeAll())).toBe('fg');
    expect(buf.length).toBe(0);
    expect(buf.offset).toBe(7);
  });

  it('takeAll across chunks returns one copy (STARTTLS: bytes after the go-ahead)', () => {
    const buf = new ReceiveBuffer();
    buf.push(bytes('220 Go ahead\r\nEHLO'));
    buf.push(bytes(' injected\r\n'));
    expect(str(buf.readLine()!.bytes)).toBe('220 Go ahead');
    expect(str(buf.takeAll())).toBe('EHLO injected\r\n');
  });

  it('mixed reads at arbitrary chunkings agree with a flat model', () => {
    type Op = { kind: 'line' } | { kind: 'bytes'; n: number } | { kind: 'chunk'; n: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.constant<Op>({ kind: 'line' }),
      fc.integer({ min: 0, max: 9 }).map<Op>((n) => ({ kind: 'bytes', n })),
      fc.integer({ min: 1, max: 9 }).map<Op>((n) => ({ kind: 'chunk', n })),
    );
    fc.assert(
      fc.property(framingBytes(120), chunkSizes, fc.array(op, { maxLength: 40 }), (input, sizes, ops) => {
        const buf = new ReceiveBuffer();
        for (const chunk of split(input, sizes)) buf.push(chunk);
        const flat = str(input);
        let at = 0;
        for (const o of ops) {
          if (o.kind === 'line') {
            const end = flat.indexOf('\r\n', at);
            const line = buf.readLine();
            if (end === -1) expect(line).toBeUndefined();
            else {
              expect(line && str(line.bytes)).toBe(flat.slice(at, end));
              expect(line?.offset).toBe(at);
              at = end + 2;
            }
          } else if (o.kind === 'bytes') {
            const got = buf.readBytes(o.n);
            if (at + o.n > flat.length) expect(got).toBeUndefined();
            else {
              expect(got && str(got)).toBe(flat.slice(at, at + o.n));
              at += o.n;
            }
          } else {
            const got = buf.readChunk(o.n);
            if (at === flat.length) expect(got).toBeUndefined();
            else {
              expect(got!.length).toBeGreaterThan(0);
              expect(got!.length).toBeLessThanOrEqual(o.n);
              expect(str(got!)).toBe(flat.slice(at, at + got!.length));
              at += got!.length;
            }
          }
          expect(buf.offset).toBe(at);
          expect(buf.length).toBe(flat.length - at);
        }
      }),
    );
  });
});

describe('ReceiveBuffer against a flat model', () => {
  type Op =
    | { kind: 'push'; n: number }
    | { kind: 'line' }
    | { kind: 'discard' }
    | { kind: 'bytes'; n: number }
    | { kind: 'skip'; n: number }
    | { kind: 'toggle' };
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 8 }).map<Op>((n) => ({ kind: 'push', n })) },
    { weight: 4, arbitrary: fc.constant<Op>({ kind: 'line' }) },
    { weight: 1, arbitrary: fc.constant<Op>({ kind: 'discard' }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 5 }).map<Op>((n) => ({ kind: 'bytes', n })) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }).map<Op>((n) => ({ kind: 'skip', n })) },
    { weight: 1, arbitrary: fc.constant<Op>({ kind: 'toggle' }) },
  );

  it('interleaved pushes, reads, skips, discards and mode switches agree with the model', () => {
    fc.assert(
      fc.property(
        framingBytes(150),
        fc.array(op, { maxLength: 60 }),
        fc.integer({ min: 0, max: 8 }),
        (input, ops, max) => {
          const flat = str(input);
          let allowBareLF = false;
          const buf = new ReceiveBuffer({ maxLineLength: max });
          let pushed = 0; // model: flat[0..pushed) has been pushed
          let at = 0; // model: next unread index
          for (const o of ops) {
            switch (o.kind) {
              case 'push': {
                const end = Math.min(flat.length, pushed + o.n);
                buf.push(input.subarray(pushed, end));
                pushed = end;
                break;
              }
              case 'toggle':
                allowBareLF = !allowBareLF;
                buf.allowBareLF = allowBareLF;
                break;
              case 'line': {
                const avail = flat.slice(0, pushed);
                let lf = avail.indexOf('\n', at);
                while (lf !== -1 && !allowBareLF && !(lf > at && avail[lf - 1] === '\r'))
                  lf = avail.indexOf('\n', lf + 1);
                let tooLong: boolean;
                let expected: RefLine | undefined;
                if (lf === -1) {
                  const rest = avail.slice(at);
                  tooLong = rest.length - (rest.endsWith('\r') ? 1 : 0) > max;
                } else {
                  const crlf = lf > at && avail[lf - 1] === '\r';
                  const text = avail.slice(at, crlf ? lf - 1 : lf);
                  tooLong = text.length > max;
                  expected = { text, offset: at, bareLF: !crlf };
                }
                if (tooLong) {
                  expect(caught(() => buf.readLine())).toMatchObject({ code: 'LINE_TOO_LONG', offset: at });
                } else {
                  const line = buf.readLine();
                  expect(line && { text: str(line.bytes), offset: line.offset, bareLF: line.bareLF }).toEqual(
                    expected,
                  );
                  if (lf !== -1) at = lf + 1;
                }
                break;
              }
              case 'discard': {
                const avail = flat.slice(0, pushed);
                let lf = avail.indexOf('\n', at);
                // A CR consumed just before counts: discardLine continues a line across calls.
                while (lf !== -1 && !allowBareLF && !(lf > 0 && avail[lf - 1] === '\r'))
                  lf = avail.indexOf('\n', lf + 1);
                expect(buf.discardLine()).toBe(lf !== -1);
                at = lf === -1 ? pushed : lf + 1;
                break;
              }
              case 'bytes': {
                const got = buf.readBytes(o.n);
                if (at + o.n > pushed) expect(got).toBeUndefined();
                else {
                  expect(got && str(got)).toBe(flat.slice(at, at + o.n));
                  at += o.n;
                }
                break;
              }
              case 'skip':
                if (at + o.n > pushed) expect(() => buf.skip(o.n)).toThrow(RangeError);
                else {
                  buf.skip(o.n);
                  at += o.n;
                }
                break;
            }
            expect(buf.offset).toBe(at);
            expect(buf.length).toBe(pushed - at);
          }
        },
      ),
    );
  });
});

describe('ReceiveBuffer work is linear in the bytes pushed', () => {
  /** Pushes `input` in chunks of `size` bytes, reading all lines after every push; returns bytes scanned. */
  function scanWork(input: Uint8Array, size: number, allowBareLF = false): number {
    const buf = new ReceiveBuffer({ maxLineLength: Number.POSITIVE_INFINITY, allowBareLF });
    for (let i = 0; i < input.length; i += size) {
      buf.push(input.subarray(i, i + size));
      while (buf.readLine()) {
        // drain
      }
    }
    return buf.scannedBytes;
  }

  const longLine = (n: number): Uint8Array => bytes(`${'x'.repeat(n)}\r\n`);
  // Bare LFs inside CRLF-mode lines: a naive implementation would restart at each one.
  const bareLFs = (n: number): Uint8Array => bytes(`${'a\n'.repeat(n / 2)}\r\n`);
  const manyLines = (n: number): Uint8Array => bytes('250-SIZE 1000\r\n'.repeat(Math.ceil(n / 15)));

  it.each([
    ['one long line, 1-byte chunks', longLine, 1],
    ['one long line, 3-byte chunks', longLine, 3],
    ['bare LFs inside a line, 1-byte chunks', bareLFs, 1],
    ['many short lines, 1-byte chunks', manyLines, 1],
    ['many short lines, 7-byte chunks', manyLines, 7],
  ] as const)('%s: 16x the input scans ~16x the bytes, each byte about once', (_name, make, size) => {
    const n = 2000;
    const small = make(n);
    const large = make(16 * n);
    const w1 = scanWork(small, size);
    const w16 = scanWork(large, size);
    expect(w1).toBeLessThanOrEqual(small.length);
    expect(w16).toBeLessThanOrEqual(large.length);
    // Linear: the ratio stays near 16 (quadratic rescanning would give ~256).
    expect(w16 / w1).toBeLessThan(16 * 1.5);
  });

  it('bare-LF mode scans each byte once too', () => {
    const input = bytes('a\nbb\r\n'.repeat(2000));
    expect(scanWork(input, 1, true)).toBe(input.length);
  });
});

describe('ReceiveBuffer memory', () => {
  /** The private chunk list, read for this invariant test only. */
  const slots = (buf: ReceiveBuffer): Uint8Array[] => (buf as unknown as { chunks: Uint8Array[] }).chunks;

  it('releases consumed chunks at once and keeps the chunk list compact', () => {
    const buf = new ReceiveBuffer();
    const line = bytes('250-PIPELINING\r\n');
    let lines = 0;
    let maxSlots = 0;
    for (let round = 0; round < 500; round++) {
      for (const b of line) buf.push(Uint8Array.of(b));
      // A partial line stays pending (it joins the next line), so the list never empties by itself.
      buf.push(bytes('x'));
      while (buf.readLine()) lines++;
      const list = slots(buf);
      maxSlots = Math.max(maxSlots, list.length);
      expect(buf.length).toBe(1);
      // Every slot before the pending byte's chunk is released.
      for (const slot of list.slice(0, -1)) expect(slot.length).toBe(0);
    }
    expect(lines).toBe(500);
    expect(maxSlots).toBeLessThanOrEqual(2 * (line.length + 1) + 64);
  });

  it('keeps the list bounded when a long line arrives in many chunks and is read while arriving', () => {
    const buf = new ReceiveBuffer({ maxLineLength: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 5000; i++) {
      buf.push(bytes(i % 100 === 99 ? '\r\n' : 'ab'));
      buf.readLine();
    }
    expect(slots(buf).length).toBeLessThanOrEqual(200);
    expect(buf.length).toBe(0);
  });
});
