import {
  KNOWN_VERBS,
  type SmtpCommand,
  type SmtpReplyInit,
  serializeCommand,
  serializeReply,
} from '@mailwire/smtp';
import fc from 'fast-check';
import { dotStuffedBody } from './message-body';
import { concatBytes, joinWires, type Wire } from './wire';

const PRINTABLE = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i));

/** Reply codes RFC 5321 §4.2 allows: 2yz-5yz with y 0-5 (what strict parsing accepts). */
export const smtpReplyCode: fc.Arbitrary<number> = fc
  .tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 9 }))
  .map(([a, b, c]) => a * 100 + b * 10 + c);

/** textstring = 1*(%d09 / %d32-126), or empty (RFC 5321 §4.2). */
const replyText = fc.string({ unit: fc.constantFrom('\t', ...PRINTABLE), maxLength: 60 });

/**
 * Typed replies, without bytes (the values `smtpReply` serializes): any code, 1 to `maxLines`
 * lines (default 8) of text with tabs and every printable character.
 */
export function smtpReplyValue(options: { maxLines?: number } = {}): fc.Arbitrary<SmtpReplyInit> {
  return fc.record({
    code: smtpReplyCode,
    lines: fc.array(replyText, { minLength: 1, maxLength: options.maxLines ?? 8 }),
  });
}

/**
 * Valid replies, single- and multi-line (up to `maxLines`), any code, texts with tabs and
 * every printable character; with the bytes `serializeReply` writes.
 */
export function smtpReply(options: { maxLines?: number } = {}): fc.Arbitrary<Wire<SmtpReplyInit>> {
  return smtpReplyValue(options).map((value) => ({ value, bytes: serializeReply(value) }));
}

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
/** A host name (RFC 5321 Domain). */
export const smtpDomain: fc.Arbitrary<string> = fc
  .array(label, { minLength: 1, maxLength: 4 })
  .map((l) => l.join('.'));

const localPart = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,10}(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,10}){0,2}$/),
  fc.string({ unit: fc.constantFrom(...PRINTABLE), maxLength: 16 }),
);
const mailbox = fc.record({ localPart, domain: smtpDomain });
const argument = fc
  .string({ unit: fc.constantFrom(...PRINTABLE), minLength: 1, maxLength: 20 })
  .filter((s) => s.trim() === s && s !== '');
const token = fc.stringMatching(/^[\x21-\x7e]{1,16}$/);
const xtextValue = fc.string({ unit: fc.constantFrom(...PRINTABLE), minLength: 1, maxLength: 16 });
const MAIL_KEYWORDS = ['SIZE', 'BODY', 'SMTPUTF8', 'RET', 'ENVID', 'AUTH', 'REQUIRETLS', 'NOTIFY', 'ORCPT'];
const extraParams = fc.array(
  fc.record(
    {
      keyword: fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{0,8}$/).filter((k) => !MAIL_KEYWORDS.includes(k)),
      value: fc.stringMatching(/^[\x21-\x3c\x3e-\x7e]{1,10}$/),
    },
    { requiredKeys: ['keyword'] },
  ),
  { maxLength: 3 },
);

const mail = fc.record(
  {
    verb: fc.constant('MAIL' as const),
    reversePath: fc.oneof(
      fc.constant({ mailbox: null }),
      mailbox.map((m) => ({ mailbox: m })),
    ),
    size: fc.nat(),
    body: fc.constantFrom('7BIT' as const, '8BITMIME' as const, 'BINARYMIME' as const),
    smtputf8: fc.constant(true),
    ret: fc.constantFrom('FULL' as const, 'HDRS' as const),
    envid: xtextValue,
    auth: fc.oneof(fc.constant('<>'), xtextValue),
    requireTls: fc.constant(true),
    params: extraParams,
  },
  { requiredKeys: ['verb', 'reversePath', 'params'] },
);

const rcpt = fc.record(
  {
    verb: fc.constant('RCPT' as const),
    forwardPath: mailbox.map((m) => ({ mailbox: m })),
    notify: fc.oneof(
      fc.constant('NEVER' as const),
      fc.uniqueArray(fc.constantFrom('SUCCESS' as const, 'FAILURE' as const, 'DELAY' as const), {
        minLength: 1,
      }),
    ),
    orcpt: fc.record({ addrType: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,6}$/), address: xtextValue }),
    params: extraParams,
  },
  { requiredKeys: ['verb', 'forwardPath', 'params'] },
);

/** Every command value, typed, in the canonical form `SmtpCommandParser` produces. */
const commandValue: fc.Arbitrary<SmtpCommand> = fc.oneof(
  fc.record({ verb: fc.constantFrom('HELO' as const, 'EHLO' as const), domain: smtpDomain }),
  mail,
  rcpt,
  fc.record({
    verb: fc.constantFrom(
      'DATA' as const,
      'RSET' as const,
      'QUIT' as const,
      'STARTTLS' as const,
      'TURN' as const,
    ),
  }),
  fc.record({ verb: fc.constant('BDAT' as const), size: fc.nat({ max: 200 }), last: fc.boolean() }),
  fc.record({ verb: fc.constantFrom('VRFY' as const, 'EXPN' as const), argument }),
  fc.record(
    { verb: fc.constantFrom('HELP' as const, 'NOOP' as const), argument },
    { requiredKeys: ['verb'] },
  ),
  fc.record(
    {
      verb: fc.constant('AUTH' as const),
      mechanism: fc.stringMatching(/^[A-Z0-9_-]{1,20}$/),
      initialResponse: fc.uint8Array({ maxLength: 60 }),
    },
    { requiredKeys: ['verb', 'mechanism'] },
  ),
  fc.record({ verb: fc.constant('ATRN' as const), domains: fc.array(smtpDomain, { maxLength: 3 }) }),
  fc.record({ verb: fc.constant('ETRN' as const), node: token }),
  fc.record(
    {
      verb: fc.constant('UNKNOWN' as const),
      name: fc.stringMatching(/^[A-Z][A-Z0-9]{0,8}$/).filter((n) => !KNOWN_VERBS.includes(n)),
      argument,
    },
    { requiredKeys: ['verb', 'name'] },
  ),
);

