import { describe, expect, it } from 'vitest';
import type { BodyStructure, FetchResponse, SinglePartBody } from '../src/index';
import { serializeResponse } from '../src/index';
import { dec, kinds, one, parse } from './helpers';

function structure(bs: string): BodyStructure {
  const f = one(`* 1 FETCH (BODYSTRUCTURE ${bs})`) as FetchResponse;
  const it = f.items[0];
  if (it?.name !== 'BODYSTRUCTURE') throw new Error('no BODYSTRUCTURE');
  return it.structure;
}

const TEXT = '("TEXT" "PLAIN" ("CHARSET" "UTF-8" "FORMAT" "flowed") NIL NIL "QUOTED-PRINTABLE" 1152 23)';
const HTML =
  '("text" "html" ("charset" "utf-8") "<h@x>" "HTML part" "base64" 2048 30 "md5sum" ("inline" NIL) "en" "http://x/a.html")';
const IMAGE =
  '("IMAGE" "PNG" ("NAME" "a.png") "<img1@x>" NIL "BASE64" 4096 NIL ("ATTACHMENT" ("FILENAME" "a.png" "SIZE" "4096")) ("en" "de") NIL)';
const AUDIO = '("AUDIO" "BASIC" NIL NIL NIL "BASE64" 10)';
const VIDEO = '("VIDEO" "MPEG" NIL NIL "clip" "BINARY" 99 NIL NIL NIL NIL 42 ("x" (1 2 ("deep" NIL))))';
const APP =
  '("APPLICATION" "OCTET-STREAM" ("NAME" "x.bin") NIL NIL "BASE64" 0 NIL ("attachment" ("filename*" "utf-8\'\'%E2%82%AC.bin")) NIL NIL)';
const ENV =
  '("Tue, 2 Jan 2024 10:00:00 +0100" "inner" (("A" NIL "a" "x.org")) NIL NIL (("B" NIL "b" "y.org")) NIL NIL NIL "<inner@x>")';
const MSG = `("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 5000 ${ENV} (${TEXT}(${HTML}${IMAGE} "RELATED" ("TYPE" "text/html") NIL NIL) "ALTERNATIVE") 120 NIL NIL NIL NIL)`;
const GLOBAL = `("message" "global" NIL NIL NIL "8bit" 300 ${ENV} ${TEXT} 9)`;

describe('BODYSTRUCTURE torture set', () => {
  it('every part type with extension data', () => {
    const bs = `(${TEXT}${HTML}${IMAGE}${AUDIO}${VIDEO}${APP}${MSG}${GLOBAL} "MIXED" ("BOUNDARY" "----=_Part_0") ("inline" NIL) ("en" "fr") "http://loc" "ext1" (2 3))`;
    const s = structure(bs);
    if (s.kind !== 'multipart') throw new Error('not multipart');
    expect(s.subtype).toBe('MIXED');
    expect(s.parts).toHaveLength(8);
    expect(s.ext).toEqual({
      params: [['BOUNDARY', '----=_Part_0']],
      disposition: { type: 'inline', params: null },
      language: ['en', 'fr'],
      location: 'http://loc',
      extra: ['ext1', [2, 3]],
    });
    expect(s.parts[0]).toEqual({
      kind: 'single',
      type: 'TEXT',
      subtype: 'PLAIN',
      params: [
        ['CHARSET', 'UTF-8'],
        ['FORMAT', 'flowed'],
      ],
      id: null,
      description: null,
      encoding: 'QUOTED-PRINTABLE',
      size: 1152,
      lines: 23,
    });
    expect((s.parts[1] as SinglePartBody).ext).toEqual({
      md5: 'md5sum',
      disposition: { type: 'inline', params: null },
      language: ['en'],
      location: 'http://x/a.html',
    });
    expect((s.parts[2] as SinglePartBody).ext).toEqual({
      md5: null,
      disposition: {
        type: 'ATTACHMENT',
        params: [
          ['FILENAME', 'a.png'],
          ['SIZE', '4096'],
        ],
      },
      language: ['en', 'de'],
      location: null,
    });
    expect(s.parts[3]).toMatchObject({ type: 'AUDIO', size: 10 });
    expect((s.parts[3] as SinglePartBody).ext).toBeUndefined();
    expect((s.parts[4] as SinglePartBody).ext?.extra).toEqual([42, ['x', [1, 2, ['deep', null]]]]);
    const msg = s.parts[6] as SinglePartBody;
    expect(msg.envelope?.subject).toBe('inner');
    expect(msg.lines).toBe(120);
    expect(msg.body?.kind).toBe('multipart');
    const alt = msg.body;
    if (alt?.kind !== 'multipart') throw new Error('no alternative');
    expect(alt.subtype).toBe('ALTERNATIVE');
    expect(alt.parts[1]).toMatchObject({
      kind: 'multipart',
      subtype: 'RELATED',
      ext: { params: [['TYPE', 'text/html']] },
    });
    expect(s.parts[7]).toMatchObject({
      type: 'message',
      subtype: 'global',
      lines: 9,
      body: { type: 'TEXT' },
    });
    // and it survives a round trip
    const f = one(`* 1 FETCH (BODYSTRUCTURE ${bs})`);
    expect(one(dec(serializeResponse(f)).replace(/\r\n$/, ''))).toEqual(f);
  });

  it('deep nesting up to the limit, NESTING_TOO_DEEP beyond', () => {
    let bs = TEXT;
    for (let i = 0; i < 30; i++) bs = `(${bs} "MIXED")`;
    let s = structure(bs);
    let depth = 0;
    while (s.kind === 'multipart') {
      s = s.parts[0] as BodyStructure;
      depth++;
    }
    expect(depth).toBe(30);
    let deep = TEXT;
    for (let i = 0; i < 100; i++) deep = `(${deep} "MIXED")`;
    expect(kinds(parse(`* 1 FETCH (BODYSTRUCTURE ${deep})\r\n`))).toEqual(['error:NESTING_TOO_DEEP']);
    // message/rfc822 nesting counts too
    let m = TEXT;
    for (let i = 0; i < 70; i++) m = `("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 1 ${ENV} ${m} 1)`;
    expect(kinds(parse(`* 1 FETCH (BODY ${m})\r\n`))).toEqual(['error:NESTING_TOO_DEEP']);
  });

  it('RFC 3501 §7.4.2 BODY example (multipart/mixed with two text parts)', () => {
    const s = structure(
      '(("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 1152 23)("TEXT" "PLAIN" ("CHARSET" "US-ASCII" "NAME" "cc.diff") "<960723163407.20117h@cac.washington.edu>" "Compiler diff" "BASE64" 4554 73) "MIXED")',
    );
    expect(s).toMatchObject({
      kind: 'multipart',
      subtype: 'MIXED',
      parts: [
        { size: 1152 },
        { id: '<960723163407.20117h@cac.washington.edu>', description: 'Compiler diff', lines: 73 },
      ],
    });
  });

  it('malformed structures are errors, not exceptions', () => {
    for (const bad of ['()', '("TEXT")', '("TEXT" "PLAIN" NIL NIL NIL "7BIT" x 1)', `(${TEXT} )`, '(((((']) {
      const evs = parse(`* 1 FETCH (BODYSTRUCTURE ${bad})\r\n`);
      expect(evs.some((e) => e.type === 'error')).toBe(true);
    }
  });
});
