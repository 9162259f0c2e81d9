import { isParseError } from '@mailwire/core';
import {
  type Capability,
  EXPECT_KINDS,
  type ExpectKind,
  expectationFor,
  KNOWN_COMMANDS,
  KNOWN_RESPONSE_CODES,
  type Pop3Command,
  type Pop3ResponseInit,
  serializeCommand,
  serializeContinuation,
  serializeResponse,
} from '@mailwire/pop3';
import fc from 'fast-check';
import { messageBody, normaliseBody } from './message-body';
import { concatBytes, type Wire } from './wire';

const word = (max: number) => fc.stringMatching(new RegExp(`^[\\x21-\\x7e]{1,${max}}$`));
const printable = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
const msg = fc.integer({ min: 1, max: 2 ** 31 });
const size = fc.nat({ max: 2 ** 40 });
const codeLevel = fc.stringMatching(/^[\x21-\x2e\x30-\x5c\x5e-\x7e]{1,10}$/);
/** RFC 2449 §8 response codes: every registered one, and made-up hierarchical ones. */
export const pop3ResponseCode: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...KNOWN_RESPONSE_CODES),
  fc.array(codeLevel, { minLength: 1, maxLength: 3 }).map((l) => l.join('/')),
);
/** Response text that cannot be read back as a response code. */
const text = printable.filter((t) => !t.startsWith('['));
const spaced = (max: number) => fc.array(word(12), { minLength: 1, maxLength: max }).map((w) => w.join(' '));

/** CAPA lines (RFC 2449 §6): made-up capabilities with arguments, the registered ones, IMPLEMENTATION text. */
export const pop3Capability: fc.Arbitrary<Capability> = fc.oneof(
  fc.record({
    name: fc.stringMatching(/^[A-Z][A-Z0-9-]{0,15}$/).filter((n) => n !== 'IMPLEMENTATION'),
    args: fc.array(word(10), { maxLength: 4 }),
  }),
  fc.constantFrom<Capability>(
    { name: 'TOP', args: [] },
    { name: 'USER', args: [] },
    { name: 'UIDL', args: [] },
    { name: 'PIPELINING', args: [] },
    { name: 'RESP-CODES', args: [] },
    { name: 'STLS', args: [] },
    { name: 'SASL', args: ['PLAIN', 'LOGIN', 'SCRAM-SHA-256'] },
    { name: 'EXPIRE', args: ['NEVER'] },
    { name: 'EXPIRE', args: ['30', 'USER'] },
    { name: 'LOGIN-DELAY', args: ['900'] },
    { name: 'AUTH-RESP-CODE', args: [] },
    { name: 'UTF8', args: ['USER'] },
    { name: 'LANG', args: [] },
  ),
  spaced(3).map((t) => ({ name: 'IMPLEMENTATION', args: [t] })),
);

const statusFields = fc.record(
  { status: fc.constantFrom('OK' as const, 'ERR' as const), code: pop3ResponseCode, text },
  { requiredKeys: ['status', 'text'] },
);

export interface Pop3ResponseOptions {
  /**
   * The bodies of `multiline-body` responses. Default: `messageBody({ maxPieces: 16 })` in
   * received form (`normaliseBody`: CRLF line ends, final CRLF), which the parser gives back
   * as it is. Any other arbitrary (bytes with bare CR and LF, say) tests the serializer's
   * line-end normalisation too: the parser then gives back `normaliseBody(value.body)`.
   */
  body?: fc.Arbitrary<Uint8Array>;
}

const receivedBody = messageBody({ maxPieces: 16 }).map(normaliseBody);

/**
 * A valid response of one kind (what the server answers to a command of that kind), in the
 * form `Pop3ResponseParser` gives back. `multiline-body` bodies are given in their received
 * form (CRLF line ends, final CRLF): they stress dot-stuffing (lines of ".", CR/LF runs).
 */
