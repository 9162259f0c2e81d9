import { invalidArgument } from './sasl-error';
import {
  ASCII_CONTROL,
  type CodePointRanges,
  DISPLAY_PROPERTY,
  inRanges,
  MAPPED_TO_NOTHING,
  NON_ASCII_CONTROL,
  NON_ASCII_SPACE,
  NON_CHARACTER,
  NOT_CANONICAL,
  NOT_PLAIN_TEXT,
  PRIVATE_USE,
  RAND_AL_CAT,
  SURROGATE,
  TAGGING,
} from './saslprep-tables';

/**
 * SASLprep (RFC 4013), the stringprep (RFC 3454) profile for user names and passwords.
 *
 * Scope, and where it differs from a table-exact implementation:
 * - Mapping (§2.1) and prohibited output (§2.3) use the RFC 3454 tables exactly.
 * - Normalisation (§2.2) is NFKC by `String.prototype.normalize`, i.e. the JS engine's
 *   Unicode version, not Unicode 3.2. The two agree on everything assigned in 3.2 except
 *   a handful of corrected decompositions.
 * - Unassigned code points (§2.5): allowed for queries (the default, as SCRAM asks for
 *   user names, RFC 5802 §5.1); for stored strings they are refused using the engine's
 *   `\p{Cn}` (unassigned in the current Unicode version, a subset of those of 3.2).
 * - Bidi (§2.4, RFC 3454 §6): RandALCat is table D.1 exactly. LCat (D.2, a long table) is
 *   approximated as letters and spacing marks (`\p{L}`, `\p{Mc}`) outside right-to-left
 *   scripts, which matches D.2 for letters; the few symbols D.2 also lists are neutral here.
 */
export interface SaslPrepOptions {
  /** Allow unassigned code points (a "query" string). Default `true`; `false` for stored strings. */
  allowUnassigned?: boolean;
}

export type SaslPrepResult = { ok: true; value: string } | { ok: false; reason: string; codePoint: number };

const PROHIBITED: readonly (readonly [string, CodePointRanges])[] = [
  ['a non-ASCII space', NON_ASCII_SPACE],
  ['an ASCII control character', ASCII_CONTROL],
  ['a non-ASCII control character', NON_ASCII_CONTROL],
  ['a private use character', PRIVATE_USE],
  ['a non-character code point', NON_CHARACTER],
  ['a lone surrogate', SURROGATE],
  ['a character inappropriate for plain text', NOT_PLAIN_TEXT],
  ['a character inappropriate for canonical representation', NOT_CANONICAL],
  ['a character that changes display properties', DISPLAY_PROPERTY],
  ['a tagging character', TAGGING],
];

const UNASSIGNED = /\p{Cn}/u;
const LEFT_TO_RIGHT_CANDIDATE = /[\p{L}\p{Mc}]/u;
const RIGHT_TO_LEFT_SCRIPT =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Mende_Kikakui}\p{Script=Imperial_Aramaic}\p{Script=Phoenician}\p{Script=Kharoshthi}\p{Script=Avestan}\p{Script=Old_South_Arabian}\p{Script=Old_North_Arabian}\p{Script=Nabataean}\p{Script=Palmyrene}\p{Script=Hatran}\p{Script=Manichaean}\p{Script=Psalter_Pahlavi}\p{Script=Inscriptional_Pahlavi}\p{Script=Inscriptional_Parthian}\p{Script=Lydian}\p{Script=Meroitic_Cursive}\p{Script=Meroitic_Hieroglyphs}\p{Script=Old_Hungarian}\p{Script=Old_Turkic}\p{Script=Sogdian}\p{Script=Old_Sogdian}\p{Script=Elymaic}\p{Script=Chorasmian}\p{Script=Yezidi}\p{Script=Cypriot}]/u;

function isRandAL(cp: number): boolean {
  return inRanges(cp, RAND_AL_CAT);
}

function isL(cp: number, ch: string): boolean {
  return !isRandAL(cp) && LEFT_TO_RIGHT_CANDIDATE.test(ch) && !RIGHT_TO_LEFT_SCRIPT.test(ch);
}

function hex(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** SASLprep without throwing: the prepared string, or why it was refused. */
export function saslprepCheck(input: string, options: SaslPrepOptions = {}): SaslPrepResult {
  const allowUnassigned = options.allowUnassigned ?? true;
  // §2.1 Map. B.1 first, so U+200B (in both B.1 and C.1.2) maps to nothing.
  let mapped = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0) as number;
    if (inRanges(cp, MAPPED_TO_NOTHING)) continue;
    mapped += inRanges(cp, NON_ASCII_SPACE) ? ' ' : ch;
  }
  // §2.2 Normalize.
  const value = mapped.normalize('NFKC');
  // §2.3 Prohibited output, §2.5 unassigned, and collect what the bidi rule needs.
  let hasRandAL = false;
  let hasL = false;
  let firstRandAL = false;
  let lastRandAL = false;
  let index = 0;
  for (const ch of value) {
    const cp = ch.codePointAt(0) as number;
    for (const [what, table] of PROHIBITED) {
      if (inRanges(cp, table)) return { ok: false, reason: `contains ${what}`, codePoint: cp };
    }
    if (!allowUnassigned && UNASSIGNED.test(ch)) {
      return { ok: false, reason: 'contains an unassigned code point', codePoint: cp };
    }
    const randAL = isRandAL(cp);
    if (randAL) hasRandAL = true;
    else if (isL(cp, ch)) hasL = true;
    if (index === 0) firstRandAL = randAL;
    lastRandAL = randAL;
    index++;
  }
  // §2.4 Bidi (RFC 3454 §6): RandALCat text may hold no LCat and must begin and end with RandALCat.
  if (hasRandAL) {
    const at = value.codePointAt(0) as number;
    if (hasL) return { ok: false, reason: 'mixes right-to-left and left-to-right characters', codePoint: at };
    if (!firstRandAL || !lastRandAL) {
      return {
        ok: false,
        reason: 'holds right-to-left characters but does not begin and end with one',
        codePoint: at,
      };
    }
  }
  return { ok: true, value };
}

/**
 * Prepares `input` with SASLprep (RFC 4013). Throws `ParseError` (`INVALID_ARGUMENT`) naming
 * the offending code point. Do not use this on passwords where the message could be logged:
 * `saslprepCheck` gives the reason without the code point.
 */
export function saslprep(input: string, options: SaslPrepOptions = {}): string {
  const result = saslprepCheck(input, options);
  if (!result.ok)
    throw invalidArgument(`SASLprep refused the string: it ${result.reason} (${hex(result.codePoint)})`);
  return result.value;
}

/** Prepares a password, throwing a message that says what is wrong without quoting any of it. */
export function saslprepPassword(password: string, options: SaslPrepOptions = {}): string {
  const result = saslprepCheck(password, options);
  if (!result.ok)
    throw invalidArgument(`password is not valid under SASLprep (RFC 4013): it ${result.reason}`);
  return result.value;
}
