export type { TlsMode, TlsOptions, TransportOptions } from './transport';
export { Transport, TransportError } from './transport';
