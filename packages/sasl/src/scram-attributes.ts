import { badSyntax } from './sasl-error';

/** One `name=value` attribute of a SCRAM message (RFC 5802 §5.1). */
export interface ScramAttribute {
  name: string;
  value: string;
}

/**
 * Splits a SCRAM message (without GS2 header) into its attributes. Every attribute is one
 * ASCII letter, '=', and a value without ','. `who` names the message for errors; `quote`
 * false keeps the text out of the error (a client proof is not for logs).
 * Throws `ParseError` BAD_SYNTAX.
 */
export function parseScramAttributes(text: string, who: string, quote = true): ScramAttribute[] {
  const out: ScramAttribute[] = [];
  for (const part of text.split(',')) {
    if (!/^[A-Za-z]=/.test(part)) {
      const found = quote ? ` but found "${part.slice(0, 20)}"` : '';
      throw quote
        ? badSyntax(`${who}: expected an attribute "x=value"${found}`, text)
        : badSyntax(`${who}: expected attributes "x=value" separated by ","`);
    }
    out.push({ name: part[0] as string, value: part.slice(2) });
  }
  return out;
}

/** RFC 5802 §7 `printable`: %x21-2B / %x2D-7E (visible ASCII except ','). */
export function isScramPrintable(text: string): boolean {
  return /^[\x21-\x2b\x2d-\x7e]+$/.test(text);
}

/** RFC 5802 §7 `base64` (with padding), the alphabet check only; decoding is strict. */
export function looksLikeBase64(text: string): boolean {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0;
}
