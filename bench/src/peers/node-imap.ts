import type { Readable } from 'node:stream';
import nodeImapParser from 'imap/lib/Parser.js';
import { emptyImapSummary, type ImapSummary } from './imap-summary';
import { socketReadable } from './socket-feed';

/** node-imap's parsed BODYSTRUCTURE: `[part, ...children]` for a multipart, `[part]` for a leaf. */
type NodeImapStructure = (NodeImapStructure | { partID?: string; type?: string })[];

/** Leaf parts of node-imap's structure: the part objects that carry a partID. */
function countLeaves(struct: NodeImapStructure): number {
  let n = 0;
  for (const item of struct) {
    if (Array.isArray(item)) n += countLeaves(item);
    else if (item && item.partID !== undefined) n++;
  }
  return n;
}

/**
 * node-imap 0.8 (`imap`): its Parser reads the socket itself (on 'readable', `read()`, and
 * `read(n)` for a literal it buffers) and emits 'untagged' and 'tagged' with parsed values;
 * a BODY[...] literal is not buffered but handed over as a Readable in a 'body' event,
 * whose bytes the adapter collects as a Connection's consumer would.
 */
export function nodeImapParse(chunks: readonly Uint8Array[]): Promise<ImapSummary> {
  const summary = emptyImapSummary();
  return new Promise((resolve, reject) => {
    const socket = socketReadable(chunks);
    const parser = new nodeImapParser.Parser(socket);
    parser.on('untagged', (info) => {
      summary.responses++;
      if (info.type !== 'fetch') return;
      summary.fetches++;
      // the Parser keys attributes by their lower-cased names (Connection renames them later)
      const attrs = info.text as Record<string, unknown>;
      if (typeof attrs.uid === 'number') summary.uidSum += attrs.uid;
      const size = attrs['rfc822.size'];
      if (typeof size === 'number') summary.sizeSum += size;
      const struct = attrs.bodystructure;
      if (Array.isArray(struct)) summary.leafParts += countLeaves(struct as NodeImapStructure);
    });
    parser.on('tagged', () => {
      summary.responses++;
      summary.tagged++;
    });
    parser.on('body', (stream: Readable) => {
      stream.on('data', (piece: Buffer) => summary.body.push(piece));
    });
    socket.on('error', reject);
    // The parser emits synchronously while it reads; body streams deliver on the next tick.
    socket.on('end', () => setImmediate(() => resolve(summary)));
  });
}
