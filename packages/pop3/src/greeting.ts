/**
 * The APOP timestamp of a POP3 greeting (RFC 1939 §7): a msg-id `<process-ID.clock@hostname>`
 * somewhere in the greeting text. The digest is MD5 over the timestamp *including* its
 * angle brackets followed by the shared secret, so the brackets are kept.
 *
 * Only a `<...>` that holds an `@` and no space, tab or second `<` counts: a bracketed base64
 * banner such as Exchange's `[QwBIAD...]` is neither a timestamp nor (not being at the
 * start of the text) a response code.
 */
export function extractApopTimestamp(text: string): string | undefined {
  // One pass: a candidate starts at the latest '<' and is dropped at any character a
  // msg-id cannot hold, so each character is looked at a bounded number of times.
  let open = -1;
  let at = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3c) {
      open = i;
      at = -1;
    } else if (open < 0) {
      // not inside a candidate
    } else if (c === 0x3e) {
      if (at > open + 1 && at < i - 1) return text.slice(open, i + 1);
      open = -1;
    } else if (c <= 0x20 || c > 0x7e) {
      open = -1;
    } else if (c === 0x40 && at < 0) {
      at = i;
    }
  }
  return undefined;
}
