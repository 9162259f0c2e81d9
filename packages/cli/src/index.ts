export type { CliIo } from './io';
export type { ParserRegistry } from './main';
export { EXIT_OK, EXIT_PARSE_ERROR, EXIT_USAGE, main } from './main';
export { defaultParsers } from './parse/registry';
export type { ParseSummary } from './parse/run-parse';
export { runParse } from './parse/run-parse';
export type { CliEvent, CliParserFactory, CliStreamParser, ParseCliOptions, ParseSide } from './parse/types';
export { ndjsonLine, toJsonValue } from './render';
export { VERSION } from './version';
