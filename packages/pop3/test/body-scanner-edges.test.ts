import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { BodyScanner } from '../src/body-scanner';
import { Pop3ResponseParser, type Pop3ResponseParserEvent } from '../src/index';
import { bytes, feed, latin1, ofType } from './event-helpers';

function retr(input: string, cuts: number[] = [], strict = false): Pop3ResponseParserEvent[] {
  const p = new Pop3ResponseParser({ strict });
  p.expect('multiline-body');
  return feed(p, bytes(input), cuts);
}

function warnings(events: Pop3ResponseParserEvent[]): [string, number][] {
  return ofType(events, 'warning').map((w) => [w.code, w.offset]);
}

// "+OK\r\n" is 5 bytes: the body starts at offset 5, at the start of a line.
describe('body scanner through the parser: bare LF line ends (mbox-backed servers)', () => {
  it('a body whose first line is empty and ended by a bare LF', () => {
    const input = '+OK\r\n\nabc\r\n.\r\n';
    for (const cuts of [[], [5], [6]]) {
      const events = retr(input, cuts);
      expect(warnings(events)).toEqual([['BARE_LF', 5]]);
      expect(latin1(ofType(events, 'response')[0]?.body)).toBe('\nabc\r\n');
    }
    expect(() => retr(input, [], true)).toThrow(ParseError);
  });

  it('a stuffed ".." line ended by a bare LF in the next chunk', () => {
    // "..\n": the stuffed line "." with a bare LF; the chunk ends between ".." and the LF.
    const input = '+OK\r\n..\nx\r\n.\r\n';
    for (const cuts of [[], [7], [6], [6, 7]]) {
      const events = retr(input, cuts);
      expect(warnings(events)).toEqual([['BARE_LF', 7]]);
      expect(latin1(ofType(events, 'response')[0]?.body)).toBe('.\nx\r\n');
    }
  });

  it('a CRLF split between chunks is not a bare LF', () => {
    const input = '+OK\r\nab\r\n..c\r\n.\r\n';
    for (const cuts of [[8], [13], [8, 13]]) {
      const events = retr(input, cuts);
      expect(warnings(events)).toEqual([]);
      expect(latin1(ofType(events, 'response')[0]?.body)).toBe('ab\r\n.c\r\n');
    }
  });
});

describe('BodyScanner (module level)', () => {
  it('reports an unstuffed line-start dot at the byte after it, and where the first dot was', () => {
    const scanner = new BodyScanner(true);
    expect(scanner.scan(bytes('ab\r\n.x\r\n'), 0)).toBe(5);
    expect(scanner.found).toBe('UNSTUFFED_DOT');
    expect(scanner.firstDot).toBe(4);
  });

  it('reports the first bare LF once, at the LF', () => {
    const scanner = new BodyScanner(false);
    const chunk = bytes('a\nb\nc\r\n');
    expect(scanner.scan(chunk, 0)).toBe(1);
    expect(scanner.found).toBe('BARE_LF');
    expect(scanner.firstDot).toBe(-1);
    expect(scanner.scan(chunk, 1)).toBe(-1);
  });

  it('a stuffed ".." is neither quirk', () => {
    const scanner = new BodyScanner(false);
    expect(scanner.scan(bytes('..a\r\nb\r\n'), 0)).toBe(-1);
    expect(scanner.firstDot).toBe(0);
  });
});
