import { describe, expect, it } from 'vitest';
import { parseFirstLine } from '../src/status-line';
import { answers, bytes, caught, errorsIn, ofType, warningsIn } from './event-helpers';

// The first response ("+OK hi\r\n", 8 bytes) puts the line under test at a non-zero offset,
// so that every reported offset is checked as a stream offset.
const HI = '+OK hi\r\n';

describe('status line: RFC 1939 §3 indicators', () => {
  it('"+OK" and "-ERR" with text, no warnings', () => {
    const events = answers(`${HI}-ERR no such message\r\n`, ['single', 'single']);
    expect(warningsIn(events)).toEqual([]);
    expect(ofType(events, 'response').map((r) => [r.status, r.text])).toEqual([
      ['OK', 'hi'],
      ['ERR', 'no such message'],
    ]);
  });

  it.each([
    ['-OK x', 'a "-" with OK'],
    ['*OK x', 'another first byte before OK'],
    ['+ERR x', 'a "+" with ERR'],
    ['-NO x', 'a "-" with something other than ERR'],
    ['xERR x', 'another first byte before ERR'],
    ['- x', 'a "-" followed by SP (only "+" SP is a continuation)'],
    ['-', 'a lone "-"'],
    ['x', 'a lone byte other than "+"'],
    ['+X', 'a "+" followed by neither OK nor SP'],
    ['+NO x', 'a "+" followed by another word'],
  ])('%j is BAD_SYNTAX (%s), in lenient and strict mode', (line, _why) => {
    // 'auth' would accept a continuation: only "+" SP / a lone "+" is one (RFC 5034 §4).
    // The expectation stays for the real answer that follows.
    const input = `${HI}${line}\r\n+OK done\r\n`;
    const events = answers(input, ['single', 'auth']);
    const [err] = errorsIn(events);
    expect(errorsIn(events)).toHaveLength(1);
    expect(err).toMatchObject({ protocol: 'pop3', code: 'BAD_SYNTAX', offset: 8 });
    expect(err?.message).toMatch(/^pop3: expected "\+OK", "-ERR" or "\+" at the start of a response/);
    expect(ofType(events, 'continuation')).toEqual([]);
    expect(ofType(events, 'response').map((r) => r.text)).toEqual(['hi', 'done']);
    expect(caught(() => answers(input, ['single', 'auth'], { strict: true }))).toMatchObject({
      code: 'BAD_SYNTAX',
      offset: 8,
    });
  });

  it('a lone "+" is an empty AUTH continuation (RFC 5034 §4)', () => {
    // The AUTH exchange goes on until its final +OK / -ERR.
    const events = answers(`${HI}+\r\n+OK authenticated\r\n`, ['single', 'auth']);
    expect(errorsIn(events)).toEqual([]);
    expect(ofType(events, 'continuation')).toMatchObject([{ text: '', offset: 8 }]);
  });
});

describe('status line: STATUS_CASE (servers writing mixed-case indicators, e.g. test servers)', () => {
  it.each(['+Ok', '+oK', '+ok'])('%s is OK with a warning at the indicator', (indicator) => {
    const events = answers(`${HI}${indicator} done\r\n`, ['single', 'single']);
    expect(warningsIn(events)).toEqual([
      { code: 'STATUS_CASE', message: 'status indicator not in upper case', offset: 8 },
    ]);
    expect(ofType(events, 'response')[1]).toMatchObject({ status: 'OK', text: 'done' });
  });

  it.each(['-eRR', '-ErR', '-ERr', '-err', '-Err'])('%s is ERR with a warning', (indicator) => {
    const events = answers(`${HI}${indicator} nope\r\n`, ['single', 'single']);
    expect(warningsIn(events)).toEqual([
      { code: 'STATUS_CASE', message: 'status indicator not in upper case', offset: 8 },
    ]);
    expect(ofType(events, 'response')[1]).toMatchObject({ status: 'ERR', text: 'nope' });
  });

  it('strict mode throws BAD_SYNTAX naming the quirk', () => {
    const err = caught(() => answers(`${HI}-ErR nope\r\n`, ['single', 'single'], { strict: true }));
    expect(err).toMatchObject({ code: 'BAD_SYNTAX', offset: 8 });
    expect(err.message).toMatch(/status indicator not in upper case \[STATUS_CASE\]/);
  });
});

describe('status line: the separator after the indicator', () => {
  it('TAB is a STATUS_SEPARATOR quirk at the TAB (hand-written test servers)', () => {
    const events = answers(`${HI}-ERR\tbusy\r\n`, ['single', 'single']);
    expect(warningsIn(events)).toEqual([
      { code: 'STATUS_SEPARATOR', message: 'TAB instead of SP after the status indicator', offset: 12 },
    ]);
    expect(ofType(events, 'response')[1]).toMatchObject({ status: 'ERR', text: 'busy' });
  });

  it.each([
    ['+OKAY', 11],
    ['+OK.', 11],
    ['-ERRx', 12],
    ['-ERROR', 12],
  ])('%s: anything else is BAD_SYNTAX at the byte after the indicator', (line, offset) => {
    const events = answers(`${HI}${line} rest\r\n`, ['single', 'single']);
    expect(warningsIn(events)).toEqual([]);
    const [err] = errorsIn(events);
    expect(err).toMatchObject({ protocol: 'pop3', code: 'BAD_SYNTAX', offset });
    expect(err?.message).toMatch(/^pop3: status indicator not followed by a space/);
    expect(ofType(events, 'response')).toHaveLength(1);
    expect(
      caught(() => answers(`${HI}${line} rest\r\n`, ['single', 'single'], { strict: true })),
    ).toMatchObject({
      code: 'BAD_SYNTAX',
      offset,
    });
  });

  it('an indicator alone is a status with empty text', () => {
    const events = answers(`${HI}+OK\r\n-ERR\r\n`, ['single', 'single', 'single']);
    expect(warningsIn(events)).toEqual([]);
    expect(ofType(events, 'response').map((r) => [r.status, r.text])).toEqual([
      ['OK', 'hi'],
      ['OK', ''],
      ['ERR', ''],
    ]);
  });
});

