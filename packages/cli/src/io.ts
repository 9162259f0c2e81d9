import { createReadStream } from 'node:fs';

/** Everything the command line touches outside itself, so tests can run it in-process. */
export interface CliIo {
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** The bytes of a file, or of standard input for `-`, in chunks. */
  openInput(path: string): AsyncIterable<Uint8Array>;
}

/** Read size for files and stdin: the chunk size a socket would typically hand over. */
export const INPUT_CHUNK_SIZE = 64 * 1024;

export const processIo: CliIo = {
  writeOut: (text) => {
    process.stdout.write(text);
  },
  writeErr: (text) => {
    process.stderr.write(text);
  },
  openInput: (path) =>
    path === '-' ? process.stdin : createReadStream(path, { highWaterMark: INPUT_CHUNK_SIZE }),
};
