import { describe, expect, it } from 'vitest';
import { decodeEncodedWords } from '../src/index';

/**
 * RFC 2047 encoded-words as ENVELOPE strings carry them (RFC 3501 §7.4.2 leaves decoding to
 * the client). `decodeEncodedWords` decodes what is a word and leaves anything else as it is.
 */

/** Each input is returned unchanged: none of it is an encoded-word. */
function leftAsIs(inputs: string[]): void {
  for (const s of inputs) expect(decodeEncodedWords(s), JSON.stringify(s)).toBe(s);
}

describe('Q encoding (RFC 2047 §4.2)', () => {
  it('decodes "_" as SPACE and =XX with decimal digits, 0 and 9 in either place', () => {
    expect(decodeEncodedWords('=?us-ascii?Q?a_b__c?=')).toBe('a b  c');
    // =09 (TAB: high digit 0), =30 ("0": low digit 0), =39 ("9"), =20 (SPACE)
    expect(decodeEncodedWords('=?us-ascii?Q?=30=09=39=20=5F?=')).toBe('0\t9 _');
  });

  it('decodes upper-case hex digits A and F in either place', () => {
    expect(decodeEncodedWords('=?utf-8?Q?=41=4A=4F?=')).toBe('AJO');
    expect(decodeEncodedWords('=?iso-8859-1?Q?=A9=AF=FA?=')).toBe('©¯ú');
  });

  it('accepts lower-case hex digits a to f as well', () => {
    // RFC 2045 §6.7 (1): upper case must be sent, but "a robust implementation might choose
    // to recognize lowercase letters on decoding" (seen from some webmail generators).
    expect(decodeEncodedWords('=?utf-8?Q?Gr=c3=bc=c3=9fe?=')).toBe('Grüße');
    expect(decodeEncodedWords('=?iso-8859-1?Q?=a9=af=fa=e9?=')).toBe('©¯úé');
  });

  it('leaves a word with a bad =X escape as it is', () => {
    leftAsIs([
      '=?utf-8?Q?=G1?=', // bad first digit
      '=?utf-8?Q?=4G?=', // bad second digit
      '=?utf-8?Q?=4g?=', // "g" is past "f"
      '=?utf-8?Q?a=:0?=', // ":" sits between "9" and "A" in ASCII
      '=?utf-8?Q?a=@1?=', // "@" sits just before "A"
      '=?utf-8?Q?=/0?=', // "/" sits just before "0"
      '=?utf-8?Q?abc=4?=', // one digit, then the end of the text
      '=?utf-8?Q?abc=?=', // "=" as the last character of the text
    ]);
  });

  it('takes a raw character up to U+00FF as its byte, and leaves the word alone past it', () => {
    // RFC 2047 §5 allows only printable ASCII in encoded-text; raw 8-bit characters appear
    // anyway (old Latin-1 mailers). One up to U+00FF is taken as the byte of that value.
    expect(decodeEncodedWords('=?iso-8859-1?Q?K\u00f6ln_\u00ff?=')).toBe('Köln ÿ');
    leftAsIs(['=?iso-8859-1?Q?\u0100?=', '=?utf-8?Q?5_\u20ac?=']);
  });
});

describe('B encoding (RFC 2047 §4.1)', () => {
  it('decodes with the padding present', () => {
    expect(decodeEncodedWords('=?utf-8?B?w6k=?=')).toBe('é');
    expect(decodeEncodedWords('=?iso-8859-1?B?6Q==?=')).toBe('é');
    expect(decodeEncodedWords('=?utf-8?B?QUJD?=')).toBe('ABC');
  });

  it('decodes with the padding left out (one or two "=" missing)', () => {
    // RFC 2047 §4.1 says the padding is there; some generators drop it.
    expect(decodeEncodedWords('=?utf-8?B?w6k?=')).toBe('é');
    expect(decodeEncodedWords('=?iso-8859-1?B?6Q?=')).toBe('é');
    expect(decodeEncodedWords('=?utf-8?B?QUJDRA?=')).toBe('ABCD');
    expect(decodeEncodedWords('=?utf-8?B?QUJDREU?=')).toBe('ABCDE');
  });

  it('leaves a word with bad base64 as it is', () => {
    leftAsIs([
      '=?utf-8?B?w6k!?=', // "!" is not in the alphabet
      '=?utf-8?B?QUJDR?=', // a length of 4n+1 is never base64
      '=?utf-8?B?QU=D?=', // padding in the middle
      '=?utf-8?B?Q===?=', // three padding characters
    ]);
  });
});

