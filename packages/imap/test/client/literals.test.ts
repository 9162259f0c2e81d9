import { describe, expect, it } from 'vitest';
import type { ImapClientProtocol } from '../../src/index';
import { completedOf, dec, enc, feed, greeted, writes } from './helpers';

const msg = (data: string) => ({ flags: [], data: enc(data), binary: false });

function append(p: ImapClientProtocol, ...data: string[]) {
  return p.send({ name: 'APPEND', mailbox: 'INBOX', messages: data.map(msg) });
}

describe('literals', () => {
  it('synchronizing: send() returns up to the literal, the rest follows the "+"', () => {
    const p = greeted('* PREAUTH [CAPABILITY IMAP4rev1] hi');
    const r = append(p, 'hello');
    expect(dec(r.bytes)).toBe('A1 APPEND INBOX {5}\r\n');
    expect(p.continuation).toBe('literal');
    // nothing else may be sent while the literal waits (RFC 3501 §5.5)
    expect(() => p.send({ name: 'NOOP' })).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    const ev = feed(p, '+ Ready for literal data\r\n');
    expect(writes(ev)).toBe('hello\r\n');
    expect(p.continuation).toBe('none');
    const done = feed(p, 'A1 OK [APPENDUID 38505 3955] APPEND completed\r\n');
    expect(completedOf(done, 'A1')).toMatchObject({
      status: 'OK',
      code: { name: 'APPENDUID', uidValidity: 38505, uids: [3955] },
    });
    expect(dec(p.send({ name: 'NOOP' }).bytes)).toBe('A2 NOOP\r\n');
  });

  it('one "+" per synchronizing literal (MULTIAPPEND)', () => {
    const p = greeted('* PREAUTH [CAPABILITY IMAP4rev1 MULTIAPPEND] hi');
    expect(dec(append(p, 'one', 'three').bytes)).toBe('A1 APPEND INBOX {3}\r\n');
    expect(writes(feed(p, '+ go\r\n'))).toBe('one {5}\r\n');
    expect(writes(feed(p, '+ go\r\n'))).toBe('three\r\n');
    expect(completedOf(feed(p, 'A1 OK done\r\n'), 'A1').status).toBe('OK');
  });

  it('LITERAL+: everything at once, no "+" awaited', () => {
    const p = greeted('* PREAUTH [CAPABILITY IMAP4rev1 LITERAL+] hi');
    expect(dec(append(p, 'hello').bytes)).toBe('A1 APPEND INBOX {5+}\r\nhello\r\n');
    expect(dec(p.send({ name: 'NOOP' }).bytes)).toBe('A2 NOOP\r\n'); // pipelining allowed at once
  });

  it('LITERAL-: non-synchronizing up to 4096 bytes only (RFC 7888 §4)', () => {
    const p = greeted('* PREAUTH [CAPABILITY IMAP4rev1 LITERAL-] hi');
    expect(dec(append(p, 'hello').bytes)).toBe('A1 APPEND INBOX {5+}\r\nhello\r\n');
    feed(p, 'A1 OK done\r\n');
    const big = 'x'.repeat(5000);
    expect(dec(append(p, big).bytes)).toBe('A2 APPEND INBOX {5000}\r\n');
    expect(writes(feed(p, '+ ok\r\n'))).toBe(`${big}\r\n`);
  });

  it('IMAP4rev2 implies LITERAL- (RFC 9051)', () => {
    const p = greeted('* PREAUTH [CAPABILITY IMAP4rev2] hi');
    expect(p.serializeOptions.literalMinus).toBe(true);
    expect(dec(append(p, 'hi').bytes)).toBe('A1 APPEND INBOX {2+}\r\nhi\r\n');
  });

  it('the capabilities of a CAPABILITY response are used for the next command', () => {
    const p = greeted('* OK hi');
    p.send({ name: 'CAPABILITY' });
    const ev = feed(p, '* CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN\r\nA1 OK done\r\n');
    expect(completedOf(ev, 'A1').data).toEqual([
      { type: 'capability', capabilities: ['IMAP4rev1', 'LITERAL+', 'AUTH=PLAIN'] },
    ]);
    expect(p.hasCapability('literal+')).toBe(true);
    expect(p.serializeOptions.literalPlus).toBe(true);
  });

  it('a server refusing the literal ends the command; the rest is never sent', () => {
    const p = greeted('* PREAUTH hi');
    append(p, 'hello');
    const ev = feed(p, 'A1 NO [LIMIT] too big\r\n');
    expect(writes(ev)).toBe('');
    expect(completedOf(ev, 'A1')).toMatchObject({ status: 'NO', code: { name: 'LIMIT' } });
    // and a later "+" is unexpected
    const late = feed(p, '+ go\r\n');
    expect(late).toEqual([expect.objectContaining({ type: 'error' })]);
    expect(late[0]?.type === 'error' && late[0].error.code).toBe('UNEXPECTED_RESPONSE');
  });

  it('BINARY: data with NUL goes as literal8 only when the server has BINARY', () => {
    const nul = String.fromCharCode(0);
    expect(() => append(greeted('* PREAUTH hi'), `a${nul}b`)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    const p = greeted('* PREAUTH [CAPABILITY IMAP4rev1 BINARY LITERAL+] hi');
    expect(dec(append(p, `a${nul}b`).bytes)).toBe(`A1 APPEND INBOX ~{3+}\r\na${nul}b\r\n`);
  });

  it('a refused argument does not use up a tag', () => {
    const p = greeted('* PREAUTH hi');
    expect(() => p.send({ name: 'ENABLE', capabilities: [] })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(p.send({ name: 'NOOP' }).tag).toBe('A1');
  });
});
