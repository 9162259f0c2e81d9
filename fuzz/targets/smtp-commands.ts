/**
 * SMTP command parser (server side): only ParseError; every chunking gives the same events
 * (DATA/BDAT bodies compared whole), lenient, tight limits and strict; and every parsed
 * command, serialized again, re-parses to the same command.
 */

import {
  SmtpCommandParser,
  type SmtpCommandParserEvent,
  type SmtpCommandParserOptions,
  serializeCommand,
} from '@mailwire/smtp';
import { allowParseErrors, canonicalEvents, InvariantError } from '../src/invariants';
import { checkStable, stableEvents } from './support/stable-events';

const parser = (o: SmtpCommandParserOptions) => () => new SmtpCommandParser(o);
const BODY = ['body-chunk'];

export function fuzz(data: Buffer): void {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const events = checkStable(
    'smtp commands',
    stableEvents(parser({})),
    bytes,
    BODY,
  ) as SmtpCommandParserEvent[];
  checkStable(
    'smtp commands (tight limits)',
    stableEvents(parser({ limits: { maxLineLength: 40, maxPayloadSize: 64 } })),
    bytes,
    BODY,
  );
  checkStable('smtp commands (strict)', stableEvents(parser({ strict: true }), { onlyThrown: true }), bytes);

  // Round trip: serialize(parsed) re-parses to the same command.
  for (const e of events) {
    if (e.type !== 'command') continue;
    const again = allowParseErrors(() => serializeCommand(e.command));
    if (!again) continue; // the serializer refuses what would not read back the same (CR/LF/NUL...)
    const back = new SmtpCommandParser().push(again).filter((x) => x.type === 'command');
    const want = canonicalEvents([e.command]);
    const got = canonicalEvents(back.map((x) => (x.type === 'command' ? x.command : x)));
    if (got !== want) {
      throw new InvariantError(`smtp command round trip\n${want} -> ${got}`);
    }
  }
}
