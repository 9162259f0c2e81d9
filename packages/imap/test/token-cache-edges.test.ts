import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { internAscii, internUpper } from '../src/lexer/token-cache';
import { enc } from './helpers';

/*
 * The token cache is invisible by contract: internAscii(b, s, e) is the ASCII text of
 * b[s..e) and internUpper(b, s, e) that text with a-z upper-cased, whatever the cache holds.
 * A direct-mapped cache can only break that by answering from a slot whose string is not the
 * token, so besides plain round trips these tests feed it tokens that land on the same slot
 * with the same full hash (the scheme of src/lexer/token-cache.ts: h = length, then h = h*31 + byte
 * modulo 2^32, bytes a-z counted upper-cased by internUpper) and check each answer.
 * The module state is shared with other test files, so every collision test first stores the
 * string it must not be confused with, then asks for the colliding token.
 */

const MOD = 2n ** 32n;
const upperByte = (x: number): number => (x >= 0x61 && x <= 0x7a ? x - 0x20 : x);
/** The cache's hash of `bytes` (length seed unless given), unsigned. */
function cacheHash(bytes: ArrayLike<number>, fold: boolean, seed: number = bytes.length): bigint {
  let h = BigInt(seed);
  for (let i = 0; i < bytes.length; i++)
    h = (h * 31n + BigInt(fold ? upperByte(bytes[i] as number) : (bytes[i] as number))) % MOD;
  return h;
}

/**
 * k bytes in 0x21..0x60 (no lower-case letters, so both hashes agree on them) that, appended
 * to `prefix` under the length seed `seed`, bring the hash to `target`: the suffix's base-31
 * value is fixed modulo 2^32, and digits 33 wide or more reach every such value (k >= 7).
 */
function completing(prefix: number[], k: number, seed: number, target: bigint): number[] {
  const lo = 0x21n;
  const hi = 0x60n;
  const p31 = (m: number): bigint => 31n ** BigInt(m);
  const ones = (m: number): bigint => (p31(m) - 1n) / 30n; // 1 + 31 + ... + 31^(m-1)
  const need = (((target - cacheHash(prefix, false, seed) * p31(k)) % MOD) + MOD) % MOD;
  const min = lo * ones(k);
  let v = min + ((((need - min) % MOD) + MOD) % MOD);
  if (v > hi * ones(k)) throw new Error('suffix too short to reach the hash');
  const out: number[] = [];
  for (let m = k; m > 0; m--) {
    let d = (v - lo * ones(m - 1)) / p31(m - 1);
    if (d > hi) d = hi;
    out.push(Number(d));
    v -= d * p31(m - 1);
  }
  return out;
}

const ascii = (bytes: ArrayLike<number>): string => String.fromCharCode(...Array.from(bytes));
const a = (text: string): string => internAscii(enc(text), 0, text.length);
const u = (text: string): string => internUpper(enc(text), 0, text.length);

describe('internAscii: the text of b[s..e)', () => {
  it('returns the token, repeatedly, at any offset, ignoring the bytes around it', () => {
    const line = enc('* 12 FETCH (UID 7 FLAGS (\\Seen))');
    for (let round = 0; round < 2; round++) {
      expect(internAscii(line, 0, 1)).toBe('*');
      expect(internAscii(line, 5, 10)).toBe('FETCH');
      expect(internAscii(line, 12, 15)).toBe('UID');
      expect(internAscii(line, 25, 30)).toBe('\\Seen');
      expect(internAscii(line, 2, 4)).toBe('12');
    }
    expect(internAscii(line, 7, 7)).toBe('');
  });

  it('lengths 31, 32 (the longest interned) and 33 (decoded directly) and 1024', () => {
    for (const n of [31, 32, 33, 1024]) {
      const text = Array.from({ length: n }, (_, i) => String.fromCharCode(0x41 + (i % 26))).join('');
      const framed = enc(`<${text}>`);
      expect(internAscii(framed, 1, n + 1)).toBe(text);
      expect(internAscii(framed, 1, n + 1)).toBe(text);
      expect(internAscii(framed, 1, n)).toBe(text.slice(0, -1));
    }
  });

  it('answers from the bytes, not their position: a reused buffer gives the new token', () => {
    const buf = enc('xUIDy');
    expect(internAscii(buf, 1, 4)).toBe('UID');
    buf.set(enc('NIL'), 1);
    expect(internAscii(buf, 1, 4)).toBe('NIL');
    buf.set(enc('UIX'), 1);
    expect(internAscii(buf, 1, 4)).toBe('UIX');
  });

  it('any 7-bit bytes, any range, asked twice', () => {
    fc.assert(
      fc.property(fc.uint8Array({ max: 0x7f, maxLength: 48 }), fc.nat(), fc.nat(), (bytes, x, y) => {
        const s = bytes.length === 0 ? 0 : x % (bytes.length + 1);
        const e = s + (bytes.length === 0 ? 0 : y % (bytes.length - s + 1));
        const want = ascii(bytes.subarray(s, e));
        expect(internAscii(bytes, s, e)).toBe(want);
        expect(internAscii(bytes, s, e)).toBe(want);
      }),
    );
  });

  it('more distinct tokens than the cache has slots (2048) all come back right, twice', () => {
    const tokens = Array.from({ length: 5000 }, (_, i) => `T${i.toString(36)}`);
    for (let round = 0; round < 2; round++) for (const t of tokens) expect(a(t)).toBe(t);
  });
});

