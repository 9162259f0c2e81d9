import { describe, expect, it } from 'vitest';
import { MASK, maskLine, Transcript, type TranscriptEntry } from '../src/transcript';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('transcript masking', () => {
  it('keeps the command words and masks the secret, keeping the line end', () => {
    expect(maskLine('AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n', { keepWords: 2 })).toBe(`AUTH PLAIN ${MASK}\r\n`);
    expect(maskLine('PASS hunter2\r\n', { keepWords: 1 })).toBe(`PASS ${MASK}\r\n`);
    expect(maskLine('a1 LOGIN alice "p a s s"\r\n', { keepWords: 3 })).toBe(`a1 LOGIN alice ${MASK}\r\n`);
    expect(maskLine('dXNlcg==\r\n', { keepWords: 0 })).toBe(`${MASK}\r\n`);
    // nothing after the kept words: nothing to mask
    expect(maskLine('AUTH LOGIN\r\n', { keepWords: 2 })).toBe('AUTH LOGIN\r\n');
  });

  it('never hands the hook the secret bytes, and passes other bytes through untouched', () => {
    const entries: TranscriptEntry[] = [];
    const t = new Transcript((e) => entries.push(e));
    const secret = 'c2VjcmV0LXBhc3N3b3Jk';
    t.record('client', enc(`AUTH PLAIN ${secret}\r\n`), { keepWords: 2 });
    t.record('server', enc('235 2.7.0 Authentication successful\r\n'));
    expect(entries).toHaveLength(2);
    expect(entries[0]?.masked).toBe(true);
    expect(entries[0]?.text).toBe(`AUTH PLAIN ${MASK}\r\n`);
    expect(new TextDecoder().decode(entries[0]?.bytes)).not.toContain(secret);
    expect(entries[1]).toMatchObject({
      direction: 'server',
      masked: false,
      text: '235 2.7.0 Authentication successful\r\n',
    });
  });

  it('masks every line of a multi-line secret write and keeps 8-bit bytes as Latin-1', () => {
    const entries: TranscriptEntry[] = [];
    const t = new Transcript((e) => entries.push(e));
    t.record('client', enc('abc\r\ndef\r\n'), { keepWords: 0 });
    expect(entries[0]?.text).toBe(`${MASK}\r\n${MASK}\r\n`);
    t.record('server', new Uint8Array([0xe9, 0x0d, 0x0a]));
    expect(entries[1]?.text).toBe('\u00e9\r\n');
  });

  it('does nothing without a hook', () => {
    const t = new Transcript(undefined);
    expect(t.enabled).toBe(false);
    expect(() => t.record('client', enc('PASS x\r\n'), { keepWords: 1 })).not.toThrow();
  });
});
