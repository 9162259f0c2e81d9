/**
 * Run by hidden-classes.test.ts as `node --allow-natives-syntax --import tsx` (tsx maps the
 * `@mailwire/*` imports to the sources). Prints, as JSON, whether the objects a hot path makes
 * over and over share one hidden class (V8 map) once the code is warm.
 */
import { ImapClientProtocol } from '@mailwire/imap';

const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
const enc = (s: string) => new TextEncoder().encode(s);

// Body chunks of one streamed FETCH: one client event per chunk.
const p = new ImapClientProtocol({ streamThreshold: 1024 });
p.receive(enc('* PREAUTH ready\r\n'));
p.send({ name: 'SELECT', mailbox: 'INBOX' });
p.receive(enc('A1 OK [READ-WRITE] done\r\n'));
p.send({
  name: 'FETCH',
  uid: false,
  sequenceSet: [1],
  items: [{ name: 'BODY[]', peek: true, section: { part: [] } }],
});
const CHUNK = 512;
const COUNT = 20_000;
p.receive(enc(`* 1 FETCH (BODY[] {${CHUNK * COUNT}}\r\n`));
const body = new Uint8Array(CHUNK).fill(0x61);
const chunks: object[] = [];
for (let i = 0; i < COUNT; i++) {
  for (const e of p.receive(body)) if (e.type === 'bodyChunk') chunks.push(e);
}

// Commands: the protocol adds each one's tag.
const commands: object[] = [];
for (let i = 0; i < 20_000; i++) commands.push(p.send({ name: 'NOOP' }).command);

const same = (xs: object[]) => xs.length > 100 && haveSameMap(xs[50] as object, xs[xs.length - 1] as object);
console.log(JSON.stringify({ bodyChunks: same(chunks), commands: same(commands) }));
