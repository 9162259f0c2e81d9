/**
 * Typed response -> bytes (the server side, test doubles, fuzz seeds). Produces canonical
 * RFC 3501/9051 syntax that `ImapResponseParser` reads back to an equal value: strings are
 * quoted when they can be (no CR, LF or NUL) and literals otherwise; body data is always a
 * literal (`~{n}` for BINARY). Values that cannot be expressed (a CR in an atom or in free
 * text) are refused with ParseError INVALID_ARGUMENT: a serializer must never let a value
 * inject a response.
 */
import { ParseError } from '@mailwire/core';
import { formatDateTime } from './date-time';
import { ASTRING, ATOM, LIST_CHAR, LOOSE_ATOM } from './lexer/char-classes';
import { formatNumberSet } from './sequence-set';
import type {
  AddressListItem,
  BodyExtension,
  BodyExtensionData,
  BodySection,
  BodyStructure,
  Envelope,
  FetchItem,
  ImapResponse,
  ResponseCode,
  Thread,
} from './types';

const encoder = new TextEncoder();

function invalid(message: string): never {
  throw new ParseError({ protocol: 'imap', code: 'INVALID_ARGUMENT', message });
}

class Writer {
  private parts: Uint8Array[] = [];
  private text = '';
  private size = 0;

  s(t: string): this {
    this.text += t;
    return this;
  }

  private flushText(): void {
    if (this.text.length > 0) {
      const b = encoder.encode(this.text);
      this.parts.push(b);
      this.size += b.length;
      this.text = '';
    }
  }

  literal(b: Uint8Array, binary = false): this {
    this.s(`${binary ? '~' : ''}{${b.length}}\r\n`);
    return this.raw(b);
  }

  /** Bytes written exactly as given (literal contents, the raw value of an unknown item). */
  raw(b: Uint8Array): this {
    this.flushText();
    this.parts.push(b);
    this.size += b.length;
    return this;
  }

  /** A string: quoted if possible, else a literal. */
  str(v: string): this {
    if (quotable(v)) return this.s(quote(v));
    return this.literal(encoder.encode(v));
  }

  nstr(v: string | null): this {
    return v === null ? this.s('NIL') : this.str(v);
  }

  /** An astring: an atom when every character allows it, else a string. */
  astr(v: string, cls: Uint8Array = ASTRING): this {
    return isToken(v, cls) && v.toUpperCase() !== 'NIL' ? this.s(v) : this.str(v);
  }

  nbytes(v: Uint8Array | null, binary = false): this {
    return v === null ? this.s('NIL') : this.literal(v, binary);
  }

  done(): Uint8Array {
    this.s('\r\n');
    this.flushText();
    if (this.parts.length === 1) return this.parts[0] as Uint8Array;
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

function quotable(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x0d || c === 0x0a || c === 0) return false;
    if (c >= 0xd800 && c <= 0xdfff) {
      // a surrogate pair is fine; a lone surrogate would not survive UTF-8
      const d = v.charCodeAt(i + 1);
      if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    }
  }
  return v.length <= 4096;
}

function quote(v: string): string {
  let out = '"';
  let last = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) {
      out += `${v.slice(last, i)}\\`;
      last = i;
    }
  }
  return `${out + v.slice(last)}"`;
}

function isToken(v: string, cls: Uint8Array): boolean {
  if (v.length === 0) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c > 0x7f || cls[c] !== 1) return false;
  }
  return true;
}

function atom(v: string, what: string, cls: Uint8Array = ATOM): string {
  if (!isToken(v, cls)) invalid(`${what} is not a valid atom: ${JSON.stringify(v)}`);
  return v;
}

function flag(v: string): string {
  if (v === '\\*') return v;
  const body = v.startsWith('\\') ? v.slice(1) : v;
  if (!isToken(body, LOOSE_ATOM)) invalid(`bad flag ${JSON.stringify(v)}`);
  return v;
}

function flags(list: string[]): string {
  return `(${list.map(flag).join(' ')})`;
}

function freeText(v: string): string {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x0d || c === 0x0a || c === 0) invalid('CR, LF or NUL in response text');
  }
  return v;
}

