/** ID (RFC 2971 §3.2): `* ID ("name" "Cyrus" "version" NIL)` or `* ID NIL`. */
import type { Reader } from './lexer/reader';
import type { IdResponse } from './types';

export function readId(r: Reader): IdResponse {
  r.sp();
  if (r.nil()) {
    r.finish();
    return { type: 'id', params: null };
  }
  r.expect(0x28, '(');
  const params: Array<[string, string | null]> = [];
  r.skipLeadingSpace();
  while (!r.is(0x29) && r.listSp(params.length)) {
    const k = r.string();
    r.sp();
    params.push([k, r.nstring()]);
    r.count(params.length);
  }
  r.p++;
  r.finish();
  return { type: 'id', params };
}
