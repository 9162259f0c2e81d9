import { asciiUpper, type SaslMechanism } from '@mailwire/core';
import {
  type ClientMechanismName,
  type CreateMechanismOptions,
  createMechanism,
  isClientMechanismName,
  missingCredentials,
} from './create-mechanism';
import type { SaslCredentials } from './credentials';

/**
 * Default preference, strongest first.
 * - EXTERNAL: only when the caller asks for it (`external: true`); the identity was proved outside SASL.
 * - OAUTHBEARER, XOAUTH2: only with an access token; the standard one first.
 * - SCRAM-SHA-256, SCRAM-SHA-1: the password never crosses the wire, the server proves it
 *   knows the password too, and the server need not store it.
 * - CRAM-MD5: the password never crosses the wire, but no server proof and MD5.
 * - PLAIN, then LOGIN: the password in the clear (TLS only); PLAIN is standard and one round trip.
 * - ANONYMOUS: only when the caller asks for it.
 */
export const DEFAULT_MECHANISM_ORDER: readonly ClientMechanismName[] = [
  'EXTERNAL',
  'OAUTHBEARER',
  'XOAUTH2',
  'SCRAM-SHA-256',
  'SCRAM-SHA-1',
  'CRAM-MD5',
  'PLAIN',
  'LOGIN',
  'ANONYMOUS',
];

/**
 * Mechanisms that hand the server a reusable secret in the clear: the password (PLAIN,
 * LOGIN) or a bearer token (OAUTHBEARER, XOAUTH2; RFC 7628 §5 requires TLS). Refused on an
 * unencrypted connection unless `allowPlaintext`.
 */
export const PLAINTEXT_MECHANISMS: ReadonlySet<string> = new Set([
  'PLAIN',
  'LOGIN',
  'OAUTHBEARER',
  'XOAUTH2',
]);

export interface ChooseMechanismOptions extends CreateMechanismOptions {
  /** Mechanism names the server advertised (EHLO AUTH, CAPA SASL, CAPABILITY AUTH=), any case. */
  serverMechanisms: readonly string[];
  credentials: SaslCredentials;
  /** Whether the connection is protected by TLS (implicit or after STARTTLS/STLS). */
  encrypted: boolean;
  /** Allow PLAIN, LOGIN, OAUTHBEARER, XOAUTH2 on an unencrypted connection. Default `false`. */
  allowPlaintext?: boolean;
  /** Preference order to use instead of `DEFAULT_MECHANISM_ORDER` (names not listed are never picked). */
  order?: readonly ClientMechanismName[];
}

export type ChooseMechanismNameResult =
  | { ok: true; name: ClientMechanismName }
  | { ok: false; reason: string };

export type ChooseMechanismResult =
  | { ok: true; name: ClientMechanismName; mechanism: SaslMechanism }
  | { ok: false; reason: string };

/** The name of the strongest mechanism both sides support, or why there is none. Never throws. */
export function chooseMechanismName(
  options: Omit<ChooseMechanismOptions, keyof CreateMechanismOptions>,
): ChooseMechanismNameResult {
  const offered = new Set(options.serverMechanisms.map((name) => asciiUpper(name.trim())));
  if (offered.size === 0) return { ok: false, reason: 'the server advertises no SASL mechanisms' };
  const order = options.order ?? DEFAULT_MECHANISM_ORDER;
  const usable = order.filter((name) => missingCredentials(name, options.credentials) === undefined);
  if (usable.length === 0) {
    return {
      ok: false,
      reason: 'no credentials given (need a user name and password, an access token, external or anonymous)',
    };
  }
  const common = usable.filter((name) => offered.has(name));
  if (common.length === 0) {
    const known = [...offered].filter((name) => isClientMechanismName(name));
    const offer =
      known.length > 0
        ? known.join(', ')
        : `only mechanisms this client does not implement (${[...offered].join(', ')})`;
    return {
      ok: false,
      reason: `no common mechanism: the server offers ${offer}; these credentials can use ${usable.join(', ')}`,
    };
  }
  const allowed =
    options.encrypted || options.allowPlaintext ? common : common.filter((n) => !PLAINTEXT_MECHANISMS.has(n));
  const name = allowed[0];
  if (name === undefined) {
    return {
      ok: false,
      reason: `the only common mechanisms (${common.join(', ')}) would send the password or token in the clear on an unencrypted connection; use TLS (STARTTLS/STLS) or pass allowPlaintext: true`,
    };
  }
  return { ok: true, name };
}

/**
 * Picks the strongest mechanism both sides support and creates it. `ok: false` with a
 * reason when nothing fits. Throws `ParseError` INVALID_ARGUMENT only if the credentials
 * themselves are unusable (e.g. a NUL in the password).
 */
export function chooseMechanism(options: ChooseMechanismOptions): ChooseMechanismResult {
  const chosen = chooseMechanismName(options);
  if (!chosen.ok) return chosen;
  const create: CreateMechanismOptions = {};
  if (options.nonce !== undefined) create.nonce = options.nonce;
  if (options.minIterations !== undefined) create.minIterations = options.minIterations;
  if (options.maxIterations !== undefined) create.maxIterations = options.maxIterations;
  return {
    ok: true,
    name: chosen.name,
    mechanism: createMechanism(chosen.name, options.credentials, create),
  };
}