export function pop3ResponseOf(
  kind: Exclude<ExpectKind, 'auth'>,
  options: Pop3ResponseOptions = {},
): fc.Arbitrary<Pop3ResponseInit> {
  switch (kind) {
    case 'single':
      return statusFields.map((s) => ({ ...s, kind }));
    case 'greeting':
      return fc.tuple(statusFields, word(20), word(20)).map(([s, a, b]) => ({
        ...s,
        kind,
        timestamp: `<${a.replace(/[<>@]/g, 'x')}@${b.replace(/[<>@]/g, 'y')}>`,
      }));
    case 'stat':
      // RFC 1939 §5: anything may follow the drop listing; here single-space separated words.
      return fc
        .tuple(statusFields, size, size, fc.oneof(fc.constant(''), spaced(3)))
        .map(([s, count, sz, t]) => ({ ...s, text: t, kind, drop: { count, size: sz } }));
    case 'list':
      return fc
        .tuple(statusFields, fc.array(fc.record({ msg, size }), { maxLength: 8 }))
        .map(([s, scans]) => ({ ...s, kind, scans }));
    case 'list-one':
      return fc
        .tuple(statusFields, fc.record({ msg, size, extra: spaced(3) }, { requiredKeys: ['msg', 'size'] }))
        .map(([s, one]) => ({ ...s, text: '', kind, scans: [one] }));
    case 'uidl-one':
      return fc
        .tuple(statusFields, fc.record({ msg, uid: word(70) }))
        .map(([s, one]) => ({ ...s, text: '', kind, uids: [one] }));
    case 'uidl':
      return fc
        .tuple(statusFields, fc.array(fc.record({ msg, uid: word(70) }), { maxLength: 8 }))
        .map(([s, uids]) => ({ ...s, kind, uids }));
    case 'capa':
      return fc
        .tuple(statusFields, fc.array(pop3Capability, { maxLength: 10 }))
        .map(([s, capabilities]) => ({ ...s, kind, capabilities }));
    case 'auth-list':
      return fc
        .tuple(statusFields, fc.array(fc.stringMatching(/^[A-Z0-9_-]{1,20}$/), { maxLength: 5 }))
        .map(([s, mechanisms]) => ({ ...s, kind, mechanisms }));
    case 'lang-list':
      return fc
        .tuple(
          statusFields,
          fc.array(
            fc.record({
              tag: fc.stringMatching(/^[a-z]{2}(-[A-Z]{2})?$/),
              description: fc.oneof(fc.constant(''), spaced(3)),
            }),
            { maxLength: 4 },
          ),
        )
        .map(([s, languages]) => ({ ...s, kind, languages }));
    case 'multiline':
      return fc
        .tuple(
          statusFields,
          fc.array(
            fc.uint8Array({ maxLength: 30 }).map((l) => l.filter((b) => b >= 0x20)),
            { maxLength: 6 },
          ),
        )
        .map(([s, lines]) => ({ ...s, kind, lines }));
    case 'multiline-body':
      return fc.tuple(statusFields, options.body ?? receivedBody).map(([s, body]) => ({ ...s, kind, body }));
  }
}

/** Every `ExpectKind`: what a POP3 response parser can be told to expect. */
export const POP3_EXPECT_KINDS: readonly ExpectKind[] = EXPECT_KINDS;

/** Every kind `pop3Response` draws from (`auth` exchanges are in `pop3ServerSession`). */
export const POP3_RESPONSE_KINDS: readonly Exclude<ExpectKind, 'auth'>[] = POP3_EXPECT_KINDS.filter(
  (k): k is Exclude<ExpectKind, 'auth'> => k !== 'auth',
);

/**
 * Typed responses of every kind in `POP3_RESPONSE_KINDS`, without bytes (the values
 * `pop3Response` serializes); `value.kind` says which.
 */
export function pop3ResponseValue(options: Pop3ResponseOptions = {}): fc.Arbitrary<Pop3ResponseInit> {
  return fc.oneof(...POP3_RESPONSE_KINDS.map((kind) => pop3ResponseOf(kind, options)));
}

/**
 * Valid responses of every kind (`value.kind` says which: tell the parser `expect(kind)`),
 * +OK and -ERR, with RFC 2449 response codes; bytes from `serializeResponse`.
 */
export function pop3Response(): fc.Arbitrary<Wire<Pop3ResponseInit>> {
  return pop3ResponseValue().map((value) => ({ value, bytes: serializeResponse(value) }));
}

