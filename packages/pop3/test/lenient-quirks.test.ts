import { describe, expect, it } from 'vitest';
import { type ExpectKind, Pop3ResponseParser, type Pop3ResponseParserEvent } from '../src/index';
import { bytes, feed, latin1, mergeBodyChunks, ofType } from './event-helpers';

function run(input: string, kinds: ExpectKind[], strict = false): Pop3ResponseParserEvent[] {
  const p = new Pop3ResponseParser({ strict });
  for (const k of kinds) p.expect(k);
  return feed(p, bytes(input));
}

function warnings(events: Pop3ResponseParserEvent[]): string[] {
  return ofType(events, 'warning').map((w) => w.code);
}

/** Each quirk: accepted with a warning in lenient mode, a thrown ParseError in strict mode. */
describe('lenient quirks', () => {
  it('BARE_LF status lines (hand-rolled and embedded servers writing "\\n" only)', () => {
    const events = run('+OK ready\n+OK 1 2\n', ['greeting', 'stat']);
    expect(warnings(events)).toEqual(['BARE_LF', 'BARE_LF']);
    expect(ofType(events, 'response')[1]?.drop).toEqual({ count: 1, size: 2 });
    expect(() => run('+OK ready\n+OK 1 2\r\n', ['greeting', 'stat'], true)).toThrow(/BARE_LF/);
  });

  it('BARE_LF in a listing and "." LF terminator (servers on Unix spools passing LF through)', () => {
    const events = run('+OK\n1 10\n2 20\n.\n', ['list']);
    expect(warnings(events)).toEqual(['BARE_LF', 'BARE_LF', 'TERMINATOR_LF']);
    expect(ofType(events, 'response')[0]?.scans).toEqual([
      { msg: 1, size: 10 },
      { msg: 2, size: 20 },
    ]);
  });

  it('BARE_LF body and "." LF terminator (mbox-backed servers sending stored LF line ends)', () => {
    const events = run('+OK\r\nline one\nline two\n.\n+OK next\r\n', ['multiline-body', 'single']);
    expect(warnings(events)).toEqual(['BARE_LF', 'TERMINATOR_LF']);
    const r = ofType(events, 'response');
    expect(latin1(r[0]?.body)).toBe('line one\nline two\n');
    expect(r[1]?.text).toBe('next');
    expect(() => run('+OK\r\nline one\nline two\r\n.\r\n', ['multiline-body'], true)).toThrow(/BARE_LF/);
  });

  it('"." LF after a CRLF line ends the body in lenient mode only', () => {
    const events = run('+OK\r\nabc\r\n.\n', ['multiline-body']);
    expect(warnings(events)).toEqual(['TERMINATOR_LF']);
    expect(latin1(ofType(events, 'response')[0]?.body)).toBe('abc\r\n');
    expect(() => run('+OK\r\nabc\r\n.\n', ['multiline-body'], true)).toThrow(/BARE_LF/);
  });

  it('UNSTUFFED_DOT: a server that does not dot-stuff; the dot is kept (webmail/POP3 gateways relaying verbatim)', () => {
    const events = run('+OK\r\n.hidden\r\n..stuffed\r\nend\r\n.\r\n', ['multiline-body']);
    expect(warnings(events)).toEqual(['UNSTUFFED_DOT']);
    expect(latin1(ofType(events, 'response')[0]?.body)).toBe('.hidden\r\n.stuffed\r\nend\r\n');
    expect(() => run('+OK\r\n.hidden\r\n.\r\n', ['multiline-body'], true)).toThrow(/UNSTUFFED_DOT/);
  });

  it('UNSTUFFED_DOT at every chunk boundary gives the same body', () => {
    const input = bytes('+OK\r\n.a\r\n.b\n.\r\n');
    for (let cut = 0; cut <= input.length; cut++) {
      const p = new Pop3ResponseParser();
      p.expect('multiline-body');
      const events = feed(p, input, [cut]);
      expect(latin1(ofType(events, 'response')[0]?.body)).toBe('.a\r\n.b\n');
    }
  });

  it('UNSTUFFED_DOT in a listing line is kept', () => {
    const events = run('+OK\r\n.odd\r\n.\r\n', ['multiline']);
    expect(warnings(events)).toEqual(['UNSTUFFED_DOT']);
    expect(ofType(events, 'response')[0]?.lines?.map(latin1)).toEqual(['.odd']);
  });

  it('EIGHT_BIT_TEXT (localised servers sending Latin-1 / UTF-8 text without UTF8)', () => {
    const events = run('-ERR Ung\xfcltiges Passwort\r\n', ['single']);
    expect(warnings(events)).toEqual(['EIGHT_BIT_TEXT']);
    expect(ofType(events, 'response')[0]?.text).toBe('Ungültiges Passwort'); // Latin-1: not valid UTF-8
    const utf8 = feed(
      new Pop3ResponseParser({ utf8: true, strict: true }),
      new TextEncoder().encode('-ERR Ungültig\r\n'),
    );
    expect(ofType(utf8, 'response')[0]?.text).toBe('Ungültig');
    expect(() => run('-ERR Ung\xfcltig\r\n', ['single'], true)).toThrow(/EIGHT_BIT_TEXT/);
  });

  it('STATUS_CASE: "+ok" / "-err" (some embedded and test servers)', () => {
    const events = run('+ok fine\r\n-err bad\r\n', ['single', 'single']);
    expect(warnings(events)).toEqual(['STATUS_CASE', 'STATUS_CASE']);
    expect(ofType(events, 'response').map((r) => r.status)).toEqual(['OK', 'ERR']);
    expect(() => run('+ok\r\n', ['single'], true)).toThrow(/STATUS_CASE/);
  });

  it('STATUS_SEPARATOR: TAB after the status indicator (hand-written test servers and scripts)', () => {
    const events = run('+OK\tready\r\n', ['single']);
    expect(warnings(events)).toEqual(['STATUS_SEPARATOR']);
    expect(ofType(events, 'response')[0]?.text).toBe('ready');
    expect(() => run('+OK\tready\r\n', ['single'], true)).toThrow(/STATUS_SEPARATOR/);
  });

  it('EXTRA_SPACE in listings (servers that pad columns)', () => {
    const events = run('+OK\r\n1  120\r\n 2 200\r\n.\r\n', ['list']);
    expect(warnings(events)).toEqual(['EXTRA_SPACE', 'EXTRA_SPACE']);
    expect(ofType(events, 'response')[0]?.scans).toEqual([
      { msg: 1, size: 120 },
      { msg: 2, size: 200 },
    ]);
    expect(() => run('+OK 1  2\r\n', ['stat'], true)).toThrow(/EXTRA_SPACE/);
  });

  it('UID_TOO_LONG / UID_CHARACTER (servers using long or 8-bit unique-ids)', () => {
    const long = 'x'.repeat(71);
    const events = run(`+OK\r\n1 ${long}\r\n2 caf\xe9\r\n.\r\n`, ['uidl']);
    expect(warnings(events)).toEqual(['UID_TOO_LONG', 'UID_CHARACTER']);
    expect(ofType(events, 'response')[0]?.uids).toEqual([
      { msg: 1, uid: long },
      { msg: 2, uid: 'caf\xe9' },
    ]);
    expect(() => run(`+OK 1 ${long}\r\n`, ['uidl-one'], true)).toThrow(/UID_TOO_LONG/);
  });

  // Servers that copy text from elsewhere into a response (a filename, a localised message
  // with stray control bytes, a Windows "\r" left in a config string).
  it('CONTROL_CHARACTER and BARE_CR in text', () => {
    expect(warnings(run('+OK a\x01b\r\n', ['single']))).toEqual(['CONTROL_CHARACTER']);
    expect(warnings(run('+OK a\rb\r\n', ['single']))).toEqual(['BARE_CR']);
    expect(() => run('+OK a\x01b\r\n', ['single'], true)).toThrow(/CONTROL_CHARACTER/);
    expect(() => run('+OK a\rb\r\n', ['single'], true)).toThrow(/BARE_CR/);
  });
});

