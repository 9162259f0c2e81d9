/**
 * What `ImapClientProtocol.receive()` returns. Every event is a plain object with a `type`.
 */
import type { ErrorEvent, ParseError, WarningEvent } from '@mailwire/core';
import type { ImapCommand } from '../commands/types';
import type {
  BodyChunkEvent,
  BodyEndEvent,
  BodyStartEvent,
  FetchEndEvent,
  FetchItemEvent,
  FetchStartEvent,
} from '../events';
import type {
  FetchResponse,
  FlagsResponse,
  ImapResponse,
  NumberResponse,
  ResponseCode,
  StatusResponse,
  VanishedResponse,
} from '../types';
import type { ImapConnectionState } from './connection-state';
import type { SelectedMailbox } from './selected-mailbox';

/** The server greeting (RFC 3501 §7.1): OK, PREAUTH (already authenticated) or BYE (rejected). */
export interface ImapGreetingEvent {
  type: 'greeting';
  status: 'OK' | 'PREAUTH' | 'BYE';
  code: ResponseCode | null;
  text: string;
}

/**
 * A command finished. Exactly one per command sent. `OK`/`NO`/`BAD` are the server's tagged
 * answer; `ABORTED` means none will come: the server said BYE, the stream ended, the tagged
 * response could not be parsed, or the SASL mechanism rejected the server's proof (`error`
 * says which).
 */
export interface ImapCompletedEvent {
  type: 'completed';
  tag: string;
  command: ImapCommand;
  status: 'OK' | 'NO' | 'BAD' | 'ABORTED';
  code: ResponseCode | null;
  text: string;
  /** The untagged responses this command caused, in arrival order (see README "Routing"). */
  data: ImapResponse[];
  /** Only with `ABORTED`. */
  error?: ParseError;
  /** SELECT/EXAMINE that succeeded: the new mailbox (a snapshot). */
  mailbox?: SelectedMailbox;
}

/** Responses that change the selected mailbox, or unsolicited FETCH (flag changes). */
export type MailboxResponse =
  | NumberResponse
  | VanishedResponse
  | FlagsResponse
  | FetchResponse
  | StatusResponse;

/**
 * Unsolicited mailbox data outside SELECT/EXAMINE: EXISTS, RECENT, EXPUNGE, VANISHED, FLAGS,
 * untagged OK with a mailbox code (UIDNEXT, HIGHESTMODSEQ...), and FETCH responses that no
 * command asked for. EXPUNGE and VANISHED are reported here even when they also go into the
 * `data` of the EXPUNGE/MOVE command that caused them. `mailbox` is the state after it.
 */
export interface ImapMailboxEvent {
  type: 'mailbox';
  response: MailboxResponse;
  mailbox: SelectedMailbox | null;
}

/** Any other untagged response that no command in progress claims (e.g. `* OK still here`). */
export interface ImapUntaggedEvent {
  type: 'untagged';
  response: ImapResponse;
}

/** `* BYE`: the server is closing the connection (RFC 3501 §7.1.5). */
export interface ImapByeEvent {
  type: 'bye';
  code: ResponseCode | null;
  text: string;
}

/** `[ALERT]` text that must be shown to the user (RFC 3501 §7.1). `tag` null for untagged. */
export interface ImapAlertEvent {
  type: 'alert';
  tag: string | null;
  text: string;
}

/** The connection state changed. */
export interface ImapStateEvent {
  type: 'state';
  state: ImapConnectionState;
}

/** Bytes to write to the server now: the rest of a command after `+`, SASL responses, `*`. */
export interface ImapWriteEvent {
  type: 'write';
  bytes: Uint8Array;
}

/** The server accepted IDLE (`+ idling`): call `done()` to end it. */
export interface ImapIdlingEvent {
  type: 'idling';
  tag: string;
  text: string;
}

/** The tagged OK to STARTTLS: do the TLS handshake, then call `tlsStarted()`. */
export interface ImapTlsReadyEvent {
  type: 'tls-ready';
  tag: string;
}

/**
 * The tagged OK to COMPRESS (RFC 4978): from now on the adapter deflates every byte it writes
 * and inflates every byte it reads before `receive()`. `rest` holds the bytes that followed
 * the OK in the same chunk: already compressed, inflate them first.
 */
export interface ImapCompressReadyEvent {
  type: 'compress-ready';
  tag: string;
  rest: Uint8Array;
}

/** A SASL challenge of an AUTHENTICATE exchange, decoded; the answer follows as a `write` event. */
export interface ImapAuthChallengeEvent {
  type: 'auth-challenge';
  tag: string;
  challenge: Uint8Array;
}

type WithTag<E> = E & {
  /** The tag of the FETCH (or STORE, SELECT) command the data belongs to; null if unsolicited. */
  tag: string | null;
};

/** The response parser's streamed-FETCH events, with the tag of the command they belong to. */
export type ImapStreamEvent =
  | WithTag<FetchStartEvent>
  | WithTag<FetchItemEvent>
  | WithTag<BodyStartEvent>
  | WithTag<BodyChunkEvent>
  | WithTag<BodyEndEvent>
  | (WithTag<FetchEndEvent> & {
      /**
       * The FETCH response the streamed events made, as the command's data will hold it
       * (streamed bodies have `data: null`; a caller collecting them fills them in here).
       */
      response: FetchResponse;
    });

export type ImapClientEvent =
  | ImapGreetingEvent
  | ImapCompletedEvent
  | ImapMailboxEvent
  | ImapUntaggedEvent
  | ImapByeEvent
  | ImapAlertEvent
  | ImapStateEvent
  | ImapWriteEvent
  | ImapIdlingEvent
  | ImapTlsReadyEvent
  | ImapCompressReadyEvent
  | ImapAuthChallengeEvent
  | ImapStreamEvent
  | WarningEvent
  | ErrorEvent;
