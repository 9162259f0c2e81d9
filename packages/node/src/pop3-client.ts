/**
 * An async POP3 client (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 AUTH) over the
 * sans-I/O `Pop3ClientProtocol`: every byte is framed and parsed there; this class only
 * connects, moves bytes, and turns responses into promise results and body streams.
 */
import type { Readable } from 'node:stream';
import { concatBytes, type SaslMechanism } from '@mailwire/core';
import {
  type Pop3Capabilities,
  type Pop3ClientEvent,
  Pop3ClientProtocol,
  type Pop3Command,
  type Pop3ResponseEvent,
  type ScanListing,
  type UidListing,
} from '@mailwire/pop3';
import { apopDigest, chooseMechanism, type SaslCredentials } from '@mailwire/sasl';
import { BodyStream } from './body-stream';
import {
  type CommonClientOptions,
  openTransport,
  resolveEndpoint,
  upgradeToTls,
  wantsStartTls,
} from './client-options';
import { MailClientError } from './errors';
import { closedWhileWaiting, establish, Session } from './session';
import type { MaskRule } from './transcript';
import type { Transport } from './transport';

/**
 * POP3 client options. `port` defaults to 995 with `security: 'implicit'`, else 110;
 * `security` defaults to `implicit` on port 995, else `starttls` (STLS required);
 * `timeoutMs` defaults to 120 s.
 */
export type Pop3ClientOptions = CommonClientOptions;

interface Pending {
  command: Pop3Command;
  resolve(r: Pop3ResponseEvent): void;
  reject(e: Error): void;
  /** A body streamed to the caller. */
  stream?: BodyStream;
  /** A body collected whole. */
  collected?: Uint8Array[];
}

/** Multi-line bodies are collected or streamed by the client; the parser never buffers them whole. */
const STREAM_EVERY_BODY = 0;

export class Pop3Client {
  private readonly protocol: Pop3ClientProtocol;
  private readonly session: Session<Pop3ClientEvent>;
  private readonly queue: Pending[] = [];
  private greetingWaiter: Pending | undefined;
  private closeError: MailClientError | undefined;

  private constructor(
    transport: Transport,
    private readonly options: Pop3ClientOptions,
  ) {
    this.protocol = new Pop3ClientProtocol({
      tls: transport.encrypted,
      bodyThreshold: STREAM_EVERY_BODY,
      ...(options.strict !== undefined ? { strict: options.strict } : {}),
      // Bodies stream through in constant memory: their size is the caller's business.
      limits: { maxPayloadSize: Number.MAX_SAFE_INTEGER, ...options.limits },
    });
    this.session = new Session(
      transport,
      this.protocol,
      { onEvents: (events) => this.onEvents(events), onClosed: (err) => this.onClosed(err) },
      { transcript: options.transcript, timeoutMs: options.timeoutMs ?? 120_000, signal: options.signal },
    );
  }

  /** Connects, reads the greeting, and (unless `security` says otherwise) upgrades with STLS. */
  static async connect(options: Pop3ClientOptions): Promise<Pop3Client> {
    const { security, port } = resolveEndpoint(options, { implicit: 995, plain: 110 });
    const transport = await openTransport(options, port, security === 'implicit');
    const client = new Pop3Client(transport, options);
    await establish(client.session, async () => {
      await client.waitGreeting();
      // CAPA is optional (RFC 2449): a server without it answers -ERR and has no extensions.
      const caps = await client.capa().catch(() => undefined);
      if (wantsStartTls(security, caps?.stls === true, options.host, 'STLS')) await client.stls();
    });
    return client;
  }

  /** Whether the connection is protected by TLS. */
  get encrypted(): boolean {
    return this.session.transport.encrypted;
  }

  /** The last CAPA answer (cleared by STLS), if any. */
  get capabilities(): Pop3Capabilities | undefined {
    return this.protocol.capabilities;
  }

  get phase(): string {
    return this.protocol.phase;
  }

  /** CAPA (RFC 2449): the server's capabilities. */
  async capa(): Promise<Pop3Capabilities> {
    const r = await this.run({ name: 'CAPA' });
    if (!r.capabilities)
      throw new MailClientError('CAPA answer without capabilities', 'PROTOCOL_ERROR', { response: r });
    return r.capabilities;
  }

  /** STLS (RFC 2595): upgrades the connection to TLS and reads the capabilities again. */
  async stls(): Promise<void> {
    await this.run({ name: 'STLS' });
    await upgradeToTls(this.session.transport, 'STLS').catch((err: MailClientError) => {
      this.session.fail(err);
      throw err;
    });
    this.protocol.tlsStarted();
    await this.capa().catch(() => undefined);
  }

  /** USER + PASS. Refused on an unencrypted connection unless `allowPlaintextLogin`. */
  async login(user: string, password: string): Promise<void> {
    this.refusePlaintext('USER/PASS');
    await this.run({ name: 'USER', user });
    await this.run({ name: 'PASS', password }, { keepWords: 1 });
  }

