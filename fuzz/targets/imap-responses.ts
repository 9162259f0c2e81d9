/**
 * IMAP response parser: only ParseError; every chunking gives the same events (lenient,
 * bodies streamed or whole, tight limits, strict); and every parsed response, serialized
 * again, re-parses to the same response.
 */

import {
  type ImapResponseEvent,
  ImapResponseParser,
  type ImapResponseParserOptions,
  serializeResponse,
} from '@mailwire/imap';
import { allowParseErrors, canonicalEvents, InvariantError } from '../src/invariants';
import { checkStable, stableEvents } from './support/stable-events';

// Errors are compared with their tag: it must not depend on where the input was split.
const WITH_TAG = { tag: true };
const parser = (o: ImapResponseParserOptions) => () => new ImapResponseParser(o);
const BODY = ['bodyChunk'];

export function fuzz(data: Buffer): void {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const events = checkStable(
    'imap responses',
    stableEvents(parser({}), WITH_TAG),
    bytes,
    BODY,
  ) as ImapResponseEvent[];
  checkStable(
    'imap responses (streamed bodies)',
    stableEvents(parser({ streamThreshold: 4 }), WITH_TAG),
    bytes,
    BODY,
  );
  checkStable(
    'imap responses (tight limits)',
    stableEvents(
      parser({
        limits: {
          maxLineLength: 128,
          maxLiteralSize: 64,
          maxResponseSize: 512,
          maxNestingDepth: 6,
          maxListItems: 8,
        },
      }),
      WITH_TAG,
    ),
    bytes,
    BODY,
  );
  checkStable(
    'imap responses (strict)',
    stableEvents(parser({ strict: true }), { ...WITH_TAG, onlyThrown: true }),
    bytes,
  );

  for (const e of events) {
    if (e.type !== 'response') continue;
    const again = allowParseErrors(() => serializeResponse(e.response));
    if (!again) continue; // a leniently read value the serializer cannot write faithfully: refused by design
    const back = new ImapResponseParser().push(again).filter((x) => x.type === 'response');
    const want = canonicalEvents([e.response]);
    const got = canonicalEvents(back.map((x) => (x.type === 'response' ? x.response : x)));
    if (got !== want) throw new InvariantError(`imap response round trip\n${want} -> ${got}`);
  }
}
