import { invalidArgument } from '../sasl-error';

/** Refuses a credential field holding NUL (the PLAIN separator), or empty when `nonEmpty`. Never quotes the value. */
export function checkField(value: string, what: string, options: { nonEmpty?: boolean } = {}): void {
  if (options.nonEmpty && value.length === 0) throw invalidArgument(`${what} must not be empty`);
  if (value.includes('\0')) throw invalidArgument(`${what} must not contain NUL`);
}

/** Refuses a value that would break a ^A-separated OAuth key/value list (RFC 7628 §3.1). */
export function checkOAuthField(value: string, what: string): void {
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value))
    throw invalidArgument(`${what} must not contain control characters`);
}
