import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, ReceiveBuffer } from '../src/index';
import { caught } from './caught';
import { bytes, str } from './chunking';

/** The private chunk list and its first live slot, read for the memory-policy tests only. */
const internals = (buf: ReceiveBuffer): { chunks: Uint8Array[]; head: number } =>
  buf as unknown as { chunks: Uint8Array[]; head: number };

/** Pushes `n` one-byte chunks of `a`. */
function pushBytes(buf: ReceiveBuffer, n: number): void {
  for (let i = 0; i < n; i++) buf.push(bytes('a'));
}

describe('ReceiveBuffer options', () => {
  it('rejects a negative or NaN maxLineLength with a RangeError naming the option', () => {
    expect(() => new ReceiveBuffer({ maxLineLength: -1 })).toThrow(RangeError);
    expect(() => new ReceiveBuffer({ maxLineLength: -1 })).toThrow(
      'maxLineLength must be a non-negative number, got -1',
    );
    expect(() => new ReceiveBuffer({ maxLineLength: Number.NaN })).toThrow(/maxLineLength .*got NaN/);
  });

  it('defaults to protocol "core" and the 64 KiB line limit', () => {
    const buf = new ReceiveBuffer();
    expect(buf.protocol).toBe('core');
    expect(buf.maxLineLength).toBe(DEFAULT_LIMITS.maxLineLength);
    expect(buf.allowBareLF).toBe(false);
    buf.push(new Uint8Array(DEFAULT_LIMITS.maxLineLength + 1).fill(0x61));
    const err = caught(() => buf.readLine());
    expect(err.protocol).toBe('core');
    expect(err.code).toBe('LINE_TOO_LONG');
  });

  it('accepts a line of exactly the default limit and refuses one byte more', () => {
    const max = DEFAULT_LIMITS.maxLineLength;
    const ok = new Uint8Array(max + 2).fill(0x61);
    ok[max] = 0x0d;
    ok[max + 1] = 0x0a;
    const buf = new ReceiveBuffer();
    buf.push(ok);
    expect(buf.readLine()?.bytes.length).toBe(max);

    const tooLong = new Uint8Array(max + 3).fill(0x61);
    tooLong[max + 1] = 0x0d;
    tooLong[max + 2] = 0x0a;
    const buf2 = new ReceiveBuffer();
    buf2.push(tooLong);
    expect(caught(() => buf2.readLine())).toMatchObject({ code: 'LINE_TOO_LONG', offset: 0 });
  });

  it('maxLineLength 0 allows only empty lines; a pending CR alone is not over it', () => {
    const buf = new ReceiveBuffer({ maxLineLength: 0 });
    expect(buf.maxLineLength).toBe(0);
    buf.push(bytes('\r'));
    expect(buf.readLine()).toBeUndefined(); // the CR may be half of CRLF
    buf.push(bytes('\n'));
    const empty = buf.readLine()!;
    expect(empty.bytes.length).toBe(0);
    expect(empty.offset).toBe(0);
    buf.push(bytes('a'));
    expect(caught(() => buf.readLine())).toMatchObject({ code: 'LINE_TOO_LONG', offset: 2 });
  });
});

describe('ReceiveBuffer LINE_TOO_LONG error', () => {
  it('names the limit, the line start offset and an excerpt of the line (across chunks)', () => {
    const buf = new ReceiveBuffer({ maxLineLength: 4, protocol: 'pop3' });
    buf.push(bytes('ok\r\nab'));
    buf.push(bytes('c\tef'));
    expect(str(buf.readLine()!.bytes)).toBe('ok');
    const err = caught(() => buf.readLine());
    expect(err.message).toBe('pop3: line longer than 4 bytes at byte 4 near "abc\\tef" [LINE_TOO_LONG]');
    expect(err.offset).toBe(4);
    expect(err.excerpt).toBe('abc\\tef');
    expect(buf.length).toBe(6); // nothing consumed
  });

  it('shows only the first 40 bytes of the line in the excerpt', () => {
    const buf = new ReceiveBuffer({ maxLineLength: 10 });
    buf.push(bytes(`${'x'.repeat(39)}yz${'q'.repeat(20)}`));
    expect(caught(() => buf.readLine()).excerpt).toBe(`${'x'.repeat(39)}y`);
  });
});

