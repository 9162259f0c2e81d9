/**
 * POP3 command parser (server side): only ParseError; every chunking gives the same events
 * (lenient, tight limits, strict); and every parsed command, serialized again, re-parses to
 * the same command.
 */

import {
  Pop3CommandParser,
  type Pop3CommandParserEvent,
  type Pop3CommandParserOptions,
  serializeCommand,
} from '@mailwire/pop3';
import { allowParseErrors, canonicalEvents, InvariantError } from '../src/invariants';
import { checkStable, stableEvents } from './support/stable-events';

const parser = (o: Pop3CommandParserOptions) => () => new Pop3CommandParser(o);

export function fuzz(data: Buffer): void {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const events = checkStable('pop3 commands', stableEvents(parser({})), bytes) as Pop3CommandParserEvent[];
  checkStable('pop3 commands (tight limits)', stableEvents(parser({ limits: { maxLineLength: 32 } })), bytes);
  checkStable('pop3 commands (strict)', stableEvents(parser({ strict: true }), { onlyThrown: true }), bytes);

  for (const e of events) {
    if (e.type !== 'command') continue;
    const again = allowParseErrors(() => serializeCommand(e.command));
    if (!again) continue; // over RFC 2449's limits, or a byte that would change the line: refused by design
    const back = new Pop3CommandParser().push(again).filter((x) => x.type === 'command');
    const want = canonicalEvents([e.command]);
    const got = canonicalEvents(back.map((x) => (x.type === 'command' ? x.command : x)));
    if (got !== want) throw new InvariantError(`pop3 command round trip\n${want} -> ${got}`);
  }
}
