import fc from 'fast-check';
import { imapClientStream } from './imap-commands';
import { imapServerStream } from './imap-responses';
import { deepNesting, hugeNumber, mutatedWire, tokenSoup, truncated } from './mutation';
import { pop3ServerSession } from './pop3';
import { smtpClientSession, smtpServerSession } from './smtp';
import { concatBytes, utf8 } from './wire';

/**
 * Hostile traffic: valid streams mutated (flips, hostile insertions, duplicated CRLF, bare
 * LF, truncation), the quirks real servers send (which the codecs accept leniently, with a
 * warning), token soup, random bytes, deep nesting and huge numbers. Parsers must answer any
 * of it with events or a ParseError, never another exception.
 */

/** SMTP reply quirks real servers send, each accepted with a warning. */
const SMTP_REPLY_QUIRKS = [
  '250 ok\n', // bare LF: qmail/sendmail-era and embedded servers
  '250OK\r\n', // missing space: some IIS/Exchange versions
  '334\r\n', // bare code: Postfix's empty AUTH challenge
  '250-first\r\n251 last\r\n', // code mismatch: proxies splicing replies
  '250 h\xe9llo\r\n', // 8-bit text without SMTPUTF8: localised servers
  '250 a\rb\r\n', // bare CR in text: broken embedded servers
  '299 odd\r\n', // unusual code: broken appliances
  '220 mx ESMTP\r\n', // greeting
  '421 4.3.2 shutting down\r\n',
];

/** SMTP command quirks clients send. */
const SMTP_COMMAND_QUIRKS = [
  'MAIL FROM: <a@b>\r\n', // space after colon: Outlook Express-era clients
  'RCPT TO:a@b\r\n', // no angle brackets: very old clients
  'RCPT TO:<taro..yamada.@docomo.ne.jp>\r\n', // Japanese mobile carriers
  'HELO my_pc\r\n', // underscore: Windows host names
  'HELO\r\n', // missing argument: printers and cameras
  'QUIT now\r\n',
  '\r\n', // telnet user pressing Enter
  'ehlo x\n', // bare LF: nc sessions
  'AUTH PLAIN =\r\n',
  'DATA\r\nbody\n.\nmore\r\n.\r\n', // LF.LF is body (smuggling defence)
  'BDAT 5 LAST\r\nabc\r\n',
  'BDAT 99999999999999999999\r\n',
];

const POP3_QUIRKS = [
  '+OK\n', // bare LF: hand-written test servers
  '+OK\r\n.\r\n',
  '+ok lower case\r\n', // lower-case status: some embedded servers
  '+OK 1 2 3\r\n',
  '+OK\r\n1 100\r\n2 200\r\n.\r\n',
  '+OK\r\n.line starting with a dot, not stuffed\r\n.\r\n', // unstuffed dot: old servers
  '-ERR [SYS/TEMP] busy\r\n',
  '+ \r\n', // empty challenge
  '+OK <1896.697170952@dbc.mtview.ca.us>\r\n',
  '+OK\r\nbody\n.\n',
];

const IMAP_QUIRKS = [
  '* SEARCH 1  2 \r\n', // extra/trailing space: Exchange, Courier
  '* BYE\r\n', // missing text: Courier, Exchange
  '+\r\n', // bare continuation: Exchange AUTHENTICATE
  '* STATUS INBOX ()\r\n', // empty list: Gmail
  '* 1 FETCH (BODYSTRUCTURE ("TEXT" "PLAIN" NIL NIL NIL "7BIT" -1 -1))\r\n', // negative: Exchange 2007
  '* 1 FETCH (ENVELOPE (NIL "say "hi" now" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n', // unescaped quote: Exchange
  '* 1 FETCH (X-GM-LABELS (\\Inbox [Gmail]/Sent))\r\n', // loose atom: Gmail
  '* 1 FETCH ((UID 1) (FLAGS ()))\r\n', // extra parens: old GroupWise
  '* 0 FETCH (UID 0)\r\n', // zero numbers: Exchange
  '\0\0* OK hi\r\n', // NUL padding: Exchange front ends
  '* OK hi\n', // bare LF
  '\r\n', // empty line after IDLE
  '* OK [UIDNEXT ] x\r\n', // bad code: Zimbra
  '* LIST () "\\\\" "C:\\dir"\r\n', // bad escape: Zimbra
  'a1 BYE x\r\n', // tagged BYE
  '* 1 fetch (uid 1)\r\n', // lower case: old Cyrus
  '* 1 FETCH (BODY[] {5}\r\nab',
  '* 1 FETCH (BODY[] {4294967296}\r\n',
  '* 1 FETCH (BODY[] ~{3}\r\na\0b)\r\n',
];

