/**
 * e2e: retrieve one large message (100 MiB by default, MAILWIRE_BENCH_E2E_MIB) from a real
 * Dovecot on loopback, by POP3 RETR and by IMAP FETCH — mailwire's Node clients against
 * imapflow, node-imap and node-pop3, and against a raw socket read that does no more than
 * log in, ask, and count bytes until the end of the response. Dovecot is started privately
 * (the test support's configuration) for the suite and stopped after it; the message is
 * delivered once over LMTP. Plain TCP, no TLS: the suite measures the clients, not OpenSSL.
 *
 * Every case hashes what it received in its check (SHA-256 of the message as a client
 * returns it: unstuffed, CRLF line ends) and must match the literal Dovecot sends over IMAP;
 * the timed runs only count bytes.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import type { Readable } from 'node:stream';
import { ImapClient, Pop3Client } from '@mailwire/node';
import Imap from 'imap';
import { ImapFlow } from 'imapflow';
import Pop3Command from 'node-pop3';
import { deliverLmtp } from '../../../packages/node/test/support/deliver';
import {
  type MailServersInfo,
  type MailUser,
  mailServersUnavailable,
  startMailServers,
} from '../../../packages/node/test/support/mail-servers';
import type { BenchCase, BenchSuite } from '../harness';
import { MiB, mailText } from '../input';
import { consume, referenceDotStuff } from '../references';

/** Receives the message's bytes as a client hands them over. */
type Sink = (chunk: Uint8Array) => void;
/** One retrieval of the message over a new connection (log in, retrieve, log out). */
type Retrieve = (sink: Sink) => Promise<void>;

/** Message size: 100 MiB unless MAILWIRE_BENCH_E2E_MIB says otherwise (read at setup). */
const size = (): number => Math.round(Number(process.env.MAILWIRE_BENCH_E2E_MIB ?? 100) * MiB);

interface Context {
  servers: MailServersInfo;
  /** Stops the servers when the suite started them. */
  stop?: () => Promise<void>;
  user: MailUser;
  /** SHA-256 and length of the message as stored (the IMAP literal), set by the setup. */
  expected: Expected;
  /** The same, dot-stuffed: what a POP3 RETR carries on the wire before the terminator. */
  stuffed: Expected;
}

interface Expected {
  sha256: string;
  length: number;
}

const digest = (bytes: Buffer): Expected => ({
  sha256: createHash('sha256').update(bytes).digest('hex'),
  length: bytes.length,
});

let context: Context | undefined;

function ctx(): Context {
  if (!context) throw new Error('e2e: the mail servers were not started');
  return context;
}

// ---------------------------------------------------------------------------------------
// raw socket references

/** A socket plus the few line reads a raw session needs before the big response. */
function rawSession(port: number): Promise<{
  socket: net.Socket;
  line: () => Promise<string>;
  /** Bytes received after the last line read, handed to the body loop. */
  rest: () => Buffer;
  onData: (f: ((b: Buffer) => void) | undefined) => void;
}> {
  const { servers } = ctx();
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, servers.host);
    let pending: Buffer = Buffer.alloc(0);
    let waiter: (() => void) | undefined;
    let bodyHandler: ((b: Buffer) => void) | undefined;
    socket.on('data', (b: Buffer) => {
      if (bodyHandler) return bodyHandler(b);
      pending = pending.length ? Buffer.concat([pending, b]) : b;
      waiter?.();
    });
    socket.on('error', reject);
    socket.on('connect', () =>
      resolve({
        socket,
        line: async () => {
          for (;;) {
            const at = pending.indexOf('\r\n');
            if (at >= 0) {
              const l = pending.subarray(0, at).toString('latin1');
              pending = pending.subarray(at + 2);
              return l;
            }
            await new Promise<void>((r) => (waiter = r));
          }
        },
        rest: () => pending,
        onData: (f) => {
          bodyHandler = f;
        },
      }),
    );
  });
}

