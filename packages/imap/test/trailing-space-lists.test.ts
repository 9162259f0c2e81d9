/**
 * A space right before the `)` of a parenthesised list — `(\Seen )`, sent by Exchange and
 * Courier in flag lists — is one quirk wherever a list of items is read: lenient mode reads
 * the list and warns TRAILING_SPACE at the space's `)`, strict mode refuses it. Some lists
 * accepted it silently even in strict mode, others failed on it in lenient mode.
 */
import { describe, expect, it } from 'vitest';
import { kinds, parse } from './helpers';

// each line has exactly one " )" : the quirk, and the warning's offset is that ")"
const lines: Array<[string, string]> = [
  ['FLAGS', '* 1 FETCH (FLAGS (\\Seen ))'],
  ['STATUS attributes (RFC 3501 §7.2.4)', '* STATUS INBOX (MESSAGES 2 UIDNEXT 9 )'],
  ['ID parameters (RFC 2971)', '* ID ("name" "Dovecot" )'],
  ['QUOTA resources (RFC 9208)', '* QUOTA "" (STORAGE 10 512 )'],
  ['NAMESPACE extension values (RFC 2342)', '* NAMESPACE (("" "/" "X-PARAM" ("a" "b" ))) NIL NIL'],
  ['METADATA entries (RFC 5464)', '* METADATA INBOX (/private/comment "x" )'],
  ['LIST extended data (RFC 5258)', '* LIST () "/" INBOX ("CHILDINFO" ("SUBSCRIBED" ))'],
  [
    'BODYSTRUCTURE parameters',
    '* 1 FETCH (BODYSTRUCTURE ("TEXT" "PLAIN" ("CHARSET" "us-ascii" ) NIL NIL "7BIT" 3 1))',
  ],
  [
    'BODYSTRUCTURE language list',
    '* 1 FETCH (BODYSTRUCTURE ("TEXT" "PLAIN" NIL NIL NIL "7BIT" 3 1 NIL NIL ("en" "de" )))',
  ],
  [
    'BODYSTRUCTURE extension list',
    '* 1 FETCH (BODYSTRUCTURE ("TEXT" "PLAIN" NIL NIL NIL "7BIT" 3 1 NIL NIL NIL NIL (1 2 )))',
  ],
  ['HEADER.FIELDS names', '* 1 FETCH (BODY[HEADER.FIELDS (DATE )] NIL)'],
  ['X-GM-LABELS', '* 1 FETCH (X-GM-LABELS (Work ))'],
  ['an unknown FETCH item skipped whole', '* 1 FETCH (X-UNKNOWN (a b ) UID 4)'],
];

describe('a space before ) in a list is TRAILING_SPACE everywhere', () => {
  it.each(lines)('%s: lenient reads it with a warning at the )', (_what, line) => {
    const evs = parse(`${line}\r\n`);
    expect(kinds(evs)).toEqual(['warning:TRAILING_SPACE', 'response']);
    const w = evs[0];
    expect(w?.type === 'warning' && w.message).toBe('space before )');
    expect(w?.type === 'warning' && w.offset).toBe(line.indexOf(' )') + 1);
  });

  // an unknown item keeps its raw bytes, space and all: every other list reads the same
  const known = lines.filter(([what]) => !what.startsWith('an unknown'));
  it.each(known)('%s: the same list without the space reads the same, with no warning', (_what, line) => {
    const plain = parse(`${line.replace(' )', ')')}\r\n`, { strict: true });
    expect(kinds(plain)).toEqual(['response']);
    const quirky = parse(`${line}\r\n`);
    expect(quirky[1]).toEqual(plain[0]);
  });

  it('an unknown item is skipped whole and the items after it are read', () => {
    const evs = parse('* 1 FETCH (X-UNKNOWN (a b ) UID 4)\r\n');
    const r = evs[1]?.type === 'response' ? evs[1].response : undefined;
    expect(r).toMatchObject({
      type: 'fetch',
      items: [
        { name: 'UNKNOWN', key: 'X-UNKNOWN' },
        { name: 'UID', value: 4 },
      ],
    });
  });

  it.each(lines)('%s: strict mode refuses it', (_what, line) => {
    expect(() => parse(`${line}\r\n`, { strict: true })).toThrow(
      expect.objectContaining({ code: 'BAD_SYNTAX', offset: line.indexOf(' )') + 1 }),
    );
  });
});
