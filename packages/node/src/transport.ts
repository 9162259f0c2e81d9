/**
 * The byte transport under every mailwire client: TCP, implicit TLS, and the STARTTLS /
 * STLS upgrade of a live connection. It moves bytes and nothing else — all parsing lives
 * in the sans-I/O protocols — and it is where TLS policy is enforced: certificates are
 * verified by default, turning that off is explicit and reported, and an upgrade refuses
 * to start while received bytes are still unread (they would have arrived in plaintext
 * after the go-ahead: the STARTTLS command-injection class, CVE-2011-0411).
 */
import net from 'node:net';
import tls from 'node:tls';

export type TlsMode = 'none' | 'implicit';

export interface TlsOptions {
  /** Extra trusted CA certificates (PEM). The system store is used too unless `ca` replaces it. */
  ca?: string | Buffer | (string | Buffer)[];
  /** Name to verify the certificate against (and to send as SNI); defaults to the host. */
  servername?: string;
  /**
   * Verify the server certificate (default true). Turning it off is reported through
   * `onWarning` on every connection, so it never goes unnoticed.
   */
  rejectUnauthorized?: boolean;
  /** Client certificate and key (PEM) for servers that ask for one (SASL EXTERNAL). */
  cert?: string | Buffer;
  key?: string | Buffer;
  minVersion?: tls.SecureVersion;
}

export interface TransportOptions {
  host: string;
  port: number;
  /** `implicit`: TLS from the first byte (ports 465, 995, 993). Default `none`. */
  tls?: TlsMode;
  tlsOptions?: TlsOptions;
  /** Milliseconds allowed for TCP connect plus, with implicit TLS, the handshake. Default 30 s. */
  connectTimeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Use this already-connected socket instead of connecting (e.g. one opened through a
   * SOCKS or HTTP CONNECT proxy). `host` is still used for TLS verification.
   */
  socket?: net.Socket;
  onWarning?: (message: string) => void;
}

export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    message: string,
    readonly code: 'CONNECT_FAILED' | 'TIMEOUT' | 'ABORTED' | 'TLS_FAILED' | 'CLOSED' | 'UNREAD_BYTES',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

type DataHandler = (chunk: Uint8Array) => void;
type CloseHandler = (error: Error | undefined) => void;

const DEFAULT_CONNECT_TIMEOUT = 30_000;

function tlsConnectOptions(host: string, o: TlsOptions = {}): tls.ConnectionOptions {
  const servername = o.servername ?? host;
  return {
    // SNI must not be an IP address (RFC 6066 §3); verification still checks IP SANs.
    ...(net.isIP(servername) ? {} : { servername }),
    checkServerIdentity: (_h, cert) => tls.checkServerIdentity(servername, cert),
    rejectUnauthorized: o.rejectUnauthorized ?? true,
    ...(o.ca !== undefined ? { ca: o.ca } : {}),
    ...(o.cert !== undefined ? { cert: o.cert } : {}),
    ...(o.key !== undefined ? { key: o.key } : {}),
    minVersion: o.minVersion ?? 'TLSv1.2',
  };
}

/**
 * A connected socket with a small, explicit surface: `onData` and `onClose` handlers,
 * `write` with backpressure, `pause`/`resume`, `startTls`, `close`.
 */
export class Transport {
  private socket: net.Socket;
  private dataHandler: DataHandler | undefined;
  private closeHandler: CloseHandler | undefined;
  private closed = false;
  private closeError: Error | undefined;
  /** Bytes received while no handler was set; handed to the next handler in order. */
  private pending: Uint8Array[] = [];
  private upgrading = false;
  private _encrypted: boolean;

  private constructor(
    socket: net.Socket,
    encrypted: boolean,
    private readonly options: TransportOptions,
  ) {
    this.socket = socket;
    this._encrypted = encrypted;
    this.attach(socket);
  }

