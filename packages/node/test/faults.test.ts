/**
 * Fault injection with a scripted server: a connection dropped mid-message, garbage for a
 * greeting, a server that never answers, and the STARTTLS command-injection attack. In
 * every case the client fails with a clear error and reports nothing cut short as complete.
 */
import { describe, expect, it } from 'vitest';
import { MailClientError } from '../src/errors';
import { ImapClient } from '../src/imap-client';
import { Pop3Client } from '../src/pop3-client';
import { SmtpClient } from '../src/smtp-client';
import { scriptedServer } from './support/scripted-server';

const pop3Basics = (line: string): string | undefined => {
  if (line === 'CAPA') return '+OK\r\nUSER\r\nSTLS\r\n.\r\n';
  if (line.startsWith('USER') || line.startsWith('PASS')) return '+OK\r\n';
  return undefined;
};

describe('POP3 client under faults', () => {
  it('strict mode: a response completed in the chunk that then turns bad still counts', async () => {
    const srv = await scriptedServer({
      greeting: '+OK ready\r\n',
      answer: (line) => (line.startsWith('PASS') ? '+OK logged in\r\n?? garbage\r\n' : pop3Basics(line)),
    });
    const pop = await Pop3Client.connect({
      host: '127.0.0.1',
      port: srv.port,
      security: 'none',
      allowPlaintextLogin: true,
      strict: true,
    });
    // PASS got its +OK before the garbage: the login succeeded, the session then failed
    await expect(pop.login('u', 'p')).resolves.toBeUndefined();
    await expect(pop.stat()).rejects.toThrow(/session failed/);
    srv.close();
  });

  it('fails RETR (whole and streamed) when the connection drops mid-message', async () => {
    const srv = await scriptedServer({
      greeting: '+OK ready\r\n',
      answer: (line) => {
        if (line.startsWith('RETR')) return '+OK 1000 octets\r\nSubject: cut\r\n\r\nfirst line\r\nsecond';
        return pop3Basics(line);
      },
    });
    // the scripted server never closes by itself after a partial RETR: make it hang up
    const pop = await Pop3Client.connect({
      host: '127.0.0.1',
      port: srv.port,
      security: 'none',
      allowPlaintextLogin: true,
    });
    await pop.login('u', 'p');
    const whole = pop.retr(1);
    setTimeout(() => srv.close(), 100);
    const err = await whole.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailClientError);
    expect((err as MailClientError).message).toMatch(/RETR/);

    const srv2 = await scriptedServer({
      greeting: '+OK ready\r\n',
      answer: (line) => (line.startsWith('RETR') ? '+OK\r\npart of a body\r\nmore' : pop3Basics(line)),
    });
    const pop2 = await Pop3Client.connect({
      host: '127.0.0.1',
      port: srv2.port,
      security: 'none',
      allowPlaintextLogin: true,
    });
    await pop2.login('u', 'p');
    const stream = pop2.retrStream(1);
    const got: Buffer[] = [];
    setTimeout(() => srv2.close(), 100);
    const streamErr = await (async () => {
      for await (const c of stream) got.push(c as Buffer);
    })().catch((e: unknown) => e);
    expect(streamErr).toBeInstanceOf(Error); // never a clean end
    expect(Buffer.concat(got).toString()).not.toContain('more\r\n');
  });

  it('rejects a garbage greeting', async () => {
    const srv = await scriptedServer({
      greeting: 'HTTP/1.1 400 Bad Request\r\n\r\n',
      answer: () => undefined,
    });
    const err = await Pop3Client.connect({ host: '127.0.0.1', port: srv.port, security: 'none' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MailClientError);
    expect((err as MailClientError).code).toBe('PROTOCOL_ERROR');
    srv.close();
  });

  it('times out on a server that never answers', async () => {
    const srv = await scriptedServer({
      greeting: '+OK ready\r\n',
      answer: (l) => (l === 'CAPA' ? '-ERR no\r\n' : undefined),
    });
    const pop = await Pop3Client.connect({
      host: '127.0.0.1',
      port: srv.port,
      security: 'none',
      allowPlaintextLogin: true,
      timeoutMs: 200,
    });
    const err = await pop.login('u', 'p').catch((e: unknown) => e);
    expect((err as MailClientError).code).toBe('TIMEOUT');
    srv.close();
  });

  it('refuses bytes injected after +OK to STLS (they would be parsed as if protected)', async () => {
    const srv = await scriptedServer({
      greeting: '+OK ready\r\n',
      answer: (line) => (line === 'STLS' ? '+OK begin TLS\r\n+OK injected\r\n' : pop3Basics(line)),
    });
    const err = await Pop3Client.connect({ host: '127.0.0.1', port: srv.port, security: 'starttls' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MailClientError);
    expect((err as MailClientError).message).toMatch(/STLS|STARTTLS|TLS|unexpected|after/i);
    expect((err as MailClientError).code).not.toBe('TIMEOUT');
    srv.close();
  });
});

describe('SMTP client under faults', () => {
  const ehlo = '250-fake.example\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n';

  it('refuses "220 go ahead" followed by an injected reply in the same segment', async () => {
    const srv = await scriptedServer({
      greeting: '220 fake.example ESMTP\r\n',
      answer: (line) => {
        if (line.startsWith('EHLO')) return ehlo;
        if (line === 'STARTTLS') return '220 go ahead\r\n250 fake\r\n';
        return undefined;
      },
    });
    const err = await SmtpClient.connect({ host: '127.0.0.1', port: srv.port, security: 'starttls' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MailClientError);
    expect((err as MailClientError).code).not.toBe('TIMEOUT');
    // nothing after the injection was sent: no EHLO after the bogus "TLS"
    expect(srv.lines.filter((l) => l.startsWith('EHLO'))).toHaveLength(1);
    srv.close();
  });

  it('a server that stops reading the message fails the send with TIMEOUT (data block timeout)', async () => {
    const srv = await scriptedServer({
      greeting: '220 fake.example ESMTP\r\n',
      answer: (line, socket) => {
        if (line.startsWith('EHLO')) return ehlo;
        if (line.startsWith('MAIL') || line.startsWith('RCPT')) return '250 ok\r\n';
        if (line === 'DATA') {
          socket.pause(); // reads nothing more: the client's writes back up
          return '354 go ahead\r\n';
        }
        return undefined;
      },
    });
    const smtp = await SmtpClient.connect({
      host: '127.0.0.1',
      port: srv.port,
      security: 'none',
      timeouts: { dataBlock: 300 },
    });
    // far more than the socket buffers of both ends hold
    const big = `Subject: big\r\n\r\n${'x'.repeat(998)}\r\n`.repeat(64 * 1024);
    const err = await smtp.send({ from: 'a@b.example', to: ['c@d.example'] }, big).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailClientError);
    expect((err as MailClientError).code).toBe('TIMEOUT');
    expect((err as MailClientError).message).toMatch(/stopped reading/);
    srv.close();
  });

  it('fails every pending command when the server hangs up mid-transaction', async () => {
    const srv = await scriptedServer({
      greeting: '220 fake.example ESMTP\r\n',
      answer: (line) => {
        if (line.startsWith('EHLO')) return ehlo;
        if (line.startsWith('MAIL')) return '250 ok\r\n';
        if (line.startsWith('RCPT')) return 'close';
        return undefined;
      },
    });
    const smtp = await SmtpClient.connect({ host: '127.0.0.1', port: srv.port, security: 'none' });
    const err = await smtp
      .send({ from: 'a@b.example', to: ['c@d.example'] }, 'Subject: x\r\n\r\nbody\r\n')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailClientError);
    expect((err as MailClientError).code).toBe('CONNECTION_CLOSED');
    srv.close();
  });

  it('rejects a garbage greeting and times out a silent server', async () => {
    const garbage = await scriptedServer({ greeting: 'SSH-2.0-OpenSSH_9.2\r\n', answer: () => undefined });
    const err = await SmtpClient.connect({ host: '127.0.0.1', port: garbage.port, security: 'none' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MailClientError);
    garbage.close();

    const silent = await scriptedServer({ answer: () => undefined });
    const timeout = await SmtpClient.connect({
      host: '127.0.0.1',
      port: silent.port,
      security: 'none',
      timeouts: { greeting: 200 },
    }).catch((e: unknown) => e);
    expect((timeout as MailClientError).code).toBe('TIMEOUT');
    silent.close();
  });
});

describe('IMAP client under faults', () => {
  const caps = '* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN\r\n';
  const basics = (line: string): string | undefined => {
    const [tag, name] = line.split(' ');
    if (name === 'CAPABILITY') return `${caps}${tag} OK done\r\n`;
    if (name === 'LOGIN') return `${tag} OK logged in\r\n`;
    if (name === 'SELECT')
      return `* 1 EXISTS\r\n* OK [UIDVALIDITY 1] x\r\n${tag} OK [READ-WRITE] selected\r\n`;
    return undefined;
  };

  it('fails a FETCH (whole and streamed) when the connection drops mid-literal', async () => {
    const srv = await scriptedServer({
      greeting: '* OK ready\r\n',
      answer: (line, socket) => {
        const [, name] = line.split(' ');
        if (name === 'FETCH') {
          socket.write('* 1 FETCH (BODY[] {100000}\r\nSubject: cut\r\n\r\npartial body');
          setTimeout(() => socket.destroy(), 50);
          return undefined;
        }
        return basics(line);
      },
    });
    const imap = await ImapClient.connect({
      host: '127.0.0.1',
      port: srv.port,
      security: 'none',
      allowPlaintextLogin: true,
    });
    await imap.login('u', 'p');
    await imap.select('INBOX');
    const err = await imap
      .fetch('1', [{ name: 'BODY[]', peek: true, section: { part: [] } }])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailClientError);
    srv.close();

    const srv2 = await scriptedServer({
      greeting: '* OK ready\r\n',
      answer: (line, socket) => {
        if (line.split(' ')[1] === 'FETCH') {
          socket.write(`* 1 FETCH (BODY[] {300000}\r\n${'x'.repeat(100_000)}`);
          setTimeout(() => socket.destroy(), 50);
          return undefined;
        }
        return basics(line);
      },
    });
    const imap2 = await ImapClient.connect({
      host: '127.0.0.1',
      port: srv2.port,
      security: 'none',
      allowPlaintextLogin: true,
    });
    await imap2.login('u', 'p');
    await imap2.select('INBOX');
    let got = 0;
    const streamErr = await (async () => {
      for await (const c of imap2.fetchStream(1)) got += (c as Buffer).length;
    })().catch((e: unknown) => e);
    expect(streamErr).toBeInstanceOf(Error); // never a clean end
    expect(got).toBeLessThan(300_000);
    srv2.close();
  });

  it('refuses bytes injected after the tagged OK to STARTTLS', async () => {
    const srv = await scriptedServer({
      greeting: `* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n`,
      answer: (line) => {
        const [tag, name] = line.split(' ');
        if (name === 'STARTTLS')
          return `${tag} OK begin TLS\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n`;
        return basics(line);
      },
    });
    const err = await ImapClient.connect({ host: '127.0.0.1', port: srv.port, security: 'starttls' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MailClientError);
    expect((err as MailClientError).code).not.toBe('TIMEOUT');
    srv.close();
  });

  it('rejects a garbage greeting and times out a silent server', async () => {
    const garbage = await scriptedServer({ greeting: '220 smtp.example ESMTP\r\n', answer: () => undefined });
    const err = await ImapClient.connect({ host: '127.0.0.1', port: garbage.port, security: 'none' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MailClientError);
    garbage.close();

    const silent = await scriptedServer({ answer: () => undefined });
    const timeout = await ImapClient.connect({
      host: '127.0.0.1',
      port: silent.port,
      security: 'none',
      timeoutMs: 200,
    }).catch((e: unknown) => e);
    expect((timeout as MailClientError).code).toBe('TIMEOUT');
    silent.close();
  });
});

describe('AbortSignal', () => {
  it('aborting while a command waits fails it with ABORTED and closes the connection', async () => {
    const srv = await scriptedServer({
      greeting: '220 fake.example ESMTP\r\n',
      answer: (line) => (line.startsWith('EHLO') ? '250 fake.example\r\n' : undefined),
    });
    const ac = new AbortController();
    const smtp = await SmtpClient.connect({
      host: '127.0.0.1',
      port: srv.port,
      security: 'none',
      signal: ac.signal,
    });
    const pending = smtp.noop();
    setTimeout(() => ac.abort(new Error('user pressed Ctrl-C')), 50);
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(smtp.noop()).rejects.toMatchObject({ code: 'ABORTED' });
    srv.close();
  });
});
