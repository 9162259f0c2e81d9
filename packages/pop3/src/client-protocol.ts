import { encodeBase64, errorEvent, type Limits, ParseError, type SaslMechanism } from '@mailwire/core';
import { DEFAULT_COMMAND_LIMITS, type Pop3CommandLimits } from './command-limits';
import { serializeAuthResponse, serializeCommand } from './command-serializer';
import type { Pop3ResponseParserEvent } from './events';
import { expectationFor } from './expectations';
import { isAllowedIn, isLoginCommand, type Pop3Phase } from './phases';
import { Pop3ResponseParser } from './response-parser';
import type { ExpectKind, Pop3Capabilities, Pop3Command } from './types';

export interface Pop3ClientProtocolOptions {
  strict?: boolean;
  limits?: Partial<Limits>;
  bodyThreshold?: number;
  /** RFC 2449 §4 argument / line limits for commands sent. */
  commandLimits?: Partial<Pop3CommandLimits>;
  /** The connection is already protected (implicit TLS, port 995): STLS is refused. */
  tls?: boolean;
}

/** The session moved to another phase. */
export interface Pop3PhaseEvent {
  type: 'phase';
  phase: Pop3Phase;
}

/** Bytes the protocol needs written to the server now (an AUTH response or cancel). */
export interface Pop3WriteEvent {
  type: 'write';
  data: Uint8Array;
}

export type Pop3ClientEvent = Pop3ResponseParserEvent | Pop3PhaseEvent | Pop3WriteEvent;

interface AuthExchange {
  mechanism: SaslMechanism | undefined;
  /** An initial response that did not fit on the AUTH line: sent at the first (empty) challenge. */
  deferred: Uint8Array | undefined;
  /** A continuation arrived and no response has been sent yet (manual exchanges). */
  awaitingResponse: boolean;
}

function invalidState(message: string): ParseError {
  return new ParseError({ protocol: 'pop3', code: 'INVALID_STATE', message });
}

/**
 * Sans-I/O POP3 client: it never touches a socket. `send(command)` returns the bytes to
 * write (or throws `ParseError` INVALID_STATE if the command is not allowed now),
 * `receive(bytes)` returns the events the server's bytes complete, each response carrying
 * the `command` it answers, pipelined or not. An adapter (packages/node) moves the bytes.
 */
export class Pop3ClientProtocol {
  private readonly parser: Pop3ResponseParser;
  private readonly commandLimits: Pop3CommandLimits;
  private currentPhase: Pop3Phase = 'greeting';
  private readonly pendingCommands: Pop3Command[] = [];
  private auth: AuthExchange | undefined;
  private lastSent: Pop3Command['name'] | undefined;
  private userRejected = false;
  private tlsActive: boolean;
  private caps: Pop3Capabilities | undefined;
  private greetingTimestamp: string | undefined;
  private utf8Active = false;
  private failure: ParseError | undefined;

  constructor(options: Pop3ClientProtocolOptions = {}) {
    this.parser = new Pop3ResponseParser({
      ...(options.strict !== undefined ? { strict: options.strict } : {}),
      ...(options.limits !== undefined ? { limits: options.limits } : {}),
      ...(options.bodyThreshold !== undefined ? { bodyThreshold: options.bodyThreshold } : {}),
      greeting: true,
      unexpected: 'error',
    });
    this.commandLimits = { ...DEFAULT_COMMAND_LIMITS, ...options.commandLimits };
    this.tlsActive = options.tls ?? false;
  }

  get phase(): Pop3Phase {
    return this.currentPhase;
  }

  /** From the last CAPA answer; `undefined` before one, and again after STLS (RFC 2595 §4). */
  get capabilities(): Pop3Capabilities | undefined {
    return this.caps;
  }

  /** The greeting's APOP timestamp, if it had one. */
  get apopTimestamp(): string | undefined {
    return this.greetingTimestamp;
  }

  get tls(): boolean {
    return this.tlsActive;
  }

  /** True after +OK to UTF8 (RFC 6856). */
  get utf8(): boolean {
    return this.utf8Active;
  }

  /** Commands sent and not yet answered, oldest first. */
  get pending(): readonly Pop3Command[] {
    return this.pendingCommands;
  }

  /** True between +OK to STLS and `tlsStarted()`. */
  get awaitingTls(): boolean {
    return this.parser.awaitingTls;
  }

  /**
   * The bytes of `command`; throws `ParseError` INVALID_STATE if it is not allowed now,
   * INVALID_ARGUMENT for bad values. `expect` overrides what the answer looks like, for
   * extension commands (`OTHER`) with a multi-line answer, e.g. `'multiline'`.
   */
  send(command: Pop3Command, expect?: ExpectKind): Uint8Array {
    this.checkAllowed(command);
    const bytes = serializeCommand(command, this.commandLimits);
    this.commit(
      command,
      command.name === 'AUTH' && command.mechanism !== undefined ? undefined : null,
      expect,
    );
    // The server enters UPDATE when it gets QUIT in TRANSACTION (RFC 1939 §6).
    if (command.name === 'QUIT' && this.currentPhase === 'transaction') this.currentPhase = 'update';
    return bytes;
  }

