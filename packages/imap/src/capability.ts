/** capability-data (RFC 3501 §7.2.1, RFC 9051 §7.2.2): atoms, also inside `[CAPABILITY ...]`. */
import type { Reader } from './lexer/reader';

/** capability-data atoms up to `]` or the end of the line. */
export function readCapabilityList(r: Reader): string[] {
  const out: string[] = [];
  for (;;) {
    out.push(r.atom());
    r.count(out.length);
    if (!r.is(0x20)) return out;
    r.p++;
    while (r.is(0x20)) {
      r.lenient('EXTRA_SPACE', 'doubled space');
      r.p++;
    }
    if (r.peek() === -1 || r.is(0x5d)) {
      r.lenient('TRAILING_SPACE', 'trailing space after the capability list');
      return out;
    }
  }
}
