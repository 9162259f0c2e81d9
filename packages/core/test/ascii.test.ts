import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiEqualsIgnoreCase, asciiLower, asciiStartsWithIgnoreCase, asciiUpper } from '../src/index';
import { bytes } from './chunking';

describe('ASCII case', () => {
  it('compares a byte range to a keyword ignoring ASCII case', () => {
    const line = bytes('ehlo mail.example.org');
    expect(asciiEqualsIgnoreCase(line, 0, 4, 'EHLO')).toBe(true);
    expect(asciiEqualsIgnoreCase(bytes('EhLo'), 0, 4, 'EHLO')).toBe(true);
    expect(asciiEqualsIgnoreCase(line, 0, 5, 'EHLO')).toBe(false); // length differs
    expect(asciiEqualsIgnoreCase(line, 1, 5, 'EHLO')).toBe(false);
    expect(asciiEqualsIgnoreCase(bytes('ok'), 0, 2, 'ok')).toBe(true); // literal folded too
    expect(asciiEqualsIgnoreCase(bytes('AB'), -1, 1, 'AB')).toBe(false);
    expect(asciiEqualsIgnoreCase(bytes('AB'), 0, 3, 'ABC')).toBe(false);
    expect(asciiStartsWithIgnoreCase(bytes('body[header]'), 0, 'BODY[')).toBe(true);
    expect(asciiStartsWithIgnoreCase(bytes('bod'), 0, 'BODY[')).toBe(false);
  });

  it('does not fold non-letters or 8-bit bytes', () => {
    // '@' (0x40) and '`' (0x60) differ by 0x20 but are not letters.
    expect(asciiEqualsIgnoreCase(bytes('`'), 0, 1, '@')).toBe(false);
    expect(asciiEqualsIgnoreCase(bytes('{'), 0, 1, '[')).toBe(false);
    expect(asciiEqualsIgnoreCase(Uint8Array.of(0xe9), 0, 1, '\u00c9')).toBe(false);
  });

  it('changes case of ASCII letters only, without locale rules', () => {
    // U+0130 (dotted I) and U+212A (Kelvin sign) are untouched; toLowerCase() would change them.
    expect(asciiLower('INBOX.Drafts \u0130 \u212a')).toBe('inbox.drafts \u0130 \u212a');
    expect(asciiUpper('inbox ß ı')).toBe('INBOX ß ı');
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        expect(asciiLower(s).length).toBe(s.length);
        expect(asciiLower(asciiUpper(s))).toBe(asciiLower(s));
        const latin = s.replace(/[^\x00-\xff]/g, '?');
        expect(asciiEqualsIgnoreCase(bytes(asciiLower(latin)), 0, latin.length, asciiUpper(latin))).toBe(
          true,
        );
      }),
    );
  });
});
