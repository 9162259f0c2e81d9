import fc from 'fast-check';

/** Splits `bytes` into chunks whose sizes cycle through `sizes` (each >= 1); `[]` means one chunk. */
export function split(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  if (sizes.length === 0) return bytes.length === 0 ? [] : [bytes];
  const out: Uint8Array[] = [];
  let at = 0;
  let k = 0;
  while (at < bytes.length) {
    const size = sizes[k++ % sizes.length] as number;
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

export function concat(pieces: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of pieces) total += p.length;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of pieces) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
/** Bytes to a string, byte for byte (for readable assertions on binary data). */
export const str = (b: Uint8Array): string => Array.from(b, (x) => String.fromCharCode(x)).join('');
export const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Chunk sizes: mostly tiny (boundaries everywhere), sometimes whole. */
export const chunkSizes = fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 6 });

/** Bytes drawn mostly from the characters that matter to framing: CR, LF, '.', plus others. */
export const framingBytes = (maxLength = 200): fc.Arbitrary<Uint8Array> =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(0x0d, 0x0a, 0x2e) },
        { weight: 2, arbitrary: fc.constantFrom(0x61, 0x20) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
      ),
      { maxLength },
    )
    .map((a) => Uint8Array.from(a));
