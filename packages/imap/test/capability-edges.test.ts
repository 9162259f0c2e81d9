import { describe, expect, it } from 'vitest';
import { parse, strictError } from './helpers';

/** The warnings (code, message, offset) and the single response of a lenient parse. */
function lenient(line: string) {
  const evs = parse(line);
  expect(evs.filter((e) => e.type === 'error')).toEqual([]);
  const warnings = evs.flatMap((e) =>
    e.type === 'warning' ? [{ code: e.code, message: e.message, offset: e.offset }] : [],
  );
  const r = evs.find((e) => e.type === 'response');
  if (r?.type !== 'response') throw new Error('no response');
  return { warnings, response: r.response };
}

/** capability-data = "CAPABILITY" *(SP capability) SP "IMAP4rev1" ... (RFC 3501 §7.2.1, RFC 9051 §7.2.2). */
describe('capability list spacing quirks', () => {
  it('a doubled space names the quirk and points at the extra space (Exchange 2010, older Zimbra)', () => {
    const { warnings, response } = lenient('* CAPABILITY IMAP4rev1  IDLE\r\n');
    expect(warnings).toEqual([{ code: 'EXTRA_SPACE', message: 'doubled space', offset: 23 }]);
    expect(response).toEqual({ type: 'capability', capabilities: ['IMAP4rev1', 'IDLE'] });
    const e = strictError('* CAPABILITY IMAP4rev1  IDLE\r\n');
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/doubled space/);
    expect(e.offset).toBe(23);
  });
  it('one warning per extra space, also inside a [CAPABILITY] response code', () => {
    const { warnings, response } = lenient('* OK [CAPABILITY IMAP4rev1   IDLE] hi\r\n');
    expect(warnings).toEqual([
      { code: 'EXTRA_SPACE', message: 'doubled space', offset: 27 },
      { code: 'EXTRA_SPACE', message: 'doubled space', offset: 28 },
    ]);
    expect(response).toMatchObject({
      code: { name: 'CAPABILITY', capabilities: ['IMAP4rev1', 'IDLE'] },
      text: 'hi',
    });
  });
  it('a trailing space at the end of the line (Exchange, Courier)', () => {
    const { warnings, response } = lenient('* CAPABILITY IMAP4rev1 IDLE \r\n');
    expect(warnings).toEqual([
      { code: 'TRAILING_SPACE', message: 'trailing space after the capability list', offset: 28 },
    ]);
    expect(response).toEqual({ type: 'capability', capabilities: ['IMAP4rev1', 'IDLE'] });
    const e = strictError('* CAPABILITY IMAP4rev1 IDLE \r\n');
    expect(e.code).toBe('BAD_SYNTAX');
    expect(e.message).toMatch(/trailing space after the capability list/);
    expect(e.offset).toBe(28);
  });
  it('a trailing space before the `]` of a [CAPABILITY] response code', () => {
    const { warnings, response } = lenient('* OK [CAPABILITY IMAP4rev1 IDLE ] hi\r\n');
    expect(warnings).toEqual([
      { code: 'TRAILING_SPACE', message: 'trailing space after the capability list', offset: 32 },
    ]);
    expect(response).toMatchObject({ code: { name: 'CAPABILITY', capabilities: ['IMAP4rev1', 'IDLE'] } });
    expect(strictError('* OK [CAPABILITY IMAP4rev1 IDLE ] hi\r\n').message).toMatch(
      /trailing space after the capability list/,
    );
  });
});
