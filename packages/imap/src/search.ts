/**
 * SEARCH and SORT results (RFC 3501 §7.2.5, RFC 5256, RFC 7162 §3.1.5 MODSEQ) and ESEARCH
 * (RFC 4731, RFC 9051 §7.3.4).
 */
import type { Reader } from './lexer/reader';
import { readNumberSet } from './sequence-set';
import { readExtValue } from './tagged-ext';
import type { EsearchResponse, SearchResponse } from './types';

export function readSearch(r: Reader, type: 'search' | 'sort'): SearchResponse {
  const ids: number[] = [];
  let modseq: bigint | null = null;
  while (r.is(0x20)) {
    r.p++;
    if (r.peek() === -1 && r.atEnd()) {
      // `* SEARCH ` with a trailing space (Exchange, Courier)
      r.lenient('TRAILING_SPACE', 'trailing space after SEARCH');
      break;
    }
    if (r.is(0x20)) {
      r.lenient('EXTRA_SPACE', 'doubled space');
      continue;
    }
    if (r.is(0x28)) {
      r.p++;
      if (!r.tryWord('MODSEQ')) r.fail('expected MODSEQ');
      r.sp();
      modseq = r.modSeq(false);
      r.expect(0x29, ')');
      break;
    }
    ids.push(r.nzNumber());
    r.count(ids.length);
  }
  r.finish();
  return { type, ids, modseq };
}

export function readEsearch(r: Reader): EsearchResponse {
  let tag: string | null = null;
  let uid = false;
  const data: EsearchResponse['data'] = [];
  if (r.sepSp()) {
    if (r.is(0x28)) {
      r.p++;
      if (!r.tryWord('TAG')) r.fail('expected TAG');
      r.sp();
      tag = r.string();
      r.expect(0x29, ')');
      r.sepSp();
    }
    if (r.tryWord('UID')) {
      uid = true;
      r.sepSp();
    }
    while (r.peek() !== -1) {
      const key = r.keyword();
      r.sp();
      if (key === 'MIN' || key === 'MAX' || key === 'COUNT') data.push({ name: key, value: r.number() });
      else if (key === 'ALL') data.push({ name: key, set: readNumberSet(r) });
      else if (key === 'MODSEQ') data.push({ name: key, value: r.modSeq(false) });
      else data.push({ name: 'OTHER', key, value: readExtValue(r) });
      r.count(data.length);
      if (!r.sepSp()) break;
    }
  }
  r.finish();
  return { type: 'esearch', tag, uid, data };
}
