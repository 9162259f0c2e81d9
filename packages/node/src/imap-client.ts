/**
 * An async IMAP client (RFC 3501 / RFC 9051) over the sans-I/O `ImapClientProtocol`: it
 * connects (implicit TLS on 993, or STARTTLS), logs in, and turns tagged completions into
 * promise results, untagged mailbox changes into events, and big message bodies into streams.
 * Commands that may run together (RFC 3501 §5.5) are pipelined; the rest wait their turn.
 */
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import type { SaslMechanism } from '@mailwire/core';
import {
  type FetchAttribute,
  type FetchItem,
  type FetchMacro,
  type FetchResponse,
  type ImapClientEvent,
  ImapClientProtocol,
  type ImapCommandInput,
  type ImapCompletedEvent,
  type ImapMailboxEvent,
  type ListResponse,
  type MailboxStatusResponse,
  parseSequenceSet,
  responsesOf,
  type SearchKey,
  type SelectedMailbox,
  type SequenceSet,
} from '@mailwire/imap';
import { chooseMechanism, type SaslCredentials } from '@mailwire/sasl';
import { BodyStream } from './body-stream';
import {
  type CommonClientOptions,
  openTransport,
  resolveEndpoint,
  upgradeToTls,
  wantsStartTls,
} from './client-options';
import { MailClientError } from './errors';
import { closedWhileWaiting, establish, protocolError, Session } from './session';
import type { MaskRule } from './transcript';
import type { Transport } from './transport';

/**
 * IMAP client options. `port` defaults to 993 with `security: 'implicit'`, else 143;
 * `security` defaults to `implicit` on port 993, else `starttls` (required);
 * `timeoutMs` (inactivity while a command runs) defaults to 5 min.
 */
export interface ImapClientOptions extends CommonClientOptions {
  /** Bodies larger than this arrive as streams inside the parser (default 64 KiB). */
  streamThreshold?: number;
}

interface Waiter {
  name: string;
  resolve(e: ImapCompletedEvent): void;
  reject(err: Error): void;
  /** A BODY[] streamed to the caller (fetchStream). */
  stream?: BodyStream;
  /**
   * A plain fetch(): bodies above the stream threshold arrive as chunks and are copied into
   * one buffer of the announced size each, then put into their items at the response's end.
   */
  collect?: boolean;
  /** The streamed FETCH response being collected: its item count so far, and its bodies. */
  collecting?: { count: number; bodies: { index: number; data: Uint8Array; fill: number }[] };
}

interface Queued {
  command: ImapCommandInput | 'IDLE';
  mask: MaskRule | undefined;
  waiter: Waiter;
}

export interface FetchOptions {
  /** UID FETCH / UID SEARCH / UID STORE...: the set holds UIDs. */
  uid?: boolean;
}

/** A BODY[section] / BINARY[part] item of a FETCH response. */
type BodyItem = Extract<FetchItem, { section: unknown }>;

const toSet = (set: string | SequenceSet): SequenceSet =>
  typeof set === 'string' ? parseSequenceSet(set) : set;

