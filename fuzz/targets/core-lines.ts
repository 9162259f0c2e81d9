/** ReceiveBuffer line framing: only ParseError, and every chunking gives the same lines. */
import { ReceiveBuffer } from '@mailwire/core';
import { allowParseErrors, checkChunking } from '../src/invariants';

function lineParser(allowBareLF: boolean) {
  return () => {
    const buf = new ReceiveBuffer({ maxLineLength: 256, allowBareLF });
    let failed = false;
    const drain = (): unknown[] => {
      const out: unknown[] = [];
      if (failed) return out;
      try {
        for (let line = buf.readLine(); line; line = buf.readLine())
          out.push({ type: 'line', ...line, bytes: line.bytes.slice() });
      } catch (err) {
        failed = true;
        out.push({ type: 'error', error: err });
      }
      return out;
    };
    return {
      push(c: Uint8Array) {
        if (failed) return [];
        buf.push(c);
        return drain();
      },
      end: () => [{ type: 'rest', length: failed ? -1 : buf.length }],
    };
  };
}

export function fuzz(data: Buffer): void {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  for (const lenient of [false, true]) {
    allowParseErrors(() => checkChunking(`lines (bare LF ${lenient})`, lineParser(lenient), bytes));
  }
}
