import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_PARSE_ERROR, main } from '../src/main';
import { createSmtpParser } from '../src/parse/smtp';
import { memoryIo } from './helpers';

const parsers = { smtp: createSmtpParser };
const serverCapture = readFileSync(new URL('../../../examples/smtp-session.txt', import.meta.url));
const clientCapture = readFileSync(new URL('../../../examples/smtp-client.txt', import.meta.url));

describe('mailwire parse --protocol smtp', () => {
  it('server side: the sample capture gives one reply event per reply, capabilities after EHLO, exit 0', async () => {
    const m = memoryIo({ 'smtp-session.txt': serverCapture });
    const code = await main(
      ['parse', '--protocol', 'smtp', '--side', 'server', '--strict', 'smtp-session.txt'],
      m.io,
      parsers,
    );
    expect(code).toBe(EXIT_OK);
    const events = m.events();
    expect(events.map((e) => e.type)).toEqual([
      'reply',
      'reply',
      'capabilities',
      ...Array<string>(10).fill('reply'),
    ]);
    const caps = events[2] as {
      capabilities: { authMechanisms: string[]; size: number; enhancedStatusCodes: boolean };
    };
    expect(caps.capabilities.authMechanisms).toEqual(['PLAIN', 'LOGIN']);
    expect(caps.capabilities.size).toBe(36700160);
    const codes = events.flatMap((e) => (e.type === 'reply' ? [(e.reply as { code: number }).code] : []));
    expect(codes).toEqual([220, 250, 334, 334, 235, 250, 250, 550, 250, 354, 250, 221]);
    const rejected = events.find((e) => e.type === 'reply' && (e.reply as { code: number }).code === 550);
    expect(rejected?.reply).toMatchObject({
      enhanced: {
        class: 5,
        subject: 1,
        detail: 1,
        raw: '5.1.1',
      },
    });
  });

  it('client side: commands, SASL responses, the unstuffed body, exit 0', async () => {
    const m = memoryIo({ '-': clientCapture });
    const code = await main(['parse', '--protocol', 'smtp', '--side', 'client', '-'], m.io, parsers);
    expect(code).toBe(EXIT_OK);
    const events = m.events();
    expect(
      events.filter((e) => e.type === 'command').map((e) => (e.command as { verb: string }).verb),
    ).toEqual(['EHLO', 'AUTH', 'MAIL', 'RCPT', 'RCPT', 'RCPT', 'DATA', 'QUIT']);
    expect(events.filter((e) => e.type === 'auth-response').map((e) => e.data)).toEqual([
      'alice@example.net',
      's3cr3t-passw0rd',
    ]);
    const body = events.flatMap((e) => (e.type === 'body-chunk' ? [e.data as string] : [])).join('');
    expect(body).toContain('\r\n.  agenda item one');
    expect(body).toContain('\r\n..and that was all');
    expect(body).toContain('Grüße');
    const end = events.find((e) => e.type === 'body-end') as { size: number };
    const mail = events.find((e) => e.type === 'command' && (e.command as { verb: string }).verb === 'MAIL');
    expect(mail?.command).toMatchObject({ size: end.size });
  });

  it('exit 1 when a parse error occurs (lenient: reported and parsing goes on)', async () => {
    const m = memoryIo({ bad: '250 ok\r\nnot a reply\r\n221 bye\r\n' });
    expect(await main(['parse', '--protocol', 'smtp', 'bad'], m.io, parsers)).toBe(EXIT_PARSE_ERROR);
    expect(m.events().map((e) => e.type)).toEqual(['reply', 'error', 'reply']);
  });

  it('strict mode stops at the first error, exit 1', async () => {
    const m = memoryIo({ bad: 'HELO x\r\nMAIL FROM: <a@b.c>\r\nQUIT\r\n' });
    expect(
      await main(['parse', '--protocol', 'smtp', '--side', 'client', '--strict', 'bad'], m.io, parsers),
    ).toBe(EXIT_PARSE_ERROR);
    const events = m.events();
    expect(events.map((e) => e.type)).toEqual(['command', 'error']);
    expect(events[1]?.error).toMatchObject({ code: 'BAD_SYNTAX' });
  });

  it('strict mode prints the replies before the error, even when they came in the same chunk', async () => {
    const m = memoryIo({ bad: '220 hi\r\n250 ok\r\nnot a reply\r\n221 bye\r\n' });
    expect(await main(['parse', '--protocol', 'smtp', '--strict', 'bad'], m.io, parsers)).toBe(
      EXIT_PARSE_ERROR,
    );
    const events = m.events();
    expect(events.map((e) => e.type)).toEqual(['reply', 'reply', 'capabilities', 'error']);
    expect(events[3]?.error).toMatchObject({ code: 'BAD_SYNTAX', offset: 16 });
  });

  it('lenient quirks become warning events', async () => {
    const m = memoryIo({ q: '220 mx ESMTP\n221OK\r\n' });
    expect(await main(['parse', '--protocol', 'smtp', 'q'], m.io, parsers)).toBe(EXIT_OK);
    expect(m.events().map((e) => (e.type === 'warning' ? e.code : e.type))).toEqual([
      'BARE_LF',
      'reply',
      'MISSING_SPACE',
      'reply',
    ]);
  });
});
