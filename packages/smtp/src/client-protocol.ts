import {
  asciiUpper,
  DotStuffer,
  type ErrorEvent,
  encodeBase64,
  encodeUtf8,
  errorEvent,
  type Limits,
  ParseError,
  type SaslMechanism,
  type WarningEvent,
  withEventsBefore,
} from '@mailwire/core';
import { parseAuthChallenge } from './auth-challenge';
import { parseEhloReply, type SmtpCapabilities } from './capabilities';
import { serializeCommand } from './command-serializer';
import type {
  AuthCommand,
  BdatCommand,
  HeloCommand,
  MailCommand,
  RcptCommand,
  SmtpCommand,
} from './commands';
import { parseGreeting, type SmtpGreeting } from './greeting';
import { endsPipelineGroup } from './pipelining';
import type { SmtpReply, SmtpReplyParserEvent } from './reply';
import { SmtpReplyParser } from './reply-parser';

/** Where the session is (RFC 5321 §3, §4.1.4). */
export type SmtpClientPhase =
  /** Waiting for the server greeting: the client must not talk first (RFC 5321 §3.1). */
  | 'greeting'
  /** Greeted (or TLS just started, or EHLO refused): EHLO or HELO comes next. */
  | 'hello'
  /** EHLO/HELO accepted: mail transactions, AUTH, STARTTLS... */
  | 'session'
  /** The server said 220 to STARTTLS: the adapter must do the TLS handshake, then call `tlsStarted()`. */
  | 'tls-handshake'
  /** QUIT answered, 421 received, or the stream ended. */
  | 'closed'
  /** TURN/ATRN accepted: the roles are reversed, this connection now carries a server side. */
  | 'turned';

/** The mail transaction, as far as the client has sent it (RFC 5321 §3.3). */
export type SmtpTransactionState = 'none' | 'mail' | 'rcpt' | 'data' | 'bdat';

export type SmtpClientEvent =
  | { type: 'greeting'; reply: SmtpReply; greeting: SmtpGreeting }
  /** The reply to `command` (`ok`: 2yz, or 354 to DATA). */
  | { type: 'reply'; command: SmtpCommand; reply: SmtpReply; ok: boolean }
  /** The reply after the message content (end of DATA). */
  | { type: 'message-reply'; reply: SmtpReply; ok: boolean }
  | { type: 'capabilities'; capabilities: SmtpCapabilities }
  /** EHLO got 5yz (an RFC 821-only server): send `fallback` (HELO) instead (RFC 5321 §4.1.4). */
  | { type: 'ehlo-rejected'; reply: SmtpReply; fallback: HeloCommand }
  /** 220 to STARTTLS: start TLS now, then call `tlsStarted()`. */
  | { type: 'tls-ready'; reply: SmtpReply }
  /** 354 to DATA: send the message with `dataChunk()` and `dataEnd()`. */
  | { type: 'data-ready'; reply: SmtpReply }
  /** A 334 challenge, decoded; the mechanism's answer follows as a `write` event. */
  | { type: 'auth-challenge'; challenge: Uint8Array; text: string }
  /** 235: authenticated (the mechanism verified the server's final data, if any). */
  | { type: 'authenticated'; mechanism: string }
  /** Bytes the adapter must write now (SASL responses, `*` to cancel an exchange). */
  | { type: 'write'; bytes: Uint8Array }
  /** A reply that answers no command: only 421 is allowed (RFC 5321 §3.8). */
  | { type: 'unsolicited-reply'; reply: SmtpReply }
  /** The session is over; `reply` is the 221 or 421 if there was one. */
  | { type: 'closed'; reply?: SmtpReply }
  /** TURN/ATRN accepted (RFC 2645): the caller now plays the server on this connection. */
  | { type: 'turned'; reply: SmtpReply }
  | WarningEvent
  | ErrorEvent;

