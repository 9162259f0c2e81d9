/**
 * A small, deterministic byte-level mutator in the spirit of libFuzzer's: flips, inserts,
 * deletes, duplicates and splices bytes, inserts protocol tokens from a dictionary, and
 * attacks the spots that break mail parsers (line ends, literal counts, numbers).
 */

export type Random = () => number;

export function prng(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rnd: Random, n: number): number => Math.floor(rnd() * n);

const INTERESTING: readonly string[] = [
  '\r\n',
  '\n',
  '\r',
  '\r\n.\r\n',
  '\n.\n',
  '.\r\n',
  '..',
  '\x00',
  '\xff',
  ' ',
  '  ',
  '"',
  '\\',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '{0}\r\n',
  '{4294967296}\r\n',
  '~{5}\r\n',
  '{99999999999999999999}\r\n',
  '0',
  '-1',
  '4294967295',
  '18446744073709551616',
  '9007199254740993',
  'NIL',
  '*',
  '+',
  '-',
  '+OK',
  '-ERR',
  '250-',
  '250 ',
  '334 ',
];

const enc = new TextEncoder();
const interestingBytes = INTERESTING.map((s) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff));

export interface MutatorOptions {
  maxLength: number;
  dictionary: readonly Uint8Array[];
}

function splice(data: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length - remove + insert.length);
  out.set(data.subarray(0, at), 0);
  out.set(insert, at);
  out.set(data.subarray(at + remove), at + insert.length);
  return out;
}

/** One to four stacked mutations of `input`; `other` is a second corpus entry to splice from. */
export function mutate(
  input: Uint8Array,
  other: Uint8Array,
  rnd: Random,
  options: MutatorOptions,
): Uint8Array {
  let data = input;
  const rounds = 1 + int(rnd, 4);
  for (let r = 0; r < rounds; r++) {
    const at = int(rnd, data.length + 1);
    switch (int(rnd, 10)) {
      case 0: {
        // flip a bit
        if (data.length === 0) break;
        const copy = data.slice();
        const i = int(rnd, copy.length);
        copy[i] = (copy[i] as number) ^ (1 << int(rnd, 8));
        data = copy;
        break;
      }
      case 1: {
        // set a random byte
        if (data.length === 0) break;
        const copy = data.slice();
        copy[int(rnd, copy.length)] = int(rnd, 256);
        data = copy;
        break;
      }
      case 2: // delete a run
        data = splice(data, at, Math.min(data.length - at, 1 + int(rnd, 16)), new Uint8Array(0));
        break;
      case 3: {
        // duplicate a run (e.g. a CRLF, a line)
        const len = Math.min(data.length - at, 1 + int(rnd, 64));
        data = splice(data, at, 0, data.slice(at, at + len));
        break;
      }
      case 4: // insert an interesting token
        data = splice(data, at, 0, interestingBytes[int(rnd, interestingBytes.length)] as Uint8Array);
        break;
      case 5: // insert a dictionary token
        if (options.dictionary.length)
          data = splice(data, at, 0, options.dictionary[int(rnd, options.dictionary.length)] as Uint8Array);
        break;
      case 6: {
        // replace a number with a boundary number
        const text = new TextDecoder('latin1').decode(data);
        const digits = [...text.matchAll(/\d+/g)];
        if (digits.length === 0) break;
        const m = digits[int(rnd, digits.length)] as RegExpMatchArray;
        const choices = ['0', '1', '4294967295', '4294967296', '9007199254740993', String(int(rnd, 100000))];
        data = splice(
          data,
          m.index ?? 0,
          m[0].length,
          enc.encode(choices[int(rnd, choices.length)] as string),
        );
        break;
      }
      case 7: // truncate
        data = data.subarray(0, at);
        break;
      case 8: {
        // splice in a piece of another input
        if (other.length === 0) break;
        const from = int(rnd, other.length);
        const len = Math.min(other.length - from, 1 + int(rnd, 128));
        data = splice(data, at, 0, other.subarray(from, from + len));
        break;
      }
      default: {
        // turn CRLF into bare LF or bare CR (line-end quirks)
        const text = data;
        const i = text.indexOf(13, at);
        if (i === -1) break;
        data =
          rnd() < 0.5
            ? splice(data, i, 1, new Uint8Array(0))
            : splice(data, i + 1, text[i + 1] === 10 ? 1 : 0, new Uint8Array(0));
      }
    }
  }
  return data.length > options.maxLength ? data.subarray(0, options.maxLength) : data;
}

/** Parses a libFuzzer/AFL dictionary: lines of `name="value"` with \xNN, \\ and \" escapes. */
export function parseDictionary(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(?:[\w-]+\s*=\s*)?"(.*)"\s*$/.exec(line);
    if (!m) continue;
    const value = (m[1] as string).replace(
      /\\x([0-9a-fA-F]{2})|\\(.)/g,
      (_, hex: string | undefined, ch: string | undefined) =>
        hex ? String.fromCharCode(Number.parseInt(hex, 16)) : (ch as string),
    );
    out.push(Uint8Array.from(value, (c) => c.charCodeAt(0) & 0xff));
  }
  return out;
}
