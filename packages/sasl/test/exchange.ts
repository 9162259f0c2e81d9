import type { SaslMechanism } from '@mailwire/core';
import type { SaslServerMechanism, SaslServerStep } from '../src/index';

/** Runs a client mechanism against a server mechanism the way SMTP/IMAP would, with or without SASL-IR. */
export function runExchange(
  client: SaslMechanism,
  server: SaslServerMechanism,
  options: { initialResponse?: boolean } = {},
): { step: SaslServerStep; rounds: number } {
  const initial = options.initialResponse === false ? undefined : client.initialResponse();
  let step = server.start(initial);
  let rounds = 0;
  while (step.type === 'challenge') {
    rounds++;
    if (rounds > 10) throw new Error('exchange does not end');
    step = server.step(client.respond(step.challenge));
  }
  if (step.type === 'success') client.verify(step.additionalData);
  return { step, rounds };
}
