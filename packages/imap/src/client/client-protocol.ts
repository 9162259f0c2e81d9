/**
 * `ImapClientProtocol`: the client side of an IMAP session as a sans-I/O state machine
 * (like its siblings `SmtpClientProtocol` and `Pop3ClientProtocol`). It never touches a
 * socket: `send()` returns the bytes to write, `receive()` takes the server's bytes and
 * returns events, `write` events carry bytes to write now (literal continuations, SASL
 * responses). A command not allowed now is refused with `ParseError` INVALID_STATE before
 * anything is produced.
 */
import {
  concatBytes,
  type ErrorEvent,
  encodeBase64,
  encodeUtf8,
  errorEvent,
  type Limits,
  ParseError,
  type ParseErrorCode,
  type SaslMechanism,
  withEventsBefore,
} from '@mailwire/core';
import { serializeCommand } from '../commands/command-serializer';
import { checkTag } from '../commands/string-forms';
import type { CommandFragment, ImapCommand, SerializeCommandOptions } from '../commands/types';
import type { ImapResponseEvent } from '../events';
import { ImapResponseParser } from '../response-parser';
import type {
  BodySection,
  ContinuationResponse,
  FetchItem,
  FetchResponse,
  ImapResponse,
  ResponseCode,
  StatusResponse,
} from '../types';
import { forbidsExpunge, isExclusive, usesSequenceNumbers } from './ambiguity';
import type { ImapClientEvent, ImapCompletedEvent, ImapStreamEvent, MailboxResponse } from './client-events';
import { type ImapConnectionState, isCommandAllowedIn } from './connection-state';
import { routeResponse, routeStreamedFetch } from './routing';
import { applyCode, countNumberSet, emptyMailbox, type SelectedMailbox } from './selected-mailbox';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A command without its tag: the protocol allocates tags. */
export type ImapCommandInput = DistributiveOmit<ImapCommand, 'tag'>;

export interface ImapClientProtocolOptions {
  /** Strict response parsing; protocol violations are thrown instead of reported (default false). */
  strict?: boolean;
  limits?: Partial<Limits>;
  /** FETCH body literals above this many bytes are streamed (default 1 MiB). */
  streamThreshold?: number;
  /** Tags are `tagPrefix` + a counter from 1 (default `A`: A1, A2...). */
  tagPrefix?: string;
  /** Minimum digits of the counter, zero-padded (default 1; 3 gives a001 with prefix `a`). */
  tagDigits?: number;
  /** The connection is already TLS (port 993, RFC 8314): STARTTLS is refused. */
  tls?: boolean;
}

/**
 * Who owns the connection's continuation requests (`+`) now; while it is not `none` no other
 * command may start (RFC 3501 §5.5).
 */
export type ImapContinuationState =
  | 'none'
  /** A command waits for `+` before its synchronizing literal (the rest follows as `write`). */
  | 'literal'
  /** An AUTHENTICATE exchange is running: challenges are answered through `write` events. */
  | 'authenticate'
  /** IDLE sent, waiting for `+`. */
  | 'idle-requested'
  /** `+` received (`idling` event): `done()` ends it. */
  | 'idling'
  /** DONE written, waiting for the tagged OK. */
  | 'idle-done';

/** What `send()`, `authenticate()` and `idle()` return. */
export interface ImapSendResult {
  /** The tag allocated to the command: its `completed` event carries the same. */
  tag: string;
  /** The command as sent (with its tag). */
  command: ImapCommand;
  /**
   * Bytes to write now: the whole command, or, with a synchronizing literal, everything up
   * to it (the rest follows as `write` events when the server's `+` arrives).
   */
  bytes: Uint8Array;
}

interface Pending {
  tag: string;
  command: ImapCommand;
  data: ImapResponse[];
  /** Fragments not yet written: they wait for the `+` of a synchronizing literal. */
  rest: CommandFragment[];
  /** AUTHENTICATE with a mechanism object. */
  mechanism?: SaslMechanism;
  /** SASL initial response to send at the first (empty) challenge: no SASL-IR. */
  deferredResponse?: Uint8Array;
  /** IDLE: waiting for `+`, idling, or DONE written. */
  idle?: 'waiting' | 'idling' | 'done';
}

interface StreamRoute {
  tag: string | null;
  pending: Pending | undefined;
  items: FetchItem[];
}

const CRLF = encodeUtf8('\r\n');
const CANCEL = encodeUtf8('*\r\n');
const DONE = encodeUtf8('DONE\r\n');

function invalidState(message: string): ParseError {
  return new ParseError({ protocol: 'imap', code: 'INVALID_STATE', message });
}

function withCrlf(text: string): Uint8Array {
  const line = encodeUtf8(text);
  const out = new Uint8Array(line.length + 2);
  out.set(line, 0);
  out.set(CRLF, line.length);
  return out;
}

