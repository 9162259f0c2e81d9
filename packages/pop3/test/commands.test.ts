import { ParseError } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import {
  type Pop3Command,
  Pop3CommandParser,
  type Pop3CommandParserEvent,
  serializeAuthResponse,
  serializeCommand,
} from '../src/index';
import { bytes, feed, latin1, ofType } from './event-helpers';

function parse(input: string, strict = false): Pop3CommandParserEvent[] {
  return feed(new Pop3CommandParser({ strict }), bytes(input));
}

function commands(input: string): Pop3Command[] {
  return ofType(parse(input), 'command').map((e) => e.command);
}

describe('command parser', () => {
  it('the seed session, case-insensitive keywords', () => {
    expect(
      commands(
        'user mrose\r\nPASS tanstaaf\r\nSTAT\r\nLIST\r\nlist 2\r\nRETR 1\r\nDELE 1\r\nTOP 1 10\r\nNOOP\r\nRSET\r\nUIDL\r\nUIDL 2\r\nQUIT\r\n',
      ),
    ).toEqual([
      { name: 'USER', user: 'mrose' },
      { name: 'PASS', password: 'tanstaaf' },
      { name: 'STAT' },
      { name: 'LIST' },
      { name: 'LIST', msg: 2 },
      { name: 'RETR', msg: 1 },
      { name: 'DELE', msg: 1 },
      { name: 'TOP', msg: 1, lines: 10 },
      { name: 'NOOP' },
      { name: 'RSET' },
      { name: 'UIDL' },
      { name: 'UIDL', msg: 2 },
      { name: 'QUIT' },
    ]);
  });

  it('APOP, CAPA, STLS, UTF8, LANG, AUTH forms, unknown commands', () => {
    expect(
      commands(
        'APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\nCAPA\r\nSTLS\r\nUTF8\r\nLANG\r\nLANG de\r\nAUTH\r\nXTND XMIT\r\nAUTH plain dGVzdAB0ZXN0AHRlc3Q=\r\n',
      ),
    ).toEqual([
      { name: 'APOP', user: 'mrose', digest: 'c4c9334bac560ecc979e58001b3e22fb' },
      { name: 'CAPA' },
      { name: 'STLS' },
      { name: 'UTF8' },
      { name: 'LANG' },
      { name: 'LANG', lang: 'de' },
      { name: 'AUTH' },
      { name: 'OTHER', keyword: 'XTND', args: ['XMIT'] },
      { name: 'AUTH', mechanism: 'PLAIN', initialResponse: 'dGVzdAB0ZXN0AHRlc3Q=' },
    ]);
  });

  it('PASS keeps spaces (RFC 1939 §7)', () => {
    expect(commands('PASS correct horse battery\r\n')).toEqual([
      { name: 'PASS', password: 'correct horse battery' },
    ]);
  });

  it('keeps the raw line and its offset', () => {
    const [a, b] = ofType(parse('STAT\r\nlist 1\r\n'), 'command');
    expect(latin1(b?.raw)).toBe('list 1');
    expect([a?.offset, b?.offset]).toEqual([0, 6]);
  });

  it('AUTH exchange: client lines are SASL responses until the next command', () => {
    const events = parse(
      'AUTH CRAM-MD5\r\ndGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw\r\n\r\n*\r\nSTAT\r\n',
    );
    expect(events.map((e) => e.type)).toEqual([
      'command',
      'authResponse',
      'authResponse',
      'authResponse',
      'command',
    ]);
    const r = ofType(events, 'authResponse');
    expect(latin1(r[0]?.data)).toBe('tim b913a602c7eda7a495b4e6e7334d3890');
    expect(r[1]).toMatchObject({ cancel: false, text: '' });
    expect(r[2]).toMatchObject({ cancel: true });
    const p = new Pop3CommandParser();
    p.push(bytes('AUTH PLAIN\r\n'));
    expect(p.authExchange).toBe(true);
    p.endAuthExchange();
    const after = p.push(bytes('dGVzdA==\r\n'));
    expect(after.map((e) => e.type)).toEqual(['warning', 'command']); // KEYWORD_LENGTH, then an unknown command
    expect(after[1]).toMatchObject({ command: { name: 'OTHER', keyword: 'DGVZDA==' } });
  });

  it('errors: missing or bad arguments, line skipped', () => {
    const events = parse('RETR\r\nRETR x\r\nRETR 0\r\nTOP 1\r\nAPOP u short\r\nUSER\r\n\r\nNOOP\r\n');
    expect(ofType(events, 'error').map((e) => e.error.code)).toEqual([
      'BAD_SYNTAX',
      'BAD_NUMBER',
      'BAD_NUMBER',
      'BAD_SYNTAX',
      'BAD_SYNTAX',
      'BAD_SYNTAX',
      'BAD_SYNTAX',
    ]);
    expect(ofType(events, 'command').map((e) => e.command)).toEqual([{ name: 'NOOP' }]);
  });

  // Client families: scripted clients and telnet/netcat sessions send bare LF and stray spaces;
  // modern clients send e-mail addresses longer than 40 octets as USER names; XTND-style
  // vendor commands (Eudora) use other keyword lengths.
  it('quirks: extra arguments, long arguments, long lines, bare LF (lenient warns, strict throws)', () => {
    const long = 'a'.repeat(41);
    const events = parse(`STAT now\r\nUSER ${long}\r\nLIST  1\r\nNOOP\nXTND${'x'.repeat(260)}\r\n`);
    expect(ofType(events, 'warning').map((w) => w.code)).toEqual([
      'EXTRA_ARGUMENTS',
      'ARGUMENT_TOO_LONG',
      'EXTRA_SPACE',
      'BARE_LF',
      'COMMAND_TOO_LONG',
      'KEYWORD_LENGTH',
    ]);
    expect(ofType(events, 'command')).toHaveLength(5);
    expect(() => parse(`USER ${long}\r\n`, true)).toThrow(/ARGUMENT_TOO_LONG/);
    expect(() => parse('NOOP\n', true)).toThrow(ParseError);
  });

  it('end() inside a line', () => {
    expect(parse('STA')).toMatchObject([{ type: 'error', error: { code: 'UNEXPECTED_EOF' } }]);
  });
});

