import { DEFAULT_LIMITS } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { ListingReader } from '../src/listing-reader';
import { answers, bytes, caught, errorsIn, latin1, ofType, warningsIn } from './event-helpers';

// "+OK\r\n" is 5 bytes: the first listing line starts at offset 5.
describe('maxResponseSize: the bytes of a multi-line answer (lines + CRLF, terminator excluded)', () => {
  const LIST = '+OK\r\n1 10\r\n2 20\r\n.\r\n+OK next\r\n';

  it('exactly at the limit is accepted', () => {
    const events = answers(LIST, ['list', 'single'], { limits: { maxResponseSize: 12 } });
    expect(errorsIn(events)).toEqual([]);
    expect(ofType(events, 'response')[0]?.scans).toEqual([
      { msg: 1, size: 10 },
      { msg: 2, size: 20 },
    ]);
  });

  it('one byte over: RESPONSE_TOO_LARGE at the line that passes it, answer incomplete, framing kept', () => {
    const events = answers(LIST, ['list', 'single'], { limits: { maxResponseSize: 11 } });
    const [err] = errorsIn(events);
    expect(errorsIn(events)).toHaveLength(1);
    expect(err).toMatchObject({ protocol: 'pop3', code: 'RESPONSE_TOO_LARGE', offset: 11 });
    expect(err?.message).toMatch(/^pop3: multi-line answer larger than 11 bytes at byte 11/);
    const [list, next] = ofType(events, 'response');
    expect(list).toMatchObject({ kind: 'list', incomplete: true });
    expect(list?.scans).toBeUndefined();
    expect(next?.text).toBe('next');
  });

  it('reported once: the lines after the drop are read to the terminator and not counted again', () => {
    const input = '+OK\r\n1 10\r\n2 20\r\n3 30\r\n4 40\r\n.\r\n';
    const events = answers(input, ['list'], { limits: { maxResponseSize: 6 } });
    expect(errorsIn(events).map((e) => [e.code, e.offset])).toEqual([['RESPONSE_TOO_LARGE', 11]]);
    expect(ofType(events, 'response')[0]?.incomplete).toBe(true);
  });
});

describe('entry limits: maxListItems for LIST / UIDL, maxReplyLines for the other listings', () => {
  it.each([
    ['list', '+OK\r\n1 10\r\n2 20\r\n3 30\r\n.\r\n', 11],
    ['uidl', '+OK\r\n1 a\r\n2 b\r\n3 c\r\n.\r\n', 10],
  ] as const)(
    '%s: LIST_TOO_LONG past maxListItems at the extra entry (reported once)',
    (kind, input, offset) => {
      const events = answers(input, [kind], { limits: { maxListItems: 1 } });
      const [err] = errorsIn(events);
      expect(errorsIn(events)).toHaveLength(1);
      expect(err).toMatchObject({ protocol: 'pop3', code: 'LIST_TOO_LONG', offset });
      expect(err?.message).toMatch(/^pop3: multi-line answer with more than 1 entries at byte/);
      expect(ofType(events, 'response')[0]).toMatchObject({ kind, incomplete: true });
    },
  );

  it.each([
    ['list', '+OK\r\n1 10\r\n2 20\r\n.\r\n', 'scans'],
    ['uidl', '+OK\r\n1 a\r\n2 b\r\n.\r\n', 'uids'],
  ] as const)('%s: exactly maxListItems entries, and maxReplyLines does not apply', (kind, input, field) => {
    const events = answers(input, [kind], { limits: { maxListItems: 2, maxReplyLines: 1 } });
    expect(errorsIn(events)).toEqual([]);
    expect(ofType(events, 'response')[0]?.[field]).toHaveLength(2);
  });

  it.each([
    ['capa', '+OK\r\nTOP\r\nUSER\r\n.\r\n'],
    ['auth-list', '+OK\r\nPLAIN\r\nLOGIN\r\n.\r\n'],
    ['lang-list', '+OK\r\nen English\r\nfr French\r\n.\r\n'],
    ['multiline', '+OK\r\nfoo\r\nbar\r\n.\r\n'],
  ] as const)('%s: TOO_MANY_LINES past maxReplyLines, maxListItems does not apply', (kind, input) => {
    const ok = answers(input, [kind], { limits: { maxReplyLines: 2, maxListItems: 1 } });
    expect(errorsIn(ok)).toEqual([]);
    const events = answers(input, [kind], { limits: { maxReplyLines: 1 } });
    const [err] = errorsIn(events);
    expect(errorsIn(events)).toHaveLength(1);
    expect(err).toMatchObject({ protocol: 'pop3', code: 'TOO_MANY_LINES' });
    expect(err?.message).toMatch(/^pop3: multi-line answer with more than 1 lines at byte/);
    expect(ofType(events, 'response')[0]).toMatchObject({ kind, incomplete: true });
  });
});

