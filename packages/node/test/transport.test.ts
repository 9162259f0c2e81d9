import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Transport, TransportError } from '../src/transport';
import { makeCertificates } from './support/mail-servers';

let dir: string;
let ca: string;
let secureContext: tls.SecureContext;
let serverCert: { cert: Buffer; key: Buffer };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailwire-transport-'));
  const certs = makeCertificates(dir);
  ca = certs.ca;
  serverCert = { cert: readFileSync(certs.cert), key: readFileSync(certs.key) };
  secureContext = tls.createSecureContext(serverCert);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A loopback server running `handle` for each connection; closed after the test. */
async function serve(
  handle: (s: net.Socket) => void,
  secure = false,
): Promise<{ port: number; close: () => void }> {
  const guarded = (s: net.Socket): void => {
    s.on('error', () => {}); // clients in these tests hang up mid-handshake on purpose
    handle(s);
  };
  const server = secure ? tls.createServer(serverCert, guarded) : net.createServer(guarded);
  server.on('tlsClientError', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => server.close() };
}

function collect(t: Transport): { text: () => string; next: (pattern: RegExp) => Promise<string> } {
  let text = '';
  let wake: (() => void) | undefined;
  t.onData((c) => {
    text += Buffer.from(c).toString('latin1');
    wake?.();
  });
  return {
    text: () => text,
    async next(pattern) {
      while (!pattern.test(text)) await new Promise<void>((r) => (wake = r));
      return text;
    },
  };
}