describe('command serializer', () => {
  it('writes every command', () => {
    const cases: [Pop3Command, string][] = [
      [{ name: 'USER', user: 'mrose' }, 'USER mrose'],
      [{ name: 'PASS', password: 'with space' }, 'PASS with space'],
      [
        { name: 'APOP', user: 'mrose', digest: 'c4c9334bac560ecc979e58001b3e22fb' },
        'APOP mrose c4c9334bac560ecc979e58001b3e22fb',
      ],
      [{ name: 'AUTH' }, 'AUTH'],
      [{ name: 'AUTH', mechanism: 'PLAIN' }, 'AUTH PLAIN'],
      [{ name: 'AUTH', mechanism: 'EXTERNAL', initialResponse: '=' }, 'AUTH EXTERNAL ='],
      [{ name: 'STAT' }, 'STAT'],
      [{ name: 'LIST' }, 'LIST'],
      [{ name: 'LIST', msg: 3 }, 'LIST 3'],
      [{ name: 'RETR', msg: 1 }, 'RETR 1'],
      [{ name: 'DELE', msg: 2 }, 'DELE 2'],
      [{ name: 'NOOP' }, 'NOOP'],
      [{ name: 'RSET' }, 'RSET'],
      [{ name: 'QUIT' }, 'QUIT'],
      [{ name: 'TOP', msg: 1, lines: 0 }, 'TOP 1 0'],
      [{ name: 'UIDL' }, 'UIDL'],
      [{ name: 'UIDL', msg: 9 }, 'UIDL 9'],
      [{ name: 'CAPA' }, 'CAPA'],
      [{ name: 'STLS' }, 'STLS'],
      [{ name: 'UTF8' }, 'UTF8'],
      [{ name: 'LANG' }, 'LANG'],
      [{ name: 'LANG', lang: 'fr' }, 'LANG fr'],
      [{ name: 'OTHER', keyword: 'XTND', args: ['XMIT'] }, 'XTND XMIT'],
    ];
    for (const [cmd, line] of cases) expect(latin1(serializeCommand(cmd))).toBe(`${line}\r\n`);
  });

  it('an AUTH initial response may pass 40 characters but not the 255-octet line', () => {
    const ir = 'A'.repeat(200);
    expect(serializeCommand({ name: 'AUTH', mechanism: 'PLAIN', initialResponse: ir }).length).toBe(213);
    expect(() =>
      serializeCommand({ name: 'AUTH', mechanism: 'PLAIN', initialResponse: 'A'.repeat(248) }),
    ).toThrow(/INVALID_ARGUMENT/);
  });

  it.each<[string, Pop3Command]>([
    ['CRLF injection in USER', { name: 'USER', user: 'a\r\nDELE 1' }],
    ['LF in PASS', { name: 'PASS', password: 'x\ny' }],
    ['CR in LANG', { name: 'LANG', lang: 'e\rn' }],
    ['space in USER', { name: 'USER', user: 'a b' }],
    ['empty USER', { name: 'USER', user: '' }],
    ['argument over 40 octets', { name: 'USER', user: 'u'.repeat(41) }],
    ['multi-byte argument over 40 octets', { name: 'PASS', password: 'é'.repeat(21) }],
    ['message number 0', { name: 'RETR', msg: 0 }],
    ['fractional number', { name: 'DELE', msg: 1.5 }],
    ['negative TOP lines', { name: 'TOP', msg: 1, lines: -1 }],
    ['bad digest', { name: 'APOP', user: 'u', digest: 'xyz' }],
    ['bad mechanism', { name: 'AUTH', mechanism: 'pl ain' }],
    ['bad initial response', { name: 'AUTH', mechanism: 'PLAIN', initialResponse: 'a b' }],
    ['initial response without mechanism', { name: 'AUTH', initialResponse: '=' }],
    ['long keyword', { name: 'OTHER', keyword: 'TOOLONG', args: [] }],
    ['CRLF in unknown argument', { name: 'OTHER', keyword: 'XTND', args: ['a\r\nb'] }],
  ])('refuses %s with INVALID_ARGUMENT', (_label, cmd) => {
    expect(() => serializeCommand(cmd)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('limits are options', () => {
    expect(latin1(serializeCommand({ name: 'USER', user: 'u'.repeat(50) }, { maxArgumentLength: 64 }))).toBe(
      `USER ${'u'.repeat(50)}\r\n`,
    );
  });

  it('AUTH responses', () => {
    expect(latin1(serializeAuthResponse(bytes('\0u\0p')))).toBe('AHUAcA==\r\n');
    expect(latin1(serializeAuthResponse(new Uint8Array(0)))).toBe('\r\n');
    expect(latin1(serializeAuthResponse('cancel'))).toBe('*\r\n');
  });
});