describe('ReceiveBuffer line ends and the read position', () => {
  it('does not pair a CR consumed by readBytes with the LF after it (CRLF mode)', () => {
    // The line starts at the read position: the CR belonged to the counted bytes, so the LF
    // that follows is a bare LF inside the next line, not the end of an empty line.
    const buf = new ReceiveBuffer();
    buf.push(bytes('abc\r\nrest\r\n'));
    expect(str(buf.readBytes(4)!)).toBe('abc\r');
    const line = buf.readLine()!;
    expect(str(line.bytes)).toBe('\nrest');
    expect(line).toMatchObject({ offset: 4, bareLF: false });
    expect(buf.length).toBe(0);
  });

  it('does not pair a CR consumed by readBytes with the LF after it (bare-LF mode)', () => {
    const buf = new ReceiveBuffer({ allowBareLF: true });
    buf.push(bytes('abc\r\nrest\r\n'));
    expect(str(buf.readBytes(4)!)).toBe('abc\r');
    const empty = buf.readLine()!;
    expect(empty.bytes.length).toBe(0);
    expect(empty).toMatchObject({ offset: 4, bareLF: true });
    expect(buf.readLine()).toMatchObject({ offset: 5, bareLF: false });
    expect(buf.offset).toBe(11);
  });

  it('after a line that ends exactly at a chunk end, the next chunk is what is unread', () => {
    const first = bytes('+OK\r\n');
    const second = bytes('body');
    const buf = new ReceiveBuffer();
    buf.push(first);
    buf.push(second);
    expect(str(buf.readLine()!.bytes)).toBe('+OK');
    const peek = buf.peekChunk()!;
    expect(str(peek)).toBe('body');
    expect(peek.buffer).toBe(second.buffer);
    const chunk = buf.readChunk(10)!;
    expect(str(chunk)).toBe('body');
    expect(buf.length).toBe(0);
  });

  it('the same for a bare-LF line ending exactly at a chunk end', () => {
    const buf = new ReceiveBuffer({ allowBareLF: true });
    buf.push(bytes('+OK\n'));
    buf.push(bytes('x'));
    expect(buf.readLine()).toMatchObject({ offset: 0, bareLF: true });
    expect(str(buf.peekChunk()!)).toBe('x');
  });

  it('discardLine stops at a lone LF in bare-LF mode', () => {
    const buf = new ReceiveBuffer({ allowBareLF: true, maxLineLength: 3 });
    buf.push(bytes('junk junk\nOK\r\n'));
    expect(caught(() => buf.readLine()).code).toBe('LINE_TOO_LONG');
    expect(buf.discardLine()).toBe(true);
    expect(buf.offset).toBe(10);
    expect(buf.readLine()).toMatchObject({ offset: 10, bareLF: false });
  });

  it('finds a line after skip() consumed bytes the search had already passed over', () => {
    // A codec peeked at unterminated bytes, then consumed them all: the search state
    // must follow the (now emptied) chunk list.
    const buf = new ReceiveBuffer();
    buf.push(bytes('abc'));
    expect(buf.readLine()).toBeUndefined();
    buf.skip(3);
    expect(buf.length).toBe(0);
    buf.push(bytes('d\r\n'));
    const line = buf.readLine()!;
    expect(str(line.bytes)).toBe('d');
    expect(line.offset).toBe(3);
  });

  it('finds a line after the chunk list was compacted under a remembered search position', () => {
    const buf = new ReceiveBuffer();
    pushBytes(buf, 64);
    expect(buf.readLine()).toBeUndefined();
    buf.skip(32); // drops 32 one-byte chunks: the list is compacted
    buf.push(bytes('\r\n'));
    const line = buf.readLine()!;
    expect(str(line.bytes)).toBe('a'.repeat(32));
    expect(line.offset).toBe(32);
    expect(buf.scannedBytes).toBe(66); // and the search did not start over
  });
});

