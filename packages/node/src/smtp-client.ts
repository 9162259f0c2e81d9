/**
 * An async SMTP client (RFC 5321) over the sans-I/O `SmtpClientProtocol`: EHLO with HELO
 * fallback, STARTTLS (RFC 3207) or implicit TLS (RFC 8314), AUTH (RFC 4954) with the
 * strongest common SASL mechanism, and mail transactions that use PIPELINING (RFC 2920),
 * SIZE (RFC 1870), 8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531) and DSN (RFC 3461) when the
 * server offers them. Every reply keeps its enhanced status code (RFC 3463).
 */
import os from 'node:os';
import type { SaslMechanism } from '@mailwire/core';
import { chooseMechanism, type SaslCredentials } from '@mailwire/sasl';
import {
  type DsnNotify,
  type DsnReturn,
  type MailCommand,
  parsePath,
  type SmtpCapabilities,
  type SmtpClientEvent,
  SmtpClientProtocol,
  type SmtpCommand,
  type SmtpPath,
  type SmtpReply,
} from '@mailwire/smtp';
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
 * SMTP client options. `port` defaults to 465 with `security: 'implicit'`, else 587;
 * `security` defaults to `implicit` on port 465, else `starttls` (required).
 */
export interface SmtpClientOptions extends CommonClientOptions {
  /** The name to greet with in EHLO/HELO (RFC 5321 §4.1.1.1). Default: this host's name. */
  clientName?: string;
  /**
   * Reply timeouts in ms. Defaults from RFC 5321 §4.5.3.2: greeting 5 min, commands 5 min,
   * DATA initiation 2 min, each data block 3 min, the reply after the message 10 min.
   */
  timeouts?: {
    greeting?: number;
    command?: number;
    dataStart?: number;
    dataBlock?: number;
    dataEnd?: number;
  };
}

export interface Envelope {
  /** Reverse-path address; '' for the null sender `<>` (bounces). */
  from: string;
  to: string[];
  /** DSN (RFC 3461), used when the server offers DSN. */
  dsn?: { ret?: DsnReturn; envid?: string; notify?: 'NEVER' | DsnNotify[] };
}

export interface RecipientResult {
  address: string;
  reply: SmtpReply;
}

export interface SendResult {
  accepted: RecipientResult[];
  rejected: RecipientResult[];
  /** The reply to MAIL FROM. */
  mailReply: SmtpReply;
  /** The reply after the message content (250 with the queue id, typically). */
  messageReply: SmtpReply;
}

export type MessageSource = Uint8Array | string | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>;

interface Waiter {
  label: string;
  resolve(reply: SmtpReply): void;
  reject(err: Error): void;
  /** DATA: resolves at 354. */
  data?: boolean;
}

const enc = new TextEncoder();

/** RFC 5321 §4.5.3.2 timeouts. */
const MINUTE = 60_000;

export class SmtpClient {
  private readonly protocol: SmtpClientProtocol;
  private readonly session: Session<SmtpClientEvent>;
  /** Replies are matched in order (RFC 2920 §3.1): one waiter per command sent. */
  private readonly waiters: Waiter[] = [];
  private greetingWaiter: Waiter | undefined;
  private closeError: MailClientError | undefined;
  private readonly timeouts: Required<NonNullable<SmtpClientOptions['timeouts']>>;
  private readonly clientName: string;