/** POP3 by hand: USER, PASS, RETR 1, count bytes until CRLF.CRLF (no unstuffing), QUIT. */
const rawPop3: Retrieve = async (sink) => {
  const { servers, user } = ctx();
  const s = await rawSession(servers.ports.pop3);
  const ok = async (what: string): Promise<string> => {
    const l = await s.line();
    if (!l.startsWith('+OK')) throw new Error(`raw POP3 ${what}: ${l}`);
    return l;
  };
  await ok('greeting');
  s.socket.write(`USER ${user.user}\r\n`);
  await ok('USER');
  s.socket.write(`PASS ${user.password}\r\n`);
  await ok('PASS');
  s.socket.write('RETR 1\r\n');
  await ok('RETR');
  await new Promise<void>((resolve) => {
    // One chunk is held back so that a terminator straddling two chunks still ends the body
    // at the right byte (the CRLF before the "." belongs to the message).
    let prev: Buffer | undefined;
    const body = (b: Buffer): void => {
      let end = -1;
      if (prev) {
        const keep = Math.min(4, prev.length);
        const seam = Buffer.concat([prev.subarray(prev.length - keep), b.subarray(0, 4)]);
        const e = seam.indexOf('\r\n.\r\n');
        if (e >= 0 && e < keep) end = prev.length - keep + e + 2;
      }
      if (end >= 0 && prev) {
        sink(prev.subarray(0, end));
      } else {
        const at = b.indexOf('\r\n.\r\n');
        if (prev) sink(prev);
        prev = b;
        if (at < 0) return;
        sink(b.subarray(0, at + 2));
      }
      s.onData(undefined);
      resolve();
    };
    s.onData(body);
    const first = s.rest();
    if (first.length) body(first);
  });
  s.socket.end('QUIT\r\n');
};

/** IMAP by hand: LOGIN, SELECT, FETCH 1 BODY.PEEK[] — the literal counted, never scanned. */
const rawImap: Retrieve = async (sink) => {
  const { servers, user } = ctx();
  const s = await rawSession(servers.ports.imap);
  const tagged = async (tag: string): Promise<string> => {
    for (;;) {
      const l = await s.line();
      if (l.startsWith(`${tag} `)) {
        if (!l.startsWith(`${tag} OK`)) throw new Error(`raw IMAP: ${l}`);
        return l;
      }
    }
  };
  await s.line(); // greeting
  s.socket.write(`a1 LOGIN ${user.user} "${user.password}"\r\n`);
  await tagged('a1');
  s.socket.write('a2 SELECT INBOX\r\n');
  await tagged('a2');
  s.socket.write('a3 FETCH 1 BODY.PEEK[]\r\n');
  let head = await s.line();
  while (!head.startsWith('* 1 FETCH')) head = await s.line();
  const m = /\{(\d+)\}$/.exec(head);
  if (!m) throw new Error(`raw IMAP: no literal in ${head}`);
  let left = Number(m[1]);
  await new Promise<void>((resolve) => {
    const body = (b: Buffer): void => {
      const take = Math.min(left, b.length);
      if (take > 0) sink(take === b.length ? b : b.subarray(0, take));
      left -= take;
      if (left === 0) {
        s.onData(undefined);
        resolve();
      }
    };
    s.onData(body);
    const first = s.rest();
    if (first.length) body(first);
  });
  // the literal's closing ")" and the tagged OK follow; LOGOUT without waiting for them
  s.socket.end('a4 LOGOUT\r\n');
};

/**
 * Reads a body stream the way the node-imap case must (its body is a stream handed to a
 * callback): 'data' listeners, flowing mode — the same consumer for every client.
 */
function drain(stream: Readable, sink: Sink): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('data', (chunk: Uint8Array) => sink(chunk));
    stream.once('end', resolve);
    stream.once('error', reject);
  });
}

// ---------------------------------------------------------------------------------------
// mailwire

const pop3Options = () => {
  const { servers } = ctx();
  return {
    host: servers.host,
    port: servers.ports.pop3,
    security: 'none' as const,
    allowPlaintextLogin: true,
  };
};
const imapOptions = () => {
  const { servers } = ctx();
  return {
    host: servers.host,
    port: servers.ports.imap,
    security: 'none' as const,
    allowPlaintextLogin: true,
  };
};

const mailwirePop3Stream: Retrieve = async (sink) => {
  const { user } = ctx();
  const pop = await Pop3Client.connect(pop3Options());
  await pop.login(user.user, user.password);
  await drain(pop.retrStream(1), sink);
  await pop.quit();
};

