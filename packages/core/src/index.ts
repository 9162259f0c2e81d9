export { ParseError, isParseError, printableExcerpt, EXCERPT_LENGTH } from './errors';
export type { ErrorProtocol, ParseErrorCode, ParseErrorOptions } from './errors';
export { DEFAULT_LIMITS, resolveLimits } from './limits';
export type { Limits } from './limits';
export { warningEvent, errorEvent } from './events';
export type { WarningEvent, ErrorEvent } from './events';
export type { SaslMechanism } from './sasl-mechanism';
