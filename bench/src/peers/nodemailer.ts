import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { asBuffer } from './socket-feed';

/** What nodemailer's reply handling delivered. */
export interface SmtpSummary {
  replies: number;
  lines: number;
  multiline: number;
  lastCode: number;
}

/** The parts of SMTPConnection the adapter drives (internal, not in its public types). */
interface SmtpInternals {
  _onSocketData(chunk: Buffer): void;
  _responseActions: ((reply: string) => void)[];
  _responseQueue: string[];
  _responsePartial: boolean;
  _destroyed: boolean;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/**
 * nodemailer 10: SMTPConnection's socket 'data' listener (`_onSocketData` → `_onData`)
 * splits each chunk into lines, groups `250-` continuation lines into one reply and queues
 * complete replies; `_processResponse` hands the next queued reply to the next pending
 * response action and schedules itself again with setImmediate: one reply per turn of the
 * event loop. The adapter creates an SMTPConnection (its constructor opens no socket),
 * hands it the chunks as socket 'data' events, and keeps one response action pending at all
 * times, as a client that pipelines its commands does; the action counts the reply
 * (nodemailer joins the lines of a multi-line reply with '\n').
 *
 * Pacing: each chunk is delivered in a new event-loop turn once nodemailer has handed over
 * the replies already queued (at once when it is waiting for the rest of a multi-line reply),
 * i.e. a socket that delivers as fast as the client consumes. Delivering a million replies
 * before nodemailer has processed any makes its reply queue huge, and `Array#shift()` on it
 * turns the run quadratic (200,000 replies took 43 s that way): that measures a backlog no
 * SMTP session has, not reply parsing.
 */
export function nodemailerReplies(chunks: readonly Uint8Array[]): Promise<SmtpSummary> {
  const conn = new SMTPConnection({}) as unknown as SmtpInternals;
  const summary: SmtpSummary = { replies: 0, lines: 0, multiline: 0, lastCode: 0 };
  return new Promise((resolve, reject) => {
    let next = 0;
    let feedScheduled = false;
    /** Nothing complete left for nodemailer to hand over (at most the start of a multi-line reply). */
    const drained = (): boolean =>
      conn._responseQueue.length === 0 || (conn._responseQueue.length === 1 && conn._responsePartial);
    const feed = (): void => {
      feedScheduled = false;
      const chunk = chunks[next++];
      if (!chunk) {
        resolve(summary);
        return;
      }
      conn._onSocketData(asBuffer(chunk));
      // _onData processes nothing while a multi-line reply is incomplete: the socket goes on
      if (drained() || conn._responsePartial) scheduleFeed();
    };
    const scheduleFeed = (): void => {
      if (feedScheduled) return;
      feedScheduled = true;
      setImmediate(feed);
    };
    const action = (reply: string): void => {
      summary.replies++;
      let lines = 1;
      for (let i = reply.indexOf('\n'); i !== -1; i = reply.indexOf('\n', i + 1)) lines++;
      summary.lines += lines;
      if (lines > 1) summary.multiline++;
      summary.lastCode = Number(reply.slice(0, 3));
      conn._responseActions.push(action);
      if (drained()) scheduleFeed();
    };
    conn._responseActions.push(action);
    conn.on('error', reject);
    scheduleFeed();
  });
}