export interface SmtpClientProtocolOptions {
  /** Strict reply parsing, and unsolicited replies thrown instead of reported (default false). */
  strict?: boolean;
  limits?: Partial<Limits>;
  /** The connection is already TLS (port 465, RFC 8314 implicit TLS): STARTTLS is not allowed. */
  tls?: boolean;
  /**
   * Refuse (INVALID_STATE) what the server did not advertise: STARTTLS, AUTH mechanisms,
   * BDAT, pipelined commands, and MAIL/RCPT parameters of extensions it lacks. Default true.
   */
  enforceCapabilities?: boolean;
}

interface Pending {
  kind: 'command' | 'message';
  command: SmtpCommand;
  txId: number;
  mechanism?: SaslMechanism;
}

const CRLF = encodeUtf8('\r\n');
const CANCEL = encodeUtf8('*\r\n');

function stateError(message: string): ParseError {
  return new ParseError({ protocol: 'smtp', code: 'INVALID_STATE', message });
}

/**
 * The client side of an SMTP session as a sans-I/O state machine: a socket adapter calls
 * `send()` (or `auth()`, `sendBdat()`, `dataChunk()`, `dataEnd()`) and writes the bytes
 * returned, feeds what it reads to `receive()`, and acts on the events: `write` (bytes to
 * send now), `tls-ready` (handshake, then `tlsStarted()`), `closed`.
 *
 * Replies are matched to commands in order (RFC 2920 §3.1 keeps replies in command order).
 * A command the session does not allow now is refused with `ParseError` INVALID_STATE
 * before anything is written.
 */
export class SmtpClientProtocol {
  private readonly parser: SmtpReplyParser;
  private readonly strict: boolean;
  private readonly enforce: boolean;
  private phaseValue: SmtpClientPhase = 'greeting';
  private reportedDataAfterClose = false;
  private txValue: SmtpTransactionState = 'none';
  private txId = 0;
  private helloKind: 'none' | 'ehlo' | 'helo' = 'none';
  private caps: SmtpCapabilities | undefined;
  private tlsValue: boolean;
  private authenticatedValue = false;
  private readonly queue: Pending[] = [];
  private stuffer: DotStuffer | undefined;
  private failure: ParseError | undefined;
  private acceptedRecipients = 0;

  constructor(options: SmtpClientProtocolOptions = {}) {
    this.strict = options.strict ?? false;
    this.enforce = options.enforceCapabilities ?? true;
    this.tlsValue = options.tls ?? false;
    this.parser = new SmtpReplyParser({
      strict: this.strict,
      ...(options.limits ? { limits: options.limits } : {}),
    });
  }

  get phase(): SmtpClientPhase {
    return this.phaseValue;
  }
  get transaction(): SmtpTransactionState {
    return this.txValue;
  }
  /** Capabilities from the last successful EHLO (forgotten at the STARTTLS boundary). */
  get capabilities(): SmtpCapabilities | undefined {
    return this.caps;
  }
  get tls(): boolean {
    return this.tlsValue;
  }
  get authenticated(): boolean {
    return this.authenticatedValue;
  }
  /** Commands sent whose replies have not arrived yet. */
  get pendingReplies(): number {
    return this.queue.length;
  }
  /** Recipients accepted (2yz to RCPT) in the current transaction. */
  get recipients(): number {
    return this.acceptedRecipients;
  }

  /** The bytes of `command`, after checking that the session allows it now. */
  send(command: SmtpCommand): Uint8Array {
    if (command.verb === 'AUTH')
      throw stateError('use auth(mechanism) for AUTH: the exchange needs the SASL mechanism');
    if (command.verb === 'BDAT')
      throw stateError('use sendBdat(chunk, last) for BDAT: the chunk follows the command');
    this.checkSend(command);
    const bytes = serializeCommand(command);
    this.enqueue(command);
    return bytes;
  }

