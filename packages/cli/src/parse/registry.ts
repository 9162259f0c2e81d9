import type { ParserRegistry } from '../main';

/** The protocols `mailwire parse` knows, by `--protocol` name. */
export const defaultParsers: ParserRegistry = {};
