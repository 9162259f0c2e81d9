/**
 * SMTP reply parser: only ParseError; every chunking gives the same events (lenient, tight
 * limits, and strict: the same first error); and every parsed reply, serialized again,
 * re-parses to the same code and lines.
 */

import {
  SmtpReplyParser,
  type SmtpReplyParserEvent,
  type SmtpReplyParserOptions,
  serializeReply,
} from '@mailwire/smtp';
import { allowParseErrors, InvariantError } from '../src/invariants';
import { checkStable, stableEvents } from './support/stable-events';

const parser = (o: SmtpReplyParserOptions) => () => new SmtpReplyParser(o);

export function fuzz(data: Buffer): void {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const events = checkStable('smtp replies', stableEvents(parser({})), bytes) as SmtpReplyParserEvent[];
  checkStable(
    'smtp replies (tight limits)',
    stableEvents(parser({ limits: { maxLineLength: 40, maxReplyLines: 4, maxResponseSize: 160 } })),
    bytes,
  );
  checkStable('smtp replies (strict)', stableEvents(parser({ strict: true }), { onlyThrown: true }), bytes);
  checkStable(
    'smtp replies (ENHANCEDSTATUSCODES, utf8)',
    stableEvents(parser({ enhancedStatusCodes: true, utf8: true })),
    bytes,
  );

  // Round trip: serialize(parsed) re-parses to the same reply.
  for (const e of events) {
    if (e.type !== 'reply') continue;
    const { code, lines } = e.reply;
    const again = allowParseErrors(() => serializeReply({ code, lines }));
    if (!again) continue; // an odd code or CR/NUL in text: the serializer refuses, by design
    const back = new SmtpReplyParser().push(again).filter((x) => x.type === 'reply');
    const r = back[0]?.type === 'reply' ? back[0].reply : undefined;
    if (back.length !== 1 || r?.code !== code || JSON.stringify(r.lines) !== JSON.stringify(lines)) {
      throw new InvariantError(
        `smtp reply round trip\n${JSON.stringify({ code, lines })} -> ${JSON.stringify(r && { code: r.code, lines: r.lines })}`,
      );
    }
  }
}
