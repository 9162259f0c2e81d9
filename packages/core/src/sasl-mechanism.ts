/**
 * The shape of a client-side SASL mechanism, as the protocol state machines (SMTP AUTH,
 * POP3 AUTH, IMAP AUTHENTICATE) drive it. `@mailwire/sasl` implements it; the codecs only
 * depend on this interface, so they need no runtime dependency on the mechanisms.
 *
 * Challenges and responses are raw bytes: the protocols carry them base64-encoded and
 * the state machines do that encoding.
 */
export interface SaslMechanism {
  /** Mechanism name as registered with IANA, upper case (e.g. `SCRAM-SHA-256`). */
  readonly name: string;
  /**
   * The initial response to send with the AUTH command (SASL-IR), or `undefined` if the
   * mechanism has none and waits for the server's first challenge.
   */
  initialResponse(): Uint8Array | undefined;
  /** The response to a server challenge. Throws `ParseError` (code `AUTH_FAILED`) if it cannot answer. */
  respond(challenge: Uint8Array): Uint8Array;
  /**
   * Checks the server's final data (e.g. SCRAM's server signature) on success. Throws
   * `ParseError` (code `AUTH_FAILED`) if the server failed to prove itself.
   */
  verify(final: Uint8Array | undefined): void;
}
