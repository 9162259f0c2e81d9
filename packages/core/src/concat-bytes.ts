const EMPTY = new Uint8Array(0);

/**
 * The bytes of `parts`, in order, in one allocation. A single part is returned as it is (no
 * copy): callers that hand the result out must not pass a buffer they will reuse.
 */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 0) return EMPTY;
  if (parts.length === 1) return parts[0] as Uint8Array;
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