describe('internAscii: tokens that collide in the cache', () => {
  // "Aa" and "BB" hash alike (65*31+97 = 66*31+66), so any two strings made of the same
  // number of those blocks share length, hash and slot
  it('a same-length token with the same hash is not answered with the cached one', () => {
    expect(cacheHash(enc('AaBB'), false)).toBe(cacheHash(enc('BBAa'), false));
    expect(a('AaBB')).toBe('AaBB');
    expect(a('BBAa')).toBe('BBAa'); // every character differs from the cached "AaBB"
    expect(a('AaBB')).toBe('AaBB');
    expect(a('AaAa')).toBe('AaAa'); // differs only in its second half
    expect(a('BB')).toBe('BB');
    expect(a('Aa')).toBe('Aa');
  });

  it('a colliding token inside a larger buffer is compared at its own offset', () => {
    // "AaBB" is cached; the token "AaAa" at offset 3 of "BBaAaAa" collides with it, and the
    // bytes before the token spell "AaBB" read backwards
    expect(a('AaBB')).toBe('AaBB');
    expect(internAscii(enc('BBaAaAa'), 3, 7)).toBe('AaAa');
  });

  it('families of colliding tokens, in any order', () => {
    const block = fc.constantFrom('Aa', 'BB');
    fc.assert(
      fc.property(
        fc.array(fc.array(block, { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 6 }),
        (ts) => {
          for (const t of ts.map((blocks) => blocks.join(''))) expect(a(t)).toBe(t);
        },
      ),
    );
  });

  it('a cached longer string with the same hash that starts with the token is not returned', () => {
    const token = [...enc('INBOX')];
    const longer = [...token, ...completing(token, 7, 12, cacheHash(token, false))];
    expect(cacheHash(longer, false)).toBe(cacheHash(token, false));
    expect(a(ascii(longer))).toBe(ascii(longer));
    expect(a('INBOX')).toBe('INBOX');
  });

  it('a token is b[s..e) only, even when the bytes after it complete a colliding cached string', () => {
    // the token "FLAGS" at offset 4; the 13 bytes from there are a cached string whose hash
    // equals that of "FLAGS" counted with the length 13 (4 + 9: offset plus end)
    const token = [...enc('FLAGS')];
    const tail = completing(token, 8, 13, cacheHash(token, false, 13));
    const cached = [...token, ...tail];
    expect(a(ascii(cached))).toBe(ascii(cached));
    const buf = new Uint8Array([...enc('A1 '), 0x28, ...cached]);
    expect(internAscii(buf, 4, 9)).toBe('FLAGS');
  });
});

describe('internUpper: the text of b[s..e) with a-z upper-cased', () => {
  it('upper-cases ASCII letters only, repeatedly, at any offset', () => {
    const line = enc('* 1 fetch (uid 5 Flags (\\seen) body[header.fields (x-y)]<0>)');
    for (let round = 0; round < 2; round++) {
      expect(internUpper(line, 4, 9)).toBe('FETCH');
      expect(internUpper(line, 11, 14)).toBe('UID');
      expect(internUpper(line, 17, 22)).toBe('FLAGS');
      expect(internUpper(line, 24, 29)).toBe('\\SEEN');
      expect(internUpper(line, 31, 60)).toBe('BODY[HEADER.FIELDS (X-Y)]<0>)');
    }
    expect(u('@`[]{}~^_0z9aZ')).toBe('@`[]{}~^_0Z9AZ');
    expect(internUpper(line, 3, 3)).toBe('');
  });

  it('lengths 31, 32 and 33 (beyond the interned length), lower case in', () => {
    for (const n of [31, 32, 33, 64]) {
      const text = Array.from({ length: n }, (_, i) => String.fromCharCode(0x61 + (i % 26))).join('');
      const framed = enc(`(${text})`);
      expect(internUpper(framed, 1, n + 1)).toBe(text.toUpperCase());
      expect(internUpper(framed, 1, n + 1)).toBe(text.toUpperCase());
    }
  });

  it('answers from the bytes, not their position: a reused buffer gives the new token', () => {
    const buf = enc(' seen ');
    expect(internUpper(buf, 1, 5)).toBe('SEEN');
    buf.set(enc('SEEN'), 1);
    expect(internUpper(buf, 1, 5)).toBe('SEEN');
    buf.set(enc('sEEm'), 1);
    expect(internUpper(buf, 1, 5)).toBe('SEEM');
  });

  it('any 7-bit bytes, any range, asked twice', () => {
    fc.assert(
      fc.property(fc.uint8Array({ max: 0x7f, maxLength: 48 }), fc.nat(), fc.nat(), (bytes, x, y) => {
        const s = bytes.length === 0 ? 0 : x % (bytes.length + 1);
        const e = s + (bytes.length === 0 ? 0 : y % (bytes.length - s + 1));
        const want = ascii(Array.from(bytes.subarray(s, e), upperByte));
        expect(internUpper(bytes, s, e)).toBe(want);
        expect(internUpper(bytes, s, e)).toBe(want);
      }),
    );
  });
});

describe('internUpper: tokens that collide in the cache', () => {
  // "AO" and "B0" hash alike (65*31+79 = 66*31+48), and so do "ao" and "b0" once upper-cased
  it('a same-length token with the same hash is not answered with the cached one', () => {
    expect(cacheHash(enc('b0'), true)).toBe(cacheHash(enc('AO'), true));
    expect(u('ao')).toBe('AO');
    expect(u('b0')).toBe('B0'); // every character differs from the cached "AO"
    expect(u('AO')).toBe('AO');
    expect(u('AOB0')).toBe('AOB0');
    expect(u('aob0')).toBe('AOB0');
    expect(u('AOAO')).toBe('AOAO'); // differs from the cached "AOB0" only in its second half
  });

  it('families of colliding tokens, in any order and case', () => {
    const block = fc.constantFrom('AO', 'B0', 'ao', 'b0', 'aO', 'Ao');
    fc.assert(
      fc.property(
        fc.array(fc.array(block, { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 6 }),
        (ts) => {
          for (const t of ts.map((blocks) => blocks.join(''))) expect(u(t)).toBe(t.toUpperCase());
        },
      ),
    );
  });

  it('a cached longer string with the same hash that starts with the token is not returned', () => {
    const token = [...enc('INBOX')];
    const longer = [...token, ...completing(token, 7, 12, cacheHash(token, true))];
    expect(u(ascii(longer))).toBe(ascii(longer));
    expect(u('inbox')).toBe('INBOX');
  });

  it('a token is b[s..e) only, even when the bytes after it complete a colliding cached string', () => {
    const token = [...enc('FLAGS')];
    const tail = completing(token, 8, 13, cacheHash(token, true, 13));
    const cached = [...token, ...tail];
    expect(u(ascii(cached))).toBe(ascii(cached));
    const buf = new Uint8Array([...enc('A1 '), 0x28, ...enc('flags'), ...tail]);
    expect(internUpper(buf, 4, 9)).toBe('FLAGS');
  });

  /*
   * Only a-z are upper-cased. Strings that differ by 0x20 in non-letters collide when the
   * positions of the differences weigh 31^k summing to a multiple of 2^27 (the difference
   * times 0x20 is then 0 modulo 2^32): the weights 31^k of these 26-character strings at
   * positions 0, 1, 6, 8, 12, 13, 15, 16, 17, 18, 21 and 25 do.
   */
  const AT = new Set([0, 1, 6, 8, 12, 13, 15, 16, 17, 18, 21, 25]);
  const spread = (inSet: string, other: string): string =>
    Array.from({ length: 26 }, (_, i) => (AT.has(i) ? inSet : other)).join('');

  it('"A".."`" are not lower case: "A" is not "!", nor "{" "[" (colliding 26-character tokens)', () => {
    const cases: [cached: string, token: string, want: string][] = [
      [spread('!', 'A'), spread('A', 'a'), spread('A', 'A')],
      [spread('!', '{'), spread('A', '{'), spread('A', '{')],
      [spread('[', 'A'), spread('{', 'A'), spread('{', 'A')],
      [spread('@', '~'), spread('`', '~'), spread('`', '~')],
    ];
    for (const [cached, token, want] of cases) {
      expect(cacheHash(enc(token), true)).toBe(cacheHash(enc(cached), true));
      expect(u(cached)).toBe(cached);
      expect(u(token)).toBe(want);
    }
  });
});
