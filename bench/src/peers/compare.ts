import { digestPieces } from '../inputs/digest';
import type { Pop3Expected, SmtpExpected } from '../inputs/types';
import type { Pop3Summary } from './node-pop3';
import type { SmtpSummary } from './nodemailer';

/** What is wrong with a POP3 peer's body, or undefined. */
export function comparePop3(got: Pop3Summary, expected: Pop3Expected): string | undefined {
  const problems: string[] = [];
  if (!got.terminated) problems.push('did not see the terminator');
  const length = got.body.reduce((n, p) => n + p.length, 0);
  if (length !== expected.bodyLength) {
    const hint = length > expected.bodyLength ? ' (dot-stuffing not removed?)' : '';
    problems.push(`body is ${length} bytes, expected ${expected.bodyLength}${hint}`);
  } else if (digestPieces(got.body) !== expected.bodyDigest) problems.push('body bytes differ');
  return problems.length ? problems.join('; ') : undefined;
}

/** What is wrong with an SMTP peer's replies, or undefined. */
export function compareSmtp(got: SmtpSummary, expected: SmtpExpected): string | undefined {
  const wrong = (Object.keys(expected) as (keyof SmtpExpected)[]).filter((k) => got[k] !== expected[k]);
  if (wrong.length === 0) return undefined;
  return wrong.map((k) => `${k} ${got[k]}, expected ${expected[k]}`).join('; ');
}
