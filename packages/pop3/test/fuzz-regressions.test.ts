// Findings of the pop3-responses fuzz target, fixed; each stays a test.
import { describe, expect, it } from 'vitest';
import type { Pop3ResponseEvent, Pop3ResponseParserEvent } from '../src/index';
import { Pop3ResponseParser, serializeResponse } from '../src/index';

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

function parse(
  kind: Parameters<Pop3ResponseParser['expect']>[0],
  bytes: Uint8Array,
  chunk = bytes.length,
): Pop3ResponseParserEvent[] {
  const p = new Pop3ResponseParser({ limits: { maxPayloadSize: 8 } });
  p.expect(kind);
  const out: Pop3ResponseParserEvent[] = [];
  for (let i = 0; i < bytes.length; i += chunk) out.push(...p.push(bytes.subarray(i, i + chunk)));
  out.push(...p.end());
  return out;
}

const response = (events: Pop3ResponseParserEvent[]): Pop3ResponseEvent =>
  events.find((e): e is Pop3ResponseEvent => e.type === 'response') as Pop3ResponseEvent;

describe('POP3 fuzz regressions', () => {
  it('8-bit capability, mechanism and language tags read the same after a serialize round trip', () => {
    for (const [kind, wire] of [
      ['capa', '+OK\r\nPI\xf2ELINING\r\nTOP\r\n.\r\n'],
      ['auth-list', '+OK\r\nF8\xdd\r\nPLAIN\r\n.\r\n'],
      ['lang-list', '+OK\r\n7\xb5\xc1 desc\r\nen English\r\n.\r\n'],
    ] as const) {
      const first = response(parse(kind, enc(wire)));
      const init = {
        ...first,
        kind,
        ...(first.capabilities ? { capabilities: first.capabilities.entries } : {}),
      };
      const again = response(parse(kind, serializeResponse(init as Parameters<typeof serializeResponse>[0])));
      const pick = (r: Pop3ResponseEvent) => r.capabilities?.entries ?? r.mechanisms ?? r.languages;
      expect(pick(again), kind).toEqual(pick(first));
    }
  });

  it('warns about a bare LF in a body dropped for its size, whatever the chunking', () => {
    const wire = enc(`+OK\r\n${'x'.repeat(20)}\r\n\n.\r\n`);
    const types = (events: Pop3ResponseParserEvent[]) =>
      events
        .filter((e) => e.type === 'warning' || e.type === 'error')
        .map((e) => (e.type === 'warning' ? e.code : e.error.code));
    const whole = types(parse('multiline-body', wire));
    // the "." after the bare LF ends the body in lenient mode, and says so
    expect(whole).toEqual(['PAYLOAD_TOO_LARGE', 'BARE_LF', 'TERMINATOR_LF']);
    expect(types(parse('multiline-body', wire, 1))).toEqual(whole);
  });
});
