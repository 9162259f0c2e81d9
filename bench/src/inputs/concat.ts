const encoder = new TextEncoder();

/** Joins text (encoded as UTF-8) and byte pieces into one buffer. */
export function concatBytes(pieces: readonly (string | Uint8Array)[]): Uint8Array {
  const parts = pieces.map((p) => (typeof p === 'string' ? encoder.encode(p) : p));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
