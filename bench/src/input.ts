/**
 * Deterministic, realistic mail text for the benchmarks: the same seed gives the same
 * bytes on every machine, so runs are comparable.
 */

/** mulberry32: a tiny seeded PRNG (public-domain construction), good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there one all we their can has more'.split(
    ' ',
  );
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * A message of about `size` bytes (exactly `size` when `exact`): RFC 5322 headers, a
 * text/plain part of prose lines (some starting with '.', as real text does), and a
 * base64 attachment of 76-character lines. Every line ends in CRLF.
 */
export function mailText(size: number, seed = 1): Uint8Array {
  const rnd = prng(seed);
  const out = new Uint8Array(size);
  let n = 0;
  const put = (s: string): boolean => {
    for (let i = 0; i < s.length && n < size; i++) out[n++] = s.charCodeAt(i);
    return n < size;
  };
  const headers = [
    'Return-Path: <alice@example.org>',
    'Received: from mail.example.org (mail.example.org [192.0.2.10]) by mx.example.net with ESMTPS id 4Xy2; Tue, 24 Nov 2026 10:00:00 +0000',
    'From: Alice Example <alice@example.org>',
    'To: Bob Example <bob@example.net>',
    'Subject: =?UTF-8?Q?Quarterly_report_=E2=80=93_draft?=',
    'Date: Tue, 24 Nov 2026 10:00:00 +0000',
    'Message-ID: <20261124100000.4Xy2@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
  ];
  for (const h of headers) if (!put(`${h}\r\n`)) return out;
  // Text part: ~1/8 of the message.
  while (n < size / 8) {
    let line = rnd() < 0.02 ? '.' : '';
    const words = 4 + Math.floor(rnd() * 10);
    for (let w = 0; w < words; w++) line += `${w ? ' ' : ''}${WORDS[Math.floor(rnd() * WORDS.length)]}`;
    if (!put(`${line}\r\n`)) return out;
  }
  if (!put('--b1\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n')) return out;
  while (n < size) {
    let line = '';
    for (let i = 0; i < 76; i++) line += B64[Math.floor(rnd() * 64)];
    if (!put(`${line}\r\n`)) return out;
  }
  return out;
}

/** Splits `bytes` into views of `chunkSize` bytes, the way a socket hands them over. */
export function chunked(bytes: Uint8Array, chunkSize: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  return chunks;
}

/** Chunk size for every suite: 64 KiB unless MAILWIRE_BENCH_CHUNK says otherwise. */
export const CHUNK_SIZE = Number(process.env.MAILWIRE_BENCH_CHUNK ?? 64 * 1024);

export const MiB = 1024 * 1024;