  private constructor(
    transport: Transport,
    private readonly options: SmtpClientOptions,
  ) {
    this.timeouts = {
      greeting: 5 * MINUTE,
      command: 5 * MINUTE,
      dataStart: 2 * MINUTE,
      dataBlock: 3 * MINUTE,
      dataEnd: 10 * MINUTE,
      ...options.timeouts,
    };
    this.clientName = options.clientName ?? os.hostname();
    this.protocol = new SmtpClientProtocol({
      tls: transport.encrypted,
      ...(options.strict !== undefined ? { strict: options.strict } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
    this.session = new Session(
      transport,
      this.protocol,
      { onEvents: (e) => this.onEvents(e), onClosed: (err) => this.onClosed(err) },
      {
        transcript: options.transcript,
        timeoutMs: options.timeoutMs ?? this.timeouts.command,
        signal: options.signal,
      },
    );
  }

  /** Connects, reads the greeting, says EHLO (HELO if refused) and upgrades with STARTTLS unless told otherwise. */
  static async connect(options: SmtpClientOptions): Promise<SmtpClient> {
    const { security, port } = resolveEndpoint(options, { implicit: 465, plain: 587 });
    const transport = await openTransport(options, port, security === 'implicit');
    const client = new SmtpClient(transport, options);
    await establish(client.session, async () => {
      const greeting = await client.waitGreeting();
      if (greeting.code !== 220) throw failed('the session', greeting);
      await client.hello();
      if (wantsStartTls(security, client.capabilities?.startTls === true, options.host, 'STARTTLS')) {
        await client.starttls();
      }
    });
    return client;
  }

  get encrypted(): boolean {
    return this.session.transport.encrypted;
  }

  /** From the last EHLO (forgotten at STARTTLS until EHLO is said again). */
  get capabilities(): SmtpCapabilities | undefined {
    return this.protocol.capabilities;
  }

  get authenticated(): boolean {
    return this.protocol.authenticated;
  }

  /** EHLO, falling back to HELO when the server refuses EHLO with 5yz (RFC 5321 §4.1.4). */
  async hello(): Promise<SmtpReply> {
    const reply = await this.command({ verb: 'EHLO', domain: this.clientName }, { allowFailure: true });
    if (reply.code >= 200 && reply.code < 300) return reply;
    if (reply.code >= 500) return this.command({ verb: 'HELO', domain: this.clientName });
    throw failed('EHLO', reply);
  }

  /** STARTTLS (RFC 3207), then EHLO again: what was learned in plaintext is forgotten. */
  async starttls(): Promise<void> {
    await this.command({ verb: 'STARTTLS' });
    await upgradeToTls(this.session.transport, 'STARTTLS').catch((err: MailClientError) => {
      this.session.fail(err);
      throw err;
    });
    this.protocol.tlsStarted();
    await this.hello();
  }

  /**
   * AUTH (RFC 4954) with the strongest mechanism both sides support (SCRAM, then CRAM-MD5,
   * then PLAIN/LOGIN over TLS only unless `allowPlaintextLogin`), or the given mechanism.
   */
  async authenticate(credentials: SaslCredentials | SaslMechanism): Promise<void> {
    let mechanism: SaslMechanism;
    if ('respond' in credentials) mechanism = credentials;
    else {
      const chosen = chooseMechanism({
        serverMechanisms: this.capabilities?.authMechanisms ?? [],
        credentials,
        encrypted: this.encrypted,
        allowPlaintext: this.options.allowPlaintextLogin ?? false,
      });
      if (!chosen.ok) throw new MailClientError(`cannot authenticate: ${chosen.reason}`, 'REFUSED');
      mechanism = chosen.mechanism;
    }
    const bytes = this.protocol.auth(mechanism);
    const reply = await this.expect('AUTH', bytes, { keepWords: 2 }, this.timeouts.command);
    if (reply.code !== 235) throw failed(`AUTH ${mechanism.name}`, reply);
  }

  /**
   * Sends one message: MAIL FROM, RCPT TO for each recipient, DATA and the content —
   * pipelined when the server offers PIPELINING. Resolves when the server took the message
   * for at least one recipient; recipients it refused are listed in `rejected`.
   */
  async send(envelope: Envelope, message: MessageSource): Promise<SendResult> {
    const caps = this.capabilities;
    const content = typeof message === 'string' ? enc.encode(message) : message;
    const size = content instanceof Uint8Array ? content.length : undefined;
    const eightBit = content instanceof Uint8Array && content.some((b) => b >= 0x80);
    const utf8Addresses = [envelope.from, ...envelope.to].some((a) => /[^\x00-\x7f]/.test(a));
    const mail: MailCommand = {
      verb: 'MAIL',
      reversePath: envelope.from === '' ? { mailbox: null } : toPath(envelope.from),
      params: [],
      ...(size !== undefined && caps?.has('SIZE') ? { size } : {}),
      ...((eightBit || content instanceof Uint8Array === false) && caps?.eightBitMime
        ? { body: '8BITMIME' as const }
        : {}),
      ...(utf8Addresses && caps?.smtpUtf8 ? { smtputf8: true } : {}),
      ...(envelope.dsn?.ret && caps?.dsn ? { ret: envelope.dsn.ret } : {}),
      ...(envelope.dsn?.envid && caps?.dsn ? { envid: envelope.dsn.envid } : {}),
    };
    if (utf8Addresses && !caps?.smtpUtf8) {
      throw new MailClientError('the addresses need SMTPUTF8, which the server does not offer', 'REFUSED');
    }
    const rcpts: SmtpCommand[] = envelope.to.map((address) => ({
      verb: 'RCPT',
      forwardPath: toPath(address),
      params: [],
      ...(envelope.dsn?.notify && caps?.dsn ? { notify: envelope.dsn.notify } : {}),
    }));
    if (rcpts.length === 0) throw new MailClientError('no recipients', 'REFUSED');

    const pipelined = caps?.pipelining === true;
    const mailReply = this.command(mail, { allowFailure: true });
    const rcptReplies: Promise<SmtpReply>[] = [];
    if (!pipelined && (await mailReply).code >= 300) throw failed('MAIL FROM', await mailReply);
    for (const rcpt of rcpts) {
      const r = this.command(rcpt, { allowFailure: true });
      rcptReplies.push(r);
      if (!pipelined) await r;
    }
    if (pipelined) {
      // RFC 2920 §3.1: DATA may end the group; the server answers it after the RCPTs.
      const mr = await mailReply;
      if (mr.code >= 300) {
        await Promise.allSettled(rcptReplies);
        await this.command({ verb: 'RSET' }, { allowFailure: true });
        throw failed('MAIL FROM', mr);
      }
    }
    const replies = await Promise.all(rcptReplies);
    const accepted: RecipientResult[] = [];
    const rejected: RecipientResult[] = [];
    replies.forEach((reply, i) => {
      const address = envelope.to[i] as string;
      (reply.code >= 200 && reply.code < 300 ? accepted : rejected).push({ address, reply });
    });
    if (accepted.length === 0) {
      await this.command({ verb: 'RSET' }, { allowFailure: true });
      const first = rejected[0]?.reply;
      throw new MailClientError(
        `every recipient was refused${first ? `: ${first.code} ${first.lines.join(' ')}` : ''}`,
        'COMMAND_FAILED',
        { response: rejected },
      );
    }
    const dataReply = await this.command(
      { verb: 'DATA' },
      { allowFailure: true, timeout: this.timeouts.dataStart },
    );
    if (dataReply.code !== 354) throw failed('DATA', dataReply);
    for await (const piece of chunksOf(content)) {
      await this.session.write(this.protocol.dataChunk(piece), undefined, this.timeouts.dataBlock);
    }
    const messageReply = await this.expect(
      'message',
      this.protocol.dataEnd(),
      undefined,
      this.timeouts.dataEnd,
    );
    if (messageReply.code < 200 || messageReply.code >= 300) throw failed('the message', messageReply);
    return { accepted, rejected, mailReply: await mailReply, messageReply };
  }

  /** VRFY (RFC 5321 §3.5.1): the reply as is (252 "cannot verify" is common). */
  vrfy(address: string): Promise<SmtpReply> {
    return this.command({ verb: 'VRFY', argument: address }, { allowFailure: true });
  }

  help(topic?: string): Promise<SmtpReply> {
    return this.command({ verb: 'HELP', ...(topic ? { argument: topic } : {}) }, { allowFailure: true });
  }

  /** ETRN (RFC 1985): ask the server to flush its queue for `domain`. */
  etrn(domain: string): Promise<SmtpReply> {
    return this.command({ verb: 'ETRN', node: domain }, { allowFailure: true });
  }

  rset(): Promise<SmtpReply> {
    return this.command({ verb: 'RSET' });
  }

  noop(): Promise<SmtpReply> {
    return this.command({ verb: 'NOOP' });
  }

  /** QUIT, then close the connection. */
  async quit(): Promise<void> {
    await this.command({ verb: 'QUIT' }, { allowFailure: true });
    await this.session.close();
  }

  async close(): Promise<void> {
    await this.session.close();
  }

  // -- internals --

  private command(
    command: SmtpCommand,
    o: { allowFailure?: boolean; timeout?: number } = {},
  ): Promise<SmtpReply> {
    if (this.closeError) return Promise.reject(this.closeError);
    let bytes: Uint8Array;
    try {
      bytes = this.protocol.send(command);
    } catch (err) {
      return Promise.reject(
        new MailClientError(`cannot send ${command.verb}: ${(err as Error).message}`, 'REFUSED', {
          cause: err,
        }),
      );
    }
    const reply = this.expect(command.verb, bytes, undefined, o.timeout ?? this.timeouts.command);
    if (o.allowFailure) return reply;
    return reply.then((r) => {
      if (r.code >= 400) throw failed(command.verb, r);
      return r;
    });
  }

  private expect(
    label: string,
    bytes: Uint8Array,
    mask: MaskRule | undefined,
    timeoutMs: number,
  ): Promise<SmtpReply> {
    if (this.closeError) return Promise.reject(this.closeError);
    return new Promise<SmtpReply>((resolve, reject) => {
      this.waiters.push({ label, resolve, reject });
      this.session.send(label, bytes, mask, timeoutMs);
    });
  }

  private waitGreeting(): Promise<SmtpReply> {
    return new Promise((resolve, reject) => {
      this.greetingWaiter = { label: 'greeting', resolve, reject };
      this.session.expectAnswer(this.timeouts.greeting);
    });
  }

  private settle(reply: SmtpReply): void {
    const w = this.waiters.shift();
    this.session.answered();
    w?.resolve(reply);
  }

  private onEvents(events: SmtpClientEvent[]): void {
    for (const e of events) {
      switch (e.type) {
        case 'greeting': {
          const w = this.greetingWaiter;
          this.greetingWaiter = undefined;
          this.session.answered();
          w?.resolve(e.reply);
          break;
        }
        case 'reply':
        case 'message-reply':
          this.settle(e.reply);
          break;
        case 'write':
          // SASL responses and cancels: always secret.
          this.session.write(e.bytes, { keepWords: 0 }).catch(() => {});
          break;
        case 'unsolicited-reply':
          // 421: the server is closing the channel (RFC 5321 §3.8)
          this.session.fail(
            new MailClientError(
              `the server closed the session: ${e.reply.code} ${e.reply.lines.join(' ')}`,
              'CONNECTION_CLOSED',
              {
                response: e.reply,
              },
            ),
          );
          return;
        case 'warning':
          this.options.onWarning?.(`${e.code}: ${e.message} (byte ${e.offset})`);
          break;
        case 'error':
          this.session.fail(
            new MailClientError(
              `the server sent bytes that cannot be parsed: ${e.error.message}`,
              'PROTOCOL_ERROR',
              {
                cause: e.error,
              },
            ),
          );
          return;
        default:
          break;
      }
    }
  }

  private onClosed(error: MailClientError | undefined): void {
    const err = error ?? new MailClientError('the server closed the connection', 'CONNECTION_CLOSED');
    this.closeError = err;
    const waiters = [...(this.greetingWaiter ? [this.greetingWaiter] : []), ...this.waiters.splice(0)];
    this.greetingWaiter = undefined;
    for (const w of waiters) w.reject(closedWhileWaiting(err, `the reply to ${w.label}`));
  }
}

function failed(what: string, reply: SmtpReply): MailClientError {
  return new MailClientError(`${what} failed: ${reply.code} ${reply.lines.join(' / ')}`, 'COMMAND_FAILED', {
    response: reply,
  });
}

function toPath(address: string): SmtpPath {
  try {
    return parsePath(`<${address}>`, false).path;
  } catch (err) {
    throw new MailClientError(`not a valid address: ${JSON.stringify(address)}`, 'REFUSED', { cause: err });
  }
}

/** The message as a sequence of byte chunks, whatever form it was given in. */
async function* chunksOf(content: Exclude<MessageSource, string>): AsyncGenerator<Uint8Array> {
  if (content instanceof Uint8Array) {
    yield content;
    return;
  }
  for await (const piece of content as AsyncIterable<Uint8Array | string>) {
    yield typeof piece === 'string' ? enc.encode(piece) : piece;
  }
}
