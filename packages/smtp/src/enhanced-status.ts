/**
 * Enhanced mail system status codes (RFC 3463), as carried at the start of reply text
 * when the server advertised ENHANCEDSTATUSCODES (RFC 2034).
 *
 *   status-code = class "." subject "." detail
 *   class       = "2" / "4" / "5"
 *   subject     = 1*3digit
 *   detail      = 1*3digit
 */
export interface EnhancedStatusCode {
  /** 2 success, 4 persistent transient failure, 5 permanent failure. */
  class: 2 | 4 | 5;
  subject: number;
  detail: number;
  /** The code as written, e.g. `2.1.5`. */
  raw: string;
}

/**
 * Reads an enhanced status code at the very start of `text`. It must be followed by a
 * space or the end of the text: `2.1.5x` or `2.1` is not one, and nothing is taken from
 * a first word that is not one (a server that writes `2.0 Ok` keeps its text whole).
 * `replyCode`, when given, must agree with the class (RFC 3463 §2: the class digit
 * matches the first digit of the reply code) — used for the "clearly starts with one"
 * heuristic when the server did not advertise ENHANCEDSTATUSCODES.
 */
export function parseEnhancedStatus(text: string, replyCode?: number): EnhancedStatusCode | undefined {
  const c = text.charCodeAt(0);
  if (c !== 0x32 && c !== 0x34 && c !== 0x35) return undefined;
  if (text.charCodeAt(1) !== 0x2e) return undefined;
  let i = 2;
  const subjectStart = i;
  let subject = 0;
  for (
    let d = text.charCodeAt(i);
    i < text.length && i - subjectStart < 4 && isDigit(d);
    d = text.charCodeAt(++i)
  ) {
    subject = subject * 10 + d - 0x30;
  }
  const subjectLen = i - subjectStart;
  if (subjectLen < 1 || subjectLen > 3 || text.charCodeAt(i) !== 0x2e) return undefined;
  i++;
  const detailStart = i;
  let detail = 0;
  for (
    let d = text.charCodeAt(i);
    i < text.length && i - detailStart < 4 && isDigit(d);
    d = text.charCodeAt(++i)
  ) {
    detail = detail * 10 + d - 0x30;
  }
  const detailLen = i - detailStart;
  if (detailLen < 1 || detailLen > 3) return undefined;
  if (i < text.length && text.charCodeAt(i) !== 0x20) return undefined;
  const cls = (c - 0x30) as 2 | 4 | 5;
  if (replyCode !== undefined && Math.floor(replyCode / 100) !== cls) return undefined;
  return { class: cls, subject, detail, raw: text.slice(0, i) };
}

/** `text` without a leading enhanced status code and the space after it (unchanged if it has none). */
export function stripEnhancedStatus(text: string, status: EnhancedStatusCode | undefined): string {
  if (status === undefined || !text.startsWith(status.raw)) return text;
  return text.slice(status.raw.length + (text.charCodeAt(status.raw.length) === 0x20 ? 1 : 0));
}

/** Writes a code back as `class.subject.detail`. */
export function formatEnhancedStatus(
  status: Pick<EnhancedStatusCode, 'class' | 'subject' | 'detail'>,
): string {
  return `${status.class}.${status.subject}.${status.detail}`;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
