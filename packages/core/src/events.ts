import type { ParseError } from './errors';

/**
 * Events every mailwire parser can emit besides its protocol's own.
 *
 * Lenient mode (the default for clients) accepts what real servers send but the RFCs
 * forbid, and says so with a `WarningEvent`; input it cannot make sense of becomes an
 * `ErrorEvent` and the parser resynchronises at the next line (or response). Strict mode
 * throws the `ParseError` instead and stops.
 */
export interface WarningEvent {
  type: 'warning';
  /** Short machine-readable name of the quirk, e.g. `BARE_LF`, `MISSING_TEXT`. */
  code: string;
  /** What was accepted, in words. */
  message: string;
  /** Byte offset from the start of the stream. */
  offset: number;
}

export interface ErrorEvent {
  type: 'error';
  error: ParseError;
}

export function warningEvent(code: string, message: string, offset: number): WarningEvent {
  return { type: 'warning', code, message, offset };
}

export function errorEvent(error: ParseError): ErrorEvent {
  return { type: 'error', error };
}
