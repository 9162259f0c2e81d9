import { asciiUpper } from '@mailwire/core';
import type { QuirkSink } from './quirks';
import { decodeProtocolText } from './text-decoding';
import { splitTokens } from './tokens';
import type { Capability, Pop3Capabilities } from './types';

/**
 * CAPA answers (RFC 2449 §5): one capability per line, `capa-tag *(SP param)`. Tags are
 * case-insensitive and kept upper-cased; arguments are kept as sent.
 */

/** One capability line. IMPLEMENTATION keeps its text whole (it is free text, RFC 2449 §6.9). */
export function parseCapabilityLine(bytes: Uint8Array, offset: number, sink: QuirkSink): Capability {
  // Leading spaces are the EXTRA_SPACE quirk (lenient): the tag is the first field after them.
  let start = 0;
  while (bytes[start] === 0x20) start++;
  const space = bytes.indexOf(0x20, start);
  // Decoded like every other text here (UTF-8 when valid, else Latin-1), so that what the
  // response serializer writes back (UTF-8) reads the same again.
  const tag = asciiUpper(decodeProtocolText(bytes.subarray(start, space < 0 ? bytes.length : space)));
  if (tag === 'IMPLEMENTATION') {
    if (start > 0) sink.quirk('EXTRA_SPACE', 'more than one space between fields', offset);
    return { name: tag, args: space < 0 ? [] : [decodeProtocolText(bytes.subarray(space + 1))] };
  }
  const tokens = splitTokens(bytes, offset, sink);
  return {
    name: tag,
    args: tokens.slice(1).map((t) => decodeProtocolText(bytes.subarray(t.start, t.end))),
  };
}

function nonNegativeInteger(s: string | undefined): number | undefined {
  if (s === undefined || !/^[0-9]{1,15}$/.test(s)) return undefined;
  return Number(s);
}

/** Turns capability lines into the flags and values a client acts on (RFC 2449 §6, RFC 2595 §4, RFC 5034 §3, RFC 6856). */
export function interpretCapabilities(entries: Capability[]): Pop3Capabilities {
  const out: Pop3Capabilities = {
    entries,
    top: false,
    user: false,
    sasl: [],
    respCodes: false,
    pipelining: false,
    stls: false,
    uidl: false,
    lang: false,
  };
  for (const e of entries) {
    const a0 = e.args[0];
    switch (e.name) {
      case 'TOP':
        out.top = true;
        break;
      case 'USER':
        out.user = true;
        break;
      case 'SASL':
        for (const m of e.args) {
          const upper = asciiUpper(m);
          if (!out.sasl.includes(upper)) out.sasl.push(upper);
        }
        break;
      case 'RESP-CODES':
        out.respCodes = true;
        break;
      case 'PIPELINING':
        out.pipelining = true;
        break;
      case 'STLS':
        out.stls = true;
        break;
      case 'UIDL':
        out.uidl = true;
        break;
      case 'LANG':
        out.lang = true;
        break;
      case 'UTF8':
        out.utf8 = { user: e.args.some((x) => asciiUpper(x) === 'USER') };
        break;
      case 'IMPLEMENTATION':
        out.implementation = a0 ?? '';
        break;
      case 'EXPIRE': {
        // RFC 2449 §6.7: "EXPIRE NEVER" or "EXPIRE days [USER]" (USER: varies per user, before login).
        if (a0 !== undefined && asciiUpper(a0) === 'NEVER') {
          out.expire = { never: true };
        } else {
          const days = nonNegativeInteger(a0);
          if (days !== undefined) {
            out.expire = { never: false, days, perUser: asciiUpper(e.args[1] ?? '') === 'USER' };
          }
        }
        break;
      }
      case 'LOGIN-DELAY': {
        // RFC 2449 §6.5: "LOGIN-DELAY seconds [USER]".
        const seconds = nonNegativeInteger(a0);
        if (seconds !== undefined) {
          out.loginDelay = { seconds, perUser: asciiUpper(e.args[1] ?? '') === 'USER' };
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}