/**
 * The client side of an IMAP4rev1/rev2 session. An adapter writes the bytes of
 * `send()`/`authenticate()`/`idle()`/`done()` and of every `write` event, feeds what it
 * reads to `receive()` and the end of the stream to `end()`, and calls `tlsStarted()` after
 * the handshake that follows `tls-ready`.
 */
export class ImapClientProtocol {
  private readonly parser: ImapResponseParser;
  private readonly strict: boolean;
  private readonly tagPrefix: string;
  private readonly tagDigits: number;
  private counter = 0;
  private stateValue: ImapConnectionState = 'greeting';
  private readonly queue: Pending[] = [];
  private caps: string[] | undefined;
  private capSet: Set<string> = new Set();
  private readonly enabledSet = new Set<string>();
  private utf8AcceptValue = false;
  private tlsValue: boolean;
  private awaitingTlsValue = false;
  private mailboxValue: SelectedMailbox | null = null;
  /** The mailbox being built by a SELECT/EXAMINE in progress. */
  private selecting: SelectedMailbox | null = null;
  private stream: StreamRoute | null = null;
  private byeSeen = false;
  private compressedValue = false;
  /** Tagged OK to COMPRESS just parsed: receive() hands the rest of the chunk over. */
  private compressTag: string | null = null;
  private received = 0;
  private failure: ParseError | undefined;

  constructor(options: ImapClientProtocolOptions = {}) {
    this.strict = options.strict ?? false;
    this.parser = new ImapResponseParser({
      strict: this.strict,
      ...(options.limits !== undefined ? { limits: options.limits } : {}),
      ...(options.streamThreshold !== undefined ? { streamThreshold: options.streamThreshold } : {}),
    });
    this.tagPrefix = options.tagPrefix ?? 'A';
    this.tagDigits = options.tagDigits ?? 1;
    if (!Number.isInteger(this.tagDigits) || this.tagDigits < 1 || this.tagDigits > 16) {
      throw new RangeError(`tagDigits must be an integer in 1..16, got ${this.tagDigits}`);
    }
    checkTag(`${this.tagPrefix}1`); // ParseError INVALID_ARGUMENT for a prefix no tag may have
    this.tlsValue = options.tls ?? false;
  }

  // ------------------------------------------------------------------ state

  /** The connection state (RFC 3501 §3). */
  get state(): ImapConnectionState {
    return this.stateValue;
  }

  /** From the greeting's or a tagged OK's `[CAPABILITY]` code or the last CAPABILITY response; undefined after STARTTLS until read again. */
  get capabilities(): readonly string[] | undefined {
    return this.caps;
  }

  /** Whether the server announced `name` (case-insensitive). */
  hasCapability(name: string): boolean {
    return this.capSet.has(name.toUpperCase());
  }

  /** Extensions the server confirmed with `* ENABLED` (RFC 5161), upper case. */
  get enabled(): ReadonlySet<string> {
    return this.enabledSet;
  }

  /** UTF8=ACCEPT is enabled (RFC 6855 §3): strings and mailbox names go as UTF-8. */
  get utf8Accept(): boolean {
    return this.utf8AcceptValue;
  }

  get tls(): boolean {
    return this.tlsValue;
  }

  /** COMPRESS (RFC 4978) succeeded: the adapter inflates what it reads and deflates what it writes. */
  get compressed(): boolean {
    return this.compressedValue;
  }

  /** True between the tagged OK to STARTTLS and `tlsStarted()`. */
  get awaitingTls(): boolean {
    return this.awaitingTlsValue;
  }

  /** The selected mailbox (null unless `state` is `selected`). A live object: copy it to keep a snapshot. */
  get mailbox(): SelectedMailbox | null {
    return this.mailboxValue;
  }

  /** The continuation exchange in progress, if any. */
  get continuation(): ImapContinuationState {
    for (const p of this.queue) {
      if (p.rest.length > 0) return 'literal';
      if (p.mechanism !== undefined) return 'authenticate';
      if (p.idle === 'waiting') return 'idle-requested';
      if (p.idle === 'idling') return 'idling';
      if (p.idle === 'done') return 'idle-done';
    }
    return 'none';
  }

  /** Commands sent and not yet completed, oldest first. */
  get pending(): readonly { tag: string; command: ImapCommand }[] {
    return this.queue;
  }

  /** The serializer options the server's capabilities allow (LITERAL+, LITERAL-, BINARY, UTF8=ACCEPT). */
  get serializeOptions(): SerializeCommandOptions {
    return {
      literalPlus: this.capSet.has('LITERAL+'),
      // RFC 9051 §7.2.2 (IMAP4rev2 includes LITERAL-).
      literalMinus: this.capSet.has('LITERAL-') || this.capSet.has('IMAP4REV2'),
      binary: this.capSet.has('BINARY'),
      utf8Accept: this.utf8AcceptValue,
    };
  }

