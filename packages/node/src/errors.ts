/** Errors of the Node clients: what failed, in words, with a code to switch on. */
export type ClientErrorCode =
  /** The server answered -ERR / NO / BAD / 4xx / 5xx to a command. */
  | 'COMMAND_FAILED'
  /** The connection closed (or was closed) before the answer was complete. */
  | 'CONNECTION_CLOSED'
  /** No bytes from the server for longer than the timeout. */
  | 'TIMEOUT'
  /** The caller's AbortSignal fired. */
  | 'ABORTED'
  /** The server's bytes could not be parsed (the ParseError is the cause). */
  | 'PROTOCOL_ERROR'
  /** The client refused to do something unsafe or impossible (plaintext password without TLS, no common mechanism). */
  | 'REFUSED'
  /** TLS could not be set up (the TransportError is the cause). */
  | 'TLS_FAILED';

export class MailClientError extends Error {
  override readonly name = 'MailClientError';
  constructor(
    message: string,
    readonly code: ClientErrorCode,
    options?: { cause?: unknown; response?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.response = options?.response;
  }
  /** The server's response, when a command failed (the protocol's typed response/reply). */
  readonly response: unknown;
}
