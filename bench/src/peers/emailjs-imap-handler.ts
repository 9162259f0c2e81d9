import handler from 'emailjs-imap-handler';
import { ImapResponseFramer } from './imap-response-framer';
import { emptyImapSummary, type ImapSummary } from './imap-summary';
import { type TreeResponse, visitTreeResponse } from './imap-tree';

/**
 * emailjs-imap-handler 3: its `parser(response)` is not incremental, it takes one whole
 * response with its literals inline (and copies it into a new Uint8Array first). The
 * adapter frames the chunks into responses with ImapResponseFramer (adapter code, counted
 * in the timing: a client of this peer has to do it too) and parses each one; a literal
 * comes back as a binary string.
 */
export function emailjsImapHandlerParse(chunks: readonly Uint8Array[]): ImapSummary {
  const summary: ImapSummary = {
    ...emptyImapSummary(),
    note: 'not incremental: each whole response (literals inline) framed by the adapter, then parsed',
  };
  const framer = new ImapResponseFramer();
  const onResponse = (response: Uint8Array): void => {
    visitTreeResponse(handler.parser(response) as TreeResponse, summary);
  };
  for (const chunk of chunks) framer.push(chunk, onResponse);
  return summary;
}
