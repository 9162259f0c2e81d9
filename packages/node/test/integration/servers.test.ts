/**
 * The test servers themselves: a message submitted over STARTTLS with AUTH PLAIN reaches
 * the mailbox that POP3 over implicit TLS reads, with certificates verified against the
 * CA made at start. Raw sockets on purpose: this proves the harness the client tests use.
 */
import net from 'node:net';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { servers, unavailableReason } from '../support/servers';

/** A line-oriented conversation over a socket that can be upgraded to TLS. */
class Conversation {
  private buffer = '';
  private waiters: (() => void)[] = [];
  constructor(private socket: net.Socket | tls.TLSSocket) {
    this.listen(socket);
  }
  private listen(s: net.Socket): void {
    s.setEncoding('latin1');
    s.on('data', (d: string) => {
      this.buffer += d;
      for (const w of this.waiters.splice(0)) w();
    });
  }
  async until(pattern: RegExp): Promise<string> {
    for (;;) {
      const m = pattern.exec(this.buffer);
      if (m) {
        const upTo = m.index + m[0].length;
        const text = this.buffer.slice(0, upTo);
        this.buffer = this.buffer.slice(upTo);
        return text;
      }
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }
  send(line: string): void {
    this.socket.write(`${line}\r\n`);
  }
  async startTls(ca: string, servername: string): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    const secure = tls.connect({ socket: plain, ca, servername });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', reject);
    });
    this.socket = secure;
    this.listen(secure);
  }
  close(): void {
    this.socket.destroy();
  }
}

describe.skipIf(!servers)(
  `real Dovecot and Postfix on loopback${servers ? '' : ` (skipped: ${unavailableReason})`}`,
  () => {
    it('deliver a submitted message to the POP3 mailbox, TLS verified both ways', async () => {
      const s = servers!;
      const alice = s.users[0]!;
      const subject = `harness check ${Date.now()}`;

      const smtp = new Conversation(net.connect(s.ports.submission, s.host));
      expect(await smtp.until(/^220 .*\r\n/m)).toMatch(/ESMTP/);
      smtp.send('EHLO client.mailwire.test');
      expect(await smtp.until(/^250 .*\r\n/m)).toMatch(/STARTTLS/);
      smtp.send('STARTTLS');
      await smtp.until(/^220 .*\r\n/m);
      await smtp.startTls(s.ca, s.servername);
      smtp.send('EHLO client.mailwire.test');
      expect(await smtp.until(/^250 .*\r\n/m)).toMatch(/AUTH .*PLAIN/);
      smtp.send(`AUTH PLAIN ${Buffer.from(`\0${alice.user}\0${alice.password}`).toString('base64')}`);
      expect(await smtp.until(/^\d{3} .*\r\n/m)).toMatch(/^235/);
      smtp.send(`MAIL FROM:<${alice.address}>`);
      expect(await smtp.until(/^\d{3} .*\r\n/m)).toMatch(/^250/);
      smtp.send(`RCPT TO:<${alice.address}>`);
      expect(await smtp.until(/^\d{3} .*\r\n/m)).toMatch(/^250/);
      smtp.send('DATA');
      expect(await smtp.until(/^\d{3} .*\r\n/m)).toMatch(/^354/);
      smtp.send(`Subject: ${subject}\r\n\r\nhello\r\n..a dot line\r\n.`);
      expect(await smtp.until(/^\d{3} .*\r\n/m)).toMatch(/^250/);
      smtp.send('QUIT');
      await smtp.until(/^221 .*\r\n/m);
      smtp.close();

      // LMTP delivery is asynchronous: poll the mailbox.
      let found = '';
      for (let attempt = 0; attempt < 50 && !found; attempt++) {
        const pop = new Conversation(
          tls.connect({ port: s.ports.pop3s, host: s.host, ca: s.ca, servername: s.servername }),
        );
        await pop.until(/^\+OK.*\r\n/m);
        pop.send(`USER ${alice.user}`);
        await pop.until(/^\+OK.*\r\n/m);
        pop.send(`PASS ${alice.password}`);
        await pop.until(/^\+OK.*\r\n/m);
        pop.send('STAT');
        const stat = await pop.until(/^\+OK (\d+) \d+\r\n/m);
        const count = Number(/\+OK (\d+)/.exec(stat)?.[1]);
        for (let i = 1; i <= count && !found; i++) {
          pop.send(`RETR ${i}`);
          const msg = await pop.until(/\r\n\.\r\n/);
          if (msg.includes(subject)) found = msg;
        }
        pop.send('QUIT');
        await pop.until(/^\+OK.*\r\n/m);
        pop.close();
        if (!found) await new Promise((r) => setTimeout(r, 100));
      }
      expect(found).toContain(`Subject: ${subject}`);
      expect(found).toContain('\r\n..a dot line\r\n'); // still stuffed on the wire
    });
  },
);
