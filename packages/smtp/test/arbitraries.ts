import fc from 'fast-check';
import { KNOWN_VERBS, type SmtpCommand } from '../src/index';

/** Generators of valid SMTP values for the property tests. */

const PRINTABLE = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i));

export const replyCode = fc
  .tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 9 }))
  .map(([a, b, c]) => a * 100 + b * 10 + c);

/** textstring = 1*(%d09 / %d32-126), or empty. */
export const replyText = fc.string({ unit: fc.constantFrom('\t', ...PRINTABLE), maxLength: 40 });

export const reply = fc.record({
  code: replyCode,
  lines: fc.array(replyText, { minLength: 1, maxLength: 6 }),
});

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
export const domain = fc.array(label, { minLength: 1, maxLength: 4 }).map((l) => l.join('.'));

/** Any printable ASCII local part: dot-strings go bare, the rest is quoted by the serializer. */
const localPart = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,10}(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,10}){0,2}$/),
  fc.string({ unit: fc.constantFrom(...PRINTABLE), maxLength: 16 }),
);

const mailbox = fc.record({ localPart, domain });

/** A word with no surrounding spaces (VRFY argument, HELP topic...). */
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

export const command: fc.Arbitrary<SmtpCommand> = fc.oneof(
  fc.record({ verb: fc.constantFrom('HELO' as const, 'EHLO' as const), domain }),
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
  fc.record({ verb: fc.constant('BDAT' as const), size: fc.nat({ max: 40 }), last: fc.boolean() }),
  fc.record({ verb: fc.constantFrom('VRFY' as const, 'EXPN' as const), argument }),
  fc.record(
    { verb: fc.constantFrom('HELP' as const, 'NOOP' as const), argument },
    { requiredKeys: ['verb'] },
  ),
  fc.record(
    {
      verb: fc.constant('AUTH' as const),
      mechanism: fc.stringMatching(/^[A-Z0-9_-]{1,20}$/),
      initialResponse: fc.uint8Array({ maxLength: 40 }),
    },
    { requiredKeys: ['verb', 'mechanism'] },
  ),
  fc.record({ verb: fc.constant('ATRN' as const), domains: fc.array(domain, { maxLength: 3 }) }),
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
