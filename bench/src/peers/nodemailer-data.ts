import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Transform } from 'node:stream';

/**
 * nodemailer 10's DataStream (smtp-connection/data-stream): the Transform SMTPConnection
 * pipes a message through for DATA — it stuffs dots at line starts, turns bare CR and LF
 * into CRLF, and ends with CRLF.CRLF. It is not in nodemailer's `exports` map, so it is
 * loaded from the package's own dist folder.
 */
const require = createRequire(import.meta.url);
const DataStream = require(join(dirname(require.resolve('nodemailer')), 'smtp-connection/data-stream.js'))
  .default as new () => Transform;

/** Pipes `chunks` through a DataStream; resolves to what it emitted, terminator included. */
export function nodemailerDataStream(chunks: readonly Uint8Array[]): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const stream = new DataStream();
    const out: Buffer[] = [];
    stream.on('data', (b: Buffer) => out.push(b));
    stream.on('error', reject);
    stream.on('end', () => resolve(out));
    for (const c of chunks) stream.write(c);
    stream.end();
  });
}
