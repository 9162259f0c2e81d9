import { decodeBase64, decodeUtf8, encodeUtf8, isParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import {
  apopDigest,
  CramMd5Mechanism,
  cramMd5Response,
  PlainMechanism,
  scramSha1,
  scramSha256,
} from '../src/index';

const text = (bytes: Uint8Array | undefined): string => decodeUtf8(bytes ?? new Uint8Array(0));

describe('RFC 5802 §5 SCRAM-SHA-1 example', () => {
  const serverFirst = 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096';
  const clientFinal = 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=';
  const make = () =>
    scramSha1({ username: 'user', password: 'pencil', nonce: () => 'fyko+d2lbbFgONRv9qkxdawL' });

  it('produces the client messages of the RFC and accepts the server signature', () => {
    const m = make();
    expect(m.name).toBe('SCRAM-SHA-1');
    expect(text(m.initialResponse())).toBe('n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
    expect(text(m.respond(encodeUtf8(serverFirst)))).toBe(clientFinal);
    expect(() => m.verify(encodeUtf8('v=rmF9pqV8S7suAoZWja4dJRkFsKQ='))).not.toThrow();
    // Already verified: the success reply carries nothing more.
    expect(() => m.verify(undefined)).not.toThrow();
  });

  it('accepts the server-final as a last challenge and answers it with an empty response', () => {
    const m = make();
    m.initialResponse();
    m.respond(encodeUtf8(serverFirst));
    expect(m.respond(encodeUtf8('v=rmF9pqV8S7suAoZWja4dJRkFsKQ='))).toEqual(new Uint8Array(0));
    expect(() => m.verify(undefined)).not.toThrow();
  });

  it('rejects a wrong server signature', () => {
    const m = make();
    m.initialResponse();
    m.respond(encodeUtf8(serverFirst));
    expect(() => m.verify(encodeUtf8('v=AAAAAAAAAAAAAAAAAAAAAAAAAAA='))).toThrow(/server signature mismatch/);
  });
});

describe('RFC 7677 §3 SCRAM-SHA-256 example', () => {
  it('produces the client messages of the RFC and accepts the server signature', () => {
    const m = scramSha256({ username: 'user', password: 'pencil', nonce: () => 'rOprNGfwEbeRWgbNEkqO' });
    expect(m.name).toBe('SCRAM-SHA-256');
    expect(text(m.initialResponse())).toBe('n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    const serverFirst =
      'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096';
    expect(text(m.respond(encodeUtf8(serverFirst)))).toBe(
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
    );
    expect(() => m.verify(encodeUtf8('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='))).not.toThrow();
  });
});

describe('RFC 2195 CRAM-MD5 example', () => {
  // The RFC's challenge is base64 "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+",
  // i.e. <1896.697170952@postoffice.reston.mci.net> (.net, not .com).
  it('answers the RFC challenge with the RFC response', () => {
    const m = new CramMd5Mechanism({ username: 'tim', password: 'tanstaaftanstaaf' });
    expect(m.initialResponse()).toBeUndefined();
    const challenge = decodeBase64('PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+');
    expect(text(challenge)).toBe('<1896.697170952@postoffice.reston.mci.net>');
    expect(text(m.respond(challenge))).toBe('tim b913a602c7eda7a495b4e6e7334d3890');
    expect(text(cramMd5Response('tim', 'tanstaaftanstaaf', challenge))).toBe(
      'tim b913a602c7eda7a495b4e6e7334d3890',
    );
  });
});

describe('RFC 1939 §7 APOP example', () => {
  it('digests timestamp and secret', () => {
    expect(apopDigest('<1896.697170952@dbc.mtview.ca.us>', 'tanstaaf')).toBe(
      'c4c9334bac560ecc979e58001b3e22fb',
    );
    expect(apopDigest(encodeUtf8('<1896.697170952@dbc.mtview.ca.us>'), 'tanstaaf')).toBe(
      'c4c9334bac560ecc979e58001b3e22fb',
    );
  });
});

describe('RFC 4616 PLAIN examples', () => {
  it('sends authzid NUL authcid NUL passwd (§4: authzid "Ursel", authcid "Kurt")', () => {
    const m = new PlainMechanism({ authzid: 'Ursel', username: 'Kurt', password: 'xipj3plmq' });
    expect(text(m.initialResponse())).toBe('Ursel\0Kurt\0xipj3plmq');
  });

  it('sends an empty authzid when none is given (§4: "tim" / "tanstaaftanstaaf")', () => {
    const m = new PlainMechanism({ username: 'tim', password: 'tanstaaftanstaaf' });
    expect(text(m.initialResponse())).toBe('\0tim\0tanstaaftanstaaf');
  });

  it('answers an empty challenge (server without SASL-IR) with the message, once', () => {
    const m = new PlainMechanism({ username: 'tim', password: 'tanstaaftanstaaf' });
    expect(text(m.respond(new Uint8Array(0)))).toBe('\0tim\0tanstaaftanstaaf');
    let error: unknown;
    try {
      m.respond(new Uint8Array(0));
    } catch (e) {
      error = e;
    }
    expect(isParseError(error) && error.code).toBe('AUTH_FAILED');
  });
});