  /**
   * Starts an AUTH exchange (RFC 4954) with `mechanism`; its initial response, if any,
   * goes on the AUTH line. 334 challenges are answered through `write` events.
   */
  auth(mechanism: SaslMechanism): Uint8Array {
    const name = asciiUpper(mechanism.name);
    this.checkSend({ verb: 'AUTH', mechanism: name });
    if (this.enforce && this.caps && !this.caps.authMechanisms.includes(name)) {
      throw stateError(`the server did not advertise AUTH ${name}`);
    }
    // Asked only once the command is allowed: producing it may have side effects (nonces).
    const ir = mechanism.initialResponse();
    const command: AuthCommand =
      ir === undefined
        ? { verb: 'AUTH', mechanism: name }
        : { verb: 'AUTH', mechanism: name, initialResponse: ir };
    const bytes = serializeCommand(command);
    this.queue.push({ kind: 'command', command, txId: this.txId, mechanism });
    return bytes;
  }

  /** `BDAT n [LAST]` followed by the chunk itself (RFC 3030; no dot-stuffing). */
  sendBdat(chunk: Uint8Array, last: boolean): Uint8Array {
    const command: BdatCommand = { verb: 'BDAT', size: chunk.length, last };
    this.checkSend(command);
    const line = serializeCommand(command);
    const out = new Uint8Array(line.length + chunk.length);
    out.set(line, 0);
    out.set(chunk, line.length);
    this.enqueue(command);
    return out;
  }

  /** After `data-ready` (354): the next piece of the message, dot-stuffed (RFC 5321 §4.5.2). */
  dataChunk(chunk: Uint8Array): Uint8Array {
    this.assertUsable();
    if (this.txValue !== 'data' || this.stuffer === undefined)
      throw stateError('no DATA accepted (wait for 354)');
    return this.stuffer.encode(chunk);
  }

  /** Ends the message: the last line end if missing and "." CRLF. Its reply is a `message-reply`. */
  dataEnd(): Uint8Array {
    this.assertUsable();
    if (this.txValue !== 'data' || this.stuffer === undefined)
      throw stateError('no DATA accepted (wait for 354)');
    const bytes = this.stuffer.end();
    this.stuffer = undefined;
    this.queue.push({ kind: 'message', command: { verb: 'DATA' }, txId: this.txId });
    this.txValue = 'none';
    return bytes;
  }

  /**
   * The adapter finished the TLS handshake after `tls-ready`. Everything learnt before it
   * is forgotten (RFC 3207 §4.2): capabilities, EHLO, authentication. Send EHLO again.
   */
  tlsStarted(): void {
    this.assertUsable();
    if (this.phaseValue !== 'tls-handshake')
      throw stateError('tlsStarted() is only valid after the 220 reply to STARTTLS');
    this.phaseValue = 'hello';
    this.tlsValue = true;
    this.caps = undefined;
    this.helloKind = 'none';
    this.authenticatedValue = false;
    this.parser.enhancedStatusCodes = false;
    this.parser.utf8 = false;
  }

  /** Bytes read from the server. Returns the events they complete, in order. */
  receive(bytes: Uint8Array): SmtpClientEvent[] {
    this.assertUsable();
    const events: SmtpClientEvent[] = [];
    if (this.phaseValue === 'tls-handshake' && bytes.length > 0) {
      this.fatal(
        'UNEXPECTED_DATA',
        'data after the 220 reply to STARTTLS and before the TLS handshake',
        this.parser.offset,
        bytes,
      );
    }
    if (this.phaseValue === 'closed' || this.phaseValue === 'turned') {
      // Reported once, whatever the chunking: after that the bytes are ignored.
      if (bytes.length > 0 && this.phaseValue === 'closed' && !this.reportedDataAfterClose) {
        this.reportedDataAfterClose = true;
        this.report(events, 'UNEXPECTED_DATA', 'data after the session closed', this.parser.offset, bytes);
      }
      return events;
    }
    try {
      this.parser.write(bytes);
      this.drain(events);
    } catch (err) {
      // Strict reply errors, the STARTTLS boundary, a failed server proof: the session is over;
      // the error carries the client events the chunk completed before it.
      if (err instanceof ParseError) {
        this.failure = err;
        err.eventsBefore = events;
      }
      throw err;
    }
    return events;
  }

