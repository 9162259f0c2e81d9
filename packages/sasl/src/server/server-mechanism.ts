import type { ParseError } from '@mailwire/core';
import type { ScramCredentials, ScramHash } from '../scram-crypto';

/**
 * One step of a server-side exchange: send a challenge and wait, or the end.
 * `additionalData` is what the server sends with the outcome (SCRAM's `v=` / `e=`): as a
 * last challenge (IMAP, SMTP) or with the success reply where the protocol allows it.
 */
export type SaslServerStep =
  | { type: 'challenge'; challenge: Uint8Array }
  | {
      type: 'success';
      /** Authentication identity that proved itself. */
      authcid: string;
      /** Identity granted: the requested authzid, or `authcid` when none was requested. */
      authzid: string;
      additionalData?: Uint8Array;
    }
  | {
      type: 'failure';
      /** AUTH_FAILED for wrong credentials, BAD_SYNTAX for a malformed client message. No secrets inside. */
      error: ParseError;
      additionalData?: Uint8Array;
    };

/**
 * A sans-I/O server mechanism: `start()` with the client's initial response (or
 * `undefined` if it sent none), then `step()` with each response until the result is
 * `success` or `failure`. Malformed client input is a `failure`, never an exception;
 * calling `step()` out of turn throws `ParseError` INVALID_STATE.
 */
export interface SaslServerMechanism {
  readonly name: string;
  start(initialResponse: Uint8Array | undefined): SaslServerStep;
  step(response: Uint8Array): SaslServerStep;
}

/**
 * How server mechanisms look users up. All synchronous: a test or embedded server keeps
 * them in memory; a server with a slow store looks the user up before creating the mechanism.
 */
export interface SaslServerCredentials {
  /** The clear-text password of `authcid` (PLAIN, LOGIN, CRAM-MD5), `undefined` if unknown. */
  getPassword?(authcid: string): string | undefined;
  /** Checks a password (PLAIN, LOGIN) when the store keeps hashes; used instead of `getPassword`. */
  verifyPassword?(authcid: string, password: string): boolean;
  /** The SCRAM credentials of `authcid` for `hash`, `undefined` if unknown. */
  getScramCredentials?(authcid: string, hash: ScramHash): ScramCredentials | undefined;
  /** May `authcid` act as `authzid`? Only asked when they differ. Default: never. */
  authorize?(authcid: string, authzid: string): boolean;
}