describe('charsets', () => {
  it('decodes utf-8, iso-8859-1 and windows-1252, names in any case', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?caf=C3=A9?=')).toBe('café');
    expect(decodeEncodedWords('=?uTf-8?b?w6k=?=')).toBe('é');
    expect(decodeEncodedWords('=?ISO-8859-1?q?caf=E9?=')).toBe('café');
    expect(decodeEncodedWords('=?Windows-1252?Q?caf=E9?=')).toBe('café');
  });

  it('drops an RFC 2231 language suffix (charset*lang, RFC 2231 §5)', () => {
    expect(decodeEncodedWords('=?iso-8859-1*fr?Q?caf=E9?=')).toBe('café');
    expect(decodeEncodedWords('=?UTF-8*EN-us?B?w6k=?=')).toBe('é');
    // a language without a charset is no charset
    leftAsIs(['=?*en?Q?x?=']);
  });

  it('leaves a word in an unknown charset as it is', () => {
    leftAsIs(['=?x-unknown?Q?abc?=', '=?utf-9?B?w6k=?=', '=??Q?abc?=']);
  });

  it('leaves a word whose charset is not a token as it is (RFC 2047 §2)', () => {
    // TextDecoder alone would accept the first three: it trims ASCII whitespace, and
    // U+212A KELVIN SIGN lower-cases to an ASCII "k" ("koi8-r").
    leftAsIs([
      '=? utf-8?Q?abc?=',
      '=?utf-8\t?Q?abc?=',
      '=?\u212aoi8-r?Q?abc?=',
      '=?utf-8*\u00e9?Q?abc?=', // the language is a token too
    ]);
  });
});

describe('adjacent encoded-words (RFC 2047 §6.2)', () => {
  it('drops the whitespace between two encoded-words, folding included', () => {
    expect(decodeEncodedWords('=?utf-8?Q?a?=  \t =?utf-8?Q?b?=')).toBe('ab');
    expect(decodeEncodedWords('=?utf-8?Q?a?=\r\n =?utf-8?Q?b?=\r\n\t=?utf-8?B?Yw==?=')).toBe('abc');
    expect(decodeEncodedWords('=?utf-8?Q?a?==?utf-8?Q?b?=')).toBe('ab');
    // a space that must show is encoded inside a word
    expect(decodeEncodedWords('=?utf-8?Q?a_?= =?utf-8?Q?b?=')).toBe('a b');
  });

  it('keeps the whitespace between an encoded-word and plain text', () => {
    expect(decodeEncodedWords('Re: =?utf-8?Q?caf=C3=A9?= ok')).toBe('Re: café ok');
    expect(decodeEncodedWords('  =?utf-8?Q?a?=')).toBe('  a');
    expect(decodeEncodedWords('=?utf-8?Q?a?= b =?utf-8?Q?c?=')).toBe('a b c');
    // a malformed word between two good ones is plain text
    expect(decodeEncodedWords('=?utf-8?Q?a?= =?nope?Q?b?= =?utf-8?Q?c?=')).toBe('a =?nope?Q?b?= c');
  });

  it('decodes each word on its own: a character split between words is not joined', () => {
    // RFC 2047 §5: "Each 'encoded-word' MUST represent an integral number of characters."
    // Some generators split UTF-8 mid-character anyway; each half decodes to U+FFFD.
    expect(decodeEncodedWords('=?utf-8?Q?=C3?= =?utf-8?Q?=A9?=')).toBe('\ufffd\ufffd');
    expect(decodeEncodedWords('=?utf-8?B?w6k=?= =?utf-8?B?w6k=?=')).toBe('éé');
  });

  it('decodes a word glued to plain text (no whitespace around it)', () => {
    // RFC 2047 §5 wants whitespace around a word; some mobile mailers leave it out.
    expect(decodeEncodedWords('x=?utf-8?Q?a?=y')).toBe('xay');
  });
});

describe('word length and malformed words', () => {
  it('decodes a word longer than the 75 characters RFC 2047 §2 allows', () => {
    const text = 'a'.repeat(100);
    const word = `=?utf-8?Q?${text}?=`;
    expect(word.length).toBeGreaterThan(75);
    expect(decodeEncodedWords(word)).toBe(text);
  });

  it('decodes an empty encoded text to nothing', () => {
    expect(decodeEncodedWords('[=?utf-8?Q??=]')).toBe('[]');
    expect(decodeEncodedWords('[=?utf-8?B??=]')).toBe('[]');
  });

  it('leaves a word without its final "?=" as it is', () => {
    leftAsIs([
      '=?utf-8',
      '=?utf-8?Q',
      '=?utf-8?Q?',
      '=?utf-8?Q?abc',
      '=?utf-8?Q?abc?',
      '=?utf-8?Q?=', // the "?=" that ends "?Q?=" is not the end of the text
      'Q?A?= =?utf-8 ', // a "?=" before the word is not its end either
    ]);
  });

  it('leaves a word with a wrong or missing encoding letter as it is', () => {
    leftAsIs(['=?utf-8?X?abc?=', '=?utf-8??abc?=', '=?utf-8?BQ?abc?=', '=?utf-8?QQ?abc?=']);
  });

  it('leaves a word with a SPACE in its text as it is (RFC 2047 §5)', () => {
    leftAsIs(['=?utf-8?Q?a b?=', '=?utf-8?Q? a?=', '=?utf-8?B? w6k=?=']);
  });

  it('leaves text without "=?" untouched, and skips a bad word to find a good one', () => {
    leftAsIs(['plain text', 'a=b?c', '']);
    expect(decodeEncodedWords('=?bad =?utf-8?Q?ok?=')).toBe('=?bad ok');
  });
});
