/**
 * tagged-ext-val (RFC 4466 §2.1): the generic value of extension data — LIST-EXTENDED
 * items (RFC 5258), ESEARCH return data (RFC 4731) — a number, an astring, NIL or a
 * parenthesised list of those.
 */
import type { Reader } from './lexer/reader';
import type { BodyExtension } from './types';

/** tagged-ext-val: a simple value or a parenthesised list of values. */
export function readExtValue(r: Reader): BodyExtension {
  if (r.is(0x28)) {
    r.p++;
    r.enter();
    const out: BodyExtension[] = [];
    r.skipLeadingSpace();
    while (!r.is(0x29) && r.listSp(out.length)) {
      out.push(readExtValue(r));
      r.count(out.length);
    }
    r.p++;
    r.leave();
    return out;
  }
  const c = r.peek();
  if (c >= 0x30 && c <= 0x39) {
    const at = r.p;
    const n = r.number64();
    const after = r.peek();
    if (after === -1 || after === 0x20 || after === 0x29) return n;
    r.p = at;
  }
  if (r.nil()) return null;
  return r.astring();
}
