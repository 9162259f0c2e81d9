/**
 * The one adapter between a Transport and a sans-I/O client protocol: it pumps received
 * bytes into the protocol and hands the events to the client, writes what the client asks
 * (through the transcript, masked where told), enforces the inactivity timeout while
 * something is pending, and turns the end of the connection into `protocol.end()` — so a
 * message cut short is reported by the parser as an error, never as complete.
 */
import { isParseError, type ParseError } from '@mailwire/core';
import { MailClientError } from './errors';
import type { MaskRule } from './transcript';
import { Transcript, type TranscriptHook } from './transcript';
import type { Transport } from './transport';

export interface SansIoProtocol<E> {
  receive(bytes: Uint8Array): E[];
  end(): E[];
}

export interface SessionOptions {
  transcript?: TranscriptHook | undefined;
  /** Milliseconds without a byte from the server while an answer is awaited. */
  timeoutMs: number;
  /** Aborting it fails whatever is in progress and closes the connection. */
  signal?: AbortSignal | undefined;
}

export interface SessionHandlers<E> {
  /** Events from the protocol, in order. */
  onEvents(events: E[]): void;
  /** The session is over: `error` says why when it was not a clean close. */
  onClosed(error: MailClientError | undefined): void;
}

export class Session<E> {
  private readonly transcript: Transcript;
  private timer: NodeJS.Timeout | undefined;
  private waiting = 0;
  private closedError: MailClientError | undefined;
  private closed = false;
  private stopListening: (() => void) | undefined;
  private timeoutMs: number;

  constructor(
    readonly transport: Transport,
    private readonly protocol: SansIoProtocol<E>,
    private readonly handlers: SessionHandlers<E>,
    private readonly options: SessionOptions,
  ) {
    this.transcript = new Transcript(options.transcript);
    this.timeoutMs = options.timeoutMs;
    transport.onData((chunk) => this.onData(chunk));
    transport.onClose((err) => this.onTransportClose(err));
    const signal = options.signal;
    if (signal) {
      const onAbort = (): void =>
        this.fail(new MailClientError('aborted by the caller', 'ABORTED', { cause: signal.reason }));
      if (signal.aborted) queueMicrotask(onAbort);
      else {
        signal.addEventListener('abort', onAbort, { once: true });
        this.stopListening = () => signal.removeEventListener('abort', onAbort);
      }
    }
  }

  /**
   * Sends a command whose answer is then awaited (`label` names it in errors); a write that
   * fails tears the session down, which fails every pending call.
   */
  send(label: string, bytes: Uint8Array, mask?: MaskRule, timeoutMs?: number): void {
    this.expectAnswer(timeoutMs);
    this.write(bytes, mask).catch((err: Error) => {
      this.fail(
        new MailClientError(`cannot write ${label}: ${err.message}`, 'CONNECTION_CLOSED', { cause: err }),
      );
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Writes bytes, recording them in the transcript (masked by `mask`). A server that stops
   * reading cannot hold the client forever: if the bytes are not taken within `stallMs`
   * (default: the session's timeout), the session fails with TIMEOUT (RFC 5321 §4.5.3.2.5
   * gives each data block of a message 3 minutes).
   */
  async write(bytes: Uint8Array, mask?: MaskRule, stallMs = this.options.timeoutMs): Promise<void> {
    if (this.closed)
      throw this.closedError ?? new MailClientError('the connection is closed', 'CONNECTION_CLOSED');
    this.transcript.record('client', bytes, mask);
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new MailClientError(
          `the server took no data for ${stallMs} ms (it stopped reading)`,
          'TIMEOUT',
        );
        this.fail(err);
        reject(err);
      }, stallMs);
      timer.unref?.();
    });
    try {
      await Promise.race([this.transport.write(bytes), stalled]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Something now waits for the server: the inactivity timer runs while the count is above
   * zero, with the timeout of the latest expectation (default: the session's).
   */
  expectAnswer(timeoutMs = this.options.timeoutMs): void {
    this.waiting++;
    this.timeoutMs = timeoutMs;
    this.armTimer();
  }

  answered(): void {
    if (this.waiting > 0) this.waiting--;
    if (this.waiting === 0) this.clearTimer();
  }

  /** Ends the session with an error (the connection is torn down). */
  fail(error: MailClientError): void {
    if (this.closed) return;
    this.closedError = error;
    this.transport.destroy(error);
  }

  async close(): Promise<void> {
    this.clearTimer();
    await this.transport.close();
  }

  private onData(chunk: Uint8Array): void {
    this.transcript.record('server', chunk);
    // a byte from the server restarts the inactivity timer (refresh: no new timer per chunk)
    if (this.waiting > 0) this.restartTimer();
    let events: E[];
    try {
      events = this.protocol.receive(chunk);
    } catch (err) {
      // strict mode: what the chunk completed before the error still counts
      this.handlers.onEvents(eventsBefore<E>(err));
      this.fail(protocolError(err));
      return;
    }
    this.handlers.onEvents(events);
  }

  private onTransportClose(err: Error | undefined): void {
    this.clearTimer();
    this.stopListening?.();
    let events: E[] = [];
    try {
      events = this.protocol.end();
    } catch (e) {
      events = eventsBefore<E>(e);
      this.closedError ??= protocolError(e);
    }
    this.closed = true;
    if (!this.closedError && err) {
      this.closedError =
        err instanceof MailClientError
          ? err
          : new MailClientError(`connection lost: ${err.message}`, 'CONNECTION_CLOSED', { cause: err });
    }
    this.handlers.onEvents(events);
    this.handlers.onClosed(this.closedError);
  }

  private restartTimer(): void {
    if (this.timer) this.timer.refresh();
    else this.armTimer();
  }

  private armTimer(): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.fail(new MailClientError(`no answer from the server for ${this.timeoutMs} ms`, 'TIMEOUT'));
    }, this.timeoutMs);
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** The error each call still waiting gets when the session ends. */
export function closedWhileWaiting(err: MailClientError, label: string): MailClientError {
  return new MailClientError(`${err.message} (while waiting for ${label})`, err.code, { cause: err });
}

/**
 * Runs a client's connect steps (greeting, capabilities, STARTTLS); if one fails, the
 * session is torn down before the error is passed on, so no socket is left open.
 */
export async function establish(
  session: { fail(error: MailClientError): void },
  steps: () => Promise<void>,
): Promise<void> {
  try {
    await steps();
  } catch (err) {
    session.fail(err instanceof MailClientError ? err : protocolError(err));
    throw err;
  }
}

export function protocolError(err: unknown): MailClientError {
  if (isParseError(err)) {
    const pe = err as ParseError;
    return new MailClientError(
      `the server sent bytes that cannot be parsed: ${pe.message}`,
      'PROTOCOL_ERROR',
      { cause: pe },
    );
  }
  return new MailClientError(
    `internal error: ${err instanceof Error ? err.message : String(err)}`,
    'PROTOCOL_ERROR',
    { cause: err },
  );
}

/** The events a strict-mode ParseError says its call completed before it (none otherwise). */
function eventsBefore<E>(err: unknown): E[] {
  return isParseError(err) ? (err.eventsBefore as E[]).slice() : [];
}
