import { imapCommandValue } from '@mailwire/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ImapCommand,
  ImapCommandParser,
  type SerializeCommandOptions,
  serializeCommand,
  serializeCommandBytes,
} from '../../src/commands/index';
import { plain, scaledRuns } from './helpers';

/** Serializes, then parses the bytes back (strict), answering literals as a server would. */
function roundTrip(cmd: ImapCommand, options: SerializeCommandOptions): ImapCommand {
  const p = new ImapCommandParser({ strict: true, utf8Accept: options.utf8Accept === true });
  const events = [...p.push(serializeCommandBytes(cmd, options)), ...p.end()];
  const cmds = events.filter((e) => e.type === 'command');
  expect(events.filter((e) => e.type === 'error' || e.type === 'warning')).toEqual([]);
  expect(cmds).toHaveLength(1);
  return (cmds[0] as { command: ImapCommand }).command;
}

const optionSets: Array<[string, SerializeCommandOptions]> = [
  ['plain', {}],
  ['LITERAL+', { literalPlus: true }],
  ['LITERAL-', { literalMinus: true }],
  ['BINARY', { binary: true }],
];

const ALL_NAMES: ImapCommand['name'][] = [
  'CAPABILITY',
  'NOOP',
  'LOGOUT',
  'STARTTLS',
  'CHECK',
  'CLOSE',
  'UNSELECT',
  'IDLE',
  'NAMESPACE',
  'UNAUTHENTICATE',
  'AUTHENTICATE',
  'LOGIN',
  'ENABLE',
  'SELECT',
  'EXAMINE',
  'CREATE',
  'DELETE',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'GETQUOTAROOT',
  'GETACL',
  'MYRIGHTS',
  'SETACL',
  'DELETEACL',
  'LISTRIGHTS',
  'RENAME',
  'LIST',
  'LSUB',
  'STATUS',
  'APPEND',
  'EXPUNGE',
  'SEARCH',
  'FETCH',
  'STORE',
  'COPY',
  'MOVE',
  'ID',
  'GETQUOTA',
  'SETQUOTA',
  'GETMETADATA',
  'SETMETADATA',
  'SORT',
  'THREAD',
  'COMPRESS',
];

describe('every command round-trips (serialize -> parse -> deep equal)', () => {
  it('the generator covers every command name (and UID variants)', () => {
    const sample = fc.sample(imapCommandValue(), 3000);
    const names = new Set(sample.map((c) => c.name));
    expect([...names].sort()).toEqual([...ALL_NAMES].sort());
    const uidNames = new Set(sample.filter((c) => 'uid' in c && c.uid).map((c) => c.name));
    expect([...uidNames].sort()).toEqual([
      'COPY',
      'EXPUNGE',
      'FETCH',
      'MOVE',
      'SEARCH',
      'SORT',
      'STORE',
      'THREAD',
    ]);
  });

  for (const [label, options] of optionSets) {
    it(`with ${label}`, () => {
      fc.assert(
        fc.property(imapCommandValue(), (cmd) => {
          expect(plain(roundTrip(cmd, options))).toEqual(plain(cmd));
        }),
        { numRuns: scaledRuns(300) },
      );
    });
  }

  it('with UTF8=ACCEPT (mailbox names in UTF-8, UTF-8 quoted strings)', () => {
    fc.assert(
      fc.property(imapCommandValue({ utf8Accept: true }), (cmd) => {
        expect(plain(roundTrip(cmd, { utf8Accept: true, literalPlus: true }))).toEqual(plain(cmd));
      }),
      { numRuns: scaledRuns(300) },
    );
  });

  it('fragments: lines end in CRLF, literal lines announce the next literal exactly', () => {
    fc.assert(
      fc.property(imapCommandValue(), fc.constantFrom(...optionSets.map(([, o]) => o)), (cmd, options) => {
        const frags = serializeCommand(cmd, options);
        expect(frags[frags.length - 1]?.type).toBe('line');
        for (let i = 0; i < frags.length; i++) {
          const f = frags[i]!;
          if (f.type === 'literal') {
            const announce = new TextDecoder().decode(frags[i - 1]!.bytes);
            const m = /(~?)\{(\d+)(\+?)\}\r\n$/.exec(announce);
            expect(m).not.toBeNull();
            expect(Number(m![2])).toBe(f.bytes.length);
            expect(m![3] === '').toBe(f.synchronizing);
            if (options.literalPlus) expect(f.synchronizing).toBe(false);
            if (!options.literalPlus && !options.literalMinus) expect(f.synchronizing).toBe(true);
            if (options.literalMinus) expect(f.synchronizing).toBe(f.bytes.length > 4096);
          } else {
            const s = f.bytes;
            expect(s[s.length - 2]).toBe(0x0d);
            expect(s[s.length - 1]).toBe(0x0a);
            // no CR or LF anywhere else in a line fragment: nothing can inject a command
            const inner = s.subarray(0, s.length - 2);
            expect(inner.includes(0x0a) || inner.includes(0x0d)).toBe(false);
          }
        }
      }),
      { numRuns: scaledRuns(200) },
    );
  });

  it('literal negotiation: the parser asks for + exactly before each synchronizing literal', () => {
    fc.assert(
      fc.property(imapCommandValue(), fc.constantFrom(...optionSets.map(([, o]) => o)), (cmd, options) => {
        const p = new ImapCommandParser({ strict: true });
        const frags = serializeCommand(cmd, options);
        const seen: string[] = [];
        for (const f of frags) {
          const evs = p.push(f.bytes);
          if (f.type === 'literal') seen.push(f.synchronizing ? 'sync-literal' : 'literal');
          for (const e of evs) seen.push(e.type);
        }
        // each sync literal is preceded by exactly one continuation request, sent after its line
        const expected: string[] = [];
        for (const f of frags) {
          if (f.type === 'literal') {
            if (f.synchronizing) expected.push('continuation-needed');
            expected.push(f.synchronizing ? 'sync-literal' : 'literal');
          }
        }
        expected.push('command');
        expect(seen).toEqual(expected);
      }),
      { numRuns: scaledRuns(200) },
    );
  });
});