describe('errors and resynchronisation', () => {
  it('a bad entry is reported, the listing goes on', () => {
    const events = run('+OK\r\n1 10\r\nx 20\r\n3 30\r\n.\r\n', ['list']);
    expect(events.map((e) => e.type)).toEqual(['error', 'response']);
    expect(ofType(events, 'response')[0]?.scans?.map((s) => s.msg)).toEqual([1, 3]);
  });

  it('a bad STAT answer still answers STAT (so pipelined responses stay matched)', () => {
    const events = run('+OK lots\r\n+OK next\r\n', ['stat', 'single']);
    expect(events.map((e) => e.type)).toEqual(['error', 'response', 'response']);
    expect(ofType(events, 'response')[0]).toMatchObject({ kind: 'stat', incomplete: true });
  });

  it('LIST_TOO_LONG drops the entries but keeps the framing', () => {
    const p = new Pop3ResponseParser({ limits: { maxListItems: 2 } });
    p.expect('list');
    p.expect('single');
    const events = feed(p, bytes('+OK\r\n1 1\r\n2 2\r\n3 3\r\n4 4\r\n.\r\n+OK after\r\n'));
    expect(events.map((e) => e.type)).toEqual(['error', 'response', 'response']);
    expect(events[0]).toMatchObject({ error: { code: 'LIST_TOO_LONG' } });
    expect(ofType(events, 'response')[0]).toMatchObject({ incomplete: true });
    expect(ofType(events, 'response')[0]?.scans).toBeUndefined();
    expect(ofType(events, 'response')[1]?.text).toBe('after');
  });

  it('TOO_MANY_LINES for CAPA and RESPONSE_TOO_LARGE', () => {
    const p = new Pop3ResponseParser({ limits: { maxReplyLines: 1, maxResponseSize: 1000 } });
    p.expect('capa');
    p.expect('multiline');
    const big = `${'y'.repeat(600)}\r\n`;
    const events = feed(p, bytes(`+OK\r\nTOP\r\nUSER\r\n.\r\n+OK\r\n${big}${big}.\r\n`));
    expect(ofType(events, 'error').map((e) => e.error.code)).toEqual([
      'TOO_MANY_LINES',
      'RESPONSE_TOO_LARGE',
    ]);
    expect(ofType(events, 'response')).toHaveLength(2);
  });

  it('PAYLOAD_TOO_LARGE: exactly maxPayloadSize bytes are delivered, the rest is skipped, whatever the chunking', () => {
    const input = bytes('+OK\r\n0123456789abcdef\r\n.\r\n+OK after\r\n');
    for (const cuts of [[], [8, 11, 14, 17, 20], [5, 6, 7]]) {
      const p = new Pop3ResponseParser({ limits: { maxPayloadSize: 10 }, bodyThreshold: 4 });
      p.expect('multiline-body');
      p.expect('single');
      const events = mergeBodyChunks(feed(p, input, cuts));
      expect(events).toMatchObject([
        { type: 'bodyStart', offset: 0 },
        { type: 'bodyChunk', data: Array.from(bytes('0123456789')) },
        { type: 'error', error: { message: expect.stringMatching(/PAYLOAD_TOO_LARGE/) } },
        { type: 'bodyEnd', size: 10, incomplete: true },
        { type: 'response', text: 'after' },
      ]);
    }
    // Below the threshold nothing was delivered yet: the response comes without its body.
    const q = new Pop3ResponseParser({ limits: { maxPayloadSize: 10 } });
    q.expect('multiline-body');
    const events = feed(q, input.subarray(0, 26));
    expect(events.map((e) => e.type)).toEqual(['error', 'response']);
    expect(events[1]).toMatchObject({ incomplete: true, kind: 'multiline-body' });
  });

  it('LINE_TOO_LONG: the line is skipped', () => {
    const p = new Pop3ResponseParser({ limits: { maxLineLength: 16 } });
    p.expect('single');
    const events = feed(p, bytes(`+OK ${'z'.repeat(100)}\r\n+OK short\r\n`));
    expect(events.map((e) => e.type)).toEqual(['error', 'response']);
    expect(ofType(events, 'response')[0]?.text).toBe('short');
  });

  it('end() inside a body, a listing, a line, or with responses outstanding', () => {
    const cases: [string, ExpectKind[]][] = [
      ['+OK\r\nabc', ['multiline-body']],
      ['+OK\r\n1 2\r\n', ['list']],
      ['+OK par', ['single']],
      ['', ['single']],
    ];
    for (const [input, kinds] of cases) {
      const events = run(input, kinds);
      expect(ofType(events, 'error').map((e) => e.error.code)).toEqual(['UNEXPECTED_EOF']);
      expect(() => run(input, kinds, true)).toThrow(/UNEXPECTED_EOF/);
    }
  });

  it('unexpected: "error" reports responses nobody asked for', () => {
    const p = new Pop3ResponseParser({ unexpected: 'error' });
    const events = feed(p, bytes('+OK surprise\r\n'));
    expect(events).toMatchObject([{ type: 'error', error: { code: 'UNEXPECTED_RESPONSE' } }]);
  });
});