const commandValue: fc.Arbitrary<Pop3Command> = fc.oneof(
  word(40).map((user) => ({ name: 'USER' as const, user })),
  fc.stringMatching(/^[\x20-\x7e]{1,40}$/).map((password) => ({ name: 'PASS' as const, password })),
  fc
    .tuple(word(40), fc.stringMatching(/^[0-9a-f]{32}$/))
    .map(([user, digest]) => ({ name: 'APOP' as const, user, digest })),
  fc.constant({ name: 'AUTH' as const }),
  fc.stringMatching(/^[A-Z0-9_-]{1,20}$/).map((mechanism) => ({ name: 'AUTH' as const, mechanism })),
  fc
    .tuple(
      fc.stringMatching(/^[A-Z0-9_-]{1,20}$/),
      fc.oneof(fc.constant('='), fc.base64String({ minLength: 4, maxLength: 200 })),
    )
    .filter(([, ir]) => ir.length > 0)
    .map(([mechanism, initialResponse]) => ({ name: 'AUTH' as const, mechanism, initialResponse })),
  fc.constantFrom(
    ...(['STAT', 'NOOP', 'RSET', 'QUIT', 'CAPA', 'STLS', 'UTF8', 'LIST', 'UIDL', 'LANG'] as const).map(
      (name) => ({
        name,
      }),
    ),
  ),
  fc
    .tuple(fc.constantFrom('LIST' as const, 'UIDL' as const, 'RETR' as const, 'DELE' as const), msg)
    .map(([name, m]) => ({ name, msg: m })),
  fc.tuple(msg, fc.nat({ max: 2 ** 31 })).map(([m, lines]) => ({ name: 'TOP' as const, msg: m, lines })),
  word(20).map((lang) => ({ name: 'LANG' as const, lang })),
  fc
    .tuple(fc.stringMatching(/^[A-Z]{3,4}$/), fc.array(word(40), { maxLength: 5 }))
    .filter(([k]) => !KNOWN_COMMANDS.includes(k))
    .map(([keyword, args]) => ({ name: 'OTHER' as const, keyword, args })),
);

function trySerialize(c: Pop3Command): Uint8Array | undefined {
  try {
    return serializeCommand(c);
  } catch (err) {
    // Only RFC 2449 §4's 255-octet line limit refuses a generated command.
    if (isParseError(err)) return undefined;
    throw err;
  }
}

/** Typed commands of every keyword, without bytes (some exceed RFC 2449's 255-octet line: `serializeCommand` refuses those). */
export function pop3CommandValue(): fc.Arbitrary<Pop3Command> {
  return commandValue;
}

/** Valid commands of every keyword (USER, PASS, APOP, AUTH with initial responses, TOP, LANG, extensions...). */
export function pop3Command(): fc.Arbitrary<Wire<Pop3Command>> {
  return commandValue
    .map((value) => ({ value, bytes: trySerialize(value) }))
    .filter((w): w is Wire<Pop3Command> => w.bytes !== undefined);
}

/** One exchange of a POP3 session: the command (null for the greeting) and what the server answered. */
export interface Pop3Exchange {
  command: Pop3Command | null;
  /** What the parser must be told to expect (`expectationFor(command)`, or 'greeting'). */
  kind: ExpectKind;
  /** AUTH exchanges: the decoded challenges sent as `+ base64` before the final status. */
  challenges?: Uint8Array[];
  response: Pop3ResponseInit;
}

/** The client's bytes of a server session: the commands the exchanges answer. */
export function pop3ClientBytes(session: readonly Pop3Exchange[]): Uint8Array {
  return concatBytes(session.flatMap((e) => (e.command ? [serializeCommand(e.command)] : [])));
}

/**
 * A server's side of a session as one byte stream: the greeting, then the answer to each
 * command in `value` (every multi-line kind, AUTH exchanges with challenges, -ERR where a
 * listing was due). Feed a parser `expect(e.kind)` for each exchange (or `greeting: true`
 * and `expectCommand(e.command)`), or use `pop3ClientBytes(value)` for the client's bytes.
 * STLS and the commands after QUIT are left out.
 */
export function pop3ServerSession(
  options: { maxCommands?: number } = {},
): fc.Arbitrary<Wire<Pop3Exchange[]>> {
  const exchange: fc.Arbitrary<Pop3Exchange> = pop3Command()
    .map((w) => w.value)
    .filter((c) => c.name !== 'STLS' && c.name !== 'QUIT')
    .chain((command): fc.Arbitrary<Pop3Exchange> => {
      const kind = expectationFor(command);
      if (kind === 'auth') {
        return fc
          .tuple(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 3 }), pop3ResponseOf('single'))
          .map(([challenges, r]) => ({ command, kind, challenges, response: { ...r, kind } }));
      }
      return pop3ResponseOf(kind).map((response) => ({ command, kind, response }));
    });
  return fc
    .tuple(pop3ResponseOf('greeting'), fc.array(exchange, { maxLength: options.maxCommands ?? 10 }))
    .map(([greeting, rest]) => {
      const value: Pop3Exchange[] = [{ command: null, kind: 'greeting', response: greeting }, ...rest];
      const bytes = concatBytes(
        value.flatMap((e) => [
          ...(e.challenges ?? []).map(serializeContinuation),
          serializeResponse(e.kind === 'auth' ? { ...e.response, kind: 'single' } : e.response),
        ]),
      );
      return { value, bytes };
    });
}