  /** The server closed the connection. */
  end(): SmtpClientEvent[] {
    this.assertUsable();
    const events: SmtpClientEvent[] = [];
    if (this.phaseValue === 'closed' || this.phaseValue === 'turned') return events;
    let parsed: SmtpReplyParserEvent[];
    try {
      parsed = this.parser.end();
    } catch (err) {
      throw this.parserFailed(err, events);
    }
    this.handleParsed(parsed, events);
    if ((this.phaseValue as SmtpClientPhase) !== 'closed') {
      this.phaseValue = 'closed';
      this.report(events, 'UNEXPECTED_EOF', 'connection closed before the session ended', this.parser.offset);
      events.push({ type: 'closed' });
    }
    return events;
  }

  private drain(events: SmtpClientEvent[]): void {
    for (;;) {
      let batch: SmtpReplyParserEvent[];
      try {
        batch = this.parser.read(1);
      } catch (err) {
        throw this.parserFailed(err, events);
      }
      const sawReply = this.handleParsed(batch, events);
      if (this.phaseValue === 'tls-handshake' && this.parser.buffered > 0) {
        // CVE-2011-0411 class: bytes injected after the go-ahead would be read as if they had
        // come over TLS. They are refused, never parsed.
        const extra = this.parser.takeBuffered();
        this.fatal(
          'UNEXPECTED_DATA',
          'data after the 220 reply to STARTTLS and before the TLS handshake',
          this.parser.offset - extra.length,
          extra,
        );
      }
      if (!sawReply || this.phaseValue === 'closed' || this.phaseValue === 'turned') break;
    }
  }

  /**
   * A strict parser error ends the session: the replies its call completed before it are
   * handled into `events`, which become the error's `eventsBefore`.
   */
  private parserFailed(err: unknown, events: SmtpClientEvent[]): unknown {
    if (!(err instanceof ParseError)) return err;
    this.handleParsed(err.eventsBefore as SmtpReplyParserEvent[], events);
    this.failure = err;
    err.eventsBefore = events;
    return err;
  }

  /** Turns parser events into client events; true if a reply was among them. */
  private handleParsed(parsed: readonly SmtpReplyParserEvent[], events: SmtpClientEvent[]): boolean {
    let sawReply = false;
    for (const e of parsed) {
      if (e.type === 'reply') {
        sawReply = true;
        this.handleReply(e.reply, events);
      } else {
        events.push(e);
      }
    }
    return sawReply;
  }

  private assertUsable(): void {
    if (this.failure) throw this.failure;
  }

  private fatal(
    code: 'UNEXPECTED_DATA' | 'AUTH_FAILED',
    message: string,
    offset: number,
    excerpt?: Uint8Array,
  ): never {
    const err = new ParseError({ protocol: 'smtp', code, message, offset, ...(excerpt ? { excerpt } : {}) });
    this.failure = err;
    throw err;
  }

  private report(
    events: SmtpClientEvent[],
    code: 'UNEXPECTED_RESPONSE' | 'UNEXPECTED_DATA' | 'UNEXPECTED_EOF' | 'BAD_BASE64' | 'AUTH_FAILED',
    message: string,
    offset: number,
    excerpt?: Uint8Array,
  ): void {
    const err = new ParseError({ protocol: 'smtp', code, message, offset, ...(excerpt ? { excerpt } : {}) });
    if (this.strict) {
      this.failure = err;
      throw withEventsBefore(err, events);
    }
    events.push(errorEvent(err));
  }

