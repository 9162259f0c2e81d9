/**
 * Memory-bandwidth references: what the machine can do with the same bytes at the least.
 * Every suite reports its cases as ratios to these, so figures mean the same on any machine.
 */

let sink = 0;
/** Keeps results observable so the JIT cannot drop the work. */
export function consume(value: number): void {
  sink = (sink + value) | 0;
}
export function sinkValue(): number {
  return sink;
}

/** Copies every chunk into one reused buffer (memcpy at JS speed). Returns bytes copied. */
export function memcpyChunks(chunks: readonly Uint8Array[], scratch: Uint8Array): number {
  let total = 0;
  for (const c of chunks) {
    scratch.set(c, 0);
    total += c.length;
  }
  consume(scratch[0] ?? 0);
  return total;
}

/** Counts LF bytes with `indexOf` (the native scan every line parser builds on). */
export function indexOfLf(chunks: readonly Uint8Array[]): number {
  let count = 0;
  for (const c of chunks) {
    let i = c.indexOf(10);
    while (i !== -1) {
      count++;
      i = c.indexOf(10, i + 1);
    }
  }
  consume(count);
  return count;
}

/** Counts CRLF pairs: `indexOf` of LF, then a check of the byte before (across chunks too). */
export function indexOfCrlf(chunks: readonly Uint8Array[]): number {
  let count = 0;
  let prev = -1;
  for (const c of chunks) {
    let i = c.indexOf(10);
    while (i !== -1) {
      const before = i > 0 ? c[i - 1] : prev;
      if (before === 13) count++;
      i = c.indexOf(10, i + 1);
    }
    prev = c.length ? (c[c.length - 1] as number) : prev;
  }
  consume(count);
  return count;
}

/** Counts `\r\n.` (a POP3/SMTP dot line start) with `indexOf` — the floor for dot-unstuffing. */
export function indexOfCrlfDot(chunks: readonly Uint8Array[]): number {
  let count = 0;
  for (const c of chunks) {
    let i = c.indexOf(10);
    while (i !== -1) {
      if (c[i + 1] === 0x2e && (i === 0 || c[i - 1] === 13)) count++;
      i = c.indexOf(10, i + 1);
    }
  }
  consume(count);
  return count;
}

/** A plain JavaScript loop that touches every byte: what a per-byte state machine costs at best. */
export function byteLoop(chunks: readonly Uint8Array[]): number {
  let acc = 0;
  for (const c of chunks) {
    for (let i = 0; i < c.length; i++) acc = (acc + (c[i] as number)) | 0;
  }
  consume(acc);
  return acc;
}

/**
 * Dot-stuffing (RFC 5321 §4.5.2, RFC 1939 §3: a line starting with "." gets one more),
 * written independently of the code under test, for checking outputs — never timed.
 */
export function referenceDotStuff(bytes: Uint8Array): Buffer {
  return Buffer.from(
    Buffer.from(bytes)
      .toString('latin1')
      .replace(/(^|\r\n)\./g, '$1..'),
    'latin1',
  );
}
