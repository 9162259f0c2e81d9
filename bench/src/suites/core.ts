import { DotStuffer, DotUnstuffer, dotStuff, ReceiveBuffer } from '@mailwire/core';
import type { BenchSuite } from '../harness';
import { CHUNK_SIZE, chunked, MiB, mailText } from '../input';
import { consume, indexOfCrlf, indexOfCrlfDot, memcpyChunks } from '../references';

const sizeMiB = (): number => Number(process.env.MAILWIRE_BENCH_MIB ?? 100);

/** core's line framing: ReceiveBuffer.readLine over mail text, as a socket would feed it. */
export const coreLinesSuite: BenchSuite = {
  name: 'core-lines',
  description:
    'ReceiveBuffer.readLine over 100 MiB of CRLF mail text in 64 KiB chunks, against indexOf of CRLF',
  cases() {
    const size = sizeMiB() * MiB;
    const data = mailText(size);
    const chunks = chunked(data, CHUNK_SIZE);
    const lines = indexOfCrlf(chunks);
    const readAll = (): number => {
      const buf = new ReceiveBuffer({ maxLineLength: 1000 });
      let n = 0;
      let bytes = 0;
      for (const c of chunks) {
        buf.push(c);
        for (let line = buf.readLine(); line; line = buf.readLine()) {
          n++;
          bytes += line.bytes.length;
        }
      }
      consume(bytes);
      return n;
    };
    return [
      {
        name: 'mailwire ReceiveBuffer',
        kind: 'mailwire',
        bytes: size,
        items: lines,
        run: readAll,
        check: () => (readAll() === lines ? undefined : 'wrong line count'),
      },
      { name: 'indexOf CRLF', kind: 'reference', bytes: size, items: lines, run: () => indexOfCrlf(chunks) },
      {
        name: 'memcpy',
        kind: 'reference',
        bytes: size,
        run: () => memcpyChunks(chunks, new Uint8Array(CHUNK_SIZE)),
      },
    ];
  },
};

/** core's dot-stuffing in both directions over a large message. */
export const coreDotStuffingSuite: BenchSuite = {
  name: 'core-dot-stuffing',
  description:
    'DotUnstuffer (POP3 RETR / DATA server side) and DotStuffer (SMTP DATA) over 100 MiB in 64 KiB chunks',
  cases() {
    const size = sizeMiB() * MiB;
    const body = mailText(size);
    const stuffed = dotStuff(body);
    const stuffedChunks = chunked(stuffed, CHUNK_SIZE);
    const bodyChunks = chunked(body, CHUNK_SIZE);
    const unstuff = (): number => {
      const dec = new DotUnstuffer({ maxSize: 2 * size });
      let total = 0;
      for (const c of stuffedChunks) {
        const r = dec.push(c);
        for (const d of r.data) total += d.length;
        if (r.done) break;
      }
      return total;
    };
    const stuff = (): number => {
      const enc = new DotStuffer();
      let total = 0;
      for (const c of bodyChunks) total += enc.encode(c).length;
      return total + enc.end().length;
    };
    // the generated text ends mid-line, so the decoder returns the body plus the CRLF the encoder added
    const expectedBody = body.length + (body[body.length - 1] === 10 ? 0 : 2);
    return [
      {
        name: 'mailwire DotUnstuffer',
        kind: 'mailwire',
        bytes: stuffed.length,
        run: unstuff,
        check: () =>
          unstuff() === expectedBody ? undefined : `unstuffed ${unstuff()} bytes, want ${expectedBody}`,
      },
      {
        name: 'mailwire DotStuffer',
        kind: 'mailwire',
        bytes: body.length,
        run: stuff,
        check: () =>
          stuff() === stuffed.length ? undefined : `stuffed ${stuff()} bytes, want ${stuffed.length}`,
      },
      {
        name: 'indexOf CRLF.',
        kind: 'reference',
        bytes: stuffed.length,
        run: () => indexOfCrlfDot(stuffedChunks),
      },
      {
        name: 'memcpy',
        kind: 'reference',
        bytes: stuffed.length,
        run: () => {
          const n = memcpyChunks(stuffedChunks, new Uint8Array(CHUNK_SIZE));
          consume(n);
          return n;
        },
      },
    ];
  },
};