// RFC 1939 §3 / RFC 2449 §9: the text is printable; these are quirks of servers that copy
// text from elsewhere (filenames, localised messages, Windows config strings).
describe('status line: text checks (lenient warnings, strict errors)', () => {
  it('CONTROL_CHARACTER names the byte and its stream offset', () => {
    const events = answers(`${HI}+OK ab\x01c\r\n`, ['single', 'single']);
    expect(warningsIn(events)).toEqual([
      { code: 'CONTROL_CHARACTER', message: 'control character 0x1 in text', offset: 14 },
    ]);
  });

  it('DEL (0x7f) is a control character too', () => {
    const events = answers(`${HI}-ERR a\x7f\r\n`, ['single', 'single']);
    expect(warningsIn(events)).toEqual([
      { code: 'CONTROL_CHARACTER', message: 'control character 0x7f in text', offset: 14 },
    ]);
  });

  it('TAB inside the text is not a control character', () => {
    const events = answers(`${HI}+OK a\tb\r\n`, ['single', 'single']);
    expect(warningsIn(events)).toEqual([]);
    expect(ofType(events, 'response')[1]?.text).toBe('a\tb');
  });

  it('the text offset follows a TAB separator', () => {
    const events = answers(`${HI}+OK\tx\x02\r\n`, ['single', 'single']);
    expect(warningsIn(events).map((w) => [w.code, w.offset])).toEqual([
      ['STATUS_SEPARATOR', 11],
      ['CONTROL_CHARACTER', 13],
    ]);
  });

  it('BARE_CR: warning at the CR in lenient mode, ParseError BARE_CR in strict mode', () => {
    const events = answers(`${HI}+OK ab\rc\r\n`, ['single', 'single']);
    expect(warningsIn(events)).toEqual([{ code: 'BARE_CR', message: 'bare CR inside a line', offset: 14 }]);
    const err = caught(() => answers(`${HI}+OK ab\rc\r\n`, ['single', 'single'], { strict: true }));
    expect(err).toMatchObject({ protocol: 'pop3', code: 'BARE_CR', offset: 14 });
    expect(err.message).toMatch(/bare CR inside a line \[BARE_CR\]/);
  });

  it('strict mode: a bare LF inside a status line is a BARE_LF error at the LF', () => {
    // Strict mode only ends lines at CRLF, so the LF stays inside the line.
    const err = caught(() => answers(`${HI}+OK ab\ncd\r\n`, ['single', 'single'], { strict: true }));
    expect(err).toMatchObject({ protocol: 'pop3', code: 'BARE_LF', offset: 14 });
    expect(err.message).toMatch(/^pop3: bare LF inside a line \(strict mode needs CRLF\) at byte 14/);
  });

  it('EIGHT_BIT_TEXT is reported at the start of the text (localised servers without UTF8)', () => {
    const events = answers(`${HI}-ERR Ung\xfcltig\r\n`, ['single', 'single']);
    expect(warningsIn(events)).toEqual([
      {
        code: 'EIGHT_BIT_TEXT',
        message: '8-bit bytes in response text (RFC 1939 text is 7-bit ASCII)',
        offset: 13,
      },
    ]);
  });

  it('continuation text is checked from its own first byte (RFC 5034 §4)', () => {
    const events = answers(`${HI}+ ab\x01c\r\n-ERR cancelled\r\n`, ['single', 'auth']);
    expect(warningsIn(events)).toEqual([
      { code: 'CONTROL_CHARACTER', message: 'control character 0x1 in text', offset: 12 },
    ]);
    // The challenge is not base64 either: reported after the warning.
    expect(errorsIn(events).map((e) => e.code)).toEqual(['BAD_BASE64']);
  });
});

describe('parseFirstLine (module level)', () => {
  const noQuirks = {
    quirk(code: string): void {
      throw new Error(`unexpected quirk ${code}`);
    },
  };

  it('tells a status line from a continuation', () => {
    const status = parseFirstLine(bytes('+OK 2 320'), 0, { utf8: false }, noQuirks);
    expect(status.type).toBe('status');
    expect(status).toMatchObject({ line: { status: 'OK', text: '2 320' } });
    const cont = parseFirstLine(bytes('+ YWJj'), 0, { utf8: false }, noQuirks);
    expect(cont).toMatchObject({ type: 'continuation', text: 'YWJj' });
  });

  it('UTF8 mode (RFC 6856): 8-bit text is not a quirk', () => {
    const line = new TextEncoder().encode('-ERR Ungültig');
    const parsed = parseFirstLine(line, 0, { utf8: true }, noQuirks);
    expect(parsed).toMatchObject({ type: 'status', line: { status: 'ERR', text: 'Ungültig' } });
  });
});
