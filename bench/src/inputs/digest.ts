/**
 * A cheap, order-sensitive digest of bytes (FNV-1a, 32 bit) that can be fed piece by piece,
 * so a body delivered as many chunks digests the same as the whole body. Used by check()
 * only, never inside a timed run.
 */
export class Digest {
  private h = 0x811c9dc5;
  length = 0;

  update(bytes: Uint8Array): this {
    let h = this.h;
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
    this.h = h;
    this.length += bytes.length;
    return this;
  }

  /** A binary string (one char per byte, as some peers return literals) digests like its bytes. */
  updateLatin1(text: string): this {
    let h = this.h;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ (text.charCodeAt(i) & 0xff), 0x01000193);
    this.h = h;
    this.length += text.length;
    return this;
  }

  get value(): string {
    return `${this.length}:${(this.h >>> 0).toString(16).padStart(8, '0')}`;
  }
}

/** Digest of bytes or binary-string pieces, in order. */
export function digestPieces(pieces: readonly (Uint8Array | string)[]): string {
  const d = new Digest();
  for (const p of pieces) {
    if (typeof p === 'string') d.updateLatin1(p);
    else d.update(p);
  }
  return d.value;
}
