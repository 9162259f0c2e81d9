import { isParseError } from '@mailwire/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { saslprep, saslprepCheck } from '../src/index';

describe('SASLprep, RFC 4013 §3 examples', () => {
  it('1: SOFT HYPHEN mapped to nothing', () => {
    expect(saslprep('I\u00adX')).toBe('IX');
  });
  it('2: no transformation', () => {
    expect(saslprep('user')).toBe('user');
  });
  it('3: case preserved', () => {
    expect(saslprep('USER')).toBe('USER');
  });
  it('4: output is NFKC (U+00AA -> a)', () => {
    expect(saslprep('\u00aa')).toBe('a');
  });
  it('5: output is NFKC (U+2168 -> IX)', () => {
    expect(saslprep('\u2168')).toBe('IX');
  });
  it('6: prohibited character U+0007', () => {
    expect(() => saslprep('\u0007')).toThrow(/ASCII control character \(U\+0007\)/);
  });
  it('7: bidirectional check (U+0627 U+0031)', () => {
    expect(() => saslprep('\u0627\u0031')).toThrow(/begin and end/);
  });
});

describe('SASLprep mapping and checks', () => {
  it('maps non-ASCII spaces to SPACE', () => {
    expect(saslprep('a\u00a0b\u3000c\u2003d')).toBe('a b c d');
  });
  it('removes every B.1 character, including ZERO WIDTH SPACE (also in C.1.2)', () => {
    expect(saslprep('a\u200bb\u034fc\ufe0fd\ufeffe\u180bf')).toBe('abcdef');
  });
  it('refuses private use, non-characters, lone surrogates, tagging, display and C.2.2 controls', () => {
    for (const bad of [
      '\ue000',
      '\ufdd0',
      '\u{1fffe}',
      '\ud800',
      '\u{e0001}',
      '\u200e',
      '\u0085',
      '\u2ff0',
      '\ufffd',
    ]) {
      const result = saslprepCheck(`x${bad}x`);
      expect(result.ok).toBe(false);
    }
  });
  it('accepts pure right-to-left text and refuses RTL mixed with LTR', () => {
    expect(saslprep('\u05d0\u05d1')).toBe('\u05d0\u05d1');
    expect(saslprep('\u0627\u0031\u0628')).toBe('\u0627\u0031\u0628');
    expect(saslprepCheck('\u05d0a\u05d1')).toMatchObject({ ok: false, reason: /mixes/ });
  });
  it('allows unassigned code points for queries only', () => {
    const unassigned = '\u{0378}'; // unassigned in every Unicode version so far
    expect(saslprep(`a${unassigned}`)).toBe(`a${unassigned}`);
    expect(saslprepCheck(`a${unassigned}`, { allowUnassigned: false })).toMatchObject({ ok: false });
  });
  it('throws ParseError INVALID_ARGUMENT from the sasl layer', () => {
    let error: unknown;
    try {
      saslprep('\u0000');
    } catch (e) {
      error = e;
    }
    expect(isParseError(error) && error.protocol === 'sasl' && error.code).toBe('INVALID_ARGUMENT');
  });
  it('is idempotent on what it accepts and total on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const result = saslprepCheck(s);
        if (result.ok) expect(saslprep(result.value)).toBe(result.value);
        else expect(result.reason.length).toBeGreaterThan(0);
      }),
    );
  });
  it('leaves printable ASCII alone', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }),
        (s) => {
          expect(saslprep(s)).toBe(s);
        },
      ),
    );
  });
});
