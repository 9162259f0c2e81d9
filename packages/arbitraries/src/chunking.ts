import fc from 'fast-check';

export interface ChunkedOptions {
  /** Most cut points of the random strategy (default 12). */
  maxCuts?: number;
}

/**
 * Positions worth cutting at: inside CRLF (between CR and LF), right after every line end,
 * and inside or around every literal announcement `{n}` / `{n+}` / `~{n}` (IMAP), so the
 * parser sees a count split in two.
 */
export function interestingCuts(bytes: Uint8Array): number[] {
  const out = new Set<number>();
  for (let i = 1; i < bytes.length; i++) {
    const prev = bytes[i - 1] as number;
    const cur = bytes[i] as number;
    if (prev === 0x0d || prev === 0x0a) out.add(i); // after CR (inside CRLF) or after LF
    if (cur === 0x7b || cur === 0x7d || prev === 0x7b) out.add(i); // around `{` and `}`
    if (prev >= 0x30 && prev <= 0x39 && cur >= 0x30 && cur <= 0x39) out.add(i); // inside a number
  }
  return [...out];
}

/** Splits `bytes` at the sorted, unique positions `cuts` (0 < cut < length). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of points) {
    out.push(bytes.subarray(last, p));
    last = p;
  }
  out.push(bytes.subarray(last));
  return out;
}

/**
 * Arbitrary chunkings of one byte stream: the chunks concatenate to `bytes` exactly, and a
 * chunking is one of
 * - the whole stream in one chunk,
 * - every byte alone (1-byte chunks; over a 1 KiB window for streams above 4 KiB),
 * - cuts at random positions,
 * - cuts at "interesting" positions: between CR and LF, after line ends, inside `{n}` and
 *   inside numbers, mixed with random ones.
 * Chunks are `subarray` views of `bytes` (no copies), as a socket would deliver them.
 */
export function chunked(bytes: Uint8Array, options: ChunkedOptions = {}): fc.Arbitrary<Uint8Array[]> {
  const maxCuts = options.maxCuts ?? 12;
  const n = bytes.length;
  if (n <= 1) return fc.constant([bytes]);
  const random = fc.uniqueArray(fc.integer({ min: 1, max: n - 1 }), { maxLength: maxCuts });
  const special = interestingCuts(bytes);
  const strategies: fc.Arbitrary<number[]>[] = [fc.constant([]), random];
  // Every byte alone; for long streams, 1-byte chunks over a window instead of everywhere.
  const oneByte = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  strategies.push(
    n <= 4096
      ? fc.constant(oneByte(1, n))
      : fc.nat({ max: n - 1025 }).map((from) => oneByte(from + 1, from + 1024)),
  );
  if (special.length > 0) {
    strategies.push(
      fc
        .tuple(fc.subarray(special, { maxLength: Math.min(maxCuts, special.length) }), random)
        .map(([a, b]) => [...a, ...b.slice(0, 2)]),
    );
  }
  return fc.oneof(...strategies).map((cuts) => splitAt(bytes, cuts));
}

/** A stream arbitrary paired with a chunking of its bytes. */
export function withChunks<T extends { bytes: Uint8Array }>(
  arb: fc.Arbitrary<T>,
  options?: ChunkedOptions,
): fc.Arbitrary<T & { chunks: Uint8Array[] }> {
  return arb.chain((w) => chunked(w.bytes, options).map((chunks) => ({ ...w, chunks })));
}