  /** APOP (RFC 1939 §7): the password never crosses the wire (though MD5 is weak). */
  async apop(user: string, secret: string): Promise<void> {
    const timestamp = this.protocol.apopTimestamp;
    if (timestamp === undefined) throw new MailClientError('the greeting has no APOP timestamp', 'REFUSED');
    const bytes = this.protocol.apop(user, apopDigest(timestamp, secret));
    await this.enqueue(this.protocol.pending.at(-1) as Pop3Command, bytes, { keepWords: 2 });
  }

  /**
   * AUTH (RFC 5034) with the strongest mechanism both sides support (SCRAM first), or the
   * given mechanism object. Plaintext mechanisms only over TLS unless `allowPlaintextLogin`.
   */
  async authenticate(credentials: SaslCredentials | SaslMechanism): Promise<void> {
    let mechanism: SaslMechanism;
    if ('respond' in credentials) mechanism = credentials;
    else {
      const caps = this.protocol.capabilities ?? (await this.capa());
      const chosen = chooseMechanism({
        serverMechanisms: caps.sasl,
        credentials,
        encrypted: this.encrypted,
        allowPlaintext: this.options.allowPlaintextLogin ?? false,
      });
      if (!chosen.ok) throw new MailClientError(`cannot authenticate: ${chosen.reason}`, 'REFUSED');
      mechanism = chosen.mechanism;
    }
    const bytes = this.protocol.authenticate(mechanism);
    await this.enqueue(this.protocol.pending.at(-1) as Pop3Command, bytes, { keepWords: 2 });
  }

  /** STAT: number of messages and their total size in octets. */
  async stat(): Promise<{ count: number; size: number }> {
    const r = await this.run({ name: 'STAT' });
    if (!r.drop)
      throw new MailClientError('STAT answer without a drop listing', 'PROTOCOL_ERROR', { response: r });
    return r.drop;
  }

  /** LIST: every message's number and size. */
  async list(): Promise<ScanListing[]>;
  /** LIST n: one message's size. */
  async list(msg: number): Promise<ScanListing>;
  async list(msg?: number): Promise<ScanListing[] | ScanListing> {
    const r = await this.run(msg === undefined ? { name: 'LIST' } : { name: 'LIST', msg });
    const scans = r.scans ?? [];
    if (msg === undefined) return scans;
    const one = scans[0];
    if (!one)
      throw new MailClientError(`LIST ${msg} answer without a scan listing`, 'PROTOCOL_ERROR', {
        response: r,
      });
    return one;
  }

  /** UIDL: every message's unique id. */
  async uidl(): Promise<UidListing[]>;
  async uidl(msg: number): Promise<UidListing>;
  async uidl(msg?: number): Promise<UidListing[] | UidListing> {
    const r = await this.run(msg === undefined ? { name: 'UIDL' } : { name: 'UIDL', msg });
    const uids = r.uids ?? [];
    if (msg === undefined) return uids;
    const one = uids[0];
    if (!one)
      throw new MailClientError(`UIDL ${msg} answer without a unique-id listing`, 'PROTOCOL_ERROR', {
        response: r,
      });
    return one;
  }

  /** RETR n, whole (unstuffed, CRLF line ends). For big messages use `retrStream`. */
  async retr(msg: number): Promise<Uint8Array> {
    return this.collect({ name: 'RETR', msg });
  }

  /** TOP n lines: the header and the first `lines` lines of the body. */
  async top(msg: number, lines: number): Promise<Uint8Array> {
    return this.collect({ name: 'TOP', msg, lines });
  }

  /**
   * RETR n as a stream of chunks, in constant memory with backpressure to the server.
   * A -ERR, a cut connection or a bad terminator makes the stream emit an error: it never
   * ends normally unless the whole message arrived.
   */
  retrStream(msg: number): Readable {
    const stream = new BodyStream(this.session.transport);
    const command: Pop3Command = { name: 'RETR', msg };
    this.send(command, undefined, { stream }).then(
      () => stream.finish(),
      (err: Error) => stream.fail(err),
    );
    return stream;
  }

  async dele(msg: number): Promise<void> {
    await this.run({ name: 'DELE', msg });
  }

  async rset(): Promise<void> {
    await this.run({ name: 'RSET' });
  }

  async noop(): Promise<void> {
    await this.run({ name: 'NOOP' });
  }

  /** QUIT: deletions marked with DELE are carried out (the UPDATE state), then the connection closes. */
  async quit(): Promise<void> {
    await this.run({ name: 'QUIT' });
    await this.session.close();
  }

  /** Closes the connection without QUIT (deletions are not carried out). */
  async close(): Promise<void> {
    await this.session.close();
  }

  // -- internals --

  private refusePlaintext(what: string): void {
    if (!this.encrypted && !this.options.allowPlaintextLogin) {
      throw new MailClientError(
        `refusing to send ${what} over an unencrypted connection (use TLS, or allowPlaintextLogin)`,
        'REFUSED',
      );
    }
  }

