import { describe, expect, it } from 'vitest';
import { commands, kinds, parseAll } from './helpers';

// The count of a literal announcement (RFC 3501 §9 literal = "{" number "}" CRLF *CHAR8;
// number = 1*DIGIT): leading zeros are legal, the value decides what is too large.

describe('command literal counts', () => {
  it('a count with leading zeros is its value, however many digits it has', () => {
    for (const count of ['3', '003', '00000000000000000003', `${'0'.repeat(40)}3`]) {
      expect(commands(`a LOGIN {${count}}\r\nbob {2}\r\npw\r\n`), count).toMatchObject([
        { tag: 'a', name: 'LOGIN', username: 'bob', password: 'pw' },
      ]);
    }
  });

  it('a count above 2^53 - 1 is LITERAL_TOO_LARGE, named as such, not as Infinity bytes', () => {
    const evs = parseAll(`a LOGIN {${'9'.repeat(30)}}\r\n`);
    expect(kinds(evs)).toEqual(['error:LITERAL_TOO_LARGE']);
    const err = (evs[0] as { error: { message: string; offset: number } }).error;
    expect(err.message).toMatch(/literal of over 2\^53 - 1 bytes announced/);
    expect(err.offset).toBe(8);
  });

  it('2^53 - 1 itself is a number, too large for the default limit', () => {
    const evs = parseAll('a LOGIN {9007199254740991}\r\n');
    expect(kinds(evs)).toEqual(['error:LITERAL_TOO_LARGE']);
    expect((evs[0] as { error: { message: string } }).error.message).toMatch(
      /literal of 9007199254740991 bytes announced/,
    );
  });
});
