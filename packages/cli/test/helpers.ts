import type { CliIo } from '../src/io';

/** An in-memory CliIo: captures output; `files` maps paths (and `-` for stdin) to contents. */
export function memoryIo(files: Record<string, string | Uint8Array> = {}, chunkSize = 7) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    writeOut: (t) => {
      out.push(t);
    },
    writeErr: (t) => {
      err.push(t);
    },
    async *openInput(path) {
      const content = files[path];
      if (content === undefined) {
        throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), {
          code: 'ENOENT',
        });
      }
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
    },
  };
  return {
    io,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    events: () =>
      out
        .join('')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
