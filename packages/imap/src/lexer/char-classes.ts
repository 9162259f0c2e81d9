/**
 * Byte classes of the IMAP grammar (RFC 3501 §9, RFC 9051 §9) as 256-entry lookup tables,
 * so that scanning a token is one table load per byte.
 */

function table(accept: (b: number) => boolean): Uint8Array {
  const t = new Uint8Array(256);
  for (let b = 0; b < 256; b++) t[b] = accept(b) ? 1 : 0;
  return t;
}

const isCtl = (b: number): boolean => b < 0x20 || b === 0x7f;
// atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards / quoted-specials / resp-specials
const atomSpecial = (b: number): boolean =>
  b === 0x28 ||
  b === 0x29 ||
  b === 0x7b ||
  b === 0x20 ||
  isCtl(b) ||
  b === 0x25 ||
  b === 0x2a ||
  b === 0x22 ||
  b === 0x5c ||
  b === 0x5d;

/** ATOM-CHAR (7-bit). */
export const ATOM = table((b) => b < 0x80 && !atomSpecial(b));
/** ASTRING-CHAR = ATOM-CHAR / resp-specials. */
export const ASTRING = table((b) => b < 0x80 && (!atomSpecial(b) || b === 0x5d));
/** list-char = ATOM-CHAR / list-wildcards / resp-specials (LIST mailbox patterns). */
export const LIST_CHAR = table(
  (b) => b < 0x80 && (!atomSpecial(b) || b === 0x5d || b === 0x25 || b === 0x2a),
);
/**
 * Lenient flag / label atom: anything but SP, parentheses, quote, CTL — so `]` (Gmail sends
 * labels like `[Gmail]/Sent` unquoted in flag lists) and 8-bit bytes pass.
 */
export const LOOSE_ATOM = table((b) => !(b === 0x20 || b === 0x28 || b === 0x29 || b === 0x22 || isCtl(b)));
/** Text of a response code argument: any TEXT-CHAR but "]". */
export const CODE_TEXT = table((b) => !(b === 0x5d || b === 0x0d || b === 0x0a || b === 0));
export const DIGIT = table((b) => b >= 0x30 && b <= 0x39);
/** A FETCH item name: ATOM-CHAR except "[" (the section opens there) and "<". */
export const FETCH_NAME = table((b) => b < 0x80 && !atomSpecial(b) && b !== 0x5b && b !== 0x3c);
/** tag = 1*<any ASTRING-CHAR except "+">. */
export const TAG = table((b) => b < 0x80 && (!atomSpecial(b) || b === 0x5d) && b !== 0x2b);
/**
 * Bytes a quoted string carries as they are (7-bit TEXT-CHAR but the quoted-specials `"` and
 * `\`): a quoted string is scanned over these, the others handled one by one.
 */
export const QUOTED_PLAIN = table(
  (b) => b < 0x80 && b !== 0x22 && b !== 0x5c && b !== 0x0d && b !== 0x0a && b !== 0,
);