  private checkSend(command: SmtpCommand): void {
    this.assertUsable();
    const phase = this.phaseValue;
    if (phase === 'greeting')
      throw stateError('wait for the server greeting before sending commands (RFC 5321 §3.1)');
    if (phase === 'tls-handshake') throw stateError('finish the TLS handshake and call tlsStarted() first');
    if (phase === 'closed' || phase === 'turned') throw stateError(`the session is ${phase}`);
    if (this.txValue === 'data') throw stateError('the message is being sent: use dataChunk()/dataEnd()');
    const last = this.queue[this.queue.length - 1];
    if (last !== undefined) {
      if (this.queue.some((p) => p.mechanism !== undefined && endsPipelineGroup(p.command))) {
        throw stateError('an AUTH exchange is in progress');
      }
      if (!this.pipelining()) throw stateError('wait for the reply: the server did not advertise PIPELINING');
      if (last.kind === 'command' && endsPipelineGroup(last.command)) {
        throw stateError(`${last.command.verb} ends a pipeline group (RFC 2920 §3.1): wait for its reply`);
      }
    }
    const session = phase === 'session';
    switch (command.verb) {
      case 'HELO':
      case 'EHLO':
      case 'RSET':
      case 'NOOP':
      case 'HELP':
      case 'VRFY':
      case 'EXPN':
      case 'QUIT':
      case 'UNKNOWN':
        // RFC 5321 §4.1.4: NOOP, HELP, EXPN, VRFY and RSET are allowed before EHLO too.
        return;
      case 'MAIL':
        if (!session) throw stateError('MAIL needs a successful EHLO or HELO first');
        if (this.txValue !== 'none') throw stateError('a mail transaction is already open (send RSET first)');
        this.checkMailParams(command);
        return;
      case 'RCPT':
        if (this.txValue !== 'mail' && this.txValue !== 'rcpt') throw stateError('RCPT needs MAIL first');
        this.checkRcptParams(command);
        return;
      case 'DATA':
        if (this.txValue !== 'rcpt') throw stateError('DATA needs MAIL and at least one RCPT first');
        return;
      case 'BDAT':
        if (this.txValue !== 'rcpt' && this.txValue !== 'bdat')
          throw stateError('BDAT needs MAIL and at least one RCPT first');
        this.requireExtension('CHUNKING', 'BDAT');
        return;
      case 'STARTTLS':
        if (!session) throw stateError('STARTTLS needs a successful EHLO first');
        if (this.tlsValue) throw stateError('TLS is already active');
        if (this.txValue !== 'none') throw stateError('STARTTLS is not allowed inside a mail transaction');
        this.requireExtension('STARTTLS', 'STARTTLS');
        return;
      case 'AUTH':
        if (!session) throw stateError('AUTH needs a successful EHLO first');
        if (this.authenticatedValue) throw stateError('already authenticated (RFC 4954 §4)');
        if (this.txValue !== 'none')
          throw stateError('AUTH is not allowed inside a mail transaction (RFC 4954 §4)');
        this.requireExtension('AUTH', 'AUTH');
        return;
      case 'ETRN':
        if (!session) throw stateError('ETRN needs a successful EHLO first');
        this.requireExtension('ETRN', 'ETRN');
        return;
      case 'ATRN':
        if (!session) throw stateError('ATRN needs a successful EHLO first');
        this.requireExtension('ATRN', 'ATRN');
        return;
      case 'TURN':
        if (!session) throw stateError('TURN needs a successful HELO or EHLO first');
        return;
    }
  }

  private pipelining(): boolean {
    return !this.enforce || (this.helloKind === 'ehlo' && this.caps?.pipelining === true);
  }

  private requireExtension(keyword: string, what: string): void {
    if (!this.enforce) return;
    if (this.helloKind !== 'ehlo' || this.caps === undefined)
      throw stateError(`${what} needs EHLO (ESMTP), not HELO`);
    if (!this.caps.has(keyword)) throw stateError(`the server did not advertise ${keyword}`);
  }

