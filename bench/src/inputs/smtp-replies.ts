import { prng } from '../input';
import { concatBytes } from './concat';
import type { BenchInput, SmtpExpected } from './types';

/** Replies of one SMTP session, as a Postfix-like server answers a pipelining client. */
function session(rnd: () => number, n: number): string[][] {
  const replies: string[][] = [
    ['220 mx.example.net ESMTP Postfix (Debian/GNU)'],
    [
      '250-mx.example.net',
      '250-PIPELINING',
      '250-SIZE 52428800',
      '250-VRFY',
      '250-ETRN',
      '250-STARTTLS',
      '250-AUTH PLAIN LOGIN',
      '250-ENHANCEDSTATUSCODES',
      '250-8BITMIME',
      '250-DSN',
      '250-SMTPUTF8',
      '250 CHUNKING',
    ],
    ['250 2.1.0 Ok'],
  ];
  const rcpts = 1 + Math.floor(rnd() * 3);
  for (let r = 0; r < rcpts; r++) {
    if (rnd() < 0.1)
      replies.push([
        '550-5.1.1 <nobody@example.net>: Recipient address rejected:',
        '550 5.1.1 User unknown in virtual mailbox table',
      ]);
    else replies.push(['250 2.1.5 Ok']);
  }
  replies.push(['354 End data with <CR><LF>.<CR><LF>']);
  replies.push([`250 2.0.0 Ok: queued as 4Xy2${(n % 1_000_000).toString(36).toUpperCase()}`]);
  replies.push(['221 2.0.0 Bye']);
  return replies;
}

/**
 * smtp-replies: `count` server replies (single-line ones like `250 2.1.5 Ok`, 354 and 221
 * mixed with 12-line EHLO blocks and 2-line 550 rejections), the sessions of a busy
 * pipelining client back to back. Deterministic for a given `seed`.
 */
export function smtpRepliesInput(count = 1_000_000, seed = 1): BenchInput<SmtpExpected> {
  const rnd = prng(seed);
  const text: string[] = [];
  let replies = 0;
  let lines = 0;
  let multiline = 0;
  let lastCode = 0;
  for (let s = 0; replies < count; s++) {
    for (const reply of session(rnd, s)) {
      if (replies === count) break;
      replies++;
      lines += reply.length;
      if (reply.length > 1) multiline++;
      lastCode = Number(reply[0]?.slice(0, 3));
      for (const line of reply) text.push(`${line}\r\n`);
    }
  }
  return {
    bytes: concatBytes([text.join('')]),
    items: count,
    expected: { replies, lines, multiline, lastCode },
  };
}