describe('ReceiveBuffer nextLine (allocation-free form)', () => {
  it('points into the pushed chunk itself when the line lies in one chunk', () => {
    const chunk = bytes('ab\r\ncd\ne\r\n');
    const buf = new ReceiveBuffer({ allowBareLF: true });
    buf.push(chunk);
    expect(buf.nextLine()).toBe(2);
    expect(buf.lineSource).toBe(chunk);
    expect(buf.lineStart).toBe(0);
    expect(buf.lineOffset).toBe(0);
    expect(buf.lineBareLF).toBe(false);
    expect(buf.nextLine()).toBe(2);
    expect(buf.lineSource).toBe(chunk);
    expect(buf.lineStart).toBe(4);
    expect(buf.lineOffset).toBe(4);
    expect(buf.lineBareLF).toBe(true);
    expect(buf.nextLine()).toBe(1);
    expect(buf.lineStart).toBe(7);
    expect(buf.lineBareLF).toBe(false);
    expect(buf.nextLine()).toBe(-1);
  });

  it('gives a copy starting at 0 when the line spans chunks', () => {
    const buf = new ReceiveBuffer();
    buf.push(bytes('x\r\nab'));
    buf.push(bytes('c\r\n'));
    expect(buf.nextLine()).toBe(1);
    expect(buf.nextLine()).toBe(3);
    expect(buf.lineStart).toBe(0);
    expect(str(buf.lineSource.subarray(0, 3))).toBe('abc');
    expect(buf.lineOffset).toBe(3);
  });
});

describe('ReceiveBuffer counted reads', () => {
  it('readBytes of exactly the rest of the first chunk is a view, not a copy', () => {
    const a = bytes('abc');
    const b = bytes('def');
    const buf = new ReceiveBuffer();
    buf.push(a);
    buf.push(b);
    const whole = buf.readBytes(3)!;
    expect(str(whole)).toBe('abc');
    expect(whole.buffer).toBe(a.buffer);
    buf.push(bytes('g'));
    expect(str(buf.readBytes(1)!)).toBe('d');
    const rest = buf.readBytes(2)!; // 'ef': exactly what is left of chunk b
    expect(str(rest)).toBe('ef');
    expect(rest.buffer).toBe(b.buffer);
    expect(rest.byteOffset).toBe(1);
  });

  it('takeAll of what is left of a single chunk is a view', () => {
    const a = bytes('220 go ahead\r\nleft');
    const buf = new ReceiveBuffer();
    buf.push(a);
    expect(str(buf.readLine()!.bytes)).toBe('220 go ahead');
    const rest = buf.takeAll();
    expect(str(rest)).toBe('left');
    expect(rest.buffer).toBe(a.buffer);
  });

  it('readChunk(0) returns undefined and consumes nothing', () => {
    const buf = new ReceiveBuffer();
    buf.push(bytes('abc'));
    expect(buf.readChunk(0)).toBeUndefined();
    expect(buf.length).toBe(3);
    expect(buf.offset).toBe(0);
    expect(str(buf.readChunk(1)!)).toBe('a');
  });

  it('names the method and the bad count in RangeErrors', () => {
    const buf = new ReceiveBuffer();
    buf.push(bytes('ab'));
    expect(() => buf.readBytes(-1)).toThrow('readBytes: count must be a non-negative safe integer, got -1');
    expect(() => buf.skip(1.5)).toThrow('skip: count must be a non-negative safe integer, got 1.5');
    expect(() => buf.readChunk(Number.NaN)).toThrow(
      'readChunk: count must be a non-negative safe integer, got NaN',
    );
    expect(() => buf.readBytes(2 ** 53)).toThrow(RangeError);
    expect(() => buf.skip(3)).toThrow('skip(3) past the 2 buffered bytes');
    expect(buf.length).toBe(2); // nothing consumed by the refused calls
  });
});

