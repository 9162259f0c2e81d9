/**
 * BODY / BODYSTRUCTURE (RFC 3501 §7.4.2 and §9 body, RFC 9051 §7.5.2): recursive, with all
 * extension data, nesting bounded by `maxNestingDepth`.
 */

import { readEnvelope } from './envelope';
import type { Reader } from './lexer/reader';
import type {
  BodyDisposition,
  BodyExtension,
  BodyExtensionData,
  BodyStructure,
  MultiPartBody,
  SinglePartBody,
} from './types';

/** body-fld-param: `("k" "v" ...)` or NIL. */
function readParams(r: Reader): Array<[string, string]> | null {
  if (r.nil()) return null;
  r.expect(0x28, '(');
  r.enter();
  const out: Array<[string, string]> = [];
  r.skipLeadingSpace();
  if (r.is(0x29)) {
    // `()` for no parameters (some Exchange and Domino versions): NIL is the grammar's form
    r.lenient('EMPTY_LIST', 'empty parameter list');
  }
  while (!r.is(0x29) && r.listSp(out.length)) {
    const k = r.string();
    r.sp();
    // NIL as a parameter value (seen from broken MIME parsers in some servers)
    let v: string;
    if (r.nil()) {
      r.lenient('NIL_STRING', 'NIL parameter value');
      v = '';
    } else {
      v = r.string();
    }
    out.push([k, v]);
    r.count(out.length);
  }
  r.p++;
  r.leave();
  return out;
}

function readDisposition(r: Reader): BodyDisposition | null {
  if (r.nil()) return null;
  r.expect(0x28, '(');
  r.enter();
  const type = r.string();
  let params: Array<[string, string]> | null = null;
  if (r.sepSp()) {
    params = readParams(r);
  } else {
    // `("inline")` without parameters (some Yahoo and Zimbra versions)
    r.lenient('MISSING_FIELD', 'disposition without parameter list');
  }
  r.expect(0x29, ')');
  r.leave();
  return { type, params };
}

function readLanguage(r: Reader): string[] | null {
  if (r.is(0x28)) {
    r.p++;
    r.enter();
    const out: string[] = [];
    while (!r.is(0x29) && r.listSp(out.length)) {
      out.push(r.string());
      r.count(out.length);
    }
    r.p++;
    r.leave();
    return out;
  }
  const one = r.nstring();
  return one === null ? null : [one];
}

function readExtension(r: Reader): BodyExtension {
  if (r.is(0x28)) {
    r.p++;
    r.enter();
    const out: BodyExtension[] = [];
    while (!r.is(0x29) && r.listSp(out.length)) {
      out.push(readExtension(r));
      r.count(out.length);
    }
    r.p++;
    r.leave();
    return out;
  }
  const c = r.peek();
  if (c >= 0x30 && c <= 0x39) return r.number();
  return r.nstring();
}

/** The optional fields after md5 (single part) or params (multipart), each only if present. */
function readExtTail(r: Reader, ext: BodyExtensionData): void {
  if (!r.sepSp()) return;
  if (r.is(0x29)) return;
  ext.disposition = readDisposition(r);
  if (!r.sepSp()) return;
  ext.language = readLanguage(r);
  if (!r.sepSp()) return;
  ext.location = r.nstring();
  const extra: BodyExtension[] = [];
  while (r.sepSp()) {
    if (r.is(0x29)) break;
    extra.push(readExtension(r));
    r.count(extra.length);
  }
  if (extra.length > 0) ext.extra = extra;
}

/** A string where NIL is sometimes sent instead (lenient: Exchange sends NIL encodings). */
function readStringOrNil(r: Reader, what: string): string {
  if (r.nil()) {
    r.lenient('NIL_STRING', `NIL ${what}`);
    return '';
  }
  return r.string();
}

function readMultipart(r: Reader): MultiPartBody {
  const parts: BodyStructure[] = [];
  while (r.is(0x28)) {
    parts.push(readBody(r));
    r.count(parts.length);
    if (r.is(0x20) && r.peekAt(1) === 0x28) {
      // SP between the parts of a multipart (not in the grammar; seen from old Domino)
      r.lenient('EXTRA_SPACE', 'space between body parts');
      r.p++;
    }
  }
  r.sp();
  const subtype = readStringOrNil(r, 'subtype');
  const out: MultiPartBody = { kind: 'multipart', parts, subtype };
  if (r.sepSp()) {
    const ext: BodyExtensionData = { params: readParams(r) };
    readExtTail(r, ext);
    out.ext = ext;
  }
  return out;
}

function readSinglePart(r: Reader): SinglePartBody {
  const type = readStringOrNil(r, 'media type');
  r.sp();
  const subtype = readStringOrNil(r, 'media subtype');
  r.sp();
  const params = readParams(r);
  r.sp();
  const id = r.nstring();
  r.sp();
  const description = r.nstring();
  r.sp();
  const encoding = readStringOrNil(r, 'encoding');
  r.sp();
  const size = r.sizeNumber();
  const out: SinglePartBody = { kind: 'single', type, subtype, params, id, description, encoding, size };
  const upperType = type.toUpperCase();
  const upperSub = subtype.toUpperCase();
  if (upperType === 'MESSAGE' && (upperSub === 'RFC822' || upperSub === 'GLOBAL') && r.is(0x20)) {
    if (r.peekAt(1) === 0x28 || r.peekAt(1) === 0x4e || r.peekAt(1) === 0x6e) {
      r.sp();
      if (r.nil()) {
        // NIL where the envelope is due (Exchange for unparseable attachments)
        r.lenient('NIL_LIST', 'NIL instead of an envelope');
        out.envelope = null;
      } else {
        out.envelope = readEnvelope(r);
      }
      r.sp();
      if (r.nil()) {
        r.lenient('NIL_LIST', 'NIL instead of a body structure');
        out.body = null;
      } else {
        out.body = readBody(r);
      }
      r.sp();
      out.lines = r.sizeNumber();
    }
  } else if (upperType === 'TEXT') {
    if (r.is(0x20) && r.peekAt(1) !== 0x29) {
      r.sp();
      out.lines = r.sizeNumber();
    } else {
      // text/* without body-fld-lines (some Exchange versions)
      r.lenient('MISSING_FIELD', 'text part without line count');
    }
  }
  if (r.sepSp()) {
    const ext: BodyExtensionData = { md5: r.nstring() };
    readExtTail(r, ext);
    out.ext = ext;
  }
  return out;
}

/** body = "(" (body-type-1part / body-type-mpart) ")". */
export function readBody(r: Reader): BodyStructure {
  r.expect(0x28, '(');
  r.enter();
  r.skipLeadingSpace();
  const out = r.is(0x28) ? readMultipart(r) : readSinglePart(r);
  r.trailingSpaces();
  r.expect(0x29, ')');
  r.leave();
  return out;
}
