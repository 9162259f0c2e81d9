import { prng } from '../input';
import { concatBytes } from './concat';
import { digestPieces } from './digest';
import type { BenchInput, ImapExpected } from './types';

/**
 * imap-structure: the answer to a mailbox listing,
 * `UID FETCH 1:* (UID RFC822.SIZE FLAGS INTERNALDATE ENVELOPE BODYSTRUCTURE)`: `count` FETCH
 * responses with a full ENVELOPE and an extended BODYSTRUCTURE (RFC 3501 §7.4.2), of five
 * realistic shapes from a single text/plain part to a mixed message holding an alternative
 * holding a related part. Like Dovecot and Cyrus, strings with 8-bit characters (UTF-8
 * names and subjects) are sent as literals, other strings quoted (with `\"` escapes), absent
 * values as NIL. Deterministic for a given `seed`.
 */
export function imapStructureInput(count = 10_000, seed = 1): BenchInput<ImapExpected> {
  const rnd = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const out: string[] = [];
  let uid = 1000;
  let uidSum = 0;
  let sizeSum = 0;
  let leafParts = 0;
  for (let i = 1; i <= count; i++) {
    uid += 1 + Math.floor(rnd() * 4);
    uidSum += uid;
    const { structure, leaves, size } = bodyStructure(rnd, pick);
    leafParts += leaves;
    sizeSum += size;
    const from = pick(PEOPLE);
    const to = pick(PEOPLE);
    const cc = rnd() < 0.3 ? `(${address(pick(PEOPLE))}${address(pick(PEOPLE))})` : 'NIL';
    const day = 1 + (i % 28);
    const date = `"Tue, ${day} Nov 2026 ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00 +0100"`;
    const inReplyTo = rnd() < 0.4 ? `"<${(uid - 3).toString(36)}.thread@example.org>"` : 'NIL';
    const envelope = `(${date} ${istring(pick(SUBJECTS))} (${address(from)}) (${address(from)}) (${address(from)}) (${address(to)}) ${cc} NIL ${inReplyTo} "<${uid.toString(36)}.${i}@mail.example.org>")`;
    const flags = pick(FLAGS);
    out.push(
      `* ${i} FETCH (UID ${uid} RFC822.SIZE ${size} FLAGS (${flags}) INTERNALDATE "${String(day).padStart(2, '0')}-Nov-2026 10:00:00 +0100" ENVELOPE ${envelope} BODYSTRUCTURE ${structure})\r\n`,
    );
  }
  out.push('A1 OK UID FETCH completed (0.421 + 0.000 + 0.398 secs).\r\n');
  return {
    bytes: concatBytes([out.join('')]),
    items: count + 1,
    expected: {
      responses: count + 1,
      tagged: 1,
      fetches: count,
      uidSum,
      sizeSum,
      leafParts,
      bodyLength: 0,
      bodyDigest: digestPieces([]),
    },
  };
}

const encoder = new TextEncoder();