function code(c: ResponseCode): string {
  switch (c.name) {
    case 'BADCHARSET':
      return c.charsets.length === 0
        ? '[BADCHARSET]'
        : `[BADCHARSET (${c.charsets.map(astringText).join(' ')})]`;
    case 'CAPABILITY':
      return `[CAPABILITY ${c.capabilities.map((x) => atom(x, 'capability')).join(' ')}]`;
    case 'PERMANENTFLAGS':
      return `[PERMANENTFLAGS ${flags(c.flags)}]`;
    case 'UIDNEXT':
    case 'UIDVALIDITY':
    case 'UNSEEN':
      return `[${c.name} ${c.value}]`;
    case 'APPENDUID':
      return `[APPENDUID ${c.uidValidity} ${formatNumberSet(c.uids)}]`;
    case 'COPYUID':
      return `[COPYUID ${c.uidValidity} ${formatNumberSet(c.source)} ${formatNumberSet(c.destination)}]`;
    case 'HIGHESTMODSEQ':
      return `[HIGHESTMODSEQ ${c.value}]`;
    case 'MODIFIED':
      return `[MODIFIED ${formatNumberSet(c.set)}]`;
    case 'OTHER': {
      const t = c.text === null ? '' : ` ${freeText(c.text)}`;
      if (t.includes(']')) invalid('"]" in a response code text');
      return `[${atom(c.atom, 'response code')}${t}]`;
    }
    default:
      return `[${c.name}]`;
  }
}

function astringText(v: string): string {
  return isToken(v, ASTRING) && v.toUpperCase() !== 'NIL'
    ? v
    : quotable(v)
      ? quote(v)
      : invalid('unquotable');
}

function params(w: Writer, p: Array<[string, string]> | null): void {
  if (p === null) {
    w.s('NIL');
    return;
  }
  w.s('(');
  p.forEach(([k, v], i) => {
    if (i > 0) w.s(' ');
    w.str(k).s(' ').str(v);
  });
  w.s(')');
}

function extension(w: Writer, e: BodyExtension): void {
  if (e === null) w.s('NIL');
  else if (typeof e === 'number') w.s(String(e));
  else if (typeof e === 'string') w.str(e);
  else {
    w.s('(');
    e.forEach((x, i) => {
      if (i > 0) w.s(' ');
      extension(w, x);
    });
    w.s(')');
  }
}

function extTail(w: Writer, ext: BodyExtensionData): void {
  if (ext.disposition === undefined) return;
  w.s(' ');
  if (ext.disposition === null) w.s('NIL');
  else {
    w.s('(').str(ext.disposition.type).s(' ');
    params(w, ext.disposition.params);
    w.s(')');
  }
  if (ext.language === undefined) return;
  w.s(' ');
  if (ext.language === null) w.s('NIL');
  else {
    w.s('(');
    ext.language.forEach((l, i) => {
      if (i > 0) w.s(' ');
      w.str(l);
    });
    w.s(')');
  }
  if (ext.location === undefined) return;
  w.s(' ').nstr(ext.location);
  for (const x of ext.extra ?? []) {
    w.s(' ');
    extension(w, x);
  }
}

function addressList(w: Writer, list: AddressListItem[] | null): void {
  if (list === null) {
    w.s('NIL');
    return;
  }
  w.s('(');
  for (const a of list) {
    if (a.kind === 'group') {
      w.s('(NIL NIL ').str(a.name).s(' NIL)');
      for (const m of a.members) {
        w.s('(').nstr(m.name).s(' ').nstr(m.adl).s(' ').nstr(m.mailbox).s(' ').nstr(m.host).s(')');
      }
      w.s('(NIL NIL NIL NIL)');
    } else {
      w.s('(').nstr(a.name).s(' ').nstr(a.adl).s(' ').nstr(a.mailbox).s(' ').nstr(a.host).s(')');
    }
  }
  w.s(')');
}

function envelope(w: Writer, e: Envelope): void {
  w.s('(').nstr(e.date).s(' ').nstr(e.subject).s(' ');
  addressList(w, e.from);
  w.s(' ');
  addressList(w, e.sender);
  w.s(' ');
  addressList(w, e.replyTo);
  w.s(' ');
  addressList(w, e.to);
  w.s(' ');
  addressList(w, e.cc);
  w.s(' ');
  addressList(w, e.bcc);
  w.s(' ').nstr(e.inReplyTo).s(' ').nstr(e.messageId).s(')');
}

