/**
 * The seed's SMTP exercise against the real Postfix (SASL through Dovecot, delivery over
 * LMTP into Dovecot), checked by reading the mailbox back with the POP3 client.
 */
import { createHash } from 'node:crypto';
import { LoginMechanism } from '@mailwire/sasl';
import { describe, expect, it } from 'vitest';
import { MailClientError } from '../../src/errors';
import { Pop3Client } from '../../src/pop3-client';
import { SmtpClient, type SmtpClientOptions } from '../../src/smtp-client';
import type { TranscriptEntry } from '../../src/transcript';
import { servers, unavailableReason } from '../support/servers';

describe.skipIf(!servers)(
  `SmtpClient against Postfix${servers ? '' : ` (skipped: ${unavailableReason})`}`,
  () => {
    const s = servers!;
    const sender = s.users.find((u) => u.user === 'dave')!;
    const rcpt = s.users.find((u) => u.user === 'erin')!;
    const tls = { ca: s.ca, servername: s.servername };

    /** Waits until the POP3 mailbox of `rcpt` holds a message whose header contains `marker`; returns it and deletes it. */
    async function fetchDelivered(marker: string): Promise<string> {
      for (let attempt = 0; attempt < 100; attempt++) {
        const pop = await Pop3Client.connect({
          host: s.host,
          port: s.ports.pop3s,
          security: 'implicit',
          tls,
        });
        await pop.login(rcpt.user, rcpt.password);
        for (const l of await pop.list()) {
          const head = Buffer.from(await pop.top(l.msg, 0)).toString('utf8');
          if (head.includes(marker)) {
            const body = Buffer.from(await pop.retr(l.msg)).toString('utf8');
            await pop.dele(l.msg);
            await pop.quit();
            return body;
          }
        }
        await pop.quit();
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`message ${marker} was not delivered`);
    }

    const transports: [string, SmtpClientOptions][] = [
      ['submission + STARTTLS', { host: s.host, port: s.ports.submission, security: 'starttls', tls }],
      ['implicit TLS', { host: s.host, port: s.ports.smtps, security: 'implicit', tls }],
    ];

    for (const [name, options] of transports) {
      it(`sends with AUTH LOGIN over ${name}`, async () => {
        const marker = `smtp-${name}-${Date.now()}`;
        const transcript: TranscriptEntry[] = [];
        const smtp = await SmtpClient.connect({
          ...options,
          clientName: 'client.mailwire.test',
          transcript: (e) => transcript.push(e),
        });
        expect(smtp.encrypted).toBe(true);
        expect(smtp.capabilities?.authMechanisms).toContain('LOGIN');
        await smtp.authenticate(new LoginMechanism({ username: sender.user, password: sender.password }));
        expect(smtp.authenticated).toBe(true);
        const result = await smtp.send(
          { from: sender.address, to: [rcpt.address, `nobody@${s.domain}`] },
          `From: ${sender.address}\r\nTo: ${rcpt.address}\r\nSubject: ${marker}\r\n\r\nHello.\r\n.a line starting with a dot\r\nsmørrebrød\r\n`,
        );
        expect(result.accepted.map((a) => a.address)).toEqual([rcpt.address]);
        expect(result.rejected.map((r) => r.reply.code)).toEqual([550]);
        expect(result.rejected[0]?.reply.enhanced).toMatchObject({ class: 5, subject: 1, detail: 1 });
        expect(result.messageReply.code).toBe(250);
        await smtp.quit();

        // AUTH LOGIN's base64 user name and password never reach the transcript
        const all = transcript.map((e) => e.text).join('');
        expect(all).toContain('AUTH LOGIN');
        expect(all).not.toContain(Buffer.from(sender.password).toString('base64'));
        expect(all).not.toContain(sender.password);

        const delivered = await fetchDelivered(marker);
        expect(delivered).toContain('\r\n.a line starting with a dot\r\n');
        expect(delivered).toContain('smørrebrød');
      });
    }

    it('authenticates with the strongest mechanism the server offers, and fails a wrong password clearly', async () => {
      const smtp = await SmtpClient.connect({ host: s.host, port: s.ports.submission, tls });
      await smtp.authenticate({ username: sender.user, password: sender.password });
      expect(smtp.authenticated).toBe(true);
      await smtp.quit();

      const bad = await SmtpClient.connect({ host: s.host, port: s.ports.submission, tls });
      const err = await bad
        .authenticate({ username: sender.user, password: 'wrong' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MailClientError);
      expect((err as MailClientError).code).toBe('COMMAND_FAILED');
      expect((err as MailClientError).message).toMatch(/535/);
      await bad.close();
    });

    it('refuses to send a password over plaintext, and to go on when STARTTLS is required but missing', async () => {
      // port 25-like: STARTTLS offered but no AUTH; with security 'none' nothing is encrypted
      const plain = await SmtpClient.connect({ host: s.host, port: s.ports.smtp, security: 'none' });
      expect(plain.encrypted).toBe(false);
      await expect(
        plain.authenticate({ username: sender.user, password: sender.password }),
      ).rejects.toMatchObject({
        code: 'REFUSED',
      });
      // and delivers to a local recipient without authentication (like a relay hop)
      const marker = `smtp-port25-${Date.now()}`;
      const r = await plain.send(
        { from: 'someone@example.org', to: [rcpt.address] },
        `Subject: ${marker}\r\n\r\nplain hop\r\n`,
      );
      expect(r.messageReply.code).toBe(250);
      await plain.quit();
      expect(await fetchDelivered(marker)).toContain('plain hop');
    });

    it('sends a 100 MiB message through Postfix that POP3 RETR streams back byte for byte', async () => {
      const marker = `big-${Date.now()}`;
      const header = `From: ${sender.address}\r\nTo: ${rcpt.address}\r\nSubject: ${marker}\r\n\r\n`;
      const lines: Buffer[] = [];
      let size = header.length;
      for (let i = 0; size < 100 * 1024 * 1024; i++) {
        const l = Buffer.from(
          `${i % 11 === 0 ? '.' : ''}${i} ${'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(2)}\r\n`,
        );
        lines.push(l);
        size += l.length;
      }
      const body = Buffer.concat(lines);
      const smtp = await SmtpClient.connect({ host: s.host, port: s.ports.submission, tls });
      await smtp.authenticate({ username: sender.user, password: sender.password });
      async function* source(): AsyncGenerator<Uint8Array> {
        yield Buffer.from(header);
        for (let at = 0; at < body.length; at += 64 * 1024) yield body.subarray(at, at + 64 * 1024);
      }
      const sent = await smtp.send({ from: sender.address, to: [rcpt.address] }, source());
      expect(sent.messageReply.code).toBe(250);
      await smtp.quit();

      // find it, then stream it back and compare the part we wrote
      let found = 0;
      let pop: Pop3Client | undefined;
      for (let attempt = 0; attempt < 200 && !found; attempt++) {
        pop = await Pop3Client.connect({ host: s.host, port: s.ports.pop3s, security: 'implicit', tls });
        await pop.login(rcpt.user, rcpt.password);
        for (const l of await pop.list()) {
          if (
            l.size > body.length &&
            Buffer.from(await pop.top(l.msg, 0))
              .toString()
              .includes(marker)
          )
            found = l.msg;
        }
        if (!found) {
          await pop.quit();
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      expect(found).toBeGreaterThan(0);
      const want = createHash('sha256').update(body).digest('hex');
      // everything after the header's blank line is our body
      let seenHeaderEnd = false;
      let tail = Buffer.alloc(0);
      const hash = createHash('sha256');
      let bodyBytes = 0;
      for await (const chunk of pop!.retrStream(found)) {
        let c = chunk as Buffer;
        if (!seenHeaderEnd) {
          tail = Buffer.concat([tail, c]);
          const at = tail.indexOf('\r\n\r\n');
          if (at === -1) continue;
          seenHeaderEnd = true;
          c = tail.subarray(at + 4);
        }
        hash.update(c);
        bodyBytes += c.length;
      }
      expect(bodyBytes).toBe(body.length);
      expect(hash.digest('hex')).toBe(want);
      await pop!.dele(found);
      await pop!.quit();
    });
  },
);
