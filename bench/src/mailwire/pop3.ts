import { Pop3ResponseParser } from '@mailwire/pop3';
import type { Pop3Summary } from '../peers/node-pop3';

/** mailwire's POP3 response parser told to expect a RETR answer, over socket chunks. */
export function mailwirePop3Retr(chunks: readonly Uint8Array[], bodyThreshold = 0): Pop3Summary {
  const parser = new Pop3ResponseParser({
    bodyThreshold,
    limits: { maxPayloadSize: Number.MAX_SAFE_INTEGER },
  });
  parser.expectCommand({ name: 'RETR', msg: 1 });
  const summary: Pop3Summary = { info: '', body: [], terminated: false };
  const handle = (events: ReturnType<Pop3ResponseParser['push']>): void => {
    for (const e of events) {
      if (e.type === 'bodyStart') summary.info = e.text;
      else if (e.type === 'bodyChunk') summary.body.push(e.data);
      else if (e.type === 'bodyEnd') summary.terminated = !e.incomplete;
      else if (e.type === 'response') {
        summary.info = e.text;
        if (e.body) summary.body.push(e.body);
        summary.terminated = !e.incomplete;
      } else if (e.type === 'error') throw e.error;
    }
  };
  for (const c of chunks) handle(parser.push(c));
  handle(parser.end());
  return summary;
}
