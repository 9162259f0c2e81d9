/**
 * response (RFC 3501 §9, RFC 9051 §9): dispatches a complete framed response to the reader
 * of its grammar area.
 */

import { readCapabilityList } from './capability';
import { readFetchItems } from './fetch';
import { readId } from './id';
import { TAG } from './lexer/char-classes';
import type { Reader } from './lexer/reader';
import { readList, readMailboxStatus } from './list';
import { readMetadata } from './metadata';
import { readNamespace } from './namespace';
import { readQuota, readQuotaRoot } from './quota';
import { readEsearch, readSearch } from './search';
import { readNumberSet } from './sequence-set';
import { readContinuation, readStatus } from './status';
import { readThreadResponse } from './thread';
import type { ImapResponse, StatusCondition } from './types';

const STATUS = new Set(['OK', 'NO', 'BAD', 'PREAUTH', 'BYE']);
const FETCH = Uint8Array.from('FETCH', (c) => c.charCodeAt(0));

/** A keyword; lower case is legal (RFC 3501 §9: case-insensitive) but reported (old Cyrus, hMailServer). */
function readKeyword(r: Reader): string {
  const upper = r.keyword();
  if (r.hadLower && !r.o.strict)
    r.o.warn('LOWERCASE_KEYWORD', `keyword ${upper} not in upper case`, r.offset);
  return upper;
}

function unknown(r: Reader, keyword: string): ImapResponse {
  r.skipToEnd();
  return { type: 'unknown', keyword, raw: r.rawSince(0) };
}

export function readResponse(r: Reader): ImapResponse {
  if (r.is(0x2b)) {
    r.p++;
    const c = readContinuation(r);
    r.finish();
    return c;
  }
  if (!r.is(0x2a)) {
    const tag = r.token(TAG, 'a tag');
    r.sp();
    const kw = readKeyword(r);
    if (kw !== 'OK' && kw !== 'NO' && kw !== 'BAD') {
      if (kw === 'PREAUTH' || kw === 'BYE') {
        r.lenient('TAGGED_UNTAGGED', `tagged ${kw}`);
      } else {
        r.fail(`tagged response with ${kw}`);
      }
    }
    return readStatus(r, tag, kw as StatusCondition);
  }
  r.p++;
  r.sp();
  const c = r.peek();
  if (c >= 0x30 && c <= 0x39) {
    const at = r.p;
    const n = r.number();
    r.sp();
    // FETCH as servers write it is told without making a string (the bulk of a sync)
    const kw = r.exactWord(FETCH) ? 'FETCH' : readKeyword(r);
    switch (kw) {
      case 'EXISTS':
      case 'RECENT':
        r.finish();
        return { type: kw === 'EXISTS' ? 'exists' : 'recent', value: n };
      case 'EXPUNGE':
      case 'FETCH': {
        if (n === 0) {
          const save = r.p;
          r.p = at;
          // `* 0 FETCH` / `* 0 EXPUNGE` (seen from Exchange and some IMAP proxies)
          r.lenient('ZERO_NUMBER', `message number 0 in ${kw}`);
          r.p = save;
        }
        if (kw === 'EXPUNGE') {
          r.finish();
          return { type: 'expunge', value: n };
        }
        r.sp();
        const items = readFetchItems(r);
        r.finish();
        return { type: 'fetch', seq: n, items };
      }
      default:
        return unknown(r, kw);
    }
  }
  const kw = readKeyword(r);
  if (STATUS.has(kw)) return readStatus(r, null, kw as StatusCondition);
  switch (kw) {
    case 'CAPABILITY': {
      r.sp();
      const capabilities = readCapabilityList(r);
      r.finish();
      return { type: 'capability', capabilities };
    }
    case 'ENABLED': {
      const capabilities = r.sepSp() && r.peek() !== -1 ? readCapabilityList(r) : [];
      r.finish();
      return { type: 'enabled', capabilities };
    }
    case 'LIST':
    case 'LSUB':
      return readList(r, kw);
    case 'STATUS':
      return readMailboxStatus(r);
    case 'SEARCH':
      return readSearch(r, 'search');
    case 'SORT':
      return readSearch(r, 'sort');
    case 'ESEARCH':
      return readEsearch(r);
    case 'FLAGS': {
      r.sp();
      const flags = r.flagList();
      r.finish();
      return { type: 'flags', flags };
    }
    case 'VANISHED': {
      r.sp();
      let earlier = false;
      if (r.is(0x28)) {
        r.p++;
        if (!r.tryWord('EARLIER')) r.fail('expected EARLIER');
        r.expect(0x29, ')');
        r.sp();
        earlier = true;
      }
      const uids = readNumberSet(r);
      r.finish();
      return { type: 'vanished', earlier, uids };
    }
    case 'NAMESPACE':
      return readNamespace(r);
    case 'QUOTA':
      return readQuota(r);
    case 'QUOTAROOT':
      return readQuotaRoot(r);
    case 'ID':
      return readId(r);
    case 'METADATA':
      return readMetadata(r);
    case 'THREAD':
      return readThreadResponse(r);
    default:
      return unknown(r, kw);
  }
}