describe('ReceiveBuffer search work (scannedBytes)', () => {
  it('counts each byte once for several lines in one chunk', () => {
    const buf = new ReceiveBuffer();
    buf.push(bytes('ab\r\ncd\r\n'));
    expect(str(buf.readLine()!.bytes)).toBe('ab');
    expect(buf.scannedBytes).toBe(4);
    expect(str(buf.readLine()!.bytes)).toBe('cd');
    expect(buf.scannedBytes).toBe(8);
  });

  it('setting allowBareLF to its current value does not restart the search; a real switch does', () => {
    const same = new ReceiveBuffer();
    same.push(bytes('abc'));
    expect(same.readLine()).toBeUndefined();
    same.allowBareLF = false;
    same.push(bytes('d\r\n'));
    expect(str(same.readLine()!.bytes)).toBe('abcd');
    expect(same.scannedBytes).toBe(6);

    const switched = new ReceiveBuffer();
    switched.push(bytes('abc'));
    expect(switched.readLine()).toBeUndefined();
    switched.allowBareLF = true;
    switched.push(bytes('d\n'));
    expect(switched.readLine()).toMatchObject({ offset: 0, bareLF: true });
    expect(switched.scannedBytes).toBe(3 + 5); // 'abc' again after the switch, then 'd\n'
  });

  it('consuming bytes the search already passed does not make it search them again', () => {
    const buf = new ReceiveBuffer();
    buf.push(bytes('abcdef'));
    expect(buf.readLine()).toBeUndefined();
    expect(buf.scannedBytes).toBe(6);
    expect(str(buf.readBytes(2)!)).toBe('ab');
    buf.push(bytes('\r\n'));
    const line = buf.readLine()!;
    expect(str(line.bytes)).toBe('cdef');
    expect(line.offset).toBe(2);
    expect(buf.scannedBytes).toBe(8);
  });

  it('discardLine examines each byte it drops once, from the read position', () => {
    const buf = new ReceiveBuffer({ maxLineLength: 4 });
    buf.push(bytes('zabcdefg')); // 8 bytes, no LF
    buf.push(bytes('hij\r\nOK\r\n'));
    buf.skip(1);
    expect(buf.scannedBytes).toBe(0);
    expect(buf.discardLine()).toBe(true);
    // 'abcdefg' (7, rest of the first chunk) + 'hij\r\n' (5, up to and including the LF)
    expect(buf.scannedBytes).toBe(12);
    expect(buf.offset).toBe(13);
    expect(str(buf.readLine()!.bytes)).toBe('OK');
    expect(buf.scannedBytes).toBe(16);
  });
});

describe('ReceiveBuffer chunk list memory policy', () => {
  it('empties the chunk list whenever every pushed byte has been consumed', () => {
    const buf = new ReceiveBuffer();
    for (let i = 0; i < 40; i++) {
      buf.push(bytes('250 OK\r\n'));
      expect(str(buf.readLine()!.bytes)).toBe('250 OK');
      expect(internals(buf).chunks.length).toBe(0);
    }
    buf.push(bytes('ab'));
    buf.push(bytes('c'));
    buf.skip(3);
    expect(internals(buf).chunks.length).toBe(0);
    expect(internals(buf).head).toBe(0);
  });

  it('compacts exactly when at least 32 leading slots are dead and they are half the list', () => {
    // Amortised O(1) per chunk: the list is copied neither on every drop nor never.
    const half = new ReceiveBuffer();
    pushBytes(half, 64);
    for (let i = 0; i < 31; i++) half.readBytes(1);
    expect(internals(half).chunks.length).toBe(64); // 31 dead: below the threshold
    expect(internals(half).head).toBe(31);
    half.readBytes(1);
    expect(internals(half).chunks.length).toBe(32); // 32 dead of 64: compacted
    expect(internals(half).head).toBe(0);

    const short = new ReceiveBuffer();
    pushBytes(short, 20);
    const shortList = internals(short).chunks;
    for (let i = 0; i < 10; i++) short.readBytes(1);
    expect(internals(short).chunks).toBe(shortList); // half dead but fewer than 32: not copied
    expect(internals(short).head).toBe(10);

    const long = new ReceiveBuffer();
    pushBytes(long, 100);
    const list = internals(long).chunks;
    for (let i = 0; i < 49; i++) long.readBytes(1);
    expect(internals(long).chunks).toBe(list); // 49 dead of 100: less than half, not copied
    expect(internals(long).head).toBe(49);
    long.readBytes(1);
    expect(internals(long).chunks.length).toBe(50);
    expect(internals(long).head).toBe(0);
    expect(long.length).toBe(50);
    expect(long.offset).toBe(50);
  });
});
