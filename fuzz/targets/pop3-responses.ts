/**
 * POP3 response parser. POP3 answers are not self-describing, so the input's first bytes
 * say what to expect (every multi-line kind gets exercised):
 *   byte 0: bits 0-4 = number N of expectations, bit 5 = stream starts with a greeting,
 *           bit 6 = small body threshold (bodies stream), bit 7 = unexpected responses are errors;
 *   bytes 1..N: one kind each, 'a'..'m' = greeting, single, stat, list-one, uidl-one,
 *           multiline-body, list, uidl, capa, auth-list, auth, lang-list, multiline (any byte mod 13);
 *   the rest: the server's bytes.
 * Checks: only ParseError; every chunking gives the same events (lenient, tight limits,
 * strict); every parsed response, serialized again, re-parses to the same fields.
 */

import {
  EXPECT_KINDS,
  type ExpectKind,
  type Pop3ResponseEvent,
  type Pop3ResponseInit,
  Pop3ResponseParser,
  type Pop3ResponseParserOptions,
  serializeResponse,
} from '@mailwire/pop3';
import { allowParseErrors, canonicalEvents, InvariantError } from '../src/invariants';
import { checkStable, normaliseBody, stableEvents } from './support/stable-events';

const KINDS: readonly ExpectKind[] = EXPECT_KINDS;

/** The fields a response's value determines, comparable as JSON. */
function fields(e: Pop3ResponseEvent): string {
  return canonicalEvents([
    {
      status: e.status,
      code: e.code?.raw,
      text: ['stat', 'list-one', 'uidl-one'].includes(e.kind) ? undefined : e.text,
      timestamp: e.timestamp,
      drop: e.drop,
      scans: e.scans,
      uids: e.uids,
      capabilities: e.capabilities?.entries,
      mechanisms: e.mechanisms,
      languages: e.languages,
      lines: e.lines,
      body: e.body && normaliseBody(e.body),
    },
  ]);
}

function initOf(e: Pop3ResponseEvent): Pop3ResponseInit {
  const init: Pop3ResponseInit = {
    kind: e.kind === 'auth' ? 'single' : e.kind,
    status: e.status,
    text: e.text,
  };
  if (e.code) init.code = e.code.raw;
  if (e.timestamp !== undefined) init.timestamp = e.timestamp;
  if (e.drop) init.drop = e.drop;
  if (e.scans) init.scans = e.scans;
  if (e.uids) init.uids = e.uids;
  if (e.capabilities) init.capabilities = e.capabilities.entries;
  if (e.mechanisms) init.mechanisms = e.mechanisms;
  if (e.languages) init.languages = e.languages;
  if (e.lines) init.lines = e.lines;
  if (e.body) init.body = e.body;
  // stat / list-one / uidl-one: the text holds the listing, which the serializer writes from the typed field
  if (['stat', 'list-one', 'uidl-one'].includes(e.kind) && e.status === 'OK') init.text = '';
  return init;
}

/** What the input's first bytes ask for: the expectations, parser options, and the server's bytes. */
export function decodeInput(all: Uint8Array): {
  kinds: ExpectKind[];
  options: Pop3ResponseParserOptions;
  bytes: Uint8Array;
} {
  const control = all[0] ?? 0;
  const n = control & 0x1f;
  const kinds = Array.from(all.subarray(1, 1 + n), (b) => KINDS[(b + 7) % 13] as ExpectKind);
  const options: Pop3ResponseParserOptions = {
    greeting: (control & 0x20) !== 0,
    ...(control & 0x40 ? { bodyThreshold: 16 } : {}),
    ...(control & 0x80 ? { unexpected: 'error' as const } : {}),
  };
  return { kinds, options, bytes: all.subarray(Math.min(all.length, 1 + n)) };
}

export const TIGHT_LIMITS = {
  maxLineLength: 48,
  maxListItems: 4,
  maxReplyLines: 6,
  maxResponseSize: 256,
  maxPayloadSize: 64,
};

export function fuzz(data: Buffer): void {
  const {
    kinds,
    options: base,
    bytes,
  } = decodeInput(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  const parser = (o: Pop3ResponseParserOptions) => () => {
    const p = new Pop3ResponseParser({ ...base, ...o });
    for (const k of kinds) p.expect(k);
    return p;
  };
  const BODY = ['bodyChunk'];
  const events = checkStable('pop3 responses', stableEvents(parser({})), bytes, BODY) as Pop3ResponseEvent[];
  checkStable('pop3 responses (tight limits)', stableEvents(parser({ limits: TIGHT_LIMITS })), bytes, BODY);
  checkStable('pop3 responses (strict)', stableEvents(parser({ strict: true }), { onlyThrown: true }), bytes);

  for (const e of events) {
    if (e.type !== 'response') continue;
    const again = allowParseErrors(() => serializeResponse(initOf(e)));
    if (!again) continue; // CR/LF or a bad code or uid in a leniently read value: refused by design
    const p = new Pop3ResponseParser({ bodyThreshold: Number.POSITIVE_INFINITY });
    p.expect(e.kind === 'auth' ? 'single' : e.kind);
    const back = [...p.push(again), ...p.end()].filter((x): x is Pop3ResponseEvent => x.type === 'response');
    const want = fields(e);
    const got = back.length === 1 ? fields(back[0] as Pop3ResponseEvent) : `${back.length} responses`;
    if (got !== want) throw new InvariantError(`pop3 response round trip (${e.kind})\n${want} -> ${got}`);
  }
}
