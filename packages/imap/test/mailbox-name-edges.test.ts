import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeModifiedUtf7, encodeModifiedUtf7, mailboxName } from '../src/index';
import { one, parse } from './helpers';

/**
 * Modified UTF-7 (RFC 3501 §5.1.3, RFC 9051 §5.1.3): printable US-ASCII 0x20-0x7e stands for
 * itself except `&`, which is written `&-`; anything else is a run `&<modified base64 of
 * UTF-16>-` (`,` instead of `/`, no `=` padding). `decodeModifiedUtf7` returns null for any
 * text that is not valid modified UTF-7, so the caller can keep the name as it was sent.
 */
describe('decodeModifiedUtf7: names without `&` (the plain ASCII path)', () => {
  it('accepts printable ASCII up to and including both ends of 0x20-0x7e', () => {
    expect(decodeModifiedUtf7('Sent Items')).toBe('Sent Items');
    expect(decodeModifiedUtf7(' ')).toBe(' ');
    expect(decodeModifiedUtf7('~peter/mail')).toBe('~peter/mail');
    expect(decodeModifiedUtf7('a~b')).toBe('a~b');
    expect(decodeModifiedUtf7('')).toBe('');
  });
  it('rejects control characters and anything past 0x7e (e.g. raw UTF-8 names)', () => {
    expect(decodeModifiedUtf7('a\u001fb')).toBeNull();
    expect(decodeModifiedUtf7('\u0000')).toBeNull();
    expect(decodeModifiedUtf7('a\u007fb')).toBeNull();
    expect(decodeModifiedUtf7('Entwürfe')).toBeNull();
  });
});

describe('decodeModifiedUtf7: the plain text around shifts', () => {
  it('keeps printable ASCII before, between and after shifts, both boundaries included', () => {
    expect(decodeModifiedUtf7(' ~&- ~')).toBe(' ~& ~');
    expect(decodeModifiedUtf7('Entw&APw-rfe')).toBe('Entwürfe');
    expect(decodeModifiedUtf7('a&-b&APw-c')).toBe('a&büc');
  });
  it('rejects a bad character anywhere in a plain stretch, not only at its start', () => {
    // second character of the stretch before the shift
    expect(decodeModifiedUtf7('aé&-')).toBeNull();
    expect(decodeModifiedUtf7('a\u001f&-')).toBeNull();
    expect(decodeModifiedUtf7('a\u007f&APw-')).toBeNull();
    // the stretch after a shift runs to the end of the text
    expect(decodeModifiedUtf7('&-aé')).toBeNull();
    expect(decodeModifiedUtf7('&APw-a\u0001')).toBeNull();
    // first character of a stretch
    expect(decodeModifiedUtf7('é&-')).toBeNull();
    expect(decodeModifiedUtf7('&-\u0000')).toBeNull();
  });
});

describe('decodeModifiedUtf7: shifts', () => {
  it('`&-` is `&` (RFC 3501 §5.1.3), also next to other shifts and dashes', () => {
    expect(decodeModifiedUtf7('&-')).toBe('&');
    expect(decodeModifiedUtf7('&-&-')).toBe('&&');
    expect(decodeModifiedUtf7('&-&APw-')).toBe('&ü');
    expect(decodeModifiedUtf7('Q&-A')).toBe('Q&A');
  });
  it('a shift ends at the first `-` after its `&`, never at a `-` before it', () => {
    expect(decodeModifiedUtf7('a-&-')).toBe('a-&');
    expect(decodeModifiedUtf7('a-&APw-')).toBe('a-ü');
    expect(decodeModifiedUtf7('x-y&APw--z')).toBe('x-yü-z');
  });
  it('an unterminated shift is not modified UTF-7', () => {
    expect(decodeModifiedUtf7('&')).toBeNull();
    expect(decodeModifiedUtf7('a&APw')).toBeNull();
    expect(decodeModifiedUtf7('&-&')).toBeNull();
  });
  it('decodes runs of one, two and three UTF-16 units (leftover bits 2, 4, 0)', () => {
    expect(decodeModifiedUtf7('&APw-')).toBe('ü');
    expect(decodeModifiedUtf7('&U,BTFw-')).toBe('台北');
    expect(decodeModifiedUtf7('&ZeVnLIqe-')).toBe('日本語');
    // RFC 3501 §5.1.3 example
    expect(decodeModifiedUtf7('~peter/mail/&U,BTFw-/&ZeVnLIqe-')).toBe('~peter/mail/台北/日本語');
  });
  it('surrogate pairs are two UTF-16 units in one run', () => {
    expect(decodeModifiedUtf7('&2D3eAA-')).toBe('😀');
    expect(decodeModifiedUtf7('a&2D3eANg93gE-b')).toBe('a😀😁b');
  });
  it('`&AAA-` is one U+0000 unit, unlike the empty shift `&-` (the codec transports UTF-16 as is)', () => {
    expect(decodeModifiedUtf7('&AAA-')).toBe('\u0000');
    expect(decodeModifiedUtf7('&-')).toBe('&');
  });
});

