import { SmtpReplyParser } from '@mailwire/smtp';
import type { SmtpSummary } from '../peers/nodemailer';

/** mailwire's SMTP reply parser over socket chunks. */
export function mailwireSmtpReplies(chunks: readonly Uint8Array[]): SmtpSummary {
  const parser = new SmtpReplyParser();
  const summary: SmtpSummary = { replies: 0, lines: 0, multiline: 0, lastCode: 0 };
  const handle = (events: ReturnType<SmtpReplyParser['push']>): void => {
    for (const e of events) {
      if (e.type === 'reply') {
        summary.replies++;
        summary.lines += e.reply.lines.length;
        if (e.reply.lines.length > 1) summary.multiline++;
        summary.lastCode = e.reply.code;
      } else if (e.type === 'error') throw e.error;
    }
  };
  for (const c of chunks) handle(parser.push(c));
  handle(parser.end());
  return summary;
}