describe('STLS boundary', () => {
  it('bytes after +OK to STLS are never parsed (UNEXPECTED_DATA)', () => {
    const p = new Pop3ResponseParser();
    p.expectCommand({ name: 'STLS' });
    p.expectCommand({ name: 'CAPA' });
    const events = p.push(bytes('+OK Begin TLS\r\n+OK injected\r\nSTLS\r\n.\r\n'));
    expect(events.map((e) => e.type)).toEqual(['response', 'error']);
    expect(events[1]).toMatchObject({ error: { code: 'UNEXPECTED_DATA', offset: 15 } });
    expect(p.awaitingTls).toBe(true);
    p.tlsStarted();
    const after = p.push(bytes('+OK\r\nTOP\r\n.\r\n'));
    expect(after).toMatchObject([{ type: 'response', kind: 'capa', capabilities: { top: true } }]);
  });

  it('strict: throws', () => {
    const p = new Pop3ResponseParser({ strict: true });
    p.expectCommand({ name: 'STLS' });
    expect(() => p.push(bytes('+OK Begin TLS\r\nX'))).toThrow(/UNEXPECTED_DATA/);
  });

  it('tlsStarted() without STLS is INVALID_STATE', () => {
    expect(() => new Pop3ResponseParser().tlsStarted()).toThrow(/INVALID_STATE/);
  });
});

