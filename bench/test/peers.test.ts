import { dotStuff } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import { chunked, mailText } from '../src/input';
import { concatBytes } from '../src/inputs/concat';
import { digestPieces } from '../src/inputs/digest';
import { imapLiteralInput } from '../src/inputs/imap-literal';
import { imapSmallInput } from '../src/inputs/imap-small';
import { imapStructureInput } from '../src/inputs/imap-structure';
import { pop3RetrInput } from '../src/inputs/pop3-retr';
import { smtpRepliesInput } from '../src/inputs/smtp-replies';
import {
  compareImap,
  comparePop3,
  compareSmtp,
  emailjsImapHandlerParse,
  ImapResponseFramer,
  imapflowParse,
  imapPeers,
  nodeImapParse,
  nodemailerReplies,
  nodePop3Retr,
  peerCases,
} from '../src/peers/index';

const KiB = 1024;
const CHUNK = 64 * KiB;
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** Chunks of 1 to 3 bytes (deterministic): every boundary a socket could produce, nearly. */
function tinyChunks(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0, k = 0; i < bytes.length; k++) {
    const n = 1 + (k % 3);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

describe('inputs', () => {
  it('are deterministic and count what they claim', () => {
    const small = imapSmallInput(3);
    expect(imapSmallInput(3)).toEqual(small);
    expect(text(small.bytes).split('\r\n')).toHaveLength(5); // 3 FETCH, the OK, the empty tail
    expect(small.expected).toMatchObject({ responses: 4, tagged: 1, fetches: 3 });
    expect(text(small.bytes)).toMatch(
      /^\* 1 FETCH \(UID \d+ FLAGS \(\\Seen \$Label\) RFC822\.SIZE \d+ INTERNALDATE "24-Nov-2026 10:00:00 \+0000"\)\r\n/,
    );

    const literal = imapLiteralInput(10 * KiB);
    expect(text(literal.bytes.subarray(0, 50))).toBe(
      `* 1 FETCH (UID 42 BODY[] {10240}\r\n${text(mailText(16))}`,
    );
    expect(text(literal.bytes).endsWith(')\r\nA1 OK FETCH completed\r\n')).toBe(true);

    const structure = imapStructureInput(30);
    expect(structure.expected.fetches).toBe(30);
    // literals carry UTF-8 names, sized in bytes
    expect(text(structure.bytes)).toMatch(/\{15\}\r\nJürgen Müller NIL/);

    const replies = smtpRepliesInput(100);
    expect(replies.expected.replies).toBe(100);
    expect(replies.expected.multiline).toBeGreaterThan(5);
  });

  it('pop3-retr is the +OK line, the dot-stuffed message and the terminator', () => {
    const input = pop3RetrInput(200 * KiB);
    const all = text(input.bytes);
    expect(all.startsWith('+OK 204800 octets\r\n')).toBe(true);
    expect(all.endsWith('\r\n.\r\n')).toBe(true);
    expect(all).toContain('\r\n..'); // mail text has lines starting with '.'
    expect(input.expected.bodyLength).toBe(200 * KiB);
  });
});

describe('IMAP peers parse the suites inputs', () => {
  const inputs = {
    'a 10 KiB literal': imapLiteralInput(10 * KiB),
    '3 FETCH lines': imapSmallInput(3),
    '20 FETCH responses with ENVELOPE and BODYSTRUCTURE': imapStructureInput(20),
  };
  for (const [what, input] of Object.entries(inputs)) {
    const chunks = chunked(input.bytes, CHUNK);
    it(`imapflow: ${what}`, async () => {
      expect(compareImap(await imapflowParse(chunks), input.expected)).toBeUndefined();
    });
    it(`node-imap: ${what}`, async () => {
      expect(compareImap(await nodeImapParse(chunks), input.expected)).toBeUndefined();
    });
    it(`emailjs-imap-handler: ${what}`, () => {
      expect(compareImap(emailjsImapHandlerParse(chunks), input.expected)).toBeUndefined();
    });
  }

  it('each delivers the literal bytes (imapflow as one Buffer, node-imap as stream pieces, emailjs as a binary string)', async () => {
    const input = imapLiteralInput(150 * KiB);
    const chunks = chunked(input.bytes, CHUNK);
    const flow = await imapflowParse(chunks);
    expect(flow.body).toHaveLength(1);
    expect(flow.body[0]).toBeInstanceOf(Buffer);
    const nodeImap = await nodeImapParse(chunks);
    expect(nodeImap.body.length).toBeGreaterThan(1);
    const emailjs = emailjsImapHandlerParse(chunks);
    expect(typeof emailjs.body[0]).toBe('string');
    for (const s of [flow, nodeImap, emailjs]) expect(digestPieces(s.body)).toBe(input.expected.bodyDigest);
  });

  it('a wrong count is reported', () => {
    const input = imapSmallInput(3);
    const got = emailjsImapHandlerParse(chunked(input.bytes, CHUNK));
    got.uidSum++;
    expect(compareImap(got, input.expected)).toMatch(/^uidSum \d+, expected \d+$/);
  });
});

describe('the framer for emailjs-imap-handler', () => {
  it('cuts lines and literals, whatever the chunking, into whole responses without CRLF', () => {
    const stream = new TextEncoder().encode(
      '* 1 FETCH (BODY[] {5}\r\nab\r\nc)\r\n* 2 FETCH (X {0}\r\n)\r\nA1 OK\r\n',
    );
    for (const chunks of [[stream], tinyChunks(stream), chunked(stream, 4)]) {
      const framer = new ImapResponseFramer();
      const got: string[] = [];
      for (const c of chunks) framer.push(c, (r) => got.push(text(r)));
      expect(got).toEqual(['* 1 FETCH (BODY[] {5}\r\nab\r\nc)', '* 2 FETCH (X {0}\r\n)', 'A1 OK']);
    }
  });
});

describe('node-pop3', () => {
  // 50 lines, some starting with '.', as RETR delivers them
  const lines = Array.from({ length: 50 }, (_, i) =>
    i % 7 === 3 ? `.line ${i}` : `line ${i} of the message`,
  );
  const body = new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
  const stuffed = dotStuff(body);
  const stream = concatBytes([`+OK ${body.length} octets\r\n`, stuffed]);
  const expected = { bodyLength: body.length, bodyDigest: digestPieces([body]) };

  it('ends the body at a chunk ending in CRLF.CRLF but leaves it dot-stuffed and drops its last CRLF', async () => {
    const got = await nodePop3Retr([stream]);
    expect(got.info).toBe(`${body.length} octets`);
    expect(got.terminated).toBe(true);
    // what node-pop3 really hands its user: the stuffed lines without the final "\r\n.\r\n"
    expect(text(concatBytes(got.body))).toBe(text(stuffed.subarray(0, -5)));
    expect(comparePop3(got, expected)).toMatch(
      /^body is \d+ bytes, expected \d+ \(dot-stuffing not removed\?\)$/,
    );
  });

  it('never sees a terminator split across two chunks', async () => {
    const cut = stream.length - 2; // "...\r\n." | "\r\n"
    const got = await nodePop3Retr([stream.subarray(0, cut), stream.subarray(cut)]);
    expect(got.terminated).toBe(false);
    expect(comparePop3(got, expected)).toMatch(/did not see the terminator/);
  });

  it('is marked wrong by its bench case', async () => {
    const [c] = peerCases('pop3-retr', pop3RetrInput(200 * KiB));
    expect(c?.name).toBe('node-pop3');
    expect(await c?.check?.()).toMatch(/dot-stuffing not removed/);
  });
});

describe('nodemailer', () => {
  it('groups 100 replies, multi-line ones included', async () => {
    const input = smtpRepliesInput(100);
    const got = await nodemailerReplies(chunked(input.bytes, CHUNK));
    expect(got).toEqual(input.expected);
    expect(compareSmtp(got, input.expected)).toBeUndefined();
    expect(compareSmtp({ ...got, lines: got.lines - 1 }, input.expected)).toMatch(/^lines/);
  });
});

describe('chunking does not change what a peer parses', () => {
  const structure = imapStructureInput(4);
  const literal = imapLiteralInput(2 * KiB);
  // the FETCH responses of one input, then the other's literal FETCH and tagged OK
  const both = concatBytes([
    structure.bytes.subarray(0, Buffer.from(structure.bytes).indexOf('A1 OK')),
    literal.bytes,
  ]);
  for (const peer of imapPeers) {
    it(`${peer.name}: 1-3 byte chunks give what 64 KiB chunks give`, async () => {
      const big = await peer.parse(chunked(both, CHUNK));
      const tiny = await peer.parse(tinyChunks(both));
      expect(big.responses).toBe(structure.expected.fetches + 2);
      expect(big.leafParts).toBe(structure.expected.leafParts);
      expect(digestPieces(big.body)).toBe(literal.expected.bodyDigest);
      expect({ ...tiny, body: digestPieces(tiny.body) }).toEqual({ ...big, body: digestPieces(big.body) });
    });
  }
  it('nodemailer: 1-3 byte chunks give what 64 KiB chunks give', async () => {
    const input = smtpRepliesInput(30);
    expect(await nodemailerReplies(tinyChunks(input.bytes))).toEqual(
      await nodemailerReplies(chunked(input.bytes, CHUNK)),
    );
  });
});

describe('peerCases', () => {
  it('builds checked peer cases with the input size and items', async () => {
    const input = imapSmallInput(5);
    const cases = peerCases('imap-small', input);
    expect(cases.map((c) => [c.name, c.kind, c.bytes, c.items])).toEqual(
      imapPeers.map((p) => [p.name, 'peer', input.bytes.length, 6]),
    );
    for (const c of cases) expect(await c.check?.()).toBeUndefined();
    const [smtp] = peerCases('smtp-replies', smtpRepliesInput(50));
    expect(smtp?.items).toBe(50);
    expect(await smtp?.check?.()).toBeUndefined();
  });
});
