/** What every mailwire Node client (SMTP, POP3, IMAP) takes, and how it opens its transport. */
import type net from 'node:net';
import type { Limits } from '@mailwire/core';
import { MailClientError } from './errors';
import type { TranscriptHook } from './transcript';
import { type TlsOptions, Transport, TransportError } from './transport';

export type Security =
  /** TLS from the first byte (ports 465, 995, 993). */
  | 'implicit'
  /** Plain connection upgraded with STARTTLS / STLS; fail if the server does not offer it. */
  | 'starttls'
  /** Upgrade when offered, else stay in plaintext. */
  | 'starttls-if-available'
  /** Never encrypt (only for servers you reach over a trusted path). */
  | 'none';

export interface CommonClientOptions {
  host: string;
  port?: number;
  security?: Security;
  tls?: TlsOptions;
  /** Allow passwords in the clear (USER/PASS, LOGIN, AUTH PLAIN/LOGIN) without TLS. Default false. */
  allowPlaintextLogin?: boolean;
  /** Milliseconds for TCP connect (and the implicit-TLS handshake). Default 30 s. */
  connectTimeoutMs?: number;
  /** Milliseconds without a byte from the server while an answer is awaited. */
  timeoutMs?: number;
  /** Aborting closes the connection: a half-sent command cannot be taken back. */
  signal?: AbortSignal;
  /** Connect through this already-connected socket (a proxy). */
  socket?: net.Socket;
  /** Every byte in and out, credentials masked. */
  transcript?: TranscriptHook;
  /** Lenient-parse warnings and TLS policy warnings. */
  onWarning?: (message: string) => void;
  /** Strict parsing of the server's bytes (default lenient, as real servers need). */
  strict?: boolean;
  limits?: Partial<Limits>;
}

/** Connects as the options say, turning TLS failures into MailClientError TLS_FAILED. */
export async function openTransport(
  options: CommonClientOptions,
  port: number,
  implicit: boolean,
): Promise<Transport> {
  try {
    return await Transport.connect({
      host: options.host,
      port,
      tls: implicit ? 'implicit' : 'none',
      ...(options.tls ? { tlsOptions: options.tls } : {}),
      ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.socket ? { socket: options.socket } : {}),
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    });
  } catch (err) {
    if (err instanceof TransportError && err.code === 'TLS_FAILED') {
      throw new MailClientError(err.message, 'TLS_FAILED', { cause: err });
    }
    throw err;
  }
}

/** Upgrades a live connection after the server's go-ahead; on failure the session is failed too. */
export async function upgradeToTls(transport: Transport, what: string): Promise<void> {
  try {
    await transport.startTls();
  } catch (err) {
    throw new MailClientError(`${what} failed: ${(err as Error).message}`, 'TLS_FAILED', { cause: err });
  }
}

/** The security mode and port: implicit TLS on the protocol's TLS port, else STARTTLS required. */
export function resolveEndpoint(
  options: CommonClientOptions,
  ports: { implicit: number; plain: number },
): { security: Security; port: number } {
  const security = options.security ?? (options.port === ports.implicit ? 'implicit' : 'starttls');
  return { security, port: options.port ?? (security === 'implicit' ? ports.implicit : ports.plain) };
}

/**
 * Whether to upgrade with STARTTLS/STLS now (`verb` names it); refuses to go on when the mode
 * requires TLS and the server does not offer the upgrade.
 */
export function wantsStartTls(security: Security, offered: boolean, host: string, verb: string): boolean {
  if (security !== 'starttls' && security !== 'starttls-if-available') return false;
  if (offered) return true;
  if (security === 'starttls') {
    throw new MailClientError(`${host} does not offer ${verb}; refusing to continue without TLS`, 'REFUSED');
  }
  return false;
}
