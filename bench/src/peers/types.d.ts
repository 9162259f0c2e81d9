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

declare module 'imap' {
  import type { EventEmitter } from 'node:events';
  import type { Readable } from 'node:stream';

  interface ImapMessage extends EventEmitter {
    on(event: 'body', listener: (stream: Readable, info: { which: string; size: number }) => void): this;
  }
  interface ImapFetch extends EventEmitter {
    on(event: 'message', listener: (msg: ImapMessage, seqno: number) => void): this;
    once(event: 'error', listener: (err: Error) => void): this;
    once(event: 'end', listener: () => void): this;
  }
  /** node-imap's Connection (only what the e2e suite uses). */
  class Connection extends EventEmitter {
    constructor(options: {
      user: string;
      password: string;
      host: string;
      port: number;
      tls?: boolean;
      autotls?: 'always' | 'required' | 'never';
    });
    connect(): void;
    end(): void;
    openBox(name: string, readOnly: boolean, callback: (err: Error | null) => void): void;
    seq: { fetch(set: string, options: { bodies: string | string[]; markSeen?: boolean }): ImapFetch };
  }
  export default Connection;
}