/**
 * Typed commands of every verb, without bytes (the values `smtpCommand` serializes), in the
 * canonical form `SmtpCommandParser` produces.
 */
export function smtpCommandValue(): fc.Arbitrary<SmtpCommand> {
  return commandValue;
}

/**
 * Valid commands of every verb (HELO/EHLO, MAIL and RCPT with every typed ESMTP parameter
 * and unknown ones, BDAT, AUTH with initial responses, ATRN, ETRN, unknown verbs...), with
 * the bytes `serializeCommand` writes: the command line only (a DATA or BDAT payload is not
 * included; see `smtpClientSession`).
 */
export function smtpCommand(): fc.Arbitrary<Wire<SmtpCommand>> {
  return commandValue.map((value) => ({ value, bytes: serializeCommand(value) }));
}

/** What a client sends: a command, or the payload after DATA (unstuffed form in `body`) or BDAT. */
export type SmtpClientItem = { command: SmtpCommand } | { body: Uint8Array };

/**
 * A client's side of a session: commands, each DATA followed by a dot-stuffed body (with
 * "." lines, CR/LF runs, 8-bit and NUL bytes) and each BDAT by exactly its size in bytes.
 * `value` lists the commands and the bodies as the server gets them back. AUTH and STARTTLS
 * are left out (their follow-up bytes are not commands).
 */
export function smtpClientSession(
  options: { maxCommands?: number } = {},
): fc.Arbitrary<Wire<SmtpClientItem[]>> {
  const cmd = commandValue.filter((c) => c.verb !== 'AUTH' && c.verb !== 'STARTTLS');
  const item = cmd.chain((command): fc.Arbitrary<Wire<SmtpClientItem[]>> => {
    const line = serializeCommand(command);
    if (command.verb === 'DATA') {
      return dotStuffedBody({ maxPieces: 12 }).map((b) => ({
        value: [{ command }, { body: b.value }],
        bytes: concatBytes([line, b.bytes]),
      }));
    }
    if (command.verb === 'BDAT') {
      return fc.uint8Array({ minLength: command.size, maxLength: command.size }).map((data) => ({
        value: [{ command }, { body: data }],
        bytes: concatBytes([line, data]),
      }));
    }
    return fc.constant({ value: [{ command }], bytes: line });
  });
  return fc.array(item, { minLength: 1, maxLength: options.maxCommands ?? 10 }).map((items) => {
    const joined = joinWires(items);
    return { value: joined.value.flat(), bytes: joined.bytes };
  });
}

const EHLO_KEYWORDS = fc.constantFrom(
  'PIPELINING',
  'SIZE 10240000',
  'SIZE',
  '8BITMIME',
  'SMTPUTF8',
  'CHUNKING',
  'BINARYMIME',
  'DSN',
  'ENHANCEDSTATUSCODES',
  'STARTTLS',
  'REQUIRETLS',
  'ETRN',
  'ATRN',
  'DELIVERBY 120',
  'AUTH PLAIN LOGIN CRAM-MD5',
  'AUTH=LOGIN PLAIN',
  'X-EXPS GSSAPI NTLM',
  'VRFY',
  'HELP',
  'XCLIENT NAME ADDR',
);

/**
 * A server's side of a session as one byte stream: the 220 greeting, a multi-line EHLO
 * reply with capabilities, then replies of any code (334 challenges, 354, multi-line 250s,
 * enhanced status codes, 421 at the end...).
 */
export function smtpServerSession(
  options: { maxReplies?: number } = {},
): fc.Arbitrary<Wire<SmtpReplyInit[]>> {
  const greeting = smtpDomain.map((d) => ({ code: 220, lines: [`${d} ESMTP ready`] }));
  const ehlo = fc
    .tuple(smtpDomain, fc.uniqueArray(EHLO_KEYWORDS, { maxLength: 10 }))
    .map(([d, caps]) => ({ code: 250, lines: [d, ...caps] }));
  const enhanced = fc
    .tuple(smtpReplyCode, fc.nat({ max: 7 }), fc.nat({ max: 999 }), replyText)
    .map(([code, s, d, t]) => ({ code, lines: [`${Math.floor(code / 100)}.${s}.${d} ${t}`.trimEnd()] }));
  const challenge = fc.base64String({ maxLength: 40 }).map((b) => ({ code: 334, lines: [b] }));
  const other = fc.oneof(
    smtpReply().map((w) => w.value),
    enhanced,
    challenge,
    fc.constant({ code: 354, lines: ['End data with <CR><LF>.<CR><LF>'] }),
  );
  return fc
    .tuple(greeting, ehlo, fc.array(other, { maxLength: options.maxReplies ?? 12 }))
    .map(([g, e, rest]) => {
      const value = [g, e, ...rest];
      return { value, bytes: concatBytes(value.map(serializeReply)) };
    });
}
