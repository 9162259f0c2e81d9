import { ParseError, type ParseErrorCode } from '@mailwire/core';

/**
 * Builders for the `ParseError`s this package throws (protocol `'sasl'`).
 *
 * Messages name what was wrong but never carry a password or a key: excerpts are only
 * ever taken from server messages (client side) or from non-secret fields.
 */
function saslError(code: ParseErrorCode, message: string, excerpt?: Uint8Array | string): ParseError {
  return new ParseError(
    excerpt === undefined
      ? { protocol: 'sasl', code, message }
      : { protocol: 'sasl', code, message, excerpt },
  );
}

/** The exchange cannot go on: unexpected challenge, bad server proof, server-reported error. */
export function authFailed(message: string, excerpt?: Uint8Array | string): ParseError {
  return saslError('AUTH_FAILED', message, excerpt);
}

/** A peer message that does not match the mechanism's grammar. */
export function badSyntax(message: string, excerpt?: Uint8Array | string): ParseError {
  return saslError('BAD_SYNTAX', message, excerpt);
}

/** The caller gave credentials or options the mechanism must refuse. */
export function invalidArgument(message: string): ParseError {
  return saslError('INVALID_ARGUMENT', message);
}

/** A method called in a state where it makes no sense (e.g. a server step after the end). */
export function invalidState(message: string): ParseError {
  return saslError('INVALID_STATE', message);
}