  /** Throws `ParseError` INVALID_STATE if `command` may not be sent now; returns otherwise. */
  check(command: ImapCommandInput): void {
    this.checkSend(command as ImapCommand);
    if (command.name === 'AUTHENTICATE') {
      throw invalidState('use authenticate(mechanism) for AUTHENTICATE: the exchange needs the mechanism');
    }
  }

  /**
   * True if `command` is refused only because of what is in progress (a continuation, an
   * exclusive command, the §5.5 rule, the TLS handshake): an adapter that queues commands
   * keeps it and tries again after the next completion. False if it can be sent now or
   * will never be (then `check()` says why).
   */
  mustWait(command: ImapCommandInput): boolean {
    if (this.failure !== undefined || this.stateValue === 'logout') return false;
    if (this.stateValue === 'greeting') return true;
    if (this.queue[this.queue.length - 1]?.command.name === 'LOGOUT') return false;
    return this.pipelineConflict(command as ImapCommand) !== undefined;
  }

  // ------------------------------------------------------------------ sending

  /** Allocates a tag, checks and serializes `command`. */
  send(command: ImapCommandInput): ImapSendResult {
    this.check(command);
    return this.commit(command, {});
  }

  /**
   * AUTHENTICATE with a SASL mechanism (RFC 3501 §6.2.2). With SASL-IR (RFC 4959) the
   * initial response goes on the command line; without it, it answers the server's first
   * (empty) challenge. Challenges are answered inside `receive()` through `write` events; a
   * mechanism that throws `ParseError` cancels the exchange with `*`.
   */
  authenticate(mechanism: SaslMechanism): ImapSendResult {
    const base = { name: 'AUTHENTICATE', mechanism: mechanism.name } as const;
    this.checkSend(base as unknown as ImapCommand);
    // Asked only once the command is allowed: producing it may have side effects (nonces).
    const ir = mechanism.initialResponse();
    if (ir !== undefined && this.capSet.has('SASL-IR')) {
      return this.commit({ ...base, initialResponse: ir }, { mechanism });
    }
    return this.commit(base, ir === undefined ? { mechanism } : { mechanism, deferredResponse: ir });
  }

  /** IDLE (RFC 2177): wait for the `idling` event, then `done()` ends it. */
  idle(): ImapSendResult {
    return this.send({ name: 'IDLE' });
  }

  /** The `DONE` that ends an IDLE after its `idling` event; the tagged OK then completes it. */
  done(): Uint8Array {
    this.assertUsable();
    const p = this.queue.find((q) => q.idle !== undefined);
    if (p === undefined || p.idle !== 'idling')
      throw invalidState('done() needs an IDLE the server accepted (+)');
    p.idle = 'done';
    return DONE;
  }

  /**
   * The adapter finished the TLS handshake after `tls-ready`. Capabilities are forgotten
   * (RFC 3501 §6.2.1: the client MUST discard them, they may differ and a man in the middle
   * could have edited them): send CAPABILITY again.
   */
  tlsStarted(): void {
    this.assertUsable();
    if (!this.awaitingTlsValue) throw invalidState('tlsStarted() without a tagged OK to STARTTLS');
    this.awaitingTlsValue = false;
    this.tlsValue = true;
    this.setCapabilities(undefined);
  }

  // ------------------------------------------------------------------ receiving

  /** Bytes from the server; returns the events they complete, in order. */
  receive(bytes: Uint8Array): ImapClientEvent[] {
    this.assertUsable();
    const out: ImapClientEvent[] = [];
    try {
      return this.receiveInto(bytes, out);
    } catch (e) {
      // strict mode: the error carries the client events the chunk completed before it
      if (e instanceof ParseError) e.eventsBefore = out;
      throw e;
    }
  }

  private receiveInto(bytes: Uint8Array, out: ImapClientEvent[]): ImapClientEvent[] {
    if (this.awaitingTlsValue) {
      if (bytes.length > 0) this.injection(bytes, this.received, out);
      return out;
    }
    if (!this.boundaryPending()) {
      this.feed(bytes, out);
      return out;
    }
    // STARTTLS or COMPRESS in progress: feed the parser line by line so that nothing after
    // the tagged OK is parsed as protocol (RFC 3501 §6.2.1, RFC 2595 §3.1 command-injection
    // defence; RFC 4978 §3: compressed data starts right after the OK's CRLF).
    let i = 0;
    while (i < bytes.length) {
      const lf = bytes.indexOf(0x0a, i);
      const end = lf < 0 ? bytes.length : lf + 1;
      this.feed(bytes.subarray(i, end), out);
      i = end;
      if (this.failure !== undefined) break;
      if (this.awaitingTlsValue) {
        if (i < bytes.length) this.injection(bytes.subarray(i), this.received, out);
        break;
      }
      if (this.compressTag !== null) {
        out.push({ type: 'compress-ready', tag: this.compressTag, rest: bytes.subarray(i) });
        this.compressTag = null;
        break;
      }
      if (!this.boundaryPending()) {
        if (i < bytes.length) this.feed(bytes.subarray(i), out);
        break;
      }
    }
    return out;
  }