describe('text checks per listing kind', () => {
  // Localised servers that send Latin-1 text in CAPA IMPLEMENTATION, LANG descriptions or
  // mechanism names without having announced UTF8 (RFC 6856).
  it.each([
    ['capa', '+OK\r\nIMPLEMENTATION Caf\xe9 server\r\n.\r\n'],
    ['lang-list', '+OK\r\nfr Fran\xe7ais\r\n.\r\n'],
    ['auth-list', '+OK\r\nX-\xc9T\xc9\r\n.\r\n'],
  ] as const)('%s: 8-bit free text is EIGHT_BIT_TEXT at the line start, unless UTF8', (kind, input) => {
    const events = answers(input, [kind]);
    expect(warningsIn(events)).toEqual([
      {
        code: 'EIGHT_BIT_TEXT',
        message: '8-bit bytes in response text (RFC 1939 text is 7-bit ASCII)',
        offset: 5,
      },
    ]);
    expect(warningsIn(answers(input, [kind], { utf8: true }))).toEqual([]);
    expect(caught(() => answers(input, [kind], { strict: true }))).toMatchObject({
      code: 'BAD_SYNTAX',
      offset: 5,
    });
  });

  it('LIST: 8-bit bytes in the extra text after msg size are no text quirk', () => {
    const events = answers('+OK\r\n1 10 caf\xe9\r\n.\r\n', ['list']);
    expect(warningsIn(events)).toEqual([]);
    expect(ofType(events, 'response')[0]?.scans).toEqual([{ msg: 1, size: 10, extra: 'caf\xe9' }]);
  });

  it('control characters in a CAPA line are reported at their offset, after an unstuffed ".."', () => {
    // "..X\x01Y": the stuffed dot is removed, the control byte is the line's 4th byte.
    const events = answers('+OK\r\nTOP\r\n..X\x01Y\r\n.\r\n', ['capa']);
    expect(warningsIn(events)).toEqual([
      { code: 'CONTROL_CHARACTER', message: 'control character 0x1 in text', offset: 13 },
    ]);
    expect(ofType(events, 'response')[0]?.capabilities?.entries.map((e) => e.name)).toEqual([
      'TOP',
      '.X\x01Y',
    ]);
  });

  it('raw multi-line answers are passed through without text checks', () => {
    const events = answers('+OK\r\na\x01b\x7f\r\nc\rd\xff\r\n.\r\n', ['multiline']);
    expect(warningsIn(events)).toEqual([]);
    expect(ofType(events, 'response')[0]?.lines?.map(latin1)).toEqual(['a\x01b\x7f', 'c\rd\xff']);
  });

  it('strict mode: a bare LF inside a raw line is BARE_LF at the LF', () => {
    const err = caught(() => answers('+OK\r\nab\ncd\r\n.\r\n', ['multiline'], { strict: true }));
    expect(err).toMatchObject({ protocol: 'pop3', code: 'BARE_LF', offset: 7 });
    expect(err.message).toMatch(/bare LF inside a line/);
  });
});

describe('dot rules and LF quirks (RFC 1939 §3)', () => {
  it('BARE_LF once per answer and TERMINATOR_LF (servers on Unix spools passing LF through)', () => {
    const events = answers('+OK\r\n1 10\n2 20\n.\n', ['list']);
    expect(warningsIn(events)).toEqual([
      { code: 'BARE_LF', message: 'multi-line answer with bare LF line ends', offset: 5 },
      { code: 'TERMINATOR_LF', message: 'multi-line answer ended by "." LF', offset: 15 },
    ]);
    expect(ofType(events, 'response')[0]?.scans).toHaveLength(2);
  });

  it('UNSTUFFED_DOT: the dot is kept, the warning names the line (gateways relaying verbatim)', () => {
    const events = answers('+OK\r\nfoo\r\n.odd\r\n..even\r\n.\r\n', ['multiline']);
    expect(warningsIn(events)).toEqual([
      { code: 'UNSTUFFED_DOT', message: 'line starting with an unstuffed "." (kept)', offset: 10 },
    ]);
    expect(ofType(events, 'response')[0]?.lines?.map(latin1)).toEqual(['foo', '.odd', '.even']);
  });
});

describe('ListingReader (module level): the quirk codes a strict sink would throw', () => {
  it('bare LF line ends and the "." LF terminator are reported with error code BARE_LF', () => {
    const calls: unknown[][] = [];
    const sink = {
      quirk(...args: unknown[]): void {
        calls.push(args);
      },
    };
    const reader = new ListingReader('multiline', DEFAULT_LIMITS, false, sink);
    expect(reader.line({ bytes: bytes('a'), offset: 5, bareLF: true })).toBe(false);
    expect(reader.line({ bytes: bytes('b'), offset: 7, bareLF: true })).toBe(false);
    expect(reader.line({ bytes: bytes('.'), offset: 9, bareLF: true })).toBe(true);
    expect(calls).toEqual([
      ['BARE_LF', 'multi-line answer with bare LF line ends', 5, 'BARE_LF'],
      ['TERMINATOR_LF', 'multi-line answer ended by "." LF', 9, 'BARE_LF'],
    ]);
  });
});