/** One of the listed quirk strings, possibly several in a row (Latin-1 code units as bytes). */
function quirks(list: readonly string[]): fc.Arbitrary<Uint8Array> {
  const asBytes = list.map((s) => Uint8Array.from(s, (c) => c.charCodeAt(0)));
  return fc.array(fc.constantFrom(...asBytes), { minLength: 1, maxLength: 6 }).map(concatBytes);
}

function hostile(
  valid: fc.Arbitrary<{ bytes: Uint8Array }>,
  quirkList: readonly string[],
  tokens: readonly string[],
  extra: fc.Arbitrary<Uint8Array>[] = [],
): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 6, arbitrary: mutatedWire(valid) },
    { weight: 2, arbitrary: truncated(valid) },
    { weight: 2, arbitrary: quirks(quirkList) },
    { weight: 2, arbitrary: tokenSoup(tokens) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    ...extra.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}

/** Hostile server output for an SMTP client (replies). */
export function smtpHostileServer(): fc.Arbitrary<Uint8Array> {
  return hostile(
    smtpServerSession({ maxReplies: 6 }),
    SMTP_REPLY_QUIRKS,
    ['250', '-', ' ', '334 ', '2.1.0'],
    [hugeNumber.map((n) => utf8(`${n} big\r\n`))],
  );
}

/** Hostile client output for an SMTP server (commands, DATA, BDAT). */
export function smtpHostileClient(): fc.Arbitrary<Uint8Array> {
  return hostile(
    smtpClientSession({ maxCommands: 6 }),
    SMTP_COMMAND_QUIRKS,
    ['MAIL FROM:', 'RCPT TO:', '<', '>', 'DATA', 'BDAT ', ' LAST', 'SIZE='],
    [hugeNumber.map((n) => utf8(`BDAT ${n} LAST\r\nMAIL FROM:<a@b> SIZE=${n}\r\n`))],
  );
}

/** Hostile server output for a POP3 client (responses: feed with the session's expectations or any). */
export function pop3HostileServer(): fc.Arbitrary<Uint8Array> {
  return hostile(
    pop3ServerSession({ maxCommands: 6 }),
    POP3_QUIRKS,
    ['+OK', '-ERR', '+ ', '.', '[SYS/PERM]'],
    [hugeNumber.map((n) => utf8(`+OK ${n} ${n}\r\n${n} ${n}\r\n.\r\n`))],
  );
}

/** Hostile server output for an IMAP client (responses, literals, deep nesting, huge numbers). */
export function imapHostileServer(): fc.Arbitrary<Uint8Array> {
  return hostile(
    imapServerStream({ maxResponses: 4 }),
    IMAP_QUIRKS,
    ['* ', 'FETCH', 'BODY[]', 'NIL', '(', ')', '"'],
    [
      deepNesting('* 1 FETCH (BODYSTRUCTURE '),
      deepNesting('* LIST (\\X) "/" INBOX ("EXT" '),
      hugeNumber.map((n) =>
        utf8(`* ${n} EXISTS\r\n* 1 FETCH (UID ${n} RFC822.SIZE ${n} MODSEQ (${n}))\r\n{${n}}\r\n`),
      ),
    ],
  );
}

/** Hostile client output for an IMAP server (commands, literals). */
export function imapHostileClient(): fc.Arbitrary<Uint8Array> {
  return hostile(
    imapClientStream({ maxCommands: 4 }),
    [
      'a1 LOGIN {3}\r\nabc {3+}\r\ndef\r\n',
      'a2 IDLE\r\nDONE\r\n',
      'a3 FETCH 1:* (BODY.PEEK[HEADER.FIELDS (FROM)])\r\n',
    ],
    ['a1 ', 'FETCH', 'SEARCH', '(', ')', '{3}\r\n'],
    [
      deepNesting('a1 SEARCH '),
      hugeNumber.map((n) => utf8(`a1 FETCH ${n}:${n} (BODY[]<${n}.${n}>)\r\na2 APPEND x {${n}+}\r\n`)),
    ],
  );
}