  /** The server closed the connection: commands still in progress complete as ABORTED. */
  end(): ImapClientEvent[] {
    this.assertUsable();
    const out: ImapClientEvent[] = [];
    let events: ImapResponseEvent[];
    try {
      events = this.parser.end();
    } catch (e) {
      throw this.parserFailed(e, out);
    }
    this.process(events, out);
    this.abortAll(out, 'UNEXPECTED_EOF', 'the connection closed before the command completed');
    this.setState('logout', out);
    return out;
  }

  // ------------------------------------------------------------------ internals: sending

  /** Checked for every chunk received: a loop, not `some` with a closure. */
  private boundaryPending(): boolean {
    for (const p of this.queue) {
      const name = p.command.name;
      if (name === 'STARTTLS' || name === 'COMPRESS') return true;
    }
    return false;
  }

  private assertUsable(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  private checkSend(command: ImapCommand): void {
    this.assertUsable();
    const name = command.name;
    const state = this.stateValue;
    if (state === 'greeting') throw invalidState(`${name} before the server greeting (RFC 3501 §7.1)`);
    if (state === 'logout') throw invalidState(`${name} after LOGOUT, BYE or the end of the stream`);
    const last = this.queue[this.queue.length - 1];
    if (last?.command.name === 'LOGOUT') throw invalidState(`${name} after LOGOUT`);
    const conflict = this.pipelineConflict(command);
    if (conflict !== undefined) throw invalidState(conflict);
    if (!isCommandAllowedIn(state, name)) throw invalidState(`${name} is not allowed in the ${state} state`);
    if (name === 'COMPRESS' && this.compressedValue) {
      throw invalidState('COMPRESS: compression is already active (RFC 4978 §3)');
    }
    if (name === 'STARTTLS' && this.tlsValue)
      throw invalidState('STARTTLS on a connection that is already TLS');
    if (name === 'LOGIN' && this.capSet.has('LOGINDISABLED')) {
      throw invalidState('the server announced LOGINDISABLED (RFC 3501 §6.2.3)');
    }
  }

  /** Why `command` must wait for what is in progress (RFC 3501 §5.5 and the rules in ambiguity.ts), if it must. */
  private pipelineConflict(command: ImapCommand): string | undefined {
    const name = command.name;
    if (this.awaitingTlsValue) return `${name} before tlsStarted() after STARTTLS`;
    const last = this.queue[this.queue.length - 1];
    if (last === undefined) return undefined;
    // RFC 3501 §5.5: continuations are negotiated before any other command starts.
    if (last.rest.length > 0) return `${name} while ${last.tag} waits for its literal's "+"`;
    if (last.mechanism !== undefined) return `${name} during an AUTHENTICATE exchange`;
    if (isExclusive(last.command)) return `${name} while ${last.command.name} is in progress`;
    if (isExclusive(command)) return `${name} must wait until the commands in progress complete`;
    if (usesSequenceNumbers(command)) {
      const other = this.queue.find((p) => !forbidsExpunge(p.command));
      if (other !== undefined) {
        return `${name} uses message sequence numbers: it must wait for ${other.tag} ${other.command.name}, during which an EXPUNGE may renumber messages (RFC 3501 §5.5)`;
      }
    }
    return undefined;
  }

  private nextTag(): string {
    this.counter++;
    return `${this.tagPrefix}${String(this.counter).padStart(this.tagDigits, '0')}`;
  }

  private commit(
    input: ImapCommandInput,
    extra: { mechanism?: SaslMechanism; deferredResponse?: Uint8Array },
  ): ImapSendResult {
    const tag = this.nextTag();
    // not `{ ...input, tag }`: on Node 20 that makes a new hidden class per command (see withTag)
    const command = Object.assign({}, input, { tag }) as ImapCommand;
    let fragments: CommandFragment[];
    try {
      fragments = serializeCommand(command, this.serializeOptions);
    } catch (e) {
      this.counter--; // nothing was sent: the tag is free again
      throw e;
    }
    const { now, rest } = splitAtSynchronizing(fragments);
    const pending: Pending = { tag, command, data: [], rest, ...extra };
    if (command.name === 'IDLE') pending.idle = 'waiting';
    if (command.name === 'SELECT' || command.name === 'EXAMINE') {
      this.selecting = emptyMailbox(command.mailbox, command.name === 'EXAMINE');
    }
    this.queue.push(pending);
    return { tag, command, bytes: now };
  }

  // ------------------------------------------------------------------ internals: receiving

  private feed(bytes: Uint8Array, out: ImapClientEvent[]): void {
    let events: ImapResponseEvent[];
    try {
      events = this.parser.push(bytes);
    } catch (e) {
      throw this.parserFailed(e, out);
    }
    this.received += bytes.length;
    this.process(events, out);
  }

  /**
   * A strict parser error ends the session: the responses its call completed before it are
   * processed into `out`, which becomes the error's `eventsBefore`.
   */
  private parserFailed(e: unknown, out: ImapClientEvent[]): unknown {
    if (!(e instanceof ParseError)) return e;
    this.process(e.eventsBefore as ImapResponseEvent[], out);
    this.failure = e;
    e.eventsBefore = out;
    return e;
  }

  private process(events: ImapResponseEvent[], out: ImapClientEvent[]): void {
    for (const e of events) {
      if (e.type === 'bodyChunk') {
        // First, and outside the switch: a large body is one such event per socket read. With
        // it in the switch, V8 optimised this loop with the whole response path inlined and,
        // in the e2e bench, recompiled it in half the sessions (9-27 ms of TurboFan each time).
        out.push({ type: 'bodyChunk', seq: e.seq, data: e.data, tag: this.stream?.tag ?? null });
        continue;
      }
      switch (e.type) {
        case 'response':
          this.onResponse(e.response, e.offset, out);
          break;
        case 'error':
          this.onParseError(e, out);
          break;
        case 'warning':
          out.push(e);
          break;
        default:
          this.onStreamEvent(e, out);
          break;
      }
      if (this.failure !== undefined) return;
    }
  }

  private onParseError(e: ErrorEvent, out: ImapClientEvent[]): void {
    out.push(e);
    this.stream = null; // a streamed FETCH that failed ends here (the parser skips the rest)
    const tag = e.error.tag;
    if (tag === undefined) return;
    // The tagged response of a command could not be parsed: the command is over, its outcome unknown.
    const i = this.queue.findIndex((p) => p.tag === tag);
    if (i < 0) return;
    const [p] = this.queue.splice(i, 1) as [Pending];
    out.push(this.completion(p, 'ABORTED', null, e.error.message, e.error));
  }

  private onStreamEvent(
    e: Exclude<ImapResponseEvent, { type: 'response' | 'error' | 'warning' | 'bodyChunk' }>,
    out: ImapClientEvent[],
  ): void {
    if (e.type === 'fetchStart') {
      const pending = routeStreamedFetch(this.queue);
      this.stream = { tag: pending?.tag ?? null, pending, items: [] };
    }
    const st = this.stream;
    const tag = st?.tag ?? null;
    if (e.type === 'fetchEnd') {
      const r: FetchResponse = { type: 'fetch', seq: e.seq, items: st?.items ?? [] };
      out.push({ type: 'fetchEnd', seq: e.seq, tag, response: r });
      if (st === null) return;
      this.stream = null;
      if (st.pending !== undefined && this.queue.includes(st.pending)) st.pending.data.push(r);
      else this.mailboxEvent(r, out);
      return;
    }
    out.push(withTag(e, tag));
    if (st === null) return;
    if (e.type === 'fetchItem') st.items.push(e.item);
    else if (e.type === 'bodyStart') st.items.push(streamedItem(e.name, e.section, e.origin));
  }

  private onResponse(r: ImapResponse, offset: number, out: ImapClientEvent[]): void {
    if (this.stateValue === 'greeting') {
      this.onGreeting(r, offset, out);
      return;
    }
    switch (r.type) {
      case 'continuation':
        this.onContinuation(r, offset, out);
        return;
      case 'status':
        if (r.tag !== null) this.onTagged(r, offset, out);
        else this.onUntaggedStatus(r, out);
        return;
      default:
        this.onData(r, out);
    }
  }

  private onGreeting(r: ImapResponse, offset: number, out: ImapClientEvent[]): void {
    if (
      r.type !== 'status' ||
      r.tag !== null ||
      (r.status !== 'OK' && r.status !== 'PREAUTH' && r.status !== 'BYE')
    ) {
      this.report(
        out,
        'UNEXPECTED_RESPONSE',
        'the first response must be an untagged OK, PREAUTH or BYE greeting',
        offset,
      );
      return;
    }
    out.push({ type: 'greeting', status: r.status, code: r.code, text: r.text });
    if (r.code?.name === 'CAPABILITY') this.setCapabilities(r.code.capabilities);
    if (r.code?.name === 'ALERT') out.push({ type: 'alert', tag: null, text: r.text });
    if (r.status === 'BYE') {
      this.byeSeen = true;
      out.push({ type: 'bye', code: r.code, text: r.text });
      this.setState('logout', out);
    } else {
      this.setState(r.status === 'PREAUTH' ? 'authenticated' : 'not-authenticated', out);
    }
  }

  private onUntaggedStatus(r: StatusResponse, out: ImapClientEvent[]): void {
    const code = r.code;
    if (code?.name === 'ALERT') out.push({ type: 'alert', tag: null, text: r.text });
    if (code?.name === 'CAPABILITY') this.setCapabilities(code.capabilities);
    if (r.status === 'BYE') {
      this.byeSeen = true;
      out.push({ type: 'bye', code, text: r.text });
      // LOGOUT still gets its tagged OK; anything else will never complete (RFC 3501 §7.1.5).
      for (const p of [...this.queue]) {
        if (p.command.name === 'LOGOUT') continue;
        this.queue.splice(this.queue.indexOf(p), 1);
        const err = new ParseError({
          protocol: 'imap',
          code: 'UNEXPECTED_RESPONSE',
          message: `the server said BYE: ${r.text}`,
          tag: p.tag,
        });
        out.push(this.completion(p, 'ABORTED', code, r.text, err));
      }
      this.setState('logout', out);
      return;
    }
    const selecting = this.selectInProgress();
    if (selecting !== undefined && this.selecting !== null) {
      if (code !== null) applyCode(this.selecting, code);
      selecting.data.push(r);
      return;
    }
    let changed = false;
    if (code !== null && this.mailboxValue !== null) changed = applyCode(this.mailboxValue, code);
    if (changed) {
      this.mailboxEvent(r, out);
      return;
    }
    const oldest = this.queue[0];
    if (oldest !== undefined && oldest.idle === undefined) oldest.data.push(r);
    else out.push({ type: 'untagged', response: r });
  }

  private selectInProgress(): Pending | undefined {
    const p = this.queue[0];
    return p !== undefined && (p.command.name === 'SELECT' || p.command.name === 'EXAMINE') ? p : undefined;
  }

  private onData(r: ImapResponse, out: ImapClientEvent[]): void {
    if (r.type === 'capability') this.setCapabilities(r.capabilities);
    const selecting = this.selectInProgress();
    if (selecting !== undefined && this.selecting !== null) {
      // Everything a SELECT/EXAMINE causes describes the new mailbox (RFC 3501 §6.3.1).
      this.updateMailbox(this.selecting, r);
      selecting.data.push(r);
      return;
    }
    const changes =
      r.type === 'exists' ||
      r.type === 'recent' ||
      r.type === 'expunge' ||
      r.type === 'flags' ||
      (r.type === 'vanished' && !r.earlier);
    if (changes && this.mailboxValue !== null) this.updateMailbox(this.mailboxValue, r);
    const target = routeResponse(this.queue, r);
    if (target !== undefined) target.data.push(r);
    if (changes) this.mailboxEvent(r as MailboxResponse, out);
    else if (target === undefined) {
      if (r.type === 'fetch' || r.type === 'vanished') this.mailboxEvent(r, out);
      else out.push({ type: 'untagged', response: r });
    }
  }

  private updateMailbox(m: SelectedMailbox, r: ImapResponse): void {
    switch (r.type) {
      case 'exists':
        m.exists = r.value;
        break;
      case 'recent':
        m.recent = r.value;
        break;
      case 'expunge':
        if (m.exists > 0) m.exists--;
        break;
      case 'vanished':
        if (!r.earlier) m.exists = Math.max(0, m.exists - countNumberSet(r.uids));
        break;
      case 'flags':
        m.flags = r.flags;
        break;
      default:
        break;
    }
  }

  private mailboxEvent(r: MailboxResponse, out: ImapClientEvent[]): void {
    // a snapshot: the live object changes with the next response (arrays are replaced, never mutated)
    const m = this.mailboxValue;
    out.push({ type: 'mailbox', response: r, mailbox: m === null ? null : { ...m } });
  }

  private onContinuation(r: ContinuationResponse, offset: number, out: ImapClientEvent[]): void {
    const p = this.queue.find((q) => q.rest.length > 0 || q.mechanism !== undefined || q.idle === 'waiting');
    if (p === undefined) {
      this.report(
        out,
        'UNEXPECTED_RESPONSE',
        'a continuation request ("+") while no command waits for one',
        offset,
      );
      return;
    }
    if (p.rest.length > 0) {
      // The server is ready for the synchronizing literal (RFC 3501 §7.5).
      const { now, rest } = splitAtSynchronizing(p.rest, true);
      p.rest = rest;
      out.push({ type: 'write', bytes: now });
      return;
    }
    if (p.idle === 'waiting') {
      p.idle = 'idling';
      out.push({ type: 'idling', tag: p.tag, text: r.text });
      return;
    }
    const mechanism = p.mechanism as SaslMechanism;
    if (p.deferredResponse !== undefined) {
      // No SASL-IR: the initial response answers the first, empty, challenge (RFC 4959 §3).
      const ir = p.deferredResponse;
      delete p.deferredResponse;
      out.push({ type: 'write', bytes: withCrlf(encodeBase64(ir)) });
      return;
    }
    // RFC 3501 §6.2.2: challenges are base64; an empty `+` is an empty challenge.
    const challenge = r.base64 ?? (r.text === '' && r.code === null ? new Uint8Array(0) : null);
    if (challenge === null) {
      this.cancelAuth(
        p,
        out,
        new ParseError({
          protocol: 'imap',
          code: 'BAD_BASE64',
          message: 'AUTHENTICATE challenge is not base64',
          offset,
          tag: p.tag,
        }),
      );
      return;
    }
    out.push({ type: 'auth-challenge', tag: p.tag, challenge });
    let response: Uint8Array;
    try {
      response = mechanism.respond(challenge);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      this.cancelAuth(p, out, err);
      return;
    }
    out.push({ type: 'write', bytes: withCrlf(encodeBase64(response)) });
  }

  /** `*` cancels the exchange; the server answers BAD (RFC 3501 §6.2.2). */
  private cancelAuth(_p: Pending, out: ImapClientEvent[], err: ParseError): void {
    out.push(errorEvent(err));
    out.push({ type: 'write', bytes: CANCEL });
  }

  private onTagged(r: StatusResponse, offset: number, out: ImapClientEvent[]): void {
    const i = this.queue.findIndex((p) => p.tag === r.tag);
    if (i < 0) {
      this.report(out, 'UNEXPECTED_RESPONSE', `tagged response for unknown tag ${r.tag}`, offset);
      return;
    }
    if (r.status !== 'OK' && r.status !== 'NO' && r.status !== 'BAD') {
      // lenient parser: a tagged PREAUTH or BYE (TAGGED_UNTAGGED): treat as a failure
      this.report(out, 'UNEXPECTED_RESPONSE', `tagged ${r.status}`, offset);
    }
    const [p] = this.queue.splice(i, 1) as [Pending];
    const status = r.status === 'OK' || r.status === 'NO' || r.status === 'BAD' ? r.status : 'NO';
    const ok = status === 'OK';
    if (r.code?.name === 'ALERT') out.push({ type: 'alert', tag: p.tag, text: r.text });
    if (ok && r.code?.name === 'CAPABILITY') this.setCapabilities(r.code.capabilities);
    const name = p.command.name;
    if (name === 'AUTHENTICATE' && ok && p.mechanism !== undefined) {
      try {
        p.mechanism.verify(undefined);
      } catch (err) {
        if (!(err instanceof ParseError)) throw err;
        // The server did not prove itself (e.g. SCRAM server signature): do not trust the session.
        out.push(errorEvent(err));
        out.push(this.completion(p, 'ABORTED', r.code, r.text, err));
        this.setState('logout', out);
        return;
      }
    }
    const done = this.completion(p, status, r.code, r.text);
    out.push(done);
    switch (name) {
      case 'LOGIN':
      case 'AUTHENTICATE':
        if (ok) this.setState('authenticated', out);
        break;
      case 'SELECT':
      case 'EXAMINE': {
        const m = this.selecting;
        this.selecting = null;
        if (ok && m !== null) {
          if (r.code !== null) applyCode(m, r.code);
          this.mailboxValue = m;
          done.mailbox = { ...m };
          this.setState('selected', out);
        } else {
          // RFC 3501 §6.3.1: a failed SELECT leaves no mailbox selected.
          this.mailboxValue = null;
          this.setState('authenticated', out);
        }
        break;
      }
      case 'CLOSE':
      case 'UNSELECT':
        if (ok) {
          this.mailboxValue = null;
          this.setState('authenticated', out);
        }
        break;
      case 'UNAUTHENTICATE':
        if (ok) {
          this.mailboxValue = null;
          this.setState('not-authenticated', out);
        }
        break;
      case 'ENABLE':
        for (const d of p.data) {
          if (d.type !== 'enabled') continue;
          for (const c of d.capabilities) this.enabledSet.add(c.toUpperCase());
        }
        if (this.enabledSet.has('UTF8=ACCEPT')) this.utf8AcceptValue = true;
        break;
      case 'STARTTLS':
        if (ok) {
          this.awaitingTlsValue = true;
          out.push({ type: 'tls-ready', tag: p.tag });
        }
        break;
      case 'COMPRESS':
        if (ok) {
          this.compressedValue = true;
          this.compressTag = p.tag;
        }
        break;
      case 'LOGOUT':
        this.setState('logout', out);
        break;
      default:
        break;
    }
  }

  private completion(
    p: Pending,
    status: ImapCompletedEvent['status'],
    code: ResponseCode | null,
    text: string,
    error?: ParseError,
  ): ImapCompletedEvent {
    if (this.stream?.pending === p) this.stream.pending = undefined;
    const e: ImapCompletedEvent = {
      type: 'completed',
      tag: p.tag,
      command: p.command,
      status,
      code,
      text,
      data: p.data,
    };
    if (error !== undefined) e.error = error;
    return e;
  }

  private abortAll(out: ImapClientEvent[], code: ParseErrorCode, message: string): void {
    while (this.queue.length > 0) {
      const p = this.queue.shift() as Pending;
      if (p.command.name === 'LOGOUT' && this.byeSeen) {
        // BYE is LOGOUT's expected answer; a missing tagged OK after it changes nothing.
        out.push(this.completion(p, 'OK', null, 'BYE received'));
        continue;
      }
      const err = new ParseError({ protocol: 'imap', code, message, offset: this.received, tag: p.tag });
      out.push(this.completion(p, 'ABORTED', null, message, err));
    }
  }

  private setState(state: ImapConnectionState, out: ImapClientEvent[]): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    if (state !== 'selected') this.mailboxValue = null;
    if (state === 'logout') this.selecting = null;
    out.push({ type: 'state', state });
  }

