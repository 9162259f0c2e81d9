/** METADATA (RFC 5464 §4.4): entry-values, or the unsolicited entry-list form. */
import type { Reader } from './lexer/reader';
import { readMailbox } from './list';
import type { MetadataResponse } from './types';

export function readMetadata(r: Reader): MetadataResponse {
  r.sp();
  const mailbox = readMailbox(r);
  r.sp();
  if (r.is(0x28)) {
    r.p++;
    const entries: NonNullable<MetadataResponse['entries']> = [];
    while (!r.is(0x29) && r.listSp(entries.length)) {
      const entry = r.astring();
      r.sp();
      entries.push({ entry, value: r.nstringBytes() });
      r.count(entries.length);
    }
    r.p++;
    r.finish();
    return { type: 'metadata', mailbox, entries, names: null };
  }
  const names: string[] = [];
  for (;;) {
    names.push(r.astring());
    r.count(names.length);
    if (!r.sepSpBeforeAstring() || r.atEnd()) break;
  }
  r.finish();
  return { type: 'metadata', mailbox, entries: null, names };
}
