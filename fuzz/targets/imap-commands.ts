/**
 * IMAP command parser (server side): only ParseError; every chunking gives the same events
 * (lenient, LITERAL-, UTF8=ACCEPT, tight limits, strict); and every parsed command,
 * serialized again, re-parses to the same command.
 */

import {
  type ImapCommandEvent,
  ImapCommandParser,
  type ImapCommandParserOptions,
  serializeCommandBytes,
} from '@mailwire/imap';
import { allowParseErrors, canonicalEvents, InvariantError } from '../src/invariants';
import { checkStable, stableEvents } from './support/stable-events';

// Errors are compared with their tag: it must not depend on where the input was split.
const WITH_TAG = { tag: true };
const parser = (o: ImapCommandParserOptions) => () => new ImapCommandParser(o);

export function fuzz(data: Buffer): void {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  for (const utf8Accept of [false, true]) {
    const events = checkStable(
      `imap commands (UTF8=ACCEPT ${utf8Accept})`,
      stableEvents(parser({ utf8Accept }), WITH_TAG),
      bytes,
    ) as ImapCommandEvent[];
    for (const e of events) {
      if (e.type !== 'command') continue;
      const again = allowParseErrors(() =>
        serializeCommandBytes(e.command, { utf8Accept, literalPlus: true }),
      );
      if (!again) continue; // a leniently read value the serializer refuses: by design
      const back = new ImapCommandParser({ utf8Accept }).push(again).filter((x) => x.type === 'command');
      const want = canonicalEvents([e.command]);
      const got = canonicalEvents(back.map((x) => (x.type === 'command' ? x.command : x)));
      if (got !== want) throw new InvariantError(`imap command round trip\n${want} -> ${got}`);
    }
  }
  checkStable('imap commands (LITERAL-)', stableEvents(parser({ literalMinus: true }), WITH_TAG), bytes);
  checkStable(
    'imap commands (tight limits)',
    stableEvents(
      parser({ limits: { maxLineLength: 96, maxLiteralSize: 32, maxNestingDepth: 4, maxListItems: 8 } }),
      WITH_TAG,
    ),
    bytes,
  );
  checkStable(
    'imap commands (strict)',
    stableEvents(parser({ strict: true }), { ...WITH_TAG, onlyThrown: true }),
    bytes,
  );
}
