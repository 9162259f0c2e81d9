import type { BenchSuite } from '../harness';
import { CHUNK_SIZE, chunked, MiB, mailText } from '../input';
import { byteLoop, indexOfCrlf, indexOfLf, memcpyChunks } from '../references';

/** The machine's own floor: memcpy, native scans and a per-byte loop over 100 MiB of mail. */
export const referencesSuite: BenchSuite = {
  name: 'references',
  description:
    'memcpy into a reused buffer, indexOf of LF and of CRLF, and a JS loop over every byte, on 100 MiB of mail text in 64 KiB chunks',
  cases() {
    const size = Number(process.env.MAILWIRE_BENCH_MIB ?? 100) * MiB;
    const data = mailText(size);
    const chunks = chunked(data, CHUNK_SIZE);
    const scratch = new Uint8Array(CHUNK_SIZE);
    let lf = 0;
    for (const b of data) if (b === 10) lf++;
    return [
      { name: 'memcpy', kind: 'reference', bytes: size, run: () => memcpyChunks(chunks, scratch) },
      {
        name: 'indexOf LF',
        kind: 'reference',
        bytes: size,
        run: () => indexOfLf(chunks),
        check: () => (indexOfLf(chunks) === lf ? undefined : 'wrong LF count'),
      },
      {
        name: 'indexOf CRLF',
        kind: 'reference',
        bytes: size,
        run: () => indexOfCrlf(chunks),
        check: () => (indexOfCrlf(chunks) === lf ? undefined : 'wrong CRLF count'),
      },
      { name: 'byte loop', kind: 'reference', bytes: size, run: () => byteLoop(chunks) },
    ];
  },
};