  private setCapabilities(caps: string[] | undefined): void {
    this.caps = caps;
    this.capSet = new Set((caps ?? []).map((c) => c.toUpperCase()));
  }

  /** Bytes after the tagged OK to STARTTLS and before the handshake: refused, never parsed. */
  private injection(bytes: Uint8Array, offset: number, out: ImapClientEvent[]): void {
    const err = new ParseError({
      protocol: 'imap',
      code: 'UNEXPECTED_DATA',
      message: 'data after the tagged OK to STARTTLS and before the TLS handshake',
      offset,
      excerpt: bytes,
    });
    this.received += bytes.length;
    this.failure = err;
    this.awaitingTlsValue = false;
    this.abortAll(out, 'UNEXPECTED_DATA', err.message);
    this.setState('logout', out);
    if (this.strict) throw err;
    out.push(errorEvent(err));
  }

  private report(out: ImapClientEvent[], code: ParseErrorCode, message: string, offset: number): void {
    const err = new ParseError({ protocol: 'imap', code, message, offset });
    if (this.strict) {
      this.failure = err;
      throw withEventsBefore(err, out);
    }
    out.push(errorEvent(err));
  }
}

/**
 * Splits fragments at the first synchronizing literal: what may be written now, and what
 * waits for `+`. `resume`: the first fragment is the literal the `+` just allowed.
 */
