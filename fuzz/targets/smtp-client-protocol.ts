/**
 * SMTP client state machine fed server bytes: only ParseError, and every chunking gives
 * the same events. A scripted client reacts to the events as a real one would (EHLO after
 * the greeting, HELO when EHLO is refused, a transaction with a dot-stuffed body, QUIT), so
 * the fuzzer reaches every phase; commands the state refuses are recorded, not fatal.
 * The driver hands the protocol the bytes up to each line end separately and reacts in
 * between, like a client reading a socket line by line: so the moment it sends (which
 * decides whether a later reply is solicited) does not depend on the chunking.
 */

import { isParseError } from '@mailwire/core';
import { type SmtpClientEvent, SmtpClientProtocol, type SmtpCommand } from '@mailwire/smtp';
import { checkStable, stableEvents } from './support/stable-events';

const BODY = new TextEncoder().encode('Subject: x\r\n\r\n.leading dot\r\nbare\nlf\r\n.\r\n');

export function scripted(strict: boolean, enforceCapabilities: boolean) {
  return () => {
    const p = new SmtpClientProtocol({ strict, enforceCapabilities });
    let step = 0;
    const out: unknown[] = [];
    const send = (cmd: SmtpCommand | (() => Uint8Array)) => {
      try {
        out.push({ type: 'sent', bytes: typeof cmd === 'function' ? cmd() : p.send(cmd) });
      } catch (err) {
        if (!isParseError(err)) throw err;
        out.push({ type: 'refused', code: err.code });
      }
    };
    const react = (events: SmtpClientEvent[]): unknown[] => {
      for (const e of events) {
        out.push(e);
        if (e.type === 'greeting') send({ verb: 'EHLO', domain: 'client.example' });
        else if (e.type === 'ehlo-rejected') send(e.fallback);
        else if (e.type === 'capabilities' || (e.type === 'reply' && e.command?.verb === 'HELO')) {
          step = 1;
          send({
            verb: 'MAIL',
            reversePath: { mailbox: { localPart: 'a', domain: 'example.com' } },
            params: [],
          });
        } else if (e.type === 'reply' && step === 1 && e.command?.verb === 'MAIL') {
          step = 2;
          send({
            verb: 'RCPT',
            forwardPath: { mailbox: { localPart: 'b', domain: 'example.com' } },
            params: [],
          });
        } else if (e.type === 'reply' && step === 2 && e.command?.verb === 'RCPT') {
          step = 3;
          send({ verb: 'DATA' });
        } else if (e.type === 'data-ready') {
          send(() => p.dataChunk(BODY));
          send(() => p.dataEnd());
        } else if (e.type === 'message-reply') send({ verb: 'QUIT' });
      }
      return out.splice(0);
    };
    let failed = false;
    /** A thrown ParseError ends the session; the events of earlier lines of the same chunk are kept. */
    const guarded = (step: () => SmtpClientEvent[]): unknown[] => {
      if (failed) return [];
      try {
        return react(step());
      } catch (err) {
        if (!isParseError(err)) throw err;
        failed = true;
        return [...out.splice(0), { type: 'thrown', code: err.code, offset: err.offset }];
      }
    };
    const push = (c: Uint8Array): unknown[] => {
      const events: unknown[] = [];
      let from = 0;
      for (let lf = c.indexOf(0x0a); lf !== -1; lf = c.indexOf(0x0a, from)) {
        events.push(...guarded(() => p.receive(c.subarray(from, lf + 1))));
        from = lf + 1;
      }
      if (from < c.length) events.push(...guarded(() => p.receive(c.subarray(from))));
      return events;
    };
    return { push, end: () => guarded(() => p.end()) };
  };
}

export function fuzz(data: Buffer): void {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  for (const enforce of [true, false]) {
    checkStable(
      `smtp client protocol (capabilities enforced: ${enforce})`,
      stableEvents(scripted(false, enforce)),
      bytes,
    );
  }
  checkStable(
    'smtp client protocol (strict)',
    stableEvents(scripted(true, true), { onlyThrown: true }),
    bytes,
  );
}