export class ImapClient extends EventEmitter<{
  mailbox: [ImapMailboxEvent];
  alert: [string];
  bye: [string];
}> {
  private readonly protocol: ImapClientProtocol;
  private readonly session: Session<ImapClientEvent>;
  private readonly waiters = new Map<string, Waiter>();
  private readonly queue: Queued[] = [];
  private greetingWaiter: { resolve(s: string): void; reject(e: Error): void } | undefined;
  private closeError: MailClientError | undefined;
  /** Tag of the LOGIN/AUTHENTICATE in progress: its continuation writes are secret. */
  private secretTag: string | undefined;
  private idleWaiter: { resolve(): void; reject(e: Error): void } | undefined;

  private constructor(
    transport: Transport,
    private readonly options: ImapClientOptions,
  ) {
    super();
    this.protocol = new ImapClientProtocol({
      tls: transport.encrypted,
      streamThreshold: options.streamThreshold ?? 64 * 1024,
      ...(options.strict !== undefined ? { strict: options.strict } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
    this.session = new Session(
      transport,
      this.protocol,
      { onEvents: (e) => this.onEvents(e), onClosed: (err) => this.onClosed(err) },
      { transcript: options.transcript, timeoutMs: options.timeoutMs ?? 5 * 60_000, signal: options.signal },
    );
  }

  /** Connects, reads the greeting, reads capabilities and upgrades with STARTTLS unless told otherwise. */
  static async connect(options: ImapClientOptions): Promise<ImapClient> {
    const { security, port } = resolveEndpoint(options, { implicit: 993, plain: 143 });
    const transport = await openTransport(options, port, security === 'implicit');
    const client = new ImapClient(transport, options);
    await establish(client.session, async () => {
      const status = await client.waitGreeting();
      if (status === 'BYE')
        throw new MailClientError('the server refused the connection (BYE)', 'COMMAND_FAILED');
      if (!client.protocol.capabilities) await client.capability();
      const offered = !transport.encrypted && client.protocol.hasCapability('STARTTLS');
      if (!transport.encrypted && wantsStartTls(security, offered, options.host, 'STARTTLS'))
        await client.starttls();
    });
    return client;
  }

  get encrypted(): boolean {
    return this.session.transport.encrypted;
  }

  get capabilities(): readonly string[] | undefined {
    return this.protocol.capabilities;
  }

  /** The selected mailbox (EXISTS, UIDVALIDITY, UIDNEXT, flags...), kept up to date. */
  get mailbox(): SelectedMailbox | null {
    return this.protocol.mailbox;
  }

  get state(): string {
    return this.protocol.state;
  }

  async capability(): Promise<readonly string[]> {
    await this.run({ name: 'CAPABILITY' });
    return this.protocol.capabilities ?? [];
  }

  /** STARTTLS (RFC 3501 §6.2.1), then CAPABILITY again: what was learned in plaintext is forgotten. */
  async starttls(): Promise<void> {
    await this.run({ name: 'STARTTLS' });
    await upgradeToTls(this.session.transport, 'STARTTLS').catch((err: MailClientError) => {
      this.session.fail(err);
      throw err;
    });
    this.protocol.tlsStarted();
    await this.capability();
  }

  /** LOGIN (refused without TLS unless `allowPlaintextLogin`, and when the server says LOGINDISABLED). */
  async login(username: string, password: string): Promise<void> {
    if (!this.encrypted && !this.options.allowPlaintextLogin) {
      throw new MailClientError(
        'refusing to send LOGIN over an unencrypted connection (use TLS, or allowPlaintextLogin)',
        'REFUSED',
      );
    }
    await this.run({ name: 'LOGIN', username, password }, { keepWords: 3 });
    if (!this.protocol.capabilities) await this.capability();
  }

  /** AUTHENTICATE with the strongest mechanism both sides support, or the given one. */
  async authenticate(credentials: SaslCredentials | SaslMechanism): Promise<void> {
    let mechanism: SaslMechanism;
    if ('respond' in credentials) mechanism = credentials;
    else {
      const offered = (this.protocol.capabilities ?? [])
        .filter((c) => c.toUpperCase().startsWith('AUTH='))
        .map((c) => c.slice(5));
      const chosen = chooseMechanism({
        serverMechanisms: offered,
        credentials,
        encrypted: this.encrypted,
        allowPlaintext: this.options.allowPlaintextLogin ?? false,
      });
      if (!chosen.ok) throw new MailClientError(`cannot authenticate: ${chosen.reason}`, 'REFUSED');
      mechanism = chosen.mechanism;
    }
    const waiter = this.newWaiter('AUTHENTICATE');
    let sent: ReturnType<ImapClientProtocol['authenticate']>;
    try {
      sent = this.protocol.authenticate(mechanism);
    } catch (err) {
      throw new MailClientError(`cannot AUTHENTICATE: ${(err as Error).message}`, 'REFUSED', { cause: err });
    }
    this.secretTag = sent.tag;
    this.dispatch(sent.tag, sent.bytes, { keepWords: 3 }, waiter.waiter);
    await waiter.promise;
    if (!this.protocol.capabilities) await this.capability();
  }

  /** LIST (RFC 3501 §6.3.8): mailboxes matching `pattern` under `reference`. */
  async list(reference = '', pattern = '*'): Promise<ListResponse[]> {
    const e = await this.run({ name: 'LIST', reference, patterns: [pattern] });
    return responsesOf(e.data, 'list');
  }

  /** SELECT: opens a mailbox read-write; resolves with its state. */
  async select(mailbox: string): Promise<SelectedMailbox> {
    const e = await this.run({ name: 'SELECT', mailbox });
    if (!e.mailbox) throw new MailClientError('SELECT completed without a mailbox', 'PROTOCOL_ERROR');
    return e.mailbox;
  }

  /** EXAMINE: opens a mailbox read-only. */
  async examine(mailbox: string): Promise<SelectedMailbox> {
    const e = await this.run({ name: 'EXAMINE', mailbox });
    if (!e.mailbox) throw new MailClientError('EXAMINE completed without a mailbox', 'PROTOCOL_ERROR');
    return e.mailbox;
  }

  async status(
    mailbox: string,
    items = ['MESSAGES', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN'],
  ): Promise<MailboxStatusResponse> {
    const e = await this.run({ name: 'STATUS', mailbox, items });
    const r = responsesOf(e.data, 'mailbox-status')[0];
    if (!r) throw new MailClientError('STATUS completed without a STATUS response', 'PROTOCOL_ERROR');
    return r;
  }

  /** SEARCH / UID SEARCH: the matching message numbers (or UIDs). */
  async search(criteria: SearchKey[], options: FetchOptions = {}): Promise<number[]> {
    const e = await this.run({ name: 'SEARCH', uid: options.uid ?? false, criteria });
    return responsesOf(e.data, 'search').flatMap((r) => r.ids);
  }

  /** FETCH / UID FETCH: typed FETCH responses, bodies included whole (see fetchStream for big ones). */
  async fetch(
    set: string | SequenceSet,
    items: FetchAttribute[] | FetchMacro,
    options: FetchOptions = {},
  ): Promise<FetchResponse[]> {
    const e = await this.run(
      { name: 'FETCH', uid: options.uid ?? false, sequenceSet: toSet(set), items },
      undefined,
      { collect: true },
    );
    return responsesOf(e.data, 'fetch');
  }

  /**
   * One message's BODY[section] as a stream, in constant memory with backpressure to the
   * server. The stream errors (never ends cleanly) if the FETCH fails or the connection drops.
   */
  fetchStream(
    id: number,
    options: FetchOptions & { peek?: boolean; section?: FetchAttribute & { name: 'BODY[]' } } = {},
  ): Readable {
    const stream = new BodyStream(this.session.transport);
    const item: FetchAttribute = options.section ?? {
      name: 'BODY[]',
      peek: options.peek ?? true,
      section: { part: [] },
    };
    this.run(
      { name: 'FETCH', uid: options.uid ?? false, sequenceSet: parseSequenceSet(String(id)), items: [item] },
      undefined,
      {
        stream,
      },
    ).then(
      (e) => {
        // A body small enough to come whole is in the FETCH response itself.
        const whole = responsesOf(e.data, 'fetch')
          .flatMap((f) => f.items)
          .find((i): i is BodyItem => i.name === 'BODY[]' && i.data !== null);
        if (whole?.data) stream.pushChunk(whole.data);
        stream.finish();
      },
      (err: Error) => stream.fail(err),
    );
    return stream;
  }

  /** STORE / UID STORE: add, remove or replace flags. `silent` asks for no FETCH back. */
  async store(
    set: string | SequenceSet,
    operation: 'add' | 'remove' | 'replace',
    flags: string[],
    options: FetchOptions & { silent?: boolean } = {},
  ): Promise<FetchResponse[]> {
    const e = await this.run({
      name: 'STORE',
      uid: options.uid ?? false,
      sequenceSet: toSet(set),
      operation,
      silent: options.silent ?? false,
      flags,
    });
    return responsesOf(e.data, 'fetch');
  }

  async copy(
    set: string | SequenceSet,
    mailbox: string,
    options: FetchOptions = {},
  ): Promise<ImapCompletedEvent> {
    return this.run({ name: 'COPY', uid: options.uid ?? false, sequenceSet: toSet(set), mailbox });
  }

  async move(
    set: string | SequenceSet,
    mailbox: string,
    options: FetchOptions = {},
  ): Promise<ImapCompletedEvent> {
    return this.run({ name: 'MOVE', uid: options.uid ?? false, sequenceSet: toSet(set), mailbox });
  }

  /** EXPUNGE: removes messages flagged \Deleted; resolves with the expunged sequence numbers. */
  async expunge(): Promise<number[]> {
    const e = await this.run({ name: 'EXPUNGE', uid: false });
    return responsesOf(e.data, 'expunge').map((r) => r.value);
  }

  /** APPEND: adds a message to a mailbox. */
  async append(
    mailbox: string,
    message: Uint8Array | string,
    flags: string[] = [],
  ): Promise<ImapCompletedEvent> {
    const data = typeof message === 'string' ? new TextEncoder().encode(message) : message;
    return this.run({ name: 'APPEND', mailbox, messages: [{ flags, data, binary: false }] });
  }

  async noop(): Promise<void> {
    await this.run({ name: 'NOOP' });
  }

  async close(): Promise<void> {
    if (this.protocol.state === 'selected') await this.run({ name: 'CLOSE' });
  }

  /**
   * IDLE (RFC 2177): mailbox events arrive as `mailbox` events while idling; call the
   * returned `done()` to end it (resolves when the server has completed the IDLE).
   */
  async idle(): Promise<{ done(): Promise<void> }> {
    const idling = new Promise<void>((resolve, reject) => {
      this.idleWaiter = { resolve, reject };
    });
    const completion = this.runIdle();
    completion.catch(() => {});
    await Promise.race([idling, completion.then(() => undefined)]);
    return {
      done: async () => {
        await this.session.write(this.protocol.done());
        await completion;
      },
    };
  }

  /** LOGOUT, then close the connection. */
  async logout(): Promise<void> {
    await this.run({ name: 'LOGOUT' }).catch((err: MailClientError) => {
      // the BYE before the tagged OK may close the stream first: that is a clean logout
      if (err.code !== 'CONNECTION_CLOSED') throw err;
    });
    await this.session.close();
  }

  /** Closes the connection without LOGOUT. */
  async disconnect(): Promise<void> {
    await this.session.close();
  }

  // -- internals --

  private newWaiter(
    name: string,
    extra: Partial<Waiter> = {},
  ): { waiter: Waiter; promise: Promise<ImapCompletedEvent> } {
    let waiter!: Waiter;
    const promise = new Promise<ImapCompletedEvent>((resolve, reject) => {
      waiter = { name, resolve, reject, ...extra };
    });
    return { waiter, promise };
  }

  private run(
    command: ImapCommandInput,
    mask?: MaskRule,
    extra: Partial<Waiter> = {},
  ): Promise<ImapCompletedEvent> {
    if (this.closeError) return Promise.reject(this.closeError);
    const { waiter, promise } = this.newWaiter(command.name, extra);
    this.queue.push({ command, mask, waiter });
    this.pump();
    return promise;
  }

  private runIdle(): Promise<ImapCompletedEvent> {
    if (this.closeError) return Promise.reject(this.closeError);
    const { waiter, promise } = this.newWaiter('IDLE');
    this.queue.push({ command: 'IDLE', mask: undefined, waiter });
    this.pump();
    return promise;
  }

  /** Sends queued commands as far as the protocol allows now (RFC 3501 §5.5 and continuations). */
  private pump(): void {
    while (this.queue.length > 0) {
      const next = this.queue[0] as Queued;
      const cmd = next.command;
      try {
        if (cmd === 'IDLE') {
          if (this.protocol.pending.length > 0 || this.protocol.continuation !== 'none') return;
        } else if (this.protocol.mustWait(cmd)) return;
      } catch {
        // check() below says why it can never go
      }
      this.queue.shift();
      let sent: { tag: string; bytes: Uint8Array };
      try {
        sent = cmd === 'IDLE' ? this.protocol.idle() : this.protocol.send(cmd);
      } catch (err) {
        next.waiter.reject(
          new MailClientError(`cannot send ${next.waiter.name}: ${(err as Error).message}`, 'REFUSED', {
            cause: err,
          }),
        );
        continue;
      }
      if (cmd !== 'IDLE' && cmd.name === 'LOGIN') this.secretTag = sent.tag;
      this.dispatch(sent.tag, sent.bytes, next.mask, next.waiter);
    }
  }

  private dispatch(tag: string, bytes: Uint8Array, mask: MaskRule | undefined, waiter: Waiter): void {
    this.waiters.set(tag, waiter);
    this.session.send(waiter.name, bytes, mask);
  }

  private waitGreeting(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.greetingWaiter = { resolve, reject };
      this.session.expectAnswer();
    });
  }

  /** A piece of a FETCH body: into the caller's stream, or into the body being collected. */
  private onBodyChunk(e: Extract<ImapClientEvent, { type: 'bodyChunk' }>): void {
    const w = e.tag ? this.waiters.get(e.tag) : undefined;
    if (w?.stream) w.stream.pushChunk(e.data);
    else {
      const body = w?.collecting?.bodies.at(-1);
      if (body) {
        body.data.set(e.data, body.fill);
        body.fill += e.data.length;
      }
    }
  }

  private onEvents(events: ImapClientEvent[]): void {
    for (const e of events) {
      if (e.type === 'bodyChunk') {
        // first, as in the protocol's loop: a large body is one such event per socket read
        this.onBodyChunk(e);
        continue;
      }
      switch (e.type) {
        case 'greeting': {
          const w = this.greetingWaiter;
          this.greetingWaiter = undefined;
          this.session.answered();
          w?.resolve(e.status);
          break;
        }
        case 'completed': {
          const w = this.waiters.get(e.tag);
          this.waiters.delete(e.tag);
          this.session.answered();
          if (e.tag === this.secretTag) this.secretTag = undefined;
          if (!w) break;
          if (e.status === 'OK') w.resolve(e);
          else if (e.status === 'ABORTED') {
            w.reject(
              e.error
                ? protocolError(e.error)
                : new MailClientError(`${w.name} aborted: ${e.text}`, 'CONNECTION_CLOSED'),
            );
          } else {
            const code = e.code ? `[${e.code.name}] ` : '';
            w.reject(
              new MailClientError(`${w.name} failed: ${e.status} ${code}${e.text}`, 'COMMAND_FAILED', {
                response: e,
              }),
            );
          }
          if (w.name === 'IDLE' && this.idleWaiter) {
            this.idleWaiter.reject(
              new MailClientError(`IDLE ended: ${e.status} ${e.text}`, 'COMMAND_FAILED'),
            );
            this.idleWaiter = undefined;
          }
          break;
        }
        case 'write':
          // The rest of a command after "+": secret while LOGIN or AUTHENTICATE runs.
          this.session.write(e.bytes, this.secretTag ? { keepWords: 0 } : undefined).catch(() => {});
          break;
        case 'idling':
          this.idleWaiter?.resolve();
          this.idleWaiter = undefined;
          break;
        case 'mailbox':
          this.emit('mailbox', e);
          break;
        case 'alert':
          this.emit('alert', e.text);
          break;
        case 'bye':
          this.emit('bye', e.text);
          break;
        case 'fetchStart': {
          const w = e.tag ? this.waiters.get(e.tag) : undefined;
          if (w?.collect) w.collecting = { count: 0, bodies: [] };
          break;
        }
        case 'fetchItem': {
          const c = e.tag ? this.waiters.get(e.tag)?.collecting : undefined;
          if (c) c.count++;
          break;
        }
        case 'bodyStart': {
          const c = e.tag ? this.waiters.get(e.tag)?.collecting : undefined;
          if (c) c.bodies.push({ index: c.count++, data: new Uint8Array(e.size), fill: 0 });
          break;
        }
        case 'fetchEnd': {
          const w = e.tag ? this.waiters.get(e.tag) : undefined;
          const c = w?.collecting;
          if (!w || !c) break;
          // each collected body goes into the item that stood in its place (data: null)
          for (const b of c.bodies) {
            const item = e.response.items[b.index];
            if (item && 'data' in item) item.data = b.data;
          }
          delete w.collecting;
          break;
        }
        case 'warning':
          this.options.onWarning?.(`${e.code}: ${e.message} (byte ${e.offset})`);
          break;
        case 'error':
          // Bytes that could not be parsed: data a command waits for may be lost, so the
          // session cannot be trusted to report complete results any more.
          this.session.fail(protocolError(e.error));
          return;
        default:
          break;
      }
    }
    this.pump();
  }

  private onClosed(error: MailClientError | undefined): void {
    const err = error ?? new MailClientError('the server closed the connection', 'CONNECTION_CLOSED');
    this.closeError = err;
    this.greetingWaiter?.reject(err);
    this.greetingWaiter = undefined;
    const pending = [...this.waiters.values(), ...this.queue.splice(0).map((q) => q.waiter)];
    this.waiters.clear();
    for (const w of pending) w.reject(closedWhileWaiting(err, `${w.name} to complete`));
    this.idleWaiter?.reject(err);
    this.idleWaiter = undefined;
  }
}
