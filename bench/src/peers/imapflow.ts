import { parser } from 'imapflow/lib/handler/imap-handler.js';
import { ImapStream } from 'imapflow/lib/handler/imap-stream.js';
import { emptyImapSummary, type ImapSummary } from './imap-summary';
import { type TreeResponse, visitTreeResponse } from './imap-tree';
import { socketReadable } from './socket-feed';

/** A logger that drops everything, so ImapStream does not create its default pino logger. */
const silent = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
  child: () => silent,
};

interface StreamItem {
  payload: Buffer;
  literals: Buffer[];
  next: () => void;
}

/**
 * imapflow 2.x: the socket is piped into its ImapStream (a Transform that splits lines and
 * collects literals into one Buffer each), and every item it emits goes through its async
 * `parser(payload, { literals })`, the way ImapFlow's reader() does: read on 'readable',
 * parse, release the item (`next`, ImapStream's backpressure token), yield to the event loop
 * every 10 responses.
 */
export function imapflowParse(chunks: readonly Uint8Array[]): Promise<ImapSummary> {
  const summary = emptyImapSummary();
  return new Promise((resolve, reject) => {
    const streamer = new ImapStream({ logger: silent as never });
    let reading = false;
    let ended = false;
    const finish = (): void => {
      if (ended && !reading) resolve(summary);
    };
    const reader = async (): Promise<void> => {
      let processed = 0;
      let item: StreamItem | null;
      // biome-ignore lint/suspicious/noAssignInExpressions: ImapFlow's own read loop
      while ((item = streamer.read() as StreamItem | null) !== null) {
        try {
          const parsed = (await parser(item.payload, { literals: item.literals })) as TreeResponse;
          visitTreeResponse(parsed, summary);
        } finally {
          item.next();
        }
        processed++;
        if (processed % 10 === 0) await new Promise((r) => setImmediate(r));
      }
    };
    const onReadable = (): void => {
      if (reading) return;
      reading = true;
      reader()
        .catch(reject)
        .finally(() => {
          reading = false;
          if (streamer.readableLength > 0) onReadable();
          else finish();
        });
    };
    streamer.on('readable', onReadable);
    streamer.on('end', () => {
      ended = true;
      finish();
    });
    streamer.on('error', reject);
    socketReadable(chunks).pipe(streamer);
  });
}