describe('decodeModifiedUtf7: malformed modified base64', () => {
  it('a character outside the modified base64 alphabet', () => {
    // `/` is `,` in modified base64 (RFC 3501 §5.1.3); `=` padding is not used
    expect(decodeModifiedUtf7('&U/BTFw-')).toBeNull();
    expect(decodeModifiedUtf7('&APw=-')).toBeNull();
    // bad first character of a run that would otherwise leave zero padding bits
    expect(decodeModifiedUtf7('&!AA-')).toBeNull();
    expect(decodeModifiedUtf7('&A!A-')).toBeNull();
  });
  it('a non-ASCII character inside a run, also U+0080 right past the table', () => {
    // `é` or U+0080 in place of the `A` (value 0) of `&APw-`
    expect(decodeModifiedUtf7('Entw&éPw-rfe')).toBeNull();
    expect(decodeModifiedUtf7('Entw&\u0080Pw-rfe')).toBeNull();
    expect(decodeModifiedUtf7('Entw&\u007fPw-rfe')).toBeNull();
  });
  it('leftover bits must be fewer than 6 and all zero', () => {
    // 1 unit + 8 zero bits: a whole spare base64 character
    expect(decodeModifiedUtf7('&APwA-')).toBeNull();
    // 3 units + exactly 6 zero bits
    expect(decodeModifiedUtf7('&ZeVnLIqeA-')).toBeNull();
    // 1 unit + 2 leftover bits `01` (non-zero padding)
    expect(decodeModifiedUtf7('&APx-')).toBeNull();
    // 2 units + 4 leftover bits `0001`
    expect(decodeModifiedUtf7('&U,BTFx-')).toBeNull();
    // too short for even one unit
    expect(decodeModifiedUtf7('&A-')).toBeNull();
    expect(decodeModifiedUtf7('&AA-')).toBeNull();
  });
  it('a run must not encode a printable ASCII character (RFC 3501 §5.1.3 "MUST NOT")', () => {
    expect(decodeModifiedUtf7('&ACA-')).toBeNull(); // U+0020, the lowest printable
    expect(decodeModifiedUtf7('&AH4-')).toBeNull(); // U+007E, the highest printable
    expect(decodeModifiedUtf7('&AGE-')).toBeNull(); // `a`
    expect(decodeModifiedUtf7('&APwAYQ-')).toBeNull(); // `ü` then `a` in the same run
    // just outside the printable range: only expressible as a run
    expect(decodeModifiedUtf7('&AB8-')).toBe('\u001f');
    expect(decodeModifiedUtf7('&AH8-')).toBe('\u007f');
  });
});

describe('encodeModifiedUtf7', () => {
  it('printable ASCII as itself at both ends of 0x20-0x7e, `&` as `&-`', () => {
    expect(encodeModifiedUtf7(' ~')).toBe(' ~');
    expect(encodeModifiedUtf7('Q&A')).toBe('Q&-A');
    expect(encodeModifiedUtf7('&')).toBe('&-');
    expect(encodeModifiedUtf7('')).toBe('');
  });
  it('control characters and DEL go into a run', () => {
    expect(encodeModifiedUtf7('a\u0001b')).toBe('a&AAE-b');
    expect(encodeModifiedUtf7('\u001f')).toBe('&AB8-');
    expect(encodeModifiedUtf7('\u007f')).toBe('&AH8-');
    expect(encodeModifiedUtf7('\u0000')).toBe('&AAA-');
  });
  it('a run stops at the next printable character, `~` included', () => {
    expect(encodeModifiedUtf7('ü~')).toBe('&APw-~');
    expect(encodeModifiedUtf7('ü ')).toBe('&APw- ');
    expect(encodeModifiedUtf7('ü&')).toBe('&APw-&-');
    expect(encodeModifiedUtf7('Entwürfe')).toBe('Entw&APw-rfe');
  });
  it('runs of one, two, three units and a surrogate pair (RFC 3501 §5.1.3 example)', () => {
    expect(encodeModifiedUtf7('~peter/mail/台北/日本語')).toBe('~peter/mail/&U,BTFw-/&ZeVnLIqe-');
    expect(encodeModifiedUtf7('😀')).toBe('&2D3eAA-');
    expect(encodeModifiedUtf7('a😀😁b')).toBe('a&2D3eANg93gE-b');
    // `,` (not `/`) for value 63 in the modified base64 alphabet
    expect(encodeModifiedUtf7('\uffff')).toBe('&,,8-');
  });
  it('round trip over the characters at every boundary', () => {
    const ch = fc.constantFrom(
      ' ',
      '~',
      '&',
      '-',
      'A',
      '\u001f',
      '\u007f',
      '\u0080',
      'ü',
      '日',
      '😀',
      '\uffff',
    );
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 12 }), (chars) => {
        const name = chars.join('');
        const wire = encodeModifiedUtf7(name);
        expect(wire).toMatch(/^[\x20-\x7e]*$/);
        expect(decodeModifiedUtf7(wire)).toBe(name);
      }),
    );
  });
});

