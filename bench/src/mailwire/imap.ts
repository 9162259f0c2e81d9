import { type BodyStructure, type FetchItem, ImapResponseParser } from '@mailwire/imap';
import { emptyImapSummary, type ImapSummary } from '../peers/imap-summary';

/** Bodies above this stream as views of the input; smaller ones (the small suites) come whole. */
export const STREAM_THRESHOLD = 64 * 1024;

function leaves(s: BodyStructure): number {
  return s.kind === 'single' ? 1 : s.parts.reduce((n, p) => n + leaves(p), 0);
}

function countItem(summary: ImapSummary, item: FetchItem): void {
  switch (item.name) {
    case 'UID':
      summary.uidSum += item.value;
      break;
    case 'RFC822.SIZE':
      summary.sizeSum += item.value;
      break;
    case 'BODYSTRUCTURE':
      summary.leafParts += leaves(item.structure);
      break;
    case 'BODY[]':
      if (item.data) summary.body.push(item.data);
      break;
    default:
      break;
  }
}

/**
 * mailwire's IMAP response parser over socket chunks. By default body literals above
 * STREAM_THRESHOLD arrive as bodyChunk views of the input (zero copy); `whole` collects every
 * literal into the typed FETCH response instead.
 */
export function mailwireImap(chunks: readonly Uint8Array[], whole = false): ImapSummary {
  // Whole: never stream, and let a response be as large as the biggest literal. Streamed: a
  // client that wants big bodies as streams sets the threshold to a socket chunk (64 KiB).
  const parser = new ImapResponseParser(
    whole
      ? { streamThreshold: Number.MAX_SAFE_INTEGER, limits: { maxResponseSize: Number.MAX_SAFE_INTEGER } }
      : { streamThreshold: STREAM_THRESHOLD },
  );
  const summary = emptyImapSummary();
  const handle = (events: ReturnType<ImapResponseParser['push']>): void => {
    for (const e of events) {
      switch (e.type) {
        case 'response': {
          summary.responses++;
          const r = e.response;
          if (r.type === 'status' && r.tag !== null) summary.tagged++;
          else if (r.type === 'fetch') {
            summary.fetches++;
            for (const item of r.items) countItem(summary, item);
          }
          break;
        }
        case 'fetchItem':
          countItem(summary, e.item);
          break;
        case 'bodyChunk':
          summary.body.push(e.data);
          break;
        case 'fetchEnd':
          summary.responses++;
          summary.fetches++;
          break;
        case 'error':
          throw e.error;
        default:
          break;
      }
    }
  };
  for (const c of chunks) handle(parser.push(c));
  handle(parser.end());
  return summary;
}
