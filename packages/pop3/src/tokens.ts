import type { QuirkSink } from './quirks';

/** A [start, end) range of a line. */
export interface Token {
  start: number;
  end: number;
}

const SP = 0x20;

/**
 * Splits a line into space-separated tokens (RFC 1939 §3: arguments are separated by a
 * single SP). Runs of spaces and leading/trailing spaces are a quirk (`EXTRA_SPACE`).
 * At most `max` tokens are split off; the last one runs to the end of the line.
 */
export function splitTokens(
  bytes: Uint8Array,
  offset: number,
  sink: QuirkSink,
  max = Number.POSITIVE_INFINITY,
): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = bytes.length;
  let reported = false;
  const extra = (at: number) => {
    if (!reported) {
      reported = true;
      sink.quirk('EXTRA_SPACE', 'more than one space between fields', offset + at);
    }
  };
  if (n > 0 && bytes[0] === SP) {
    while (i < n && bytes[i] === SP) i++;
    extra(0);
  }
  while (i < n) {
    if (out.length === max - 1) {
      let end = n;
      while (end > i && bytes[end - 1] === SP) end--;
      if (end < n) extra(end);
      out.push({ start: i, end });
      return out;
    }
    let j = bytes.indexOf(SP, i);
    if (j < 0) j = n;
    out.push({ start: i, end: j });
    if (j >= n) break;
    i = j + 1;
    if (i >= n || bytes[i] === SP) {
      extra(i);
      while (i < n && bytes[i] === SP) i++;
    }
  }
  return out;
}
