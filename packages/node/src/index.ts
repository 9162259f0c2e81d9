export type { Direction, MaskRule, TranscriptEntry, TranscriptHook } from './transcript';
export { MASK, maskLine, Transcript } from './transcript';
export type { TlsMode, TlsOptions, TransportOptions } from './transport';
export { Transport, TransportError } from './transport';
