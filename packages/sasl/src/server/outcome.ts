import type { ParseError } from '@mailwire/core';
import { authFailed } from '../sasl-error';
import type { SaslServerCredentials, SaslServerStep } from './server-mechanism';

export function challengeStep(challenge: Uint8Array): SaslServerStep {
  return { type: 'challenge', challenge };
}

export function failureStep(error: ParseError, additionalData?: Uint8Array): SaslServerStep {
  return additionalData === undefined
    ? { type: 'failure', error }
    : { type: 'failure', error, additionalData };
}

/** Success for `authcid`, unless it asks to act as another identity it is not allowed to. */
export function successStep(
  name: string,
  credentials: SaslServerCredentials,
  authcid: string,
  authzid: string,
  additionalData?: Uint8Array,
): SaslServerStep {
  if (authzid !== '' && authzid !== authcid && !(credentials.authorize?.(authcid, authzid) ?? false)) {
    return failureStep(authFailed(`${name}: user may not act as the requested authorization identity`));
  }
  const granted = authzid === '' ? authcid : authzid;
  return additionalData === undefined
    ? { type: 'success', authcid, authzid: granted }
    : { type: 'success', authcid, authzid: granted, additionalData };
}