  /** Connects (and with `tls: 'implicit'`, completes the handshake) or fails with a TransportError. */
  static async connect(options: TransportOptions): Promise<Transport> {
    const mode = options.tls ?? 'none';
    if (mode === 'implicit' && options.tlsOptions?.rejectUnauthorized === false) {
      options.onWarning?.(`TLS certificate verification is OFF for ${options.host}:${options.port}`);
    }
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT;
      let s: net.Socket;
      const fail = (err: TransportError): void => {
        cleanup();
        s?.destroy();
        reject(err);
      };
      const onAbort = (): void =>
        fail(
          new TransportError(`connecting to ${options.host}:${options.port} was aborted`, 'ABORTED', {
            cause: options.signal?.reason,
          }),
        );
      const timer = setTimeout(
        () =>
          fail(
            new TransportError(
              `connecting to ${options.host}:${options.port} timed out after ${timeoutMs} ms`,
              'TIMEOUT',
            ),
          ),
        timeoutMs,
      );
      const cleanup = (): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      if (options.signal?.aborted) {
        clearTimeout(timer);
        reject(
          new TransportError(`connecting to ${options.host}:${options.port} was aborted`, 'ABORTED', {
            cause: options.signal.reason,
          }),
        );
        return;
      }
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const ready = (): void => {
        cleanup();
        resolve(s);
      };
      const onError = (err: Error): void => {
        const tlsFailure = mode === 'implicit' && !(err as NodeJS.ErrnoException).syscall;
        fail(
          new TransportError(
            `${tlsFailure ? 'TLS handshake with' : 'cannot connect to'} ${options.host}:${options.port}: ${err.message}`,
            tlsFailure ? 'TLS_FAILED' : 'CONNECT_FAILED',
            { cause: err },
          ),
        );
      };
      if (mode === 'implicit') {
        s = tls.connect({
          ...tlsConnectOptions(options.host, options.tlsOptions),
          ...(options.socket ? { socket: options.socket } : { host: options.host, port: options.port }),
        });
        s.once('secureConnect', ready);
      } else if (options.socket) {
        s = options.socket;
        queueMicrotask(ready);
      } else {
        s = net.connect({ host: options.host, port: options.port });
        s.once('connect', ready);
      }
      s.once('error', onError);
      // the handlers above are one-shot; remove the error handler once connected
      const off = (): void => {
        s.removeListener('error', onError);
      };
      s.once(mode === 'implicit' ? 'secureConnect' : 'connect', off);
      if (options.socket && mode !== 'implicit') queueMicrotask(off);
    });
    socket.setNoDelay(true);
    return new Transport(socket, mode === 'implicit', options);
  }

  get encrypted(): boolean {
    return this._encrypted;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** TLS details once encrypted: protocol version and cipher (for logs and tests). */
  get tlsInfo(): { protocol: string | null; cipher: string; authorized: boolean } | undefined {
    if (!(this.socket instanceof tls.TLSSocket)) return undefined;
    return {
      protocol: this.socket.getProtocol(),
      cipher: this.socket.getCipher().name,
      authorized: this.socket.authorized,
    };
  }

  private attach(s: net.Socket): void {
    s.on('data', (chunk: Buffer) => {
      if (this.upgrading) return; // handled by startTls
      // a Buffer is a Uint8Array: handed on as it is (one object less per chunk)
      if (this.dataHandler) this.dataHandler(chunk);
      else this.pending.push(chunk);
    });
    s.on('error', (err) => {
      this.closeError ??= err;
    });
    s.on('close', () => {
      if (this.upgrading || s !== this.socket) return;
      this.closed = true;
      this.closeHandler?.(this.closeError);
    });
  }

  /** Sets the receiver of incoming bytes; bytes that arrived before are delivered first. */
  onData(handler: DataHandler): void {
    this.dataHandler = handler;
    for (const chunk of this.pending.splice(0)) handler(chunk);
  }

  /** Called once when the connection is gone (with the socket error, if any). */
  onClose(handler: CloseHandler): void {
    this.closeHandler = handler;
    if (this.closed) queueMicrotask(() => handler(this.closeError));
  }

  /** Stops reading from the socket (the peer sees TCP backpressure). */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  /** Writes bytes; resolves once the socket accepted them without exceeding its buffer (drain). */
  write(bytes: Uint8Array): Promise<void> {
    if (this.closed)
      return Promise.reject(new TransportError('connection is closed', 'CLOSED', { cause: this.closeError }));
    return new Promise((resolve, reject) => {
      const ok = this.socket.write(bytes, (err) => {
        if (err) reject(new TransportError(`write failed: ${err.message}`, 'CLOSED', { cause: err }));
      });
      if (ok) resolve();
      else this.socket.once('drain', () => resolve());
    });
  }

  /**
   * Upgrades the connection to TLS after the server's go-ahead to STARTTLS / STLS.
   * `unread` is the number of received bytes the protocol layer has not consumed: if it is
   * not zero, or bytes are waiting here, the upgrade is refused — those bytes came in
   * plaintext after the go-ahead and must not be parsed as if they were protected.
   */
  async startTls(unread = 0): Promise<void> {
    if (this._encrypted) throw new TransportError('connection is already encrypted', 'TLS_FAILED');
    if (this.closed || this.socket.destroyed) {
      throw new TransportError('connection closed before the TLS handshake', 'CLOSED', {
        cause: this.closeError,
      });
    }
    const waiting = this.pending.reduce((n, c) => n + c.length, 0) + unread;
    if (waiting > 0) {
      throw new TransportError(
        `${waiting} byte(s) arrived after the STARTTLS go-ahead and before the TLS handshake; refusing to continue (possible command injection)`,
        'UNREAD_BYTES',
      );
    }
    const { host, tlsOptions } = this.options;
    if (tlsOptions?.rejectUnauthorized === false) {
      this.options.onWarning?.(`TLS certificate verification is OFF for ${host}:${this.options.port}`);
    }
    const plain = this.socket;
    this.upgrading = true;
    plain.removeAllListeners('data');
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ ...tlsConnectOptions(host, tlsOptions), socket: plain });
      s.once('secureConnect', () => {
        s.removeListener('error', onError);
        resolve(s);
      });
      const onError = (err: Error): void => {
        reject(
          new TransportError(
            `TLS handshake with ${host}:${this.options.port} failed: ${err.message}`,
            'TLS_FAILED',
            { cause: err },
          ),
        );
      };
      s.once('error', onError);
    }).finally(() => {
      this.upgrading = false;
    });
    this.socket = secure;
    this._encrypted = true;
    this.attach(secure);
  }

  /** Ends the connection gracefully (FIN after pending writes). */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
      // a peer that never closes its side must not keep us waiting forever
      setTimeout(() => this.socket.destroy(), 2000).unref();
    });
  }

  /** Tears the connection down at once. */
  destroy(error?: Error): void {
    if (error) this.closeError ??= error;
    this.socket.destroy();
  }
}
