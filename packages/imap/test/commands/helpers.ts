import { ParseError } from '@mailwire/core';
import fc from 'fast-check';
import {
  type ImapCommand,
  type ImapCommandEvent,
  ImapCommandParser,
  type ImapCommandParserOptions,
} from '../../src/commands/index';

/**
 * A property's run count, scaled like the global one (MAILWIRE_FC_RUNS, default 100): the
 * command grammar is wide, so these properties run `n` times at the default, more in a long
 * campaign, fewer in a mutation run.
 */
export const scaledRuns = (n: number): number =>
  Math.max(1, Math.round((n * (fc.readConfigureGlobal().numRuns ?? 100)) / 100));

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

export function parseAll(input: string | Uint8Array, options?: ImapCommandParserOptions): ImapCommandEvent[] {
  const p = new ImapCommandParser(options);
  const bytes = typeof input === 'string' ? enc(input) : input;
  return [...p.push(bytes), ...p.end()];
}

/** The commands of `input`; throws the first error event. */
export function commands(input: string | Uint8Array, options?: ImapCommandParserOptions): ImapCommand[] {
  const out: ImapCommand[] = [];
  for (const e of parseAll(input, options)) {
    if (e.type === 'error') throw e.error;
    if (e.type === 'command') out.push(e.command);
  }
  return out;
}

/** The single command of one line (CRLF appended), strict. */
export function one(line: string, options?: ImapCommandParserOptions): ImapCommand {
  const cmds = commands(`${line}\r\n`, { strict: true, ...options });
  if (cmds.length !== 1) throw new Error(`expected one command, got ${cmds.length}`);
  return cmds[0] as ImapCommand;
}

/** Events made comparable: Uint8Array values as arrays of numbers, bigint as text. */
export function plain(v: unknown): unknown {
  return JSON.parse(
    JSON.stringify(v, (_k, x) =>
      typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? { bytes: Array.from(x) } : x,
    ),
  );
}

export function kinds(evs: ImapCommandEvent[]): string[] {
  return evs.map((e) =>
    e.type === 'warning' ? `warning:${e.code}` : e.type === 'error' ? `error:${e.error.code}` : e.type,
  );
}

/** The error of an error event (fails the test on any other event). */
export const errorOf = (e: ImapCommandEvent | undefined): ParseError => {
  if (e?.type !== 'error') throw new Error(`expected an error event, got ${e?.type}`);
  return e.error;
};

/** The command of a command event (fails the test on any other event). */
export const commandOf = (e: ImapCommandEvent | undefined): ImapCommand => {
  if (e?.type !== 'command') throw new Error(`expected a command event, got ${e?.type}`);
  return e.command;
};

/** The ParseError `f` throws (fails the test if it throws anything else or nothing). */
export function thrownBy(f: () => unknown): ParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('expected a ParseError');
}
