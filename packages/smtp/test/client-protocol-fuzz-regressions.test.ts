// Findings of the smtp-client-protocol fuzz target, fixed; each stays a test.
import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { SmtpClientProtocol } from '../src/index';
import { bytes } from './session-wire';

describe('SmtpClientProtocol fuzz regressions', () => {
  it('a 2yz EHLO reply other than 250 is an error event in lenient mode, not a throw', () => {
    // Mutated Postfix traffic: a multi-line EHLO reply whose code became 251/252.
    const p = new SmtpClientProtocol();
    p.receive(bytes('220 mx ESMTP\r\n'));
    p.send({ verb: 'EHLO', domain: 'client.example' });
    const events = p.receive(bytes('251-mx\r\n251 PIPELINING\r\n'));
    expect(events.map((e) => e.type)).toEqual(['reply', 'error', 'capabilities']);
    expect(events[1]).toMatchObject({ error: { code: 'UNEXPECTED_RESPONSE', offset: 14 } });
    expect(p.capabilities?.pipelining).toBe(true);
    expect(p.phase).toBe('session');

    const strict = new SmtpClientProtocol({ strict: true });
    strict.receive(bytes('220 mx ESMTP\r\n'));
    strict.send({ verb: 'EHLO', domain: 'client.example' });
    expect(() => strict.receive(bytes('251 mx\r\n'))).toThrow(ParseError);
  });

  it('reports bytes after the session closed once, whatever the chunking', () => {
    const run = (pieces: string[]): string[] => {
      const p = new SmtpClientProtocol();
      p.receive(bytes('220 mx ESMTP\r\n'));
      p.send({ verb: 'QUIT' });
      p.receive(bytes('221 bye\r\n'));
      return pieces.flatMap((piece) => p.receive(bytes(piece)).map((e) => e.type));
    };
    expect(run(['abc\r\n'])).toEqual(['error']);
    expect(run(['a', 'bc\r\n'])).toEqual(['error']);
  });
});

describe('SmtpCommandParser fuzz regressions', () => {
  it('delivers the DATA bytes up to maxPayloadSize, then the error, in the same order for any chunking', async () => {
    const { SmtpCommandParser } = await import('../src/index');
    const input = bytes('DATA\r\nyyyyyyyyyy\r\n.\r\nQUIT\r\n');
    const run = (size: number): string[] => {
      const p = new SmtpCommandParser({ limits: { maxPayloadSize: 8 } });
      const out: string[] = [];
      for (let i = 0; i < input.length; i += size) {
        for (const e of p.push(input.subarray(i, i + size))) {
          out.push(e.type === 'body-chunk' ? `chunk:${e.data.length}` : e.type);
        }
      }
      return out;
    };
    const whole = run(input.length);
    expect(whole).toEqual(['command', 'chunk:8', 'error', 'body-end', 'command']);
    // one-byte pushes split the body into 1-byte chunks; the error still follows the 8th byte
    const bytewise = run(1)
      .join(',')
      .replace(/(chunk:1,){7}chunk:1/, 'chunk:8');
    expect(bytewise).toBe(whole.join(','));
  });
});
