/**
 * The seed's POP3 exercise against the real Dovecot, over each transport: authenticate,
 * STAT, LIST, TOP, RETR, DELE, RSET, DELE again, QUIT, and check the message is gone.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MailClientError } from '../../src/errors';
import { Pop3Client, type Pop3ClientOptions } from '../../src/pop3-client';
import type { TranscriptEntry } from '../../src/transcript';
import { deliverLmtp } from '../support/deliver';
import { servers, unavailableReason } from '../support/servers';

const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

describe.skipIf(!servers)(
  `Pop3Client against Dovecot${servers ? '' : ` (skipped: ${unavailableReason})`}`,
  () => {
    const s = servers!;
    const user = s.users.find((u) => u.user === 'carol')!;
    const base = (): Pop3ClientOptions => ({ host: s.host, tls: { ca: s.ca, servername: s.servername } });

    const transports: [string, () => Pop3ClientOptions][] = [
      ['plain + STLS', () => ({ ...base(), port: s.ports.pop3, security: 'starttls' })],
      ['implicit TLS', () => ({ ...base(), port: s.ports.pop3s, security: 'implicit' })],
    ];

    for (const [name, options] of transports) {
      it(`runs the seed session over ${name}`, async () => {
        const subject = `pop3 ${name} ${Date.now()}`;
        await deliverLmtp(
          s,
          user.address,
          `Subject: ${subject}\r\nFrom: a@b\r\n\r\nline 1\r\n.dotted\r\nline 3\r\n`,
        );
        const transcript: TranscriptEntry[] = [];
        const pop = await Pop3Client.connect({ ...options(), transcript: (e) => transcript.push(e) });
        expect(pop.encrypted).toBe(true);
        await pop.login(user.user, user.password);
        const stat = await pop.stat();
        expect(stat.count).toBeGreaterThanOrEqual(1);
        const list = await pop.list();
        expect(list).toHaveLength(stat.count);
        expect(list.reduce((n, l) => n + l.size, 0)).toBe(stat.size);
        // find our message by its header (other tests of this file may have left none)
        let msg = 0;
        for (const l of list) {
          const head = text(await pop.top(l.msg, 0));
          if (head.includes(subject)) msg = l.msg;
        }
        expect(msg).toBeGreaterThan(0);
        const one = await pop.list(msg);
        const body = await pop.retr(msg);
        expect(body.length).toBe(one.size); // RFC 1939: the size is of the message as retrieved
        expect(text(body)).toContain('\r\n.dotted\r\n'); // unstuffed
        const uid = await pop.uidl(msg);
        expect(uid.uid.length).toBeGreaterThan(0);
        await pop.dele(msg);
        await expect(pop.retr(msg)).rejects.toMatchObject({ code: 'COMMAND_FAILED' });
        await pop.rset();
        expect((await pop.retr(msg)).length).toBe(one.size);
        await pop.dele(msg);
        await pop.noop();
        await pop.quit();

        // the password never appears in the transcript
        const all = transcript.map((e) => e.text).join('');
        expect(all).toContain('PASS ****');
        expect(all).not.toContain(user.password);

        const again = await Pop3Client.connect(options());
        await again.login(user.user, user.password);
        for (const l of await again.list()) expect(text(await again.top(l.msg, 0))).not.toContain(subject);
        await again.quit();
      });
    }

    it('authenticates with SCRAM-SHA-256 chosen from CAPA, and with APOP', async () => {
      const pop = await Pop3Client.connect({ ...base(), port: s.ports.pop3s, security: 'implicit' });
      expect(pop.capabilities?.sasl).toContain('SCRAM-SHA-256');
      await pop.authenticate({ username: user.user, password: user.password });
      expect(pop.phase).toBe('transaction');
      await pop.quit();

      const apop = await Pop3Client.connect({ ...base(), port: s.ports.pop3s, security: 'implicit' });
      await apop.apop(user.user, user.password);
      expect(apop.phase).toBe('transaction');
      await apop.quit();
    });

    it('fails a wrong password with the server text, and refuses USER/PASS without TLS', async () => {
      const pop = await Pop3Client.connect({ ...base(), port: s.ports.pop3s, security: 'implicit' });
      const err = await pop.login(user.user, 'wrong').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MailClientError);
      expect((err as MailClientError).code).toBe('COMMAND_FAILED');
      expect((err as MailClientError).message).toMatch(/PASS failed: -ERR/);
      await pop.close();

      const plain = await Pop3Client.connect({ ...base(), port: s.ports.pop3, security: 'none' });
      await expect(plain.login(user.user, user.password)).rejects.toMatchObject({ code: 'REFUSED' });
      await plain.close();
    });

    it('streams a 100 MiB RETR with backpressure: bytes identical, heap growth bounded', async () => {
      const size = 100 * 1024 * 1024;
      const big = Buffer.alloc(size);
      let end = 0;
      for (let line = 0; ; line++) {
        const l = `${line % 7 === 0 ? '.' : ''}line ${line} ${'x'.repeat(line % 60)}\r\n`;
        if (end + l.length > size) break;
        end += big.write(l, end, 'latin1');
      }
      const ownHeader = 'Subject: big pop3\r\n\r\n';
      const message = Buffer.concat([Buffer.from(ownHeader), big.subarray(0, end)]);
      await deliverLmtp(s, user.address, message);
      const pop = await Pop3Client.connect({ ...base(), port: s.ports.pop3s, security: 'implicit' });
      await pop.login(user.user, user.password);
      const target = (await pop.list()).find((l) => l.size > message.length);
      expect(target).toBeDefined();
      const msg = target!.msg;
      // Dovecot adds trace headers on delivery: the retrieved message is those + ours.
      const head = text(await pop.top(msg, 0));
      expect(head.endsWith(ownHeader)).toBe(true);
      const expected = createHash('sha256')
        .update(Buffer.from(head.slice(0, -ownHeader.length), 'utf8'))
        .update(message)
        .digest('hex');

      global.gc?.();
      const baseline = process.memoryUsage();
      let peak = 0;
      const hash = createHash('sha256');
      let received = 0;
      for await (const chunk of pop.retrStream(msg)) {
        hash.update(chunk as Buffer);
        received += (chunk as Buffer).length;
        const m = process.memoryUsage();
        peak = Math.max(peak, m.heapUsed - baseline.heapUsed + (m.arrayBuffers - baseline.arrayBuffers));
      }
      expect(received).toBe(target!.size);
      expect(hash.digest('hex')).toBe(expected);
      // A 100 MiB message must not be held: allow generous slack for GC timing, far below its size.
      expect(peak).toBeLessThan(48 * 1024 * 1024);
      console.log(`POP3 RETR 100 MiB streamed: peak heap+buffers growth ${(peak / 1048576).toFixed(1)} MiB`);
      await pop.dele(msg);
      await pop.quit();
    });
  },
);
