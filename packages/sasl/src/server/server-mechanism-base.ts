import { invalidState } from '../sasl-error';
import type { SaslServerMechanism, SaslServerStep } from './server-mechanism';

/** Enforces the call order shared by every server mechanism: one `start`, `step`s until the end. */
export abstract class ServerMechanismBase implements SaslServerMechanism {
  abstract readonly name: string;
  #phase: 'new' | 'running' | 'done' = 'new';

  start(initialResponse: Uint8Array | undefined): SaslServerStep {
    if (this.#phase !== 'new') throw invalidState(`${this.name}: start() called twice`);
    return this.#track(this.onStart(initialResponse));
  }

  step(response: Uint8Array): SaslServerStep {
    if (this.#phase === 'new') throw invalidState(`${this.name}: step() called before start()`);
    if (this.#phase === 'done') throw invalidState(`${this.name}: step() called after the exchange ended`);
    return this.#track(this.onStep(response));
  }

  protected abstract onStart(initialResponse: Uint8Array | undefined): SaslServerStep;
  protected abstract onStep(response: Uint8Array): SaslServerStep;

  #track(result: SaslServerStep): SaslServerStep {
    this.#phase = result.type === 'challenge' ? 'running' : 'done';
    return result;
  }
}
