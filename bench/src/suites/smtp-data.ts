/**
 * smtp-data: the SMTP DATA encoder over a 100 MiB message (MAILWIRE_BENCH_MIB), fed in
 * socket-sized chunks — mailwire's DotStuffer (what SmtpClientProtocol.dataChunk runs)
 * against nodemailer's DataStream, with memory references. Both must produce the
 * dot-stuffed message followed by CRLF.CRLF, byte for byte.
 */
import { createHash } from 'node:crypto';
import { DotStuffer } from '@mailwire/core';
import type { BenchCase, BenchSuite } from '../harness';
import { CHUNK_SIZE, chunked, MiB, mailText } from '../input';
import { nodemailerDataStream } from '../peers/nodemailer-data';
import { byteLoop, consume, indexOfCrlfDot, memcpyChunks, referenceDotStuff } from '../references';

const sizeMiB = (): number => Number(process.env.MAILWIRE_BENCH_MIB ?? 100);

/** The stuffed body, a CRLF if the body does not end in one, and the "." line. */
function expectedWire(body: Uint8Array): Buffer {
  const stuffed = referenceDotStuff(body);
  const crlf = stuffed.subarray(-2).toString('latin1') === '\r\n';
  return Buffer.concat([stuffed, Buffer.from(crlf ? '.\r\n' : '\r\n.\r\n', 'latin1')]);
}

function digest(pieces: readonly Uint8Array[]): string {
  const h = createHash('sha256');
  for (const p of pieces) h.update(p);
  return h.digest('hex');
}

export const smtpDataSuite: BenchSuite = {
  name: 'smtp-data',
  description: 'SMTP DATA dot-stuffing encoder over 100 MiB of mail text in 64 KiB chunks',
  cases(): BenchCase[] {
    const body = mailText(sizeMiB() * MiB);
    const chunks = chunked(body, CHUNK_SIZE);
    const want = expectedWire(body);
    const wantHash = digest([want]);
    const check = (pieces: readonly Uint8Array[]): string | undefined => {
      const n = pieces.reduce((a, p) => a + p.length, 0);
      if (n !== want.length) return `encoded ${n} bytes, want ${want.length}`;
      return digest(pieces) === wantHash ? undefined : 'encoded bytes differ';
    };
    const stuff = (keep: Uint8Array[] | null): number => {
      const enc = new DotStuffer();
      let total = 0;
      for (const c of chunks) {
        const out = enc.encode(c);
        total += out.length;
        keep?.push(out.slice());
      }
      const end = enc.end();
      keep?.push(end.slice());
      return total + end.length;
    };
    return [
      {
        name: 'mailwire DotStuffer',
        kind: 'mailwire',
        bytes: body.length,
        run: () => consume(stuff(null)),
        check: () => {
          const pieces: Uint8Array[] = [];
          stuff(pieces);
          return check(pieces);
        },
      },
      {
        name: 'nodemailer DataStream',
        kind: 'peer',
        bytes: body.length,
        run: async () => consume((await nodemailerDataStream(chunks)).length),
        check: async () => check(await nodemailerDataStream(chunks)),
      },
      {
        name: 'memcpy',
        kind: 'reference',
        bytes: body.length,
        run: () => memcpyChunks(chunks, new Uint8Array(CHUNK_SIZE)),
      },
      { name: 'indexOf CRLF.', kind: 'reference', bytes: body.length, run: () => indexOfCrlfDot(chunks) },
      { name: 'JS loop over every byte', kind: 'reference', bytes: body.length, run: () => byteLoop(chunks) },
    ];
  },
};