describe('listings', () => {
  it('LIST extra information after the size is kept (RFC 1939 §5)', () => {
    const events = run('+OK\r\n1 120 flagged seen\r\n.\r\n+OK 2 200 extra\r\n', ['list', 'list-one']);
    const r = ofType(events, 'response');
    expect(r[0]?.scans).toEqual([{ msg: 1, size: 120, extra: 'flagged seen' }]);
    expect(r[1]?.scans).toEqual([{ msg: 2, size: 200, extra: 'extra' }]);
  });

  it('empty listing', () => {
    expect(ofType(run('+OK 0 messages\r\n.\r\n', ['list']), 'response')[0]?.scans).toEqual([]);
  });

  it('message number 0 is BAD_NUMBER', () => {
    expect(ofType(run('+OK\r\n0 1\r\n.\r\n', ['list']), 'error')[0]?.error.code).toBe('BAD_NUMBER');
  });

  it('CAPA: STLS, EXPIRE NEVER / USER, LOGIN-DELAY USER, UTF8 USER, LANG, unknown kept', () => {
    const events = run(
      '+OK\r\nSTLS\r\nEXPIRE NEVER\r\nLOGIN-DELAY 300 USER\r\nUTF8 USER\r\nLANG\r\nX-FOO a b\r\nsasl plain LOGIN\r\n.\r\n' +
        '+OK\r\nEXPIRE 30 USER\r\n.\r\n',
      ['capa', 'capa'],
    );
    const [a, b] = ofType(events, 'response');
    expect(a?.capabilities).toMatchObject({
      stls: true,
      expire: { never: true },
      loginDelay: { seconds: 300, perUser: true },
      utf8: { user: true },
      lang: true,
      sasl: ['PLAIN', 'LOGIN'],
    });
    expect(a?.capabilities?.entries).toContainEqual({ name: 'X-FOO', args: ['a', 'b'] });
    expect(b?.capabilities?.expire).toEqual({ never: false, days: 30, perUser: true });
  });

  it('AUTH without arguments lists mechanisms; LANG lists languages', () => {
    const events = run('+OK\r\nPLAIN\r\nXOAUTH2\r\n.\r\n+OK\r\nen English\r\nde Deutsch\r\n.\r\n', [
      'auth-list',
      'lang-list',
    ]);
    const [a, b] = ofType(events, 'response');
    expect(a?.mechanisms).toEqual(['PLAIN', 'XOAUTH2']);
    expect(b?.languages).toEqual([
      { tag: 'en', description: 'English' },
      { tag: 'de', description: 'Deutsch' },
    ]);
  });

  it('-ERR to a multi-line command is one line', () => {
    const events = run('-ERR [SYS/PERM] no\r\n+OK\r\n', ['capa', 'single']);
    expect(ofType(events, 'response').map((r) => r.kind)).toEqual(['capa', 'single']);
  });
});
