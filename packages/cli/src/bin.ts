import { processIo } from './io';
import { main } from './main';
import { defaultParsers } from './parse/registry';

main(process.argv.slice(2), processIo, defaultParsers).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `mailwire: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 70;
  },
);