function body(w: Writer, b: BodyStructure): void {
  w.s('(');
  if (b.kind === 'multipart') {
    for (const p of b.parts) body(w, p);
    w.s(' ').str(b.subtype);
    if (b.ext !== undefined) {
      w.s(' ');
      params(w, b.ext.params ?? null);
      extTail(w, b.ext);
    }
  } else {
    w.str(b.type).s(' ').str(b.subtype).s(' ');
    params(w, b.params);
    w.s(' ').nstr(b.id).s(' ').nstr(b.description).s(' ').str(b.encoding).s(` ${b.size}`);
    if (b.envelope !== undefined || b.body !== undefined) {
      w.s(' ');
      if (b.envelope == null) w.s('NIL');
      else envelope(w, b.envelope);
      w.s(' ');
      if (b.body == null) w.s('NIL');
      else body(w, b.body);
    }
    if (b.lines !== undefined) w.s(` ${b.lines}`);
    if (b.ext !== undefined) {
      w.s(' ').nstr(b.ext.md5 ?? null);
      extTail(w, b.ext);
    }
  }
  w.s(')');
}

export function formatSection(s: BodySection): string {
  let out = s.part.join('.');
  if (s.text !== null) {
    out += (out ? '.' : '') + s.text;
    if (s.fields !== undefined) out += ` (${s.fields.map(astringText).join(' ')})`;
  }
  return `[${out}]`;
}

function fetchItem(w: Writer, it: FetchItem): void {
  switch (it.name) {
    case 'FLAGS':
      w.s(`FLAGS ${flags(it.flags)}`);
      return;
    case 'UID':
    case 'RFC822.SIZE':
      w.s(`${it.name} ${it.value}`);
      return;
    case 'INTERNALDATE':
      w.s(`INTERNALDATE "${formatDateTime(it.date)}"`);
      return;
    case 'ENVELOPE':
      w.s('ENVELOPE ');
      envelope(w, it.envelope);
      return;
    case 'BODY':
    case 'BODYSTRUCTURE':
      w.s(`${it.name} `);
      body(w, it.structure);
      return;
    case 'BODY[]':
    case 'BINARY[]': {
      const origin = it.origin === null ? '' : `<${it.origin}>`;
      w.s(`${it.name === 'BODY[]' ? 'BODY' : 'BINARY'}${formatSection(it.section)}${origin} `);
      w.nbytes(it.data, it.name === 'BINARY[]');
      return;
    }
    case 'BINARY.SIZE':
      w.s(`BINARY.SIZE[${it.part.join('.')}] ${it.value}`);
      return;
    case 'RFC822':
    case 'RFC822.HEADER':
    case 'RFC822.TEXT':
      w.s(`${it.name} `).nbytes(it.data);
      return;
    case 'MODSEQ':
      w.s(`MODSEQ (${it.value})`);
      return;
    case 'X-GM-MSGID':
    case 'X-GM-THRID':
      w.s(`${it.name} ${it.value}`);
      return;
    case 'EMAILID':
    case 'THREADID':
      if (it.value === null) w.s(`${it.name} NIL`);
      else w.s(`${it.name} (${atom(it.value, 'object id', ASTRING)})`);
      return;
    case 'SAVEDATE':
      w.s(it.date === null ? 'SAVEDATE NIL' : `SAVEDATE "${formatDateTime(it.date)}"`);
      return;
    case 'PREVIEW':
      w.s('PREVIEW ').nstr(it.text);
      return;
    case 'X-GM-LABELS':
      w.s('X-GM-LABELS (');
      it.labels.forEach((l, i) => {
        if (i > 0) w.s(' ');
        if (l.startsWith('\\') && isToken(l.slice(1), ATOM)) w.s(l);
        else w.str(l);
      });
      w.s(')');
      return;
    case 'UNKNOWN':
      w.s(`${freeText(it.key)} `);
      // the value's bytes as received: decoding them (8-bit, invalid UTF-8) would change them
      w.raw(it.raw);
      return;
  }
}

function thread(t: Thread): string {
  let s = '(';
  s += t.members.join(' ');
  if (t.members.length > 0 && t.children.length > 0) s += ' ';
  for (const c of t.children) s += thread(c);
  return `${s})`;
}