function splitAtSynchronizing(
  fragments: readonly CommandFragment[],
  resume = false,
): { now: Uint8Array; rest: CommandFragment[] } {
  let i = 0;
  for (; i < fragments.length; i++) {
    const f = fragments[i] as CommandFragment;
    if (f.type === 'literal' && f.synchronizing && !(resume && i === 0)) break;
  }
  return { now: concatBytes(fragments.slice(0, i).map((f) => f.bytes)), rest: fragments.slice(i) };
}

function streamedItem(
  name: 'BODY[]' | 'BINARY[]' | 'RFC822' | 'RFC822.HEADER' | 'RFC822.TEXT',
  section: BodySection | null,
  origin: number | null,
): FetchItem {
  if (name === 'BODY[]' || name === 'BINARY[]') {
    return { name, section: section ?? { part: [], text: null }, origin, data: null };
  }
  return { name, data: null };
}

/**
 * A streamed-FETCH event with its command's tag, built as one literal per type (`bodyChunk`,
 * the frequent one, is built in `process`). `{ ...e, tag }` would be shorter, but V8 11.3
 * (Node 20) gives the copy a map with no back pointer, so adding `tag` to it makes a new map
 * for every event: an old-space allocation per body chunk, enough to keep the GC's
 * incremental-marking task starting during a large FETCH (bench/PROFILING.md).
 */
function withTag(
  e: Exclude<ImapResponseEvent, { type: 'response' | 'error' | 'warning' | 'fetchEnd' | 'bodyChunk' }>,
  tag: string | null,
): ImapStreamEvent {
  switch (e.type) {
    case 'fetchItem':
      return { type: 'fetchItem', seq: e.seq, item: e.item, tag };
    case 'bodyStart':
      return {
        type: 'bodyStart',
        seq: e.seq,
        name: e.name,
        section: e.section,
        origin: e.origin,
        size: e.size,
        tag,
      };
    case 'bodyEnd':
      return { type: 'bodyEnd', seq: e.seq, tag };
    case 'fetchStart':
      return { type: 'fetchStart', seq: e.seq, offset: e.offset, tag };
  }
}
