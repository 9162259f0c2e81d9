/**
 * Cuts an IMAP byte stream into complete responses, for a peer whose parser only takes a
 * whole response (emailjs-imap-handler): a response is a line, or a line ending in a
 * literal marker `{n}` followed by n bytes and the rest of the response (RFC 3501 §4.3).
 * Each response is one contiguous buffer without its final CRLF, literals inline, the way
 * emailjs-imap-client hands responses to the parser. A view of the chunk when the response
 * lies in one chunk, else a copy. This framing is adapter code, not the peer's: it is an
 * indexOf scan plus the copies the peer's API forces on a client.
 */
export class ImapResponseFramer {
  private pieces: Uint8Array[] = [];
  /** Index in `pieces` where the line being read starts. */
  private lineStart = 0;
  private literalLeft = 0;

  /** Pushes one chunk; calls `onResponse` for every response it completes. */
  push(chunk: Uint8Array, onResponse: (response: Uint8Array) => void): void {
    let pos = 0;
    const len = chunk.length;
    while (pos < len) {
      if (this.literalLeft > 0) {
        const take = Math.min(this.literalLeft, len - pos);
        this.pieces.push(chunk.subarray(pos, pos + take));
        pos += take;
        this.literalLeft -= take;
        if (this.literalLeft === 0) this.lineStart = this.pieces.length;
        continue;
      }
      const lf = chunk.indexOf(10, pos);
      if (lf === -1) {
        this.pieces.push(chunk.subarray(pos));
        break;
      }
      this.pieces.push(chunk.subarray(pos, lf + 1));
      pos = lf + 1;
      if (this.pieces.length - this.lineStart > 1) {
        // the line crossed a chunk boundary: make it contiguous to read its end
        const line = join(this.pieces.slice(this.lineStart));
        this.pieces.length = this.lineStart;
        this.pieces.push(line);
      }
      const literal = literalMarker(this.pieces[this.pieces.length - 1] as Uint8Array);
      if (literal >= 0) {
        this.literalLeft = literal;
        this.lineStart = this.pieces.length;
        continue;
      }
      const whole = join(this.pieces);
      this.pieces = [];
      this.lineStart = 0;
      const end = whole.length >= 2 && whole[whole.length - 2] === 13 ? whole.length - 2 : whole.length - 1;
      onResponse(whole.subarray(0, end));
    }
  }
}

function join(pieces: readonly Uint8Array[]): Uint8Array {
  if (pieces.length === 1) return pieces[0] as Uint8Array;
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** n when the line ends in `{n}` (or `{n+}`) before its CRLF, else -1. */
function literalMarker(line: Uint8Array): number {
  let i = line.length - 1; // the LF
  if (line[i - 1] === 13) i--;
  if (line[i - 1] !== 0x7d) return -1;
  i -= 2;
  if (line[i] === 0x2b) i--; // LITERAL+ (RFC 7888)
  let n = 0;
  let scale = 1;
  const last = i;
  for (; i >= 0 && (line[i] as number) >= 0x30 && (line[i] as number) <= 0x39; i--) {
    n += ((line[i] as number) - 0x30) * scale;
    scale *= 10;
  }
  return i < last && line[i] === 0x7b ? n : -1;
}