  /**
   * APOP (RFC 1939 §7) with the digest already computed (32 hex digits of
   * MD5(timestamp + secret)), or a function that computes it from the timestamp. No MD5 here.
   */
  apop(user: string, digest: string | ((timestamp: string) => string)): Uint8Array {
    const timestamp = this.greetingTimestamp;
    if (timestamp === undefined) throw invalidState('APOP: the greeting had no timestamp');
    const hex = typeof digest === 'string' ? digest : digest(timestamp);
    return this.send({ name: 'APOP', user, digest: hex.toLowerCase() });
  }

  /**
   * AUTH with a SASL mechanism (RFC 5034). Challenges are answered inside `receive()`,
   * which returns `write` events with the responses. The initial response goes on the
   * AUTH line ("=" when empty) unless the line would pass 255 octets; then it is sent at
   * the server's first, empty, challenge (RFC 5034 §4).
   */
  authenticate(mechanism: SaslMechanism): Uint8Array {
    const base: Pop3Command = { name: 'AUTH', mechanism: mechanism.name };
    this.checkAllowed(base);
    const ir = mechanism.initialResponse();
    let command: Pop3Command = base;
    let deferred: Uint8Array | undefined;
    if (ir !== undefined) {
      const initialResponse = ir.length === 0 ? '=' : encodeBase64(ir);
      // "AUTH " + name + " " + initial response + CRLF, all ASCII
      const lineLength = 5 + mechanism.name.length + 1 + initialResponse.length + 2;
      if (lineLength <= this.commandLimits.maxCommandLength) {
        command = { name: 'AUTH', mechanism: mechanism.name, initialResponse };
      } else {
        deferred = ir;
      }
    }
    const bytes = serializeCommand(command, this.commandLimits);
    this.commit(command, { mechanism, deferred, awaitingResponse: false });
    return bytes;
  }

  /** Answers a `continuation` of an AUTH exchange started with `send()` (no mechanism object). */
  authResponse(data: Uint8Array): Uint8Array {
    const auth = this.manualAuth();
    auth.awaitingResponse = false;
    return serializeAuthResponse(data);
  }

  /** Cancels an AUTH exchange ("*", RFC 5034 §4); the server answers -ERR. */
  cancelAuth(): Uint8Array {
    const auth = this.auth;
    if (!auth) throw invalidState('no AUTH exchange to cancel');
    auth.awaitingResponse = false;
    return serializeAuthResponse('cancel');
  }

  /** Bytes from the server. */
  receive(bytes: Uint8Array): Pop3ClientEvent[] {
    if (this.failure) throw this.failure;
    let events: Pop3ResponseParserEvent[];
    try {
      events = this.parser.push(bytes);
    } catch (e) {
      throw this.failed(e);
    }
    return this.process(events);
  }

  /**
   * A strict parser error ends the session; the responses its chunk completed before it are
   * processed, and the error carries the client events they made (`eventsBefore`).
   */
  private failed(e: unknown): unknown {
    if (!(e instanceof ParseError)) return e;
    const before = this.process(e.eventsBefore as Pop3ResponseParserEvent[]);
    this.failure = e;
    e.eventsBefore = before;
    return e;
  }

  /** The server closed the connection. */
  end(): Pop3ClientEvent[] {
    if (this.failure) throw this.failure;
    let events: Pop3ResponseParserEvent[];
    try {
      events = this.parser.end();
    } catch (e) {
      throw this.failed(e);
    }
    const out = this.process(events);
    if (this.currentPhase !== 'closed') this.setPhase('closed', out);
    return out;
  }

  /**
   * The adapter finished the TLS handshake after +OK to STLS. Capabilities learned before
   * are forgotten (RFC 2595 §4: they may differ, and a man in the middle could have edited
   * them); issue CAPA again.
   */
  tlsStarted(): void {
    if (!this.parser.awaitingTls || this.currentPhase === 'closed') {
      throw invalidState('tlsStarted() without a +OK to STLS');
    }
    this.parser.tlsStarted();
    this.tlsActive = true;
    this.caps = undefined;
  }

  // -- internals --

  private manualAuth(): AuthExchange {
    const auth = this.auth;
    if (!auth || auth.mechanism || !auth.awaitingResponse) {
      throw invalidState('no AUTH challenge is waiting for a manual response');
    }
    return auth;
  }

  private checkAllowed(command: Pop3Command): void {
    if (this.failure) throw invalidState('the session failed');
    const phase = this.projectedPhase();
    const name = command.name;
    if (phase === 'greeting') throw invalidState(`${name} before the server greeting`);
    if (phase === 'closed' || phase === 'update')
      throw invalidState(`${name} after QUIT or a closed session`);
    if (this.parser.awaitingTls) throw invalidState(`${name} before tlsStarted() after STLS`);
    const last = this.pendingCommands[this.pendingCommands.length - 1];
    if (last?.name === 'STLS') throw invalidState(`${name} while STLS is unanswered (RFC 2595 §4)`);
    if (this.auth) throw invalidState(`${name} during an AUTH exchange`);
    if (!isAllowedIn(phase, command)) throw invalidState(`${name} is not allowed in the ${phase} phase`);
    if (name === 'PASS' && (this.lastSent !== 'USER' || this.userRejected)) {
      throw invalidState('PASS only right after an accepted USER (RFC 1939 §7)');
    }
    if (name === 'STLS' && this.tlsActive) throw invalidState('STLS on a connection that is already TLS');
    if (name === 'APOP' && this.greetingTimestamp === undefined) {
      throw invalidState('APOP: the greeting had no timestamp (RFC 1939 §7)');
    }
  }