const mailwirePop3Whole: Retrieve = async (sink) => {
  const { user } = ctx();
  const pop = await Pop3Client.connect(pop3Options());
  await pop.login(user.user, user.password);
  sink(await pop.retr(1));
  await pop.quit();
};

const mailwireImapStream: Retrieve = async (sink) => {
  const { user } = ctx();
  const imap = await ImapClient.connect(imapOptions());
  await imap.login(user.user, user.password);
  await imap.select('INBOX');
  await drain(imap.fetchStream(1, { peek: true }), sink);
  await imap.logout();
};

const mailwireImapWhole: Retrieve = async (sink) => {
  const { user } = ctx();
  const imap = await ImapClient.connect(imapOptions());
  await imap.login(user.user, user.password);
  await imap.select('INBOX');
  const [fetched] = await imap.fetch('1', [{ name: 'BODY[]', peek: true, section: { part: [] } }]);
  const item = fetched?.items.find((i) => i.name === 'BODY[]');
  if (!item || !('data' in item) || !item.data) throw new Error('mailwire IMAP: no BODY[] in FETCH');
  sink(item.data);
  await imap.logout();
};

// ---------------------------------------------------------------------------------------
// peers

const imapflowClient = async (): Promise<ImapFlow> => {
  const { servers, user } = ctx();
  const client = new ImapFlow({
    host: servers.host,
    port: servers.ports.imap,
    secure: false,
    doSTARTTLS: false,
    auth: { user: user.user, pass: user.password },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  await client.mailboxOpen('INBOX');
  return client;
};

/** imapflow fetchOne({ source: true }): one FETCH BODY.PEEK[], the literal collected whole. */
const imapflowFetchOne: Retrieve = async (sink) => {
  const client = await imapflowClient();
  const message = await client.fetchOne('1', { source: true });
  const source = message === false ? undefined : message.source;
  if (!source) throw new Error('imapflow: no source');
  sink(source);
  await client.logout();
};

/** imapflow download(): its streaming API (partial FETCHes of 64 KiB, its default chunk). */
const imapflowDownload: Retrieve = async (sink) => {
  const client = await imapflowClient();
  const download = await client.download('1');
  if (!('content' in download) || !download.content) throw new Error('imapflow: no download content');
  await drain(download.content as Readable, sink);
  await client.logout();
};

/** node-imap: fetch(1, { bodies: '' }) — BODY.PEEK[] as a stream of the literal. */
const nodeImapFetch: Retrieve = (sink) => {
  const { servers, user } = ctx();
  return new Promise((resolve, reject) => {
    const imap = new Imap({
      user: user.user,
      password: user.password,
      host: servers.host,
      port: servers.ports.imap,
      tls: false,
      autotls: 'never',
    });
    imap.once('error', reject);
    imap.once('ready', () => {
      imap.openBox('INBOX', true, (err) => {
        if (err) return reject(err);
        const f = imap.seq.fetch('1', { bodies: '', markSeen: false });
        f.on('message', (msg) => {
          msg.on('body', (stream) => stream.on('data', (chunk: Buffer) => sink(chunk)));
        });
        f.once('error', reject);
        f.once('end', () => {
          imap.once('end', () => resolve());
          imap.end();
        });
      });
    });
    imap.connect();
  });
};

/** node-pop3: RETR(1) — the whole message as a string (it does not remove dot-stuffing). */
const nodePop3Retr: Retrieve = async (sink) => {
  const { servers, user } = ctx();
  const pop = new Pop3Command({
    user: user.user,
    password: user.password,
    host: servers.host,
    port: servers.ports.pop3,
    tls: false,
  });
  const text = await pop.RETR(1);
  // node-pop3 drops the final CRLF before the terminator and decodes as a string
  sink(Buffer.from(`${text}\r\n`, 'latin1'));
  await pop.QUIT();
};

// ---------------------------------------------------------------------------------------

function retrievalCase(
  name: string,
  kind: BenchCase['kind'],
  retrieve: Retrieve,
  want: (c: Context) => Expected = (c) => c.expected,
): BenchCase {
  return {
    name,
    kind,
    bytes: context?.expected.length || size(),
    run: async () => {
      let n = 0;
      await retrieve((chunk) => {
        n += chunk.length;
      });
      consume(n);
    },
    check: async () => {
      const expected = want(ctx());
      const hash = createHash('sha256');
      let n = 0;
      await retrieve((chunk) => {
        hash.update(chunk);
        n += chunk.length;
      });
      if (n !== expected.length) return `received ${n} bytes, the message has ${expected.length}`;
      const got = hash.digest('hex');
      return got === expected.sha256
        ? undefined
        : `content differs from the message (sha256 ${got.slice(0, 12)}…)`;
    },
  };
}

/**
 * Delivers the message (MAILWIRE_BENCH_E2E_MIB, 100 MiB by default) to `user`, whose
 * mailbox must be empty, and takes the expected hash from the IMAP literal Dovecot sends,
 * which must end with the generated message (Dovecot prepends its trace header fields on
 * delivery). The bench's setup calls it with servers of its own; the tests with theirs.
 */
export async function prepareE2e(
  servers: MailServersInfo,
  user: MailUser,
  stop?: () => Promise<void>,
): Promise<void> {
  const none = { sha256: '', length: 0 };
  context = { servers, user, expected: none, stuffed: none, ...(stop ? { stop } : {}) };
  // whole lines only: a message cut mid-line would get a CRLF added on delivery
  const text = Buffer.from(mailText(size(), 7));
  const message = text.subarray(0, text.lastIndexOf('\r\n') + 2);
  await deliverLmtp(servers, user.address, message);
  const stored: Buffer[] = [];
  await rawImap((chunk) => stored.push(Buffer.from(chunk)));
  const all = Buffer.concat(stored);
  if (!all.subarray(all.length - message.length).equals(message)) {
    throw new Error('e2e: the message Dovecot serves does not end with the one delivered');
  }
  context.expected = digest(all);
  context.stuffed = digest(referenceDotStuff(all));
}

/** Starts a private Dovecot (and the Postfix the test support starts with it) and prepares. */
async function setup(): Promise<void> {
  const why = mailServersUnavailable();
  if (why) throw new Error(`e2e needs Dovecot and Postfix here: ${why}`);
  const servers = await startMailServers();
  await prepareE2e(servers, servers.users[0]!, () => servers.stop());
}

export async function teardownE2e(): Promise<void> {
  const stop = context?.stop;
  context = undefined;
  await stop?.();
}

export const e2ePop3Suite: BenchSuite = {
  name: 'e2e-pop3',
  description: `RETR of one ${size() / MiB} MiB message from a local Dovecot over TCP, each run a new session`,
  setup,
  teardown: teardownE2e,
  // a live server drifts over a suite: every case gets the same conditions round by round
  rounds: 12,
  cases: () => [
    // the raw read does not unstuff: it is checked against the bytes as sent
    retrievalCase('raw socket: RETR, scan for CRLF.CRLF', 'reference', rawPop3, (c) => c.stuffed),
    retrievalCase('mailwire Pop3Client.retrStream', 'mailwire', mailwirePop3Stream),
    retrievalCase('mailwire Pop3Client.retr (whole)', 'mailwire', mailwirePop3Whole),
    retrievalCase('node-pop3 RETR', 'peer', nodePop3Retr),
  ],
};

export const e2eImapSuite: BenchSuite = {
  name: 'e2e-imap',
  description: `FETCH BODY.PEEK[] of one ${size() / MiB} MiB message from a local Dovecot over TCP, each run a new session`,
  setup,
  teardown: teardownE2e,
  // a live server drifts over a suite: every case gets the same conditions round by round
  rounds: 12,
  cases: () => [
    retrievalCase('raw socket: FETCH, count the literal', 'reference', rawImap),
    retrievalCase('mailwire ImapClient.fetchStream', 'mailwire', mailwireImapStream),
    retrievalCase('mailwire ImapClient.fetch (whole)', 'mailwire', mailwireImapWhole),
    retrievalCase('imapflow fetchOne source', 'peer', imapflowFetchOne),
    retrievalCase('imapflow download', 'peer', imapflowDownload),
    retrievalCase('node-imap fetch body stream', 'peer', nodeImapFetch),
  ],
};
