import { ParseError, type SaslMechanism } from '@mailwire/core';
import {
  type ImapClientEvent,
  ImapClientProtocol,
  type ImapClientProtocolOptions,
  type ImapCompletedEvent,
} from '../../src/index';

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** A protocol that has received `greeting` (CRLF added). */
export function greeted(
  greeting = '* OK IMAP4rev1 Service Ready',
  options: ImapClientProtocolOptions = {},
): ImapClientProtocol {
  const p = new ImapClientProtocol(options);
  p.receive(enc(`${greeting}\r\n`));
  return p;
}

/** Feeds `text` to `p` in pieces cut at `cuts` (sorted offsets), returns all events. */
export function feed(
  p: ImapClientProtocol,
  text: string | Uint8Array,
  cuts: number[] = [],
): ImapClientEvent[] {
  const bytes = typeof text === 'string' ? enc(text) : text;
  const out: ImapClientEvent[] = [];
  let last = 0;
  for (const c of [...cuts, bytes.length]) {
    if (c <= last) continue; // no empty chunks
    out.push(...p.receive(bytes.subarray(last, c)));
    last = c;
  }
  return out;
}

export function completed(events: readonly ImapClientEvent[]): ImapCompletedEvent[] {
  return events.filter((e): e is ImapCompletedEvent => e.type === 'completed');
}

export function completedOf(events: readonly ImapClientEvent[], tag: string): ImapCompletedEvent {
  const c = completed(events).find((e) => e.tag === tag);
  if (c === undefined) throw new Error(`no completion for ${tag}`);
  return c;
}

export function writes(events: readonly ImapClientEvent[]): string {
  return events.map((e) => (e.type === 'write' ? dec(e.bytes) : '')).join('');
}

/** Events with bodyChunk data merged and Uint8Arrays turned into text, for equality across chunkings. */
export function normalize(events: readonly ImapClientEvent[]): unknown[] {
  const out: unknown[] = [];
  for (const e of events) {
    const prev = out[out.length - 1] as { type?: string; data?: string } | undefined;
    if (e.type === 'bodyChunk' && prev?.type === 'bodyChunk') {
      prev.data += dec(e.data);
      continue;
    }
    out.push(
      JSON.parse(
        JSON.stringify(e, (_k, v) =>
          v instanceof Uint8Array ? `bytes:${dec(v)}` : typeof v === 'bigint' ? `${v}n` : v,
        ),
      ),
    );
    const last = out[out.length - 1] as { type: string; data?: string };
    if (e.type === 'bodyChunk') last.data = dec(e.data);
  }
  return out;
}

/** PLAIN-like test mechanism: a fixed initial response, answers challenges by prefixing `re:`. */
export class TestMechanism implements SaslMechanism {
  readonly name: string;
  readonly challenges: string[] = [];
  verified = 0;
  constructor(
    name = 'X-TEST',
    private readonly ir: string | undefined = undefined,
    private readonly failOn: string | undefined = undefined,
    private readonly failVerify = false,
  ) {
    this.name = name;
  }
  initialResponse(): Uint8Array | undefined {
    return this.ir === undefined ? undefined : enc(this.ir);
  }
  respond(challenge: Uint8Array): Uint8Array {
    const c = dec(challenge);
    this.challenges.push(c);
    if (c === this.failOn)
      throw new ParseError({ protocol: 'sasl', code: 'AUTH_FAILED', message: `cannot answer ${c}` });
    return enc(`re:${c}`);
  }
  verify(): void {
    this.verified++;
    if (this.failVerify)
      throw new ParseError({ protocol: 'sasl', code: 'AUTH_FAILED', message: 'bad server proof' });
  }
}
