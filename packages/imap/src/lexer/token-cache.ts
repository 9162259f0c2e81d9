/**
 * Interning of short ASCII tokens (callers pass 7-bit bytes only). IMAP responses repeat the same few tokens endlessly
 * (FETCH, UID, FLAGS, \Seen, NIL, host names…); a direct-mapped cache turns the bytes of a
 * token into the string seen last time at no allocation cost. Bounded: SLOTS entries of at
 * most MAX_LENGTH characters, replaced on collision.
 */
const SLOTS = 2048;
const MAX_LENGTH = 32;

const exact: Array<string | undefined> = new Array(SLOTS);
const upper: Array<string | undefined> = new Array(SLOTS);
// The full hash of each slot's string: a miss is told without touching the string (whose
// memory is likely cold), only a probable hit compares characters.
const exactHash = new Int32Array(SLOTS);
const upperHash = new Int32Array(SLOTS);

const ascii = new TextDecoder('utf-8');

/** One scratch array per short length: `String.fromCharCode.apply` over it makes a flat string. */
const scratch: number[][] = Array.from({ length: MAX_LENGTH + 1 }, (_, n) => new Array<number>(n).fill(0));

/**
 * The 7-bit bytes b[s..e) as a string. Short ones go through a scratch array (no view of the
 * bytes is made, and the string is flat, which later compares against the cache need); long
 * ones through TextDecoder, whose ASCII path is the fastest there (UTF-8 and ASCII agree on
 * 7-bit bytes).
 */
function make(b: Uint8Array, s: number, e: number): string {
  const n = e - s;
  if (n > MAX_LENGTH) return ascii.decode(b.subarray(s, e));
  const a = scratch[n] as number[];
  for (let i = 0; i < n; i++) a[i] = b[s + i] as number;
  return String.fromCharCode.apply(null, a);
}

/** The ASCII bytes b[s..e) as a string (interned when short). */
export function internAscii(b: Uint8Array, s: number, e: number): string {
  const n = e - s;
  if (n > MAX_LENGTH) return make(b, s, e);
  let h = n;
  for (let i = s; i < e; i++) h = (Math.imul(h, 31) + (b[i] as number)) | 0;
  const slot = h & (SLOTS - 1);
  if (exactHash[slot] === h) {
    const c = exact[slot];
    if (c !== undefined && c.length === n) {
      let i = 0;
      while (i < n && c.charCodeAt(i) === b[s + i]) i++;
      if (i === n) return c;
    }
  }
  const str = make(b, s, e);
  exact[slot] = str;
  exactHash[slot] = h;
  return str;
}

/** The ASCII bytes b[s..e) upper-cased (ASCII letters only), interned when short. */
export function internUpper(b: Uint8Array, s: number, e: number): string {
  const n = e - s;
  if (n > MAX_LENGTH) return make(b, s, e).toUpperCase();
  let h = n;
  for (let i = s; i < e; i++) {
    let c = b[i] as number;
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    h = (Math.imul(h, 31) + c) | 0;
  }
  const slot = h & (SLOTS - 1);
  const cached = upperHash[slot] === h ? upper[slot] : undefined;
  if (cached !== undefined && cached.length === n) {
    let i = 0;
    for (; i < n; i++) {
      let c = b[s + i] as number;
      if (c >= 0x61 && c <= 0x7a) c -= 0x20;
      if (cached.charCodeAt(i) !== c) break;
    }
    if (i === n) return cached;
  }
  const str = make(b, s, e).toUpperCase();
  upper[slot] = str;
  upperHash[slot] = h;
  return str;
}
