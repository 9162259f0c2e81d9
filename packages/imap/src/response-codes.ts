/**
 * resp-text-code (RFC 3501 §7.1, RFC 9051 §7.1, RFC 4315 UIDPLUS, RFC 7162 CONDSTORE/QRESYNC,
 * RFC 5530 response codes). Unknown codes are kept raw (`OTHER`).
 */
import { ParseError } from '@mailwire/core';
import { readCapabilityList } from './capability';
import { CODE_TEXT } from './lexer/char-classes';
import { asciiString, type Reader, utf8String } from './lexer/reader';
import { readNumberSet } from './sequence-set';
import type { ResponseCode, SimpleCodeName } from './types';

const SIMPLE = new Set<string>([
  'ALERT',
  'PARSE',
  'READ-ONLY',
  'READ-WRITE',
  'TRYCREATE',
  'UIDNOTSTICKY',
  'NOMODSEQ',
  'CLOSED',
  'UNAVAILABLE',
  'AUTHENTICATIONFAILED',
  'AUTHORIZATIONFAILED',
  'EXPIRED',
  'PRIVACYREQUIRED',
  'CONTACTADMIN',
  'NOPERM',
  'INUSE',
  'EXPUNGEISSUED',
  'CORRUPTION',
  'SERVERBUG',
  'CLIENTBUG',
  'CANNOT',
  'LIMIT',
  'OVERQUOTA',
  'ALREADYEXISTS',
  'NONEXISTENT',
  'HASCHILDREN',
  'UNKNOWN-CTE',
]);

/** Reads `[code]` (the reader is at `[`) and the `]`. */
export function readResponseCode(r: Reader): ResponseCode {
  r.expect(0x5b, '[');
  const mark = r.mark();
  try {
    const code = readKnownCode(r);
    r.expect(0x5d, ']');
    return code;
  } catch (e) {
    if (!(e instanceof ParseError) || r.o.strict) throw e;
    // A known code with arguments we cannot read: keep it raw (lenient).
    r.restore(mark);
    r.lenient('BAD_CODE', 'malformed response code kept raw');
    const code = readOtherCode(r, r.atom());
    r.expect(0x5d, ']');
    return code;
  }
}

function readKnownCode(r: Reader): ResponseCode {
  const atomStart = r.p;
  const name = r.keyword();
  if (SIMPLE.has(name)) {
    return { name: name as SimpleCodeName };
  }
  switch (name) {
    case 'BADCHARSET': {
      const charsets: string[] = [];
      if (r.sepSp()) {
        r.expect(0x28, '(');
        for (;;) {
          charsets.push(r.astring());
          r.count(charsets.length);
          if (!r.sepSp()) break;
        }
        r.expect(0x29, ')');
      }
      return { name, charsets };
    }
    case 'CAPABILITY':
      r.sp();
      return { name, capabilities: readCapabilityList(r) };
    case 'PERMANENTFLAGS':
      r.sp();
      return { name, flags: r.flagList() };
    case 'UIDNEXT':
    case 'UIDVALIDITY':
    case 'UNSEEN':
      r.sp();
      return { name, value: r.nzNumber() };
    case 'APPENDUID': {
      r.sp();
      const uidValidity = r.nzNumber();
      r.sp();
      return { name, uidValidity, uids: readNumberSet(r) };
    }
    case 'COPYUID': {
      r.sp();
      const uidValidity = r.nzNumber();
      r.sp();
      const source = readNumberSet(r);
      r.sp();
      return { name, uidValidity, source, destination: readNumberSet(r) };
    }
    case 'HIGHESTMODSEQ':
      r.sp();
      return { name, value: r.modSeq(false) };
    case 'MODIFIED':
      r.sp();
      return { name, set: readNumberSet(r) };
    default: {
      const atom = asciiString(r.slice(atomStart), 0, r.p - atomStart);
      return readOtherCode(r, atom);
    }
  }
}

function readOtherCode(r: Reader, atom: string): ResponseCode {
  let text: string | null = null;
  if (r.is(0x20)) {
    r.p++;
    const s = r.p;
    while (CODE_TEXT[r.peek() & 0xff] === 1 && r.peek() !== -1) r.p++;
    text = utf8String(r.slice(s));
  }
  return { name: 'OTHER', atom, text };
}
