/**
 * Finds, ahead of core's DotUnstuffer, the two things real servers get wrong inside a
 * RETR/TOP body that the decoder itself cannot report:
 *
 * - `BARE_LF`: a line ended by LF alone (RFC 1939 §3 lines end with CRLF). Reported once
 *   per body (a body with LF line ends would otherwise give one warning per line).
 * - `UNSTUFFED_DOT`: a line that starts with '.' followed by something other than '.',
 *   CR or LF. A dot-stuffing server never sends that (RFC 1939 §3 doubles every line-start
 *   dot), so such a line comes from a server that does not stuff, and the dot is the
 *   message's own. Reported at the byte after the dot, every time (the caller restores it).
 *
 * Line starts are where the decoder sees them: after every LF (a bare LF is either an
 * error, in strict mode, or a line end, in lenient mode). Work: one native `indexOf(LF)`
 * per line plus a few byte checks, no per-byte loop in JavaScript.
 */

const LF = 0x0a;
const CR = 0x0d;
const DOT = 0x2e;

export type BodyQuirk = 'BARE_LF' | 'UNSTUFFED_DOT';

export class BodyScanner {
  private lineStart = true;
  private afterDot = false;
  private prevCR = false;
  private bareLFReported = false;
  /** The quirk found by the last `scan` that returned an index. */
  found: BodyQuirk = 'BARE_LF';
  /**
   * Index of the first line-start '.' the last `scan` passed (-1 if none): before it, the
   * scanned bytes hold no line-start dot, so the decoder need not search them for one.
   */
  firstDot = -1;

  /** `lenient`: "." LF is the (lenient) terminator, not a bare LF to report. */
  constructor(private readonly lenient: boolean) {}

  /**
   * Scans `chunk[from..]` and returns the index of the first quirk (the state then stands
   * just before that byte, except that the quirk is marked as seen), or -1 if none.
   */
  scan(chunk: Uint8Array, from: number): number {
    const n = chunk.length;
    let i = from;
    this.firstDot = -1;
    while (i < n) {
      if (this.afterDot) {
        this.afterDot = false;
        const b = chunk[i] as number;
        if (b !== DOT && b !== CR && b !== LF) {
          this.found = 'UNSTUFFED_DOT';
          return i;
        }
        if (b === DOT) {
          this.prevCR = false;
          i++;
          continue;
        }
        if (b === LF && this.lenient) {
          // "." LF: the lenient terminator; the decoder ends the body here and reports it.
          this.lineStart = true;
          this.prevCR = false;
          i++;
          continue;
        }
        // CR: the terminator or a CR in the line; LF in strict mode: a bare LF, reported below.
      } else if (this.lineStart) {
        this.lineStart = false;
        if (chunk[i] === DOT) {
          if (this.firstDot < 0) this.firstDot = i;
          this.afterDot = true;
          this.prevCR = false;
          i++;
          continue;
        }
      }
      const lf = chunk.indexOf(LF, i);
      if (lf < 0) {
        this.prevCR = chunk[n - 1] === CR;
        return -1;
      }
      const crBefore = lf > i ? chunk[lf - 1] === CR : this.prevCR;
      if (!crBefore && !this.bareLFReported) {
        this.bareLFReported = true;
        this.found = 'BARE_LF';
        this.prevCR = lf > i ? chunk[lf - 1] === CR : this.prevCR;
        // Resume exactly at the LF: it is then handled as an ordinary line end.
        return lf;
      }
      this.lineStart = true;
      this.prevCR = false;
      i = lf + 1;
    }
    return -1;
  }
}