  /** The phase once every pending command has succeeded (what pipelined commands run in). */
  private projectedPhase(): Pop3Phase {
    let phase = this.currentPhase;
    for (const c of this.pendingCommands) {
      if (phase === 'authorization' && isLoginCommand(c)) phase = 'transaction';
      if (c.name === 'QUIT') phase = 'closed';
    }
    return phase;
  }

  /** Records a sent command. `auth`: null for non-AUTH-exchange commands. */
  private commit(command: Pop3Command, auth: AuthExchange | undefined | null, expect?: ExpectKind): void {
    if (auth !== null)
      this.auth = auth ?? { mechanism: undefined, deferred: undefined, awaitingResponse: false };
    this.pendingCommands.push(command);
    this.parser.expect(expect ?? expectationFor(command), command);
    this.lastSent = command.name;
    this.userRejected = false;
  }

  private setPhase(phase: Pop3Phase, out: Pop3ClientEvent[]): void {
    if (phase === this.currentPhase) return;
    this.currentPhase = phase;
    out.push({ type: 'phase', phase });
  }

  private process(events: Pop3ResponseParserEvent[]): Pop3ClientEvent[] {
    const out: Pop3ClientEvent[] = [];
    for (const e of events) {
      out.push(e);
      switch (e.type) {
        case 'response':
          this.onResponse(e.status, e.command, out, e);
          break;
        case 'bodyEnd':
          this.onResponse('OK', e.command, out, undefined);
          break;
        case 'continuation':
          this.onContinuation(e.data, out);
          break;
        case 'error':
          if (e.error.code === 'UNEXPECTED_DATA') {
            // Bytes between +OK to STLS and the handshake: the connection cannot be trusted.
            this.setPhase('closed', out);
          } else if (e.error.code === 'BAD_BASE64' && this.auth?.mechanism) {
            // A challenge we cannot decode: cancel the exchange (RFC 5034 §4), the server answers -ERR.
            out.push({ type: 'write', data: serializeAuthResponse('cancel') });
          }
          break;
        default:
          break;
      }
    }
    return out;
  }

  private onResponse(
    status: 'OK' | 'ERR',
    command: Pop3Command | undefined,
    out: Pop3ClientEvent[],
    response: Extract<Pop3ResponseParserEvent, { type: 'response' }> | undefined,
  ): void {
    if (response?.kind === 'greeting') {
      if (status === 'OK') {
        this.greetingTimestamp = response.timestamp;
        this.setPhase('authorization', out);
      } else {
        this.setPhase('closed', out);
      }
      return;
    }
    if (!command) return;
    this.pendingCommands.shift();
    const ok = status === 'OK';
    switch (command.name) {
      case 'USER':
        if (!ok && this.lastSent === 'USER') this.userRejected = true;
        break;
      case 'PASS':
      case 'APOP':
        if (ok && this.currentPhase === 'authorization') this.setPhase('transaction', out);
        break;
      case 'AUTH': {
        const auth = this.auth;
        if (command.mechanism === undefined) break;
        this.auth = undefined;
        if (!ok) break;
        if (auth?.mechanism) {
          try {
            // RFC 5034 has no additional data with success: the final check gets none.
            auth.mechanism.verify(undefined);
          } catch (err) {
            if (!(err instanceof ParseError)) throw err;
            out.push(errorEvent(err));
            this.setPhase('closed', out);
            break;
          }
        }
        if (this.currentPhase === 'authorization') this.setPhase('transaction', out);
        break;
      }
      case 'CAPA':
        if (ok && response?.capabilities) this.caps = response.capabilities;
        break;
      case 'UTF8':
        if (ok) {
          this.utf8Active = true;
          this.parser.utf8 = true;
        }
        break;
      case 'QUIT':
        this.setPhase('closed', out);
        break;
      default:
        break;
    }
  }

  private onContinuation(challenge: Uint8Array, out: Pop3ClientEvent[]): void {
    const auth = this.auth;
    if (!auth) return;
    if (!auth.mechanism) {
      auth.awaitingResponse = true;
      return;
    }
    let response: Uint8Array;
    if (auth.deferred !== undefined) {
      response = auth.deferred;
      auth.deferred = undefined;
    } else {
      try {
        response = auth.mechanism.respond(challenge);
      } catch (err) {
        if (!(err instanceof ParseError)) throw err;
        out.push(errorEvent(err));
        out.push({ type: 'write', data: serializeAuthResponse('cancel') });
        return;
      }
    }
    out.push({ type: 'write', data: serializeAuthResponse(response) });
  }
}