  private async collect(command: Pop3Command): Promise<Uint8Array> {
    const collected: Uint8Array[] = [];
    const r = await this.send(command, undefined, { collected });
    if (r.body) return r.body;
    return concatBytes(collected);
  }

  private run(command: Pop3Command, mask?: MaskRule): Promise<Pop3ResponseEvent> {
    return this.send(command, mask, {});
  }

  private send(
    command: Pop3Command,
    mask: MaskRule | undefined,
    sink: Pick<Pending, 'stream' | 'collected'>,
  ): Promise<Pop3ResponseEvent> {
    if (this.closeError) return Promise.reject(this.closeError);
    let bytes: Uint8Array;
    try {
      bytes = this.protocol.send(command);
    } catch (err) {
      return Promise.reject(
        new MailClientError(`cannot send ${command.name}: ${(err as Error).message}`, 'REFUSED', {
          cause: err,
        }),
      );
    }
    return this.enqueue(command, bytes, mask, sink);
  }

  private enqueue(
    command: Pop3Command,
    bytes: Uint8Array,
    mask?: MaskRule,
    sink: Pick<Pending, 'stream' | 'collected'> = {},
  ): Promise<Pop3ResponseEvent> {
    return new Promise<Pop3ResponseEvent>((resolve, reject) => {
      this.queue.push({ command, resolve, reject, ...sink });
      this.session.send(command.name, bytes, mask);
    });
  }

  private waitGreeting(): Promise<Pop3ResponseEvent> {
    return new Promise((resolve, reject) => {
      this.greetingWaiter = { command: { name: 'NOOP' }, resolve, reject };
      this.session.expectAnswer();
    });
  }

  private onEvents(events: Pop3ClientEvent[]): void {
    for (const e of events) {
      switch (e.type) {
        case 'response':
          this.onResponse(e);
          break;
        case 'bodyStart':
          break;
        case 'bodyChunk': {
          const head = this.queue[0];
          if (head?.stream) head.stream.pushChunk(e.data);
          // a copy: chunks are views of socket Buffers (whose slice() would not copy)
          else head?.collected?.push(new Uint8Array(e.data));
          break;
        }
        case 'bodyEnd': {
          const head = this.queue.shift();
          this.session.answered();
          if (!head) break;
          if (e.incomplete)
            head.reject(new MailClientError(`${head.command.name} body is incomplete`, 'PROTOCOL_ERROR'));
          else
            head.resolve({
              type: 'response',
              status: 'OK',
              kind: 'multiline-body',
              text: '',
              textBytes: new Uint8Array(0),
              offset: e.offset,
            });
          break;
        }
        case 'write':
          // A SASL response: always secret.
          this.session.write(e.data, { keepWords: 0 }).catch(() => {});
          break;
        case 'warning':
          this.options.onWarning?.(`${e.code}: ${e.message} (byte ${e.offset})`);
          break;
        case 'error':
          this.session.fail(
            new MailClientError(
              `the server sent bytes that cannot be parsed: ${e.error.message}`,
              'PROTOCOL_ERROR',
              { cause: e.error },
            ),
          );
          return;
        default:
          break;
      }
    }
  }

  private onResponse(r: Pop3ResponseEvent): void {
    if (r.kind === 'greeting') {
      const waiter = this.greetingWaiter;
      this.greetingWaiter = undefined;
      this.session.answered();
      if (!waiter) return;
      if (r.status === 'OK') waiter.resolve(r);
      else
        waiter.reject(
          new MailClientError(`the server refused the connection: -ERR ${r.text}`, 'COMMAND_FAILED', {
            response: r,
          }),
        );
      return;
    }
    const head = this.queue[0];
    if (!head) return;
    if (r.status === 'OK' && r.kind === 'multiline-body' && r.body === undefined) {
      return; // a streamed body follows: bodyChunk ... bodyEnd
    }
    this.queue.shift();
    this.session.answered();
    if (r.incomplete) {
      head.reject(
        new MailClientError(`${head.command.name} answer is incomplete`, 'PROTOCOL_ERROR', { response: r }),
      );
    } else if (r.status === 'OK') {
      if (r.body && head.stream) head.stream.pushChunk(r.body);
      head.resolve(r);
    } else {
      const code = r.code ? `[${r.code.raw}] ` : '';
      head.reject(
        new MailClientError(`${head.command.name} failed: -ERR ${code}${r.text}`, 'COMMAND_FAILED', {
          response: r,
        }),
      );
    }
  }

  private onClosed(error: MailClientError | undefined): void {
    const err = error ?? new MailClientError('the server closed the connection', 'CONNECTION_CLOSED');
    this.closeError = err;
    const waiters = [...(this.greetingWaiter ? [this.greetingWaiter] : []), ...this.queue.splice(0)];
    this.greetingWaiter = undefined;
    for (const w of waiters) w.reject(closedWhileWaiting(err, `the answer to ${w.command.name}`));
  }
}
