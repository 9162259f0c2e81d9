/**
 * Code point tables of stringprep (RFC 3454) used by the SASLprep profile (RFC 4013).
 * Each table is a sorted list of inclusive `[first, last]` ranges.
 */
export type CodePointRanges = readonly (readonly [number, number])[];

/** B.1: commonly mapped to nothing (RFC 4013 §2.1). */
export const MAPPED_TO_NOTHING: CodePointRanges = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x1806, 0x1806],
  [0x180b, 0x180d],
  [0x200b, 0x200d],
  [0x2060, 0x2060],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
];

/** C.1.2: non-ASCII space characters, mapped to U+0020 (RFC 4013 §2.1) and prohibited in output. */
export const NON_ASCII_SPACE: CodePointRanges = [
  [0x00a0, 0x00a0],
  [0x1680, 0x1680],
  [0x2000, 0x200b],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
];

/** C.2.1: ASCII control characters. */
export const ASCII_CONTROL: CodePointRanges = [
  [0x0000, 0x001f],
  [0x007f, 0x007f],
];

/** C.2.2: non-ASCII control characters. */
export const NON_ASCII_CONTROL: CodePointRanges = [
  [0x0080, 0x009f],
  [0x06dd, 0x06dd],
  [0x070f, 0x070f],
  [0x180e, 0x180e],
  [0x200c, 0x200d],
  [0x2028, 0x2029],
  [0x2060, 0x2063],
  [0x206a, 0x206f],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffc],
  [0x1d173, 0x1d17a],
];

/** C.3: private use. */
export const PRIVATE_USE: CodePointRanges = [
  [0xe000, 0xf8ff],
  [0xf0000, 0xffffd],
  [0x100000, 0x10fffd],
];

/** C.4: non-character code points (U+FDD0..U+FDEF and the last two of every plane). */
export const NON_CHARACTER: CodePointRanges = [
  [0xfdd0, 0xfdef],
  ...Array.from({ length: 17 }, (_, plane) => [plane * 0x10000 + 0xfffe, plane * 0x10000 + 0xffff] as const),
];

/** C.5: surrogate codes (only lone surrogates can show up in a JS string). */
export const SURROGATE: CodePointRanges = [[0xd800, 0xdfff]];

/** C.6: inappropriate for plain text. */
export const NOT_PLAIN_TEXT: CodePointRanges = [[0xfff9, 0xfffd]];

/** C.7: inappropriate for canonical representation (ideographic description characters). */
export const NOT_CANONICAL: CodePointRanges = [[0x2ff0, 0x2ffb]];

/** C.8: change display properties or deprecated. */
export const DISPLAY_PROPERTY: CodePointRanges = [
  [0x0340, 0x0341],
  [0x200e, 0x200f],
  [0x202a, 0x202e],
  [0x206a, 0x206f],
];

/** C.9: tagging characters. */
export const TAGGING: CodePointRanges = [
  [0xe0001, 0xe0001],
  [0xe0020, 0xe007f],
];

/** D.1: characters with bidirectional property R or AL (Unicode 3.2). */
export const RAND_AL_CAT: CodePointRanges = [
  [0x05be, 0x05be],
  [0x05c0, 0x05c0],
  [0x05c3, 0x05c3],
  [0x05d0, 0x05ea],
  [0x05f0, 0x05f4],
  [0x061b, 0x061b],
  [0x061f, 0x061f],
  [0x0621, 0x063a],
  [0x0640, 0x064a],
  [0x066d, 0x066f],
  [0x0671, 0x06d5],
  [0x06dd, 0x06dd],
  [0x06e5, 0x06e6],
  [0x06fa, 0x06fe],
  [0x0700, 0x070d],
  [0x0710, 0x0710],
  [0x0712, 0x072c],
  [0x0780, 0x07a5],
  [0x07b1, 0x07b1],
  [0x200f, 0x200f],
  [0xfb1d, 0xfb1d],
  [0xfb1f, 0xfb28],
  [0xfb2a, 0xfb36],
  [0xfb38, 0xfb3c],
  [0xfb3e, 0xfb3e],
  [0xfb40, 0xfb41],
  [0xfb43, 0xfb44],
  [0xfb46, 0xfbb1],
  [0xfbd3, 0xfd3d],
  [0xfd50, 0xfd8f],
  [0xfd92, 0xfdc7],
  [0xfdf0, 0xfdfc],
  [0xfe70, 0xfe74],
  [0xfe76, 0xfefc],
];

export function inRanges(cp: number, ranges: CodePointRanges): boolean {
  for (const [first, last] of ranges) {
    if (cp < first) return false;
    if (cp <= last) return true;
  }
  return false;
}
