import { Command, CommanderError, Option } from 'commander';
import type { CliIo } from './io';
import { runParse } from './parse/run-parse';
import type { CliParserFactory, ParseCliOptions, ParseSide } from './parse/types';
import { VERSION } from './version';

/** Exit codes: 0 success, 1 the input had a parse error, 2 the command line was wrong. */
export const EXIT_OK = 0;
export const EXIT_PARSE_ERROR = 1;
export const EXIT_USAGE = 2;

export type ParserRegistry = Readonly<Record<string, CliParserFactory>>;

interface ParseFlags {
  protocol: string;
  side: ParseSide;
  greeting: boolean;
  command: string[];
  strict: boolean;
}

/**
 * Runs the `mailwire` command line with `argv` (without the node and script paths) and
 * returns the exit code. Never calls `process.exit`, so it can run inside tests.
 */
export async function main(argv: readonly string[], io: CliIo, parsers: ParserRegistry): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('mailwire')
    .description('Parse and speak SMTP, POP3 and IMAP: captures in, typed events out.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run mailwire --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.writeOut, writeErr: io.writeErr });

  program
    .command('parse')
    .description(
      'Parse a capture of one side of a session and print one JSON object per event (NDJSON).\n' +
        'Exit status: 0 when the input parsed cleanly, 1 when any parse error occurred, 2 on a usage error.',
    )
    .argument('[file]', 'capture to read; - or nothing reads standard input', '-')
    .addOption(
      new Option('-p, --protocol <protocol>', 'protocol of the capture')
        .choices(Object.keys(parsers))
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('-s, --side <side>', 'which side sent the bytes: server (replies) or client (commands)')
        .choices(['server', 'client'])
        .default('server'),
    )
    .option('--greeting', 'POP3: the capture starts with the server greeting', false)
    .option(
      '-c, --command <command>',
      'POP3: a command whose response comes next, in order (repeat it); tells multi-line responses apart',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--strict', 'stop at the first error instead of reporting it and going on', false)
    .action(async (file: string, flags: ParseFlags) => {
      const factory = parsers[flags.protocol];
      if (!factory)
        throw new CommanderError(EXIT_USAGE, 'mailwire.protocol', `unknown protocol ${flags.protocol}`);
      const options: ParseCliOptions = {
        side: flags.side,
        strict: flags.strict,
        greeting: flags.greeting,
        commands: flags.command,
      };
      let input: AsyncIterable<Uint8Array>;
      try {
        input = io.openInput(file);
        const summary = await runParse(factory, options, input, io);
        if (summary.errors > 0) {
          io.writeErr(`mailwire parse: ${summary.errors} parse error(s) in ${summary.events} event(s)\n`);
          exitCode = EXIT_PARSE_ERROR;
        }
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
          io.writeErr(`mailwire parse: cannot read ${file}: ${(err as Error).message}\n`);
          exitCode = EXIT_USAGE;
          return;
        }
        throw err;
      }
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; help shown because no command was given is a usage error.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
      if (err.code === 'mailwire.protocol') io.writeErr(`mailwire: ${err.message}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
  return exitCode;
}