describe('Transport', () => {
  it('connects over TCP, writes, and delivers bytes received before onData was set', async () => {
    const srv = await serve((s) => {
      s.write('hello\r\n');
      s.on('data', (d) => s.write(`echo:${d}`));
    });
    const t = await Transport.connect({ host: '127.0.0.1', port: srv.port });
    await new Promise((r) => setTimeout(r, 50)); // the greeting arrives with no handler set
    const r = collect(t);
    expect(r.text()).toBe('hello\r\n');
    await t.write(new TextEncoder().encode('ping'));
    await r.next(/echo:ping/);
    expect(t.encrypted).toBe(false);
    await t.close();
    expect(t.isClosed).toBe(true);
    await expect(t.write(new Uint8Array([1]))).rejects.toMatchObject({ code: 'CLOSED' });
    srv.close();
  });

  it('speaks implicit TLS with the certificate verified against the given CA', async () => {
    const srv = await serve((s) => s.write('* OK secure\r\n'), true);
    const t = await Transport.connect({
      host: '127.0.0.1',
      port: srv.port,
      tls: 'implicit',
      tlsOptions: { ca },
    });
    const r = collect(t);
    await r.next(/secure/);
    expect(t.encrypted).toBe(true);
    expect(t.tlsInfo?.authorized).toBe(true);
    t.destroy();
    srv.close();
  });

  it('refuses an unverifiable certificate by default, naming the problem', async () => {
    const srv = await serve((s) => s.write('x'), true);
    const err = await Transport.connect({ host: '127.0.0.1', port: srv.port, tls: 'implicit' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).code).toBe('TLS_FAILED');
    expect((err as TransportError).message).toMatch(/certificate/i);
    srv.close();
  });

  it('refuses a certificate for another name', async () => {
    const srv = await serve((s) => s.write('x'), true);
    const err = await Transport.connect({
      host: '127.0.0.1',
      port: srv.port,
      tls: 'implicit',
      tlsOptions: { ca, servername: 'mail.example.com' },
    }).catch((e: unknown) => e);
    expect((err as TransportError).code).toBe('TLS_FAILED');
    expect((err as TransportError).message).toMatch(/mail\.example\.com/);
    srv.close();
  });

  it('connects without verification only when asked, and says so', async () => {
    const srv = await serve((s) => s.write('x'), true);
    const warnings: string[] = [];
    const t = await Transport.connect({
      host: '127.0.0.1',
      port: srv.port,
      tls: 'implicit',
      tlsOptions: { rejectUnauthorized: false },
      onWarning: (w) => warnings.push(w),
    });
    expect(t.encrypted).toBe(true);
    expect(t.tlsInfo?.authorized).toBe(false);
    expect(warnings).toEqual([`TLS certificate verification is OFF for 127.0.0.1:${srv.port}`]);
    t.destroy();
    srv.close();
  });

  it('upgrades a live connection with STARTTLS and keeps talking', async () => {
    const srv = await serve((s) => {
      s.write('220 ready\r\n');
      s.once('data', () => {
        s.write('220 go ahead\r\n', () => {
          const secure = new tls.TLSSocket(s, { isServer: true, secureContext });
          secure.on('data', (d) => secure.write(`secure:${d}`));
        });
      });
    });
    const t = await Transport.connect({ host: '127.0.0.1', port: srv.port, tlsOptions: { ca } });
    let seen = '';
    let wake: (() => void) | undefined;
    t.onData((c) => {
      seen += Buffer.from(c).toString('latin1');
      wake?.();
    });
    const until = async (p: RegExp): Promise<void> => {
      while (!p.test(seen)) await new Promise<void>((r) => (wake = r));
    };
    await until(/220 ready/);
    await t.write(new TextEncoder().encode('STARTTLS\r\n'));
    await until(/go ahead/);
    await t.startTls();
    expect(t.encrypted).toBe(true);
    await t.write(new TextEncoder().encode('EHLO'));
    await until(/secure:EHLO/);
    t.destroy();
    srv.close();
  });

  it('refuses to start TLS while plaintext bytes that followed the go-ahead are unread', async () => {
    // One segment: the go-ahead and an injected reply (the CVE-2011-0411 attack shape).
    const srv = await serve((s) => s.write('220 go ahead\r\n250 injected\r\n'));
    const t = await Transport.connect({ host: '127.0.0.1', port: srv.port, tlsOptions: { ca } });
    await new Promise((r) => setTimeout(r, 50)); // bytes wait in the transport
    await expect(t.startTls()).rejects.toMatchObject({ code: 'UNREAD_BYTES' });
    // and when the protocol layer holds them (it read only the go-ahead line)
    const t2 = await Transport.connect({ host: '127.0.0.1', port: srv.port, tlsOptions: { ca } });
    t2.onData(() => {});
    await expect(t2.startTls(14)).rejects.toThrow(/14 byte\(s\) arrived after the STARTTLS go-ahead/);
    t.destroy();
    t2.destroy();
    srv.close();
  });

  it('fails clearly when nothing listens, and when aborted', async () => {
    const probe = await serve(() => {});
    const port = probe.port;
    probe.close();
    await new Promise((r) => setTimeout(r, 20));
    await expect(Transport.connect({ host: '127.0.0.1', port })).rejects.toMatchObject({
      code: 'CONNECT_FAILED',
    });
    const ac = new AbortController();
    ac.abort(new Error('user gave up'));
    await expect(Transport.connect({ host: '127.0.0.1', port, signal: ac.signal })).rejects.toMatchObject({
      code: 'ABORTED',
    });
  });

  it('runs over a socket the caller connected (a proxy tunnel), with TLS verified against the target name', async () => {
    const srv = await serve((s) => s.write('* OK through the tunnel\r\n'), true);
    // stands in for a SOCKS/CONNECT tunnel: any connected socket that leads to the server
    const tunnel = net.connect(srv.port, '127.0.0.1');
    await new Promise((r) => tunnel.once('connect', r));
    const t = await Transport.connect({
      host: 'localhost',
      port: 993,
      tls: 'implicit',
      socket: tunnel,
      tlsOptions: { ca },
    });
    const r = collect(t);
    await r.next(/through the tunnel/);
    expect(t.tlsInfo?.authorized).toBe(true);
    t.destroy();
    srv.close();
  });

  it('reports the close of the connection once', async () => {
    const srv = await serve((s) => s.end('bye\r\n'));
    const t = await Transport.connect({ host: '127.0.0.1', port: srv.port });
    const closed = new Promise<Error | undefined>((r) => t.onClose(r));
    t.onData(() => {});
    expect(await closed).toBeUndefined();
    expect(t.isClosed).toBe(true);
    srv.close();
  });
});
