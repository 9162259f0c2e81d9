/**
 * The transcript hook: every byte a client sends and receives, in order, for logs, debugging
 * and teaching — with credentials masked before they leave the client. The clients mark what
 * is secret (passwords, SASL responses, AUTH initial responses); this module replaces it.
 */

export type Direction = 'client' | 'server';

export interface TranscriptEntry {
  /** Who sent the bytes. */
  direction: Direction;
  /** The bytes as sent or received; for a masked entry, the masked text's bytes instead. */
  bytes: Uint8Array;
  /** The bytes as text (Latin-1: one character per byte, nothing lost). */
  text: string;
  /** True when credentials were replaced by the mask. */
  masked: boolean;
}

export type TranscriptHook = (entry: TranscriptEntry) => void;

/** What replaces a secret: fixed, so that not even its length leaks. */
export const MASK = '****';

/**
 * How to mask one client line: `keepWords` leading words stay (e.g. 2 for `AUTH PLAIN <secret>`,
 * 1 for `PASS <secret>`, 3 for `a1 LOGIN user <secret>`); everything after them becomes the mask.
 */
export interface MaskRule {
  keepWords: number;
}

const latin1 = new TextDecoder('latin1');

/** The line with everything after its first `keepWords` words replaced by `****` (line end kept). */
export function maskLine(line: string, rule: MaskRule): string {
  const eol = /\r?\n$/.exec(line)?.[0] ?? '';
  const body = line.slice(0, line.length - eol.length);
  if (rule.keepWords <= 0) return MASK + eol;
  let at = 0;
  for (let w = 0; w < rule.keepWords; w++) {
    const next = body.indexOf(' ', at);
    if (next === -1) return body + eol; // nothing secret after the kept words
    at = next + 1;
  }
  return `${body.slice(0, at)}${MASK}${eol}`;
}

export class Transcript {
  constructor(private readonly hook: TranscriptHook | undefined) {}

  get enabled(): boolean {
    return this.hook !== undefined;
  }

  /** Records bytes; with `mask`, the secret part is replaced before the hook sees anything. */
  record(direction: Direction, bytes: Uint8Array, mask?: MaskRule): void {
    if (!this.hook) return;
    const text = latin1.decode(bytes);
    if (!mask) {
      this.hook({ direction, bytes, text, masked: false });
      return;
    }
    const masked = text
      .split(/(?<=\n)/)
      .map((line) => maskLine(line, mask))
      .join('');
    this.hook({
      direction,
      bytes: Uint8Array.from(masked, (c) => c.charCodeAt(0)),
      text: masked,
      masked: true,
    });
  }
}
