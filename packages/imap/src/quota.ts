/** QUOTA and QUOTAROOT (RFC 9208 §5.1, §5.2; RFC 2087). */
import type { Reader } from './lexer/reader';
import { readMailbox } from './list';
import type { QuotaResponse, QuotaRootResponse } from './types';

export function readQuota(r: Reader): QuotaResponse {
  r.sp();
  const root = r.astring();
  r.sp();
  r.expect(0x28, '(');
  const resources: QuotaResponse['resources'] = [];
  r.skipLeadingSpace();
  while (!r.is(0x29) && r.listSp(resources.length)) {
    const name = r.atom();
    r.sp();
    const usage = r.number64();
    r.sp();
    const limit = r.number64();
    resources.push({ name, usage, limit });
    r.count(resources.length);
  }
  r.p++;
  r.finish();
  return { type: 'quota', root, resources };
}

export function readQuotaRoot(r: Reader): QuotaRootResponse {
  r.sp();
  const mailbox = readMailbox(r);
  const roots: string[] = [];
  while (r.sepSpBeforeAstring()) {
    if (r.atEnd()) break;
    roots.push(r.astring());
    r.count(roots.length);
  }
  r.finish();
  return { type: 'quotaroot', mailbox, roots };
}