describe('mailboxName (INBOX rule, RFC 3501 §5.1)', () => {
  it('INBOX in any ASCII case is INBOX; the raw text is kept', () => {
    expect(mailboxName('inbox')).toEqual({ name: 'INBOX', raw: 'inbox' });
    expect(mailboxName('INBOX')).toEqual({ name: 'INBOX', raw: 'INBOX' });
  });
  it('only ASCII case folding: dotless ı (U+0131) upper-cases to I in Unicode, but "ınbox" is not INBOX', () => {
    expect(mailboxName('ınbox')).toEqual({ name: 'ınbox', raw: 'ınbox' });
    expect(mailboxName('&ATE-nbox')).toEqual({ name: 'ınbox', raw: '&ATE-nbox' });
  });
  it('names that only start or end like INBOX are decoded as usual', () => {
    expect(mailboxName('INBOX.Drafts')).toEqual({ name: 'INBOX.Drafts', raw: 'INBOX.Drafts' });
    expect(mailboxName('INBOX/Entw&APw-rfe')).toEqual({ name: 'INBOX/Entwürfe', raw: 'INBOX/Entw&APw-rfe' });
  });
  it('a name that is not valid modified UTF-7 is kept as sent', () => {
    expect(mailboxName('&APwA-')).toEqual({ name: '&APwA-', raw: '&APwA-' });
    expect(mailboxName('AT&T')).toEqual({ name: 'AT&T', raw: 'AT&T' });
  });
});

describe('mailbox names in LIST, LSUB and STATUS responses', () => {
  it('modified UTF-7 is decoded in LIST and LSUB', () => {
    expect(one('* LIST (\\HasNoChildren) "/" "~peter/mail/&U,BTFw-/&ZeVnLIqe-"')).toMatchObject({
      type: 'list',
      mailbox: { name: '~peter/mail/台北/日本語', raw: '~peter/mail/&U,BTFw-/&ZeVnLIqe-' },
    });
    expect(one('* LSUB () "." Q&-A')).toMatchObject({
      type: 'list',
      command: 'LSUB',
      mailbox: { name: 'Q&A', raw: 'Q&-A' },
    });
  });
  it('a raw UTF-8 name (UTF8=ACCEPT, RFC 6855 §3) is kept as it is', () => {
    expect(one('* LIST () "/" "Entwürfe"')).toMatchObject({ mailbox: { name: 'Entwürfe', raw: 'Entwürfe' } });
    // a quoted UTF-8 dotless-i name is not INBOX (RFC 3501 §5.1: INBOX is ASCII case-insensitive)
    expect(one('* LIST () "/" "ınbox"')).toMatchObject({ mailbox: { name: 'ınbox', raw: 'ınbox' } });
    expect(one('* LIST () "/" inBox')).toMatchObject({ mailbox: { name: 'INBOX', raw: 'inBox' } });
  });
  it('STATUS: a malformed run is not an error, the name is kept as sent', () => {
    const evs = parse('* STATUS "&APwA-" (MESSAGES 1)\r\n* STATUS Entw&APw-rfe (MESSAGES 2)\r\n', {
      strict: true,
    });
    expect(
      evs.map((e) =>
        e.type === 'response' && e.response.type === 'mailbox-status' ? e.response.mailbox : e,
      ),
    ).toEqual([
      { name: '&APwA-', raw: '&APwA-' },
      { name: 'Entwürfe', raw: 'Entw&APw-rfe' },
    ]);
  });
});
