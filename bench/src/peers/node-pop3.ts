import type { Readable } from 'node:stream';
import Pop3Command from 'node-pop3';
import { socketReadable } from './socket-feed';

/** What node-pop3 delivers for a multi-line response. */
export interface Pop3Summary {
  /** The first line's text after `+OK `, as node-pop3 reports it. */
  info: string;
  /** The body pieces node-pop3's stream delivered (checked outside the timing). */
  body: Uint8Array[];
  /** Whether node-pop3 saw the terminator and ended the body stream. */
  terminated: boolean;
}

/** The parts of node-pop3's Pop3Connection the adapter drives (not in its public types). */
interface Pop3Internals {
  _command: string;
  _stream: Readable | null;
  _updateStream(): Readable;
  _pushStream(buffer: Buffer): void;
}

/**
 * node-pop3 0.11: its multi-line handling lives in Pop3Connection. The socket 'data'
 * listener (a closure inside connect(), which opens a real socket, so it cannot be handed
 * a stream) takes a chunk starting with '+', finds the first CRLF, and for RETR creates the
 * body Readable (`_updateStream()`) and pushes the rest of that chunk; every later chunk
 * goes to `_pushStream(buffer)`, which ends the stream when the chunk equals a terminator
 * form or ends with `\r\n.\r\n` (cut off). The adapter runs that listener's few lines for
 * the first chunk and then node-pop3's own `_updateStream` / `_pushStream` on a
 * Pop3Command that never connects. node-pop3 does not remove dot-stuffing, and a
 * terminator split across two chunks is not seen (the stream then never ends; the adapter
 * reports terminated: false when the input runs out).
 */
export function nodePop3Retr(chunks: readonly Uint8Array[]): Promise<Pop3Summary> {
  const conn = new Pop3Command({ user: 'bench', password: 'bench', host: '127.0.0.1' });
  const internals = conn as unknown as Pop3Internals;
  internals._command = 'RETR 1';
  const summary: Pop3Summary = { info: '', body: [], terminated: false };
  return new Promise((resolve, reject) => {
    const socket = socketReadable(chunks);
    let body: Readable | null = null;
    socket.on('data', (buffer: Buffer) => {
      if (internals._stream) {
        internals._pushStream(buffer);
        return;
      }
      if (body) return; // after the end node-pop3 would parse a new response; the input has none
      if (buffer[0] !== 43) {
        reject(new Error(`node-pop3: unexpected response ${buffer.subarray(0, 40).toString()}`));
        return;
      }
      // the '+' branch of node-pop3's socket 'data' listener, for a RETR command
      const firstLineEndIndex = buffer.indexOf('\r\n');
      summary.info = buffer.subarray(4, firstLineEndIndex).toString();
      body = internals._updateStream();
      body.on('data', (piece: Buffer) => summary.body.push(piece));
      body.on('end', () => {
        summary.terminated = true;
        resolve(summary);
      });
      const bodyBuffer = buffer.subarray(firstLineEndIndex + 2);
      if (bodyBuffer[0]) internals._pushStream(bodyBuffer);
    });
    socket.on('error', reject);
    socket.on('end', () => setImmediate(() => resolve(summary)));
  });
}
