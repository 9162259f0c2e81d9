import { describe, expect, it } from 'vitest';
import { extractApopTimestamp, type Pop3ResponseEvent, Pop3ResponseParser } from '../src/index';
import { bytes, feed, ofType } from './event-helpers';

/** The greeting response of `line` (lenient unless told). */
function greeting(line: string, strict = false): Pop3ResponseEvent {
  const [r] = ofType(feed(new Pop3ResponseParser({ greeting: true, strict }), bytes(line)), 'response');
  if (!r) throw new Error('no response');
  return r;
}

// RFC 1939 §7: the APOP timestamp is a msg-id (RFC 822) "<process-ID.clock@hostname>" in the
// greeting. The codec takes the first "<...>" that holds no space, control or 8-bit character
// and whose first "@" has text on both sides.
describe('APOP timestamp in the greeting (RFC 1939 §7)', () => {
  it('the RFC example, strict', () => {
    expect(greeting('+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n', true).timestamp).toBe(
      '<1896.697170952@dbc.mtview.ca.us>',
    );
  });

  it('an "@...>" with no "<" before it is no timestamp', () => {
    const r = greeting('+OK postmaster@example.org> ready\r\n', true);
    expect(r.timestamp).toBeUndefined();
    expect(extractApopTimestamp('user@host>')).toBeUndefined();
  });

  it('a ">" closes a candidate: a later "@...>" does not reopen it', () => {
    expect(greeting('+OK <ready>apop@host.example>\r\n', true).timestamp).toBeUndefined();
    expect(extractApopTimestamp('<ab>cd@ef>')).toBeUndefined();
    // ...but a later complete "<...>" is found
    expect(extractApopTimestamp('<ready> <1.2@host>')).toBe('<1.2@host>');
  });

  it('"!" (0x21) and "~" (0x7E), the ends of the printable range, may be in a timestamp', () => {
    expect(greeting('+OK <1896.697~170952@dbc.mtview.ca.us>\r\n', true).timestamp).toBe(
      '<1896.697~170952@dbc.mtview.ca.us>',
    );
    expect(extractApopTimestamp('<a~@b>')).toBe('<a~@b>');
    expect(extractApopTimestamp('<~a@b~>')).toBe('<~a@b~>');
    expect(extractApopTimestamp('<!a@b!>')).toBe('<!a@b!>');
  });

  it('DEL (0x7F) and 8-bit characters end a candidate', () => {
    expect(extractApopTimestamp('<1.2@h\x7fost>')).toBeUndefined();
    expect(extractApopTimestamp('<1.2@caf\u00e9.example>')).toBeUndefined();
    expect(extractApopTimestamp('<\u00e9@host>')).toBeUndefined();
    // Through the parser: a Latin-1 host name (EIGHT_BIT_TEXT in lenient mode) gives no timestamp.
    const r = greeting('+OK <1.2@caf\xe9.example>\r\n');
    expect(r.text).toBe('<1.2@caf\u00e9.example>');
    expect(r.timestamp).toBeUndefined();
  });

  it('space and TAB end a candidate', () => {
    expect(extractApopTimestamp('<1.2@ho st>')).toBeUndefined();
    expect(extractApopTimestamp('<1.2@ho\tst>')).toBeUndefined();
  });

  it('the first "@" decides: an empty local part is no timestamp even if another "@" follows', () => {
    expect(greeting('+OK <@x@host.example>\r\n', true).timestamp).toBeUndefined();
    expect(extractApopTimestamp('<@x@host>')).toBeUndefined();
    expect(extractApopTimestamp('<a@b@c>')).toBe('<a@b@c>');
  });

  it('a "<" restarts the candidate; the last one before the ">" counts', () => {
    expect(extractApopTimestamp('<x<1.2@host>')).toBe('<1.2@host>');
  });
});
