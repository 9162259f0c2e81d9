/**
 * The seed's IMAP exercise against the real Dovecot, over each transport: LOGIN, LIST,
 * SELECT INBOX, SEARCH, FETCH header and body, STORE +FLAGS.SILENT (\Deleted), EXPUNGE,
 * EXISTS dropped, LOGOUT — and a 100 MiB FETCH BODY[] streamed back byte for byte.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ImapClient, type ImapClientOptions } from '../../src/imap-client';
import type { TranscriptEntry } from '../../src/transcript';
import { deliverLmtp } from '../support/deliver';
import { servers, unavailableReason } from '../support/servers';

const text = (b: Uint8Array | null | undefined): string => (b ? Buffer.from(b).toString('utf8') : '');

describe.skipIf(!servers)(
  `ImapClient against Dovecot${servers ? '' : ` (skipped: ${unavailableReason})`}`,
  () => {
    const s = servers!;
    const user = s.users.find((u) => u.user === 'frank')!;
    const tls = { ca: s.ca, servername: s.servername };

    const transports: [string, () => ImapClientOptions][] = [
      ['plain + STARTTLS', () => ({ host: s.host, port: s.ports.imap, security: 'starttls', tls })],
      ['implicit TLS', () => ({ host: s.host, port: s.ports.imaps, security: 'implicit', tls })],
    ];

    for (const [name, options] of transports) {
      it(`runs the seed session over ${name}`, async () => {
        const subject = `imap ${name} ${Date.now()}`;
        await deliverLmtp(
          s,
          user.address,
          `Subject: ${subject}\r\nFrom: a@b.example\r\n\r\nhello imap\r\n.dot\r\n`,
        );
        const transcript: TranscriptEntry[] = [];
        const imap = await ImapClient.connect({ ...options(), transcript: (e) => transcript.push(e) });
        expect(imap.encrypted).toBe(true);
        await imap.login(user.user, user.password);
        expect(imap.state).toBe('authenticated');
        const boxes = await imap.list('', '*');
        expect(boxes.map((b) => b.mailbox.name)).toContain('INBOX');
        const box = await imap.select('INBOX');
        expect(box.exists).toBeGreaterThanOrEqual(1);
        const before = box.exists;
        const found = await imap.search([{ key: 'SUBJECT', value: subject }]);
        expect(found).toHaveLength(1);
        const seq = found[0]!;
        const [msg] = await imap.fetch(String(seq), [
          { name: 'UID' },
          { name: 'FLAGS' },
          { name: 'BODY[]', peek: true, section: { part: [], text: 'HEADER' } },
          { name: 'BODY[]', peek: true, section: { part: [], text: 'TEXT' } },
        ]);
        const bodies = msg!.items.filter((i) => i.name === 'BODY[]');
        expect(bodies).toHaveLength(2);
        const [header, bodyText] = bodies.map((b) => text('data' in b ? b.data : null));
        expect(header).toContain(`Subject: ${subject}`);
        expect(bodyText).toBe('hello imap\r\n.dot\r\n');
        await imap.store(String(seq), 'add', ['\\Deleted'], { silent: true });
        const expunged = await imap.expunge();
        expect(expunged).toEqual([seq]);
        expect(imap.mailbox?.exists).toBe(before - 1);
        await imap.logout();

        const all = transcript.map((e) => e.text).join('');
        expect(all).toMatch(/LOGIN frank \*\*\*\*/);
        expect(all).not.toContain(user.password);
      });
    }

    it('authenticates with SCRAM-SHA-256 chosen from AUTH= capabilities', async () => {
      const imap = await ImapClient.connect({ host: s.host, port: s.ports.imaps, security: 'implicit', tls });
      expect(imap.capabilities).toContain('AUTH=SCRAM-SHA-256');
      await imap.authenticate({ username: user.user, password: user.password });
      expect(imap.state).toBe('authenticated');
      const status = await imap.status('INBOX');
      expect(status.attributes.map((a) => a.name)).toContain('MESSAGES');
      await imap.logout();
    });

    it('fails a wrong password with the server text', async () => {
      const imap = await ImapClient.connect({ host: s.host, port: s.ports.imaps, security: 'implicit', tls });
      await expect(imap.login(user.user, 'wrong')).rejects.toMatchObject({
        code: 'COMMAND_FAILED',
        message: /LOGIN failed: NO/,
      });
      await imap.disconnect();
    });

    it('fetch() collects two big bodies of one message into their own items', async () => {
      const big = s.users.find((u) => u.user === 'grace')!;
      // both above the 1 MiB stream threshold: they arrive as chunks and are collected
      const body = Buffer.from(`${'0123456789abcdef'.repeat(4)}\r\n`.repeat(48 * 1024), 'latin1');
      const ownHeader = `Subject: two bodies ${Date.now()}\r\n\r\n`;
      await deliverLmtp(s, big.address, Buffer.concat([Buffer.from(ownHeader), body]));
      const imap = await ImapClient.connect({ host: s.host, port: s.ports.imaps, security: 'implicit', tls });
      await imap.login(big.user, big.password);
      await imap.select('INBOX');
      const [seq] = await imap.search([{ key: 'SUBJECT', value: ownHeader.slice(9, -4) }]);
      const [f] = await imap.fetch(String(seq), [
        { name: 'BODY[]', peek: true, section: { part: [], text: 'TEXT' } },
        { name: 'UID' },
        { name: 'BODY[]', peek: true, section: { part: [] } },
      ]);
      const bodies = f!.items.filter((i) => i.name === 'BODY[]');
      expect(bodies).toHaveLength(2);
      const text = bodies.find((i) => 'section' in i && i.section.text === 'TEXT');
      const whole = bodies.find((i) => 'section' in i && i.section.text === null);
      expect(Buffer.from((text as { data: Uint8Array }).data).equals(body)).toBe(true);
      const all = Buffer.from((whole as { data: Uint8Array }).data);
      expect(all.subarray(all.length - body.length - ownHeader.length).toString('latin1')).toBe(
        ownHeader + body.toString('latin1'),
      );
      expect(f!.items.some((i) => i.name === 'UID')).toBe(true);
      await imap.store(String(seq), 'add', ['\\Deleted'], { silent: true });
      await imap.expunge();
      await imap.logout();
    });

    it('streams a 100 MiB FETCH BODY[]: bytes identical, heap growth bounded', async () => {
      const big = s.users.find((u) => u.user === 'grace')!;
      const size = 100 * 1024 * 1024;
      const body = Buffer.alloc(size);
      let end = 0;
      for (let line = 0; ; line++) {
        const l = `${line} ${'The quick brown fox jumps over the lazy dog. '.repeat(1 + (line % 3))}\r\n`;
        if (end + l.length > size) break;
        end += body.write(l, end, 'latin1');
      }
      const message = Buffer.concat([Buffer.from('Subject: big imap\r\n\r\n'), body.subarray(0, end)]);
      await deliverLmtp(s, big.address, message);
      const imap = await ImapClient.connect({ host: s.host, port: s.ports.imaps, security: 'implicit', tls });
      await imap.login(big.user, big.password);
      await imap.select('INBOX');
      const [seq] = await imap.search([{ key: 'SUBJECT', value: 'big imap' }]);
      expect(seq).toBeDefined();
      const [head] = await imap.fetch(String(seq), [
        { name: 'BODY[]', peek: true, section: { part: [], text: 'HEADER' } },
      ]);
      const headerItem = head!.items.find((i) => i.name === 'BODY[]');
      const header = Buffer.from(
        headerItem && 'data' in headerItem && headerItem.data ? headerItem.data : new Uint8Array(0),
      );
      const expected = createHash('sha256').update(header).update(body.subarray(0, end)).digest('hex');

      global.gc?.();
      const baseline = process.memoryUsage();
      let peak = 0;
      const hash = createHash('sha256');
      let received = 0;
      for await (const chunk of imap.fetchStream(seq!)) {
        hash.update(chunk as Buffer);
        received += (chunk as Buffer).length;
        const m = process.memoryUsage();
        peak = Math.max(peak, m.heapUsed - baseline.heapUsed + (m.arrayBuffers - baseline.arrayBuffers));
      }
      expect(received).toBe(header.length + end);
      expect(hash.digest('hex')).toBe(expected);
      expect(peak).toBeLessThan(48 * 1024 * 1024);
      console.log(
        `IMAP FETCH BODY[] 100 MiB streamed: peak heap+buffers growth ${(peak / 1048576).toFixed(1)} MiB`,
      );
      await imap.store(String(seq), 'add', ['\\Deleted'], { silent: true });
      await imap.expunge();
      await imap.logout();
    });
  },
);