  private checkMailParams(cmd: MailCommand): void {
    if (cmd.size !== undefined) {
      this.requireExtension('SIZE', 'SIZE=');
      const max = this.caps?.size;
      if (this.enforce && max !== undefined && max > 0 && cmd.size > max) {
        throw stateError(`message size ${cmd.size} exceeds the server's SIZE ${max} (RFC 1870)`);
      }
    }
    if (cmd.body === '8BITMIME') this.requireExtension('8BITMIME', 'BODY=8BITMIME');
    if (cmd.body === 'BINARYMIME') this.requireExtension('BINARYMIME', 'BODY=BINARYMIME');
    if (cmd.smtputf8) this.requireExtension('SMTPUTF8', 'SMTPUTF8');
    if (cmd.ret !== undefined || cmd.envid !== undefined) this.requireExtension('DSN', 'RET=/ENVID=');
    if (cmd.auth !== undefined) this.requireExtension('AUTH', 'AUTH=');
    if (cmd.requireTls) {
      this.requireExtension('REQUIRETLS', 'REQUIRETLS');
      if (this.enforce && !this.tlsValue) throw stateError('REQUIRETLS needs a TLS session (RFC 8689 §4.1)');
    }
  }

  private checkRcptParams(cmd: RcptCommand): void {
    if (cmd.notify !== undefined || cmd.orcpt !== undefined) this.requireExtension('DSN', 'NOTIFY=/ORCPT=');
  }

  /** Records a sent command and its optimistic effect on the transaction. */
  private enqueue(command: SmtpCommand): void {
    switch (command.verb) {
      case 'MAIL':
        this.txId++;
        this.txValue = 'mail';
        this.acceptedRecipients = 0;
        break;
      case 'RCPT':
        this.txValue = 'rcpt';
        break;
      case 'BDAT':
        this.txValue = command.last ? 'none' : 'bdat';
        break;
      case 'RSET':
      case 'HELO':
      case 'EHLO':
        // RFC 5321 §4.1.4: EHLO/HELO and RSET clear the transaction.
        this.txValue = 'none';
        break;
      default:
        break;
    }
    this.queue.push({ kind: 'command', command, txId: this.txId });
  }

