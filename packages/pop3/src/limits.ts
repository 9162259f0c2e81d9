import { DEFAULT_LIMITS, type Limits } from '@mailwire/core';

/**
 * POP3 uses core's defaults: lines up to 64 KiB (RFC 2449 §4 allows 512 octets, real
 * servers send longer greetings and listings), LIST/UIDL answers up to 100 000 entries
 * (`maxListItems`), CAPA / LANG / other listings up to 1 000 lines (`maxReplyLines`), a
 * whole listing up to 16 MiB (`maxResponseSize`) and RETR/TOP bodies up to 64 MiB
 * (`maxPayloadSize`; the body streams, so memory stays at one chunk whatever this is set
 * to: raise it to fetch bigger messages).
 */
export const POP3_DEFAULT_LIMITS: Readonly<Limits> = DEFAULT_LIMITS;

/** Bodies up to this size (bytes, after unstuffing) come whole in the `response` event; larger ones stream. */
export const DEFAULT_BODY_THRESHOLD = 64 * 1024;
