import fc from 'fast-check';
import { concatBytes, utf8 } from './wire';

/** One edit applied by `mutated`. */
export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'insert'; at: number; token: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'crlf-to-lf'; at: number }
  | { kind: 'duplicate-crlf'; at: number };

/** Bytes that break framing or grammar: line ends, NUL, 8-bit, delimiters of all three protocols. */
export const HOSTILE_BYTES: readonly number[] = [
  0x00, 0x0d, 0x0a, 0x20, 0x09, 0x2e, 0x2d, 0x2b, 0x2a, 0x22, 0x5c, 0x28, 0x29, 0x5b, 0x5d, 0x7b, 0x7d, 0x7e,
  0x3c, 0x3e, 0x3a, 0x3d, 0x30, 0x39, 0x7f, 0x80, 0xc3, 0xff,
];

/**
 * Tokens inserted by `mutated`: line ends and their broken forms, dot lines, bogus and
 * huge literal counts, deep nesting, numbers past 2^32, 2^53 and 2^64, status words.
 */
export const HOSTILE_TOKENS: readonly Uint8Array[] = [
  '\r\n',
  '\r\n\r\n',
  '\n',
  '\r',
  '\r\n.\r\n',
  '\n.\n',
  '\r\n..\r\n',
  '.\r\n',
  '\0',
  '{0}\r\n',
  '{5}\r\n',
  '{99}\r\n',
  '{4294967296}\r\n',
  '{99999999999999999999}\r\n',
  '{3+}\r\n',
  '~{2}\r\n',
  '{-1}\r\n',
  '(((((((((((((((((((((((((((((((((',
  ')))))',
  '4294967295',
  '4294967296',
  '9007199254740992',
  '18446744073709551616',
  '-1',
  ' NIL',
  ' ""',
  '"\\',
  '* ',
  '+ ',
  '+OK ',
  '-ERR ',
  '250-',
  '250 ',
  '354 ',
  '334 ',
  'a1 OK ',
  '* BYE ',
  '* 1 FETCH (BODY[] ',
  '[',
  ']',
  '\xc3\xa9',
  '\xff\xfe',
].map((t) => Uint8Array.from(t, (c) => c.charCodeAt(0)));

function mutation(length: number): fc.Arbitrary<Mutation> {
  const at = fc.nat({ max: Math.max(0, length) });
  const span = fc.integer({ min: 1, max: 64 });
  return fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at, bit: fc.nat({ max: 7 }) }),
    fc.record({ kind: fc.constant('set' as const), at, byte: fc.constantFrom(...HOSTILE_BYTES) }),
    fc.record({ kind: fc.constant('insert' as const), at, token: fc.constantFrom(...HOSTILE_TOKENS) }),
    fc.record({
      kind: fc.constant('insert' as const),
      at,
      token: fc.uint8Array({ minLength: 1, maxLength: 8 }),
    }),
    fc.record({ kind: fc.constant('delete' as const), at, length: span }),
    fc.record({ kind: fc.constant('duplicate' as const), at, length: span }),
    fc.record({ kind: fc.constant('truncate' as const), at }),
    fc.record({ kind: fc.constant('crlf-to-lf' as const), at }),
    fc.record({ kind: fc.constant('duplicate-crlf' as const), at }),
  );
}

/** Index of the first CRLF at or after `from` (wrapping to the start), or -1. */
function crlfFrom(b: Uint8Array, from: number): number {
  for (let k = 0; k < b.length; k++) {
    const i = (from + k) % b.length;
    if (b[i] === 0x0d && b[i + 1] === 0x0a) return i;
  }
  return -1;
}

/** Applies one mutation (positions past the end are clamped). */
export function applyMutation(b: Uint8Array, m: Mutation): Uint8Array {
  const at = Math.min(m.at, b.length);
  switch (m.kind) {
    case 'flip':
    case 'set': {
      if (at >= b.length) return b;
      const out = b.slice();
      out[at] = m.kind === 'flip' ? (out[at] as number) ^ (1 << m.bit) : m.byte;
      return out;
    }
    case 'insert':
      return concatBytes([b.subarray(0, at), m.token, b.subarray(at)]);
    case 'delete':
      return concatBytes([b.subarray(0, at), b.subarray(at + m.length)]);
    case 'duplicate':
      return concatBytes([b.subarray(0, at + m.length), b.subarray(at)]);
    case 'truncate':
      return b.subarray(0, at);
    case 'crlf-to-lf': {
      const i = crlfFrom(b, at);
      return i < 0 ? b : concatBytes([b.subarray(0, i), b.subarray(i + 1)]);
    }
    case 'duplicate-crlf': {
      const i = crlfFrom(b, at);
      return i < 0 ? b : concatBytes([b.subarray(0, i + 2), b.subarray(i)]);
    }
  }
}

export interface MutatedOptions {
  /** Most edits per input (default 6). */
  maxMutations?: number;
}

/** Valid traffic broken by up to `maxMutations` edits (byte flips, hostile insertions, truncation...). */
export function mutated(bytes: Uint8Array, options: MutatedOptions = {}): fc.Arbitrary<Uint8Array> {
  return fc
    .array(mutation(bytes.length), { minLength: 1, maxLength: options.maxMutations ?? 6 })
    .map((ms) => ms.reduce(applyMutation, bytes));
}

/** `mutated` over the bytes of any arbitrary of `{ bytes }` (e.g. a server stream). */
export function mutatedWire(
  arb: fc.Arbitrary<{ bytes: Uint8Array }>,
  options?: MutatedOptions,
): fc.Arbitrary<Uint8Array> {
  return arb.chain((w) => mutated(w.bytes, options));
}

/** Every prefix of the bytes is a stream cut short: an arbitrary truncation (possibly empty). */
export function truncated(arb: fc.Arbitrary<{ bytes: Uint8Array }>): fc.Arbitrary<Uint8Array> {
  return arb.chain((w) => fc.nat({ max: w.bytes.length }).map((n) => w.bytes.subarray(0, n)));
}

/** Parenthesised lists `depth` deep (IMAP BODYSTRUCTURE / extension data), for nesting limits. */
export function deepNesting(prefix: string, maxDepth = 200): fc.Arbitrary<Uint8Array> {
  return fc
    .integer({ min: 1, max: maxDepth })
    .map((d) => utf8(`${prefix}${'('.repeat(d)}NIL${')'.repeat(d)}\r\n`));
}

/** Decimal numbers around the limits parsers check: 2^31, 2^32, 2^53, 2^63, 2^64 and far beyond. */
export const hugeNumber: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0',
    '2147483648',
    '4294967295',
    '4294967296',
    '9007199254740991',
    '9007199254740992',
    '9223372036854775807',
    '9223372036854775808',
    '18446744073709551615',
    '18446744073709551616',
  ),
  fc.stringMatching(/^[1-9][0-9]{20,60}$/),
  fc.stringMatching(/^0{1,30}[0-9]{1,5}$/),
);

/** Any bytes from an alphabet of protocol tokens and hostile bytes: grammar soup. */
export function tokenSoup(tokens: readonly string[], maxLength = 40): fc.Arbitrary<Uint8Array> {
  const pieces = [...tokens.map(utf8), ...HOSTILE_TOKENS, ...HOSTILE_BYTES.map((b) => Uint8Array.of(b))];
  return fc.array(fc.constantFrom(...pieces), { maxLength }).map(concatBytes);
}
