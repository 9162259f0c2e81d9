/**
 * Puts a message into a test mailbox over LMTP (RFC 2033), straight to Dovecot — test
 * setup for the POP3 and IMAP client tests, independent of the SMTP client under test.
 */
import net from 'node:net';
import type { MailServersInfo } from './mail-servers';

export async function deliverLmtp(
  servers: MailServersInfo,
  rcpt: string,
  message: string | Uint8Array,
): Promise<void> {
  const body = typeof message === 'string' ? Buffer.from(message, 'utf8') : Buffer.from(message);
  // dot-stuff and normalise to CRLF for the DATA phase
  const stuffed = Buffer.from(
    body.toString('latin1').replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..'),
    'latin1',
  );
  const socket = net.connect(servers.ports.lmtp, servers.host);
  let buffer = '';
  let wake: (() => void) | undefined;
  socket.setEncoding('latin1');
  socket.on('data', (d: string) => {
    buffer += d;
    wake?.();
  });
  const reply = async (): Promise<string> => {
    for (;;) {
      const m = /^(\d{3}) .*\r\n/m.exec(buffer);
      if (m) {
        const end = m.index + m[0].length;
        const text = buffer.slice(0, end);
        buffer = buffer.slice(end);
        return text;
      }
      await new Promise<void>((r) => (wake = r));
    }
  };
  const expect = async (code: string, what: string): Promise<void> => {
    const r = await reply();
    if (!r.startsWith(code)) throw new Error(`LMTP ${what}: ${r.trim()}`);
  };
  try {
    await expect('220', 'greeting');
    socket.write('LHLO test.mailwire\r\n');
    await expect('250', 'LHLO');
    socket.write(`MAIL FROM:<sender@${servers.domain}>\r\n`);
    await expect('250', 'MAIL');
    socket.write(`RCPT TO:<${rcpt}>\r\n`);
    await expect('250', 'RCPT');
    socket.write('DATA\r\n');
    await expect('354', 'DATA');
    socket.write(stuffed);
    socket.write(stuffed.subarray(-2).toString() === '\r\n' ? '.\r\n' : '\r\n.\r\n');
    await expect('250', 'delivery');
    socket.write('QUIT\r\n');
  } finally {
    socket.end();
  }
}