/** Serializes one response, CRLF included. */
export function serializeResponse(r: ImapResponse): Uint8Array {
  const w = new Writer();
  switch (r.type) {
    case 'continuation':
      w.s('+ ');
      if (r.code !== null) w.s(`${code(r.code)} `);
      w.s(freeText(r.text));
      break;
    case 'status':
      w.s(`${r.tag === null ? '*' : atom(r.tag, 'tag', ASTRING)} ${r.status} `);
      if (r.code !== null) w.s(`${code(r.code)} `);
      if (r.code === null && r.text.startsWith('[')) invalid('text starting with "[" without a code');
      w.s(freeText(r.text));
      break;
    case 'capability':
    case 'enabled':
      w.s(`* ${r.type.toUpperCase()}`);
      for (const c of r.capabilities) w.s(` ${atom(c, 'capability')}`);
      break;
    case 'list': {
      w.s(`* ${r.command} ${flags(r.attributes)} `);
      w.nstr(r.delimiter).s(' ');
      w.astr(r.mailbox.raw, LIST_CHAR);
      if (r.extended.length > 0) {
        w.s(' (');
        r.extended.forEach((x, i) => {
          if (i > 0) w.s(' ');
          w.astr(x.tag).s(' ');
          extension(w, x.value);
        });
        w.s(')');
      }
      break;
    }
    case 'mailbox-status':
      w.s('* STATUS ').astr(r.mailbox.raw, LIST_CHAR);
      w.s(
        ` (${r.attributes.map((a) => `${atom(a.name, 'status item')} ${a.value === null ? 'NIL' : a.value}`).join(' ')})`,
      );
      break;
    case 'search':
    case 'sort':
      w.s(`* ${r.type.toUpperCase()}`);
      for (const id of r.ids) w.s(` ${id}`);
      if (r.modseq !== null) w.s(` (MODSEQ ${r.modseq})`);
      break;
    case 'esearch':
      w.s('* ESEARCH');
      if (r.tag !== null) w.s(' (TAG ').str(r.tag).s(')');
      if (r.uid) w.s(' UID');
      for (const d of r.data) {
        if (d.name === 'ALL') w.s(` ALL ${formatNumberSet(d.set)}`);
        else if (d.name === 'OTHER') {
          w.s(` ${atom(d.key, 'return data')} `);
          extension(w, d.value);
        } else w.s(` ${d.name} ${d.value}`);
      }
      break;
    case 'flags':
      w.s(`* FLAGS ${flags(r.flags)}`);
      break;
    case 'exists':
    case 'recent':
    case 'expunge':
      w.s(`* ${r.value} ${r.type.toUpperCase()}`);
      break;
    case 'vanished':
      w.s(`* VANISHED ${r.earlier ? '(EARLIER) ' : ''}${formatNumberSet(r.uids)}`);
      break;
    case 'fetch':
      w.s(`* ${r.seq} FETCH (`);
      r.items.forEach((it, i) => {
        if (i > 0) w.s(' ');
        fetchItem(w, it);
      });
      w.s(')');
      break;
    case 'namespace': {
      w.s('* NAMESPACE');
      for (const group of [r.personal, r.otherUsers, r.shared]) {
        w.s(' ');
        if (group === null) {
          w.s('NIL');
          continue;
        }
        w.s('(');
        for (const d of group) {
          w.s('(').str(d.prefix).s(' ').nstr(d.delimiter);
          for (const e of d.extensions) {
            w.s(' ').str(e.name).s(' (');
            e.values.forEach((v, i) => {
              if (i > 0) w.s(' ');
              w.str(v);
            });
            w.s(')');
          }
          w.s(')');
        }
        w.s(')');
      }
      break;
    }
    case 'quota':
      w.s('* QUOTA ').astr(r.root);
      w.s(` (${r.resources.map((x) => `${atom(x.name, 'resource')} ${x.usage} ${x.limit}`).join(' ')})`);
      break;
    case 'quotaroot':
      w.s('* QUOTAROOT ').astr(r.mailbox.raw, LIST_CHAR);
      for (const root of r.roots) w.s(' ').astr(root);
      break;
    case 'id':
      w.s('* ID ');
      if (r.params === null) w.s('NIL');
      else {
        w.s('(');
        r.params.forEach(([k, v], i) => {
          if (i > 0) w.s(' ');
          w.str(k).s(' ').nstr(v);
        });
        w.s(')');
      }
      break;
    case 'metadata':
      w.s('* METADATA ').astr(r.mailbox.raw, LIST_CHAR).s(' ');
      if (r.entries !== null) {
        w.s('(');
        r.entries.forEach((e, i) => {
          if (i > 0) w.s(' ');
          w.astr(e.entry).s(' ').nbytes(e.value);
        });
        w.s(')');
      } else {
        (r.names ?? []).forEach((n, i) => {
          if (i > 0) w.s(' ');
          w.astr(n);
        });
      }
      break;
    case 'thread':
      w.s('* THREAD');
      if (r.threads.length > 0) w.s(` ${r.threads.map(thread).join('')}`);
      break;
    case 'unknown':
      return concatCrlf(r.raw);
  }
  return w.done();
}

function concatCrlf(raw: Uint8Array): Uint8Array {
  const out = new Uint8Array(raw.length + 2);
  out.set(raw);
  out[raw.length] = 0x0d;
  out[raw.length + 1] = 0x0a;
  return out;
}