/** An IMAP string: NIL, a quoted string, or a literal when it holds 8-bit characters. */
function istring(s: string | null): string {
  if (s === null) return 'NIL';
  if (/[^\x00-\x7f]/.test(s)) return `{${encoder.encode(s).length}}\r\n${s}`;
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

type Person = readonly [name: string | null, mailbox: string, host: string];

function address([name, mailbox, host]: Person): string {
  return `(${istring(name)} NIL ${istring(mailbox)} ${istring(host)})`;
}

const PEOPLE: readonly Person[] = [
  ['Alice Example', 'alice', 'example.org'],
  ['Bob Example', 'bob', 'example.net'],
  ['Jürgen Müller', 'juergen.mueller', 'example.de'],
  ['Søren Kierkegaard', 'soren', 'example.dk'],
  ['Ирина Петрова', 'irina', 'example.ru'],
  ['山田 太郎', 'taro.yamada', 'example.jp'],
  [null, 'noreply', 'notifications.example.com'],
  ['"Quoted" Sender', 'quoted', 'example.com'],
  ['François Dupont', 'f.dupont', 'example.fr'],
  ['Support Team', 'support', 'help.example.com'],
];

const SUBJECTS: readonly (string | null)[] = [
  'Quarterly report - draft',
  'Re: Meeting notes from Tuesday',
  '=?UTF-8?Q?Quarterly_report_=E2=80=93_draft?=',
  'Grüße aus Köln',
  'Отчёт за третий квартал',
  '会議の議事録（11月）',
  'Re: "Budget" review \\ final',
  'Your order #12345 has shipped',
  'Fwd: Präsentation für Montag',
  null,
  '[list] Weekly digest: 42 new messages',
  'Invitation: Design review @ Wed Nov 25, 2026 3pm - 4pm (CET)',
];

const FLAGS = ['\\Seen', '\\Seen \\Answered', '', '\\Seen $Label1', '\\Flagged \\Seen', '$Junk'];

interface Part {
  structure: string;
  leaves: number;
  size: number;
}

/** The shapes real mailboxes are made of, nested as MUAs nest them. */
function bodyStructure(rnd: () => number, pick: <T>(items: readonly T[]) => T): Part {
  const n = (max: number): number => 200 + Math.floor(rnd() * max);
  const text = (subtype: 'plain' | 'html'): Part => {
    const size = n(subtype === 'html' ? 40_000 : 8_000);
    const cte = pick(['7bit', 'quoted-printable', 'base64']);
    return {
      structure: `("text" "${subtype}" ("charset" "utf-8") NIL NIL "${cte}" ${size} ${Math.ceil(size / 70)} NIL NIL NIL NIL)`,
      leaves: 1,
      size,
    };
  };
  const attachment = (): Part => {
    const [type, subtype, name] = pick([
      ['application', 'pdf', 'report-q3.pdf'],
      ['image', 'jpeg', 'IMG_2041.jpg'],
      ['application', 'vnd.openxmlformats-officedocument.wordprocessingml.document', 'minutes.docx'],
      ['application', 'pdf', 'Präsentation.pdf'],
    ] as const);
    const size = n(3_000_000);
    // RFC 2231 filename* for non-ASCII names, as Thunderbird and Outlook send them
    const param = /^[\x20-\x7e]*$/.test(name)
      ? `"filename" "${name}"`
      : `"filename*" "utf-8''${encodeURIComponent(name)}"`;
    return {
      structure: `("${type}" "${subtype}" ("name" ${istring(name)}) NIL NIL "base64" ${size} NIL ("attachment" (${param})) NIL NIL)`,
      leaves: 1,
      size,
    };
  };
  const inline = (): Part => {
    const size = n(200_000);
    return {
      structure: `("image" "png" ("name" "logo.png") "<logo@example.org>" NIL "base64" ${size} NIL ("inline" ("filename" "logo.png")) NIL NIL)`,
      leaves: 1,
      size,
    };
  };
  const multipart = (subtype: string, parts: Part[]): Part => ({
    structure: `(${parts.map((p) => p.structure).join('')} "${subtype}" ("boundary" "----=_Part_${Math.floor(rnd() * 1e9)}") NIL NIL NIL)`,
    leaves: parts.reduce((s, p) => s + p.leaves, 0),
    size: parts.reduce((s, p) => s + p.size, 600),
  });
  const shape = rnd();
  if (shape < 0.25) {
    const p = text('plain');
    return { ...p, size: p.size + 1500 };
  }
  if (shape < 0.5) return multipart('alternative', [text('plain'), text('html')]);
  if (shape < 0.75)
    return multipart('mixed', [multipart('alternative', [text('plain'), text('html')]), attachment()]);
  if (shape < 0.9) return multipart('mixed', [text('plain'), attachment(), attachment()]);
  return multipart('mixed', [
    multipart('alternative', [text('plain'), multipart('related', [text('html'), inline()])]),
    attachment(),
  ]);
}
