/**
 * Status responses (RFC 3501 §7.1: resp-cond-state, resp-cond-bye, resp-cond-auth) and
 * continuation requests (§7.5), with resp-text = ["[" resp-text-code "]" SP] text.
 */
import type { Reader } from './lexer/reader';
import { readResponseCode } from './response-codes';
import type { ContinuationResponse, ResponseCode, StatusCondition, StatusResponse } from './types';

export interface RespText {
  code: ResponseCode | null;
  text: string;
}

/** resp-text after the status word's SP (or at the line end for the leniencies). */
export function readRespText(r: Reader): RespText {
  let code: ResponseCode | null = null;
  if (r.is(0x5b)) {
    code = readResponseCode(r);
    if (r.peek() === -1) {
      // `[HIGHESTMODSEQ n]` / `[READ-WRITE]` with no text (Dovecot, Gmail, Yahoo)
      r.lenient('MISSING_TEXT', 'response code without text');
      return { code, text: '' };
    }
    r.sp();
  }
  return { code, text: r.restText() };
}

export function readStatus(r: Reader, tag: string | null, status: StatusCondition): StatusResponse {
  if (r.peek() === -1) {
    // `* BYE` / `a1 OK` with no text (Courier, some Exchange versions on logout)
    r.lenient('MISSING_TEXT', `${status} without text`);
    return { type: 'status', tag, status, code: null, text: '' };
  }
  r.sp();
  const { code, text } = readRespText(r);
  return { type: 'status', tag, status, code, text };
}

/** Strict RFC 4648 base64 check; null unless `text` is non-empty, valid base64. */
function base64Data(text: string): Uint8Array | null {
  const n = text.length;
  if (n === 0 || n % 4 !== 0) return null;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const ok =
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x2b ||
      c === 0x2f ||
      (c === 0x3d && (i === n - 1 || (i === n - 2 && text.charCodeAt(n - 1) === 0x3d)));
    if (!ok) return null;
  }
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** After `+`: `+ text`, `+ base64`, or a bare `+` (leniency: Exchange, Courier IDLE). */
export function readContinuation(r: Reader): ContinuationResponse {
  if (r.peek() === -1) {
    r.lenient('BARE_CONTINUATION', 'continuation request without text');
    return { type: 'continuation', code: null, text: '', base64: null };
  }
  r.expect(0x20, 'SP');
  if (r.peek() === -1) return { type: 'continuation', code: null, text: '', base64: null };
  const { code, text } = readRespText(r);
  return { type: 'continuation', code, text, base64: code === null ? base64Data(text) : null };
}
