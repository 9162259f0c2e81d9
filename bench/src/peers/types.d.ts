/** Minimal types for the peers that ship none (only what the adapters use). */

declare module 'imap/lib/Parser.js' {
  import type { EventEmitter } from 'node:events';
  import type { Readable } from 'node:stream';

  interface UntaggedInfo {
    type: string;
    num?: number;
    textCode?: unknown;
    text: unknown;
  }
  interface TaggedInfo {
    type: string;
    tagnum: number;
    textCode?: unknown;
    text: string;
  }
  interface BodyInfo {
    seqno: number;
    which: string;
    size: number;
  }
  class Parser extends EventEmitter {
    constructor(stream: Readable, debug?: (line: string) => void);
    on(event: 'untagged', listener: (info: UntaggedInfo) => void): this;
    on(event: 'tagged', listener: (info: TaggedInfo) => void): this;
    on(event: 'body', listener: (stream: Readable, info: BodyInfo) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
  const nodeImapParser: { Parser: typeof Parser };
  export default nodeImapParser;
}

declare module 'emailjs-imap-handler' {
  const handler: {
    /** Parses one complete response (literals inline, no trailing CRLF). Throws on bad input. */
    parser(response: Uint8Array, options?: Record<string, unknown>): unknown;
  };
  export default handler;
}