  private handleReply(reply: SmtpReply, events: SmtpClientEvent[]): void {
    if (this.phaseValue === 'greeting') {
      let greeting: SmtpGreeting;
      try {
        greeting = parseGreeting(reply);
      } catch (err) {
        if (!(err instanceof ParseError)) throw err;
        this.report(events, 'UNEXPECTED_RESPONSE', `unexpected greeting code ${reply.code}`, reply.offset);
        return;
      }
      events.push({ type: 'greeting', reply, greeting });
      if (reply.code === 421) this.close(events, reply);
      else this.phaseValue = 'hello'; // 554: the client should send QUIT (RFC 5321 §3.1)
      return;
    }
    const pending = this.queue[0];
    if (pending === undefined) {
      events.push({ type: 'unsolicited-reply', reply });
      if (reply.code === 421) this.close(events, reply);
      else this.report(events, 'UNEXPECTED_RESPONSE', `reply ${reply.code} answers no command`, reply.offset);
      return;
    }
    if (pending.mechanism !== undefined && reply.code === 334) {
      this.answerChallenge(pending.mechanism, reply, events);
      return;
    }
    this.queue.shift();
    const ok = reply.code >= 200 && reply.code < 300;
    if (pending.kind === 'message') {
      events.push({ type: 'message-reply', reply, ok });
      if (reply.code === 421) this.close(events, reply);
      return;
    }
    const command = pending.command;
    events.push({ type: 'reply', command, reply, ok: ok || (command.verb === 'DATA' && reply.code === 354) });
    if (reply.code === 421 || command.verb === 'QUIT') {
      this.close(events, reply);
      return;
    }
    switch (command.verb) {
      case 'EHLO':
        if (ok) {
          if (reply.code !== 250) {
            // RFC 5321 §4.1.1.1: success is 250 only. Lenient: say so, and read the capabilities anyway.
            this.report(
              events,
              'UNEXPECTED_RESPONSE',
              `EHLO reply must be 250, got ${reply.code}`,
              reply.offset,
            );
          }
          const caps = parseEhloReply({ code: 250, lines: reply.lines });
          this.caps = caps;
          this.helloKind = 'ehlo';
          this.phaseValue = 'session';
          this.parser.enhancedStatusCodes = caps.enhancedStatusCodes;
          this.parser.utf8 = caps.smtpUtf8;
          events.push({ type: 'capabilities', capabilities: caps });
        } else if (reply.code >= 500) {
          this.phaseValue = 'hello';
          events.push({ type: 'ehlo-rejected', reply, fallback: { verb: 'HELO', domain: command.domain } });
        }
        break;
      case 'HELO':
        if (ok) {
          this.caps = undefined;
          this.helloKind = 'helo';
          this.phaseValue = 'session';
          this.parser.enhancedStatusCodes = false;
        }
        break;
      case 'STARTTLS':
        if (reply.code === 220) {
          this.phaseValue = 'tls-handshake';
          events.push({ type: 'tls-ready', reply });
        }
        break;
      case 'AUTH':
        if (reply.code === 235) {
          try {
            pending.mechanism?.verify(undefined);
          } catch (err) {
            if (err instanceof ParseError)
              this.fatal('AUTH_FAILED', `server proof rejected: ${err.message}`, reply.offset);
            throw err;
          }
          this.authenticatedValue = true;
          events.push({ type: 'authenticated', mechanism: command.mechanism });
        }
        break;
      case 'MAIL':
        if (!ok && pending.txId === this.txId) this.txValue = 'none';
        break;
      case 'RCPT':
        if (ok && pending.txId === this.txId) this.acceptedRecipients++;
        break;
      case 'DATA':
        if (reply.code === 354 && pending.txId === this.txId && this.txValue === 'rcpt') {
          this.txValue = 'data';
          this.stuffer = new DotStuffer();
          events.push({ type: 'data-ready', reply });
        } else if (reply.code === 354) {
          this.report(events, 'UNEXPECTED_RESPONSE', '354 to a DATA whose transaction is gone', reply.offset);
        }
        break;
      case 'BDAT':
        if (!ok && pending.txId === this.txId) this.txValue = 'none';
        break;
      case 'TURN':
      case 'ATRN':
        if (ok) {
          this.phaseValue = 'turned';
          this.queue.length = 0;
          events.push({ type: 'turned', reply });
        }
        break;
      default:
        break;
    }
  }

  private answerChallenge(mechanism: SaslMechanism, reply: SmtpReply, events: SmtpClientEvent[]): void {
    let response: Uint8Array;
    try {
      const { challenge, text } = parseAuthChallenge(reply);
      events.push({ type: 'auth-challenge', challenge, text });
      response = mechanism.respond(challenge);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      // RFC 4954 §4: "*" cancels the exchange; the server answers 501.
      this.report(
        events,
        err.code === 'BAD_BASE64' ? 'BAD_BASE64' : 'AUTH_FAILED',
        `AUTH exchange cancelled: ${err.message}`,
        reply.offset,
      );
      events.push({ type: 'write', bytes: CANCEL });
      return;
    }
    const line = encodeUtf8(encodeBase64(response));
    const out = new Uint8Array(line.length + 2);
    out.set(line, 0);
    out.set(CRLF, line.length);
    events.push({ type: 'write', bytes: out });
  }

  private close(events: SmtpClientEvent[], reply: SmtpReply): void {
    this.phaseValue = 'closed';
    this.queue.length = 0;
    this.txValue = 'none';
    events.push({ type: 'closed', reply });
  }
}
