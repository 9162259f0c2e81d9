/**
 * Typed command -> fragments / bytes (RFC 3501 §6, RFC 9051 §6, extensions per command).
 * Canonical syntax that `ImapCommandParser` reads back to an equal value. Every argument
 * takes the form its grammar and content allow (see string-forms.ts); values that cannot be
 * represented are refused with ParseError INVALID_ARGUMENT before anything is produced.
 */
import { concatBytes, encodeBase64 } from '@mailwire/core';
import { formatDateTime } from '../date-time';
import { ATOM, LIST_CHAR } from '../lexer/char-classes';
import { writeFetchItems } from './fetch-items';
import { FragmentWriter } from './fragment-writer';
import { encodeMailboxName, encodeMailboxPattern } from './mailbox-encoding';
import { writeSearchKeys } from './search-keys';
import { formatSequenceSet } from './sequence-set';
import {
  checkTag,
  invalidArgument,
  isToken,
  writeAstring,
  writeAtom,
  writeFlagList,
  writeNstring,
  writeString,
  writeStringBytes,
} from './string-forms';
import type {
  CommandFragment,
  ImapCommand,
  ListReturnOption,
  SearchKey,
  SerializeCommandOptions,
} from './types';

const MAX_MODSEQ = 0x7fff_ffff_ffff_ffffn;

function bigText(v: bigint, min: bigint, what: string): string {
  if (typeof v !== 'bigint' || v < min || v > MAX_MODSEQ)
    invalidArgument(`${what} must be a bigint in ${min}..2^63-1`);
  return v.toString();
}

function intText(v: number, min: number, max: number, what: string): string {
  if (!Number.isInteger(v) || v < min || v > max)
    invalidArgument(`${what} must be an integer in ${min}..${max}`);
  return String(v);
}

function mailbox(w: FragmentWriter, name: string, what = 'mailbox name'): void {
  if (typeof name !== 'string') invalidArgument(`${what} must be a string`);
  writeAstring(w, encodeMailboxName(name, w.options.utf8Accept === true), what);
}

function pattern(w: FragmentWriter, p: string, what: string): void {
  if (typeof p !== 'string') invalidArgument(`${what} must be a string`);
  writeAstring(w, encodeMailboxPattern(p, w.options.utf8Accept === true), what, LIST_CHAR);
}

function atomList(w: FragmentWriter, atoms: readonly string[], what: string, allowEmpty: boolean): void {
  if (!Array.isArray(atoms) || (!allowEmpty && atoms.length === 0))
    invalidArgument(`${what} must not be empty`);
  w.s('(');
  atoms.forEach((a, i) => {
    if (i > 0) w.s(' ');
    writeAtom(w, a, what);
  });
  w.s(')');
}

function uidPrefix(w: FragmentWriter, uid: boolean): void {
  if (uid) w.s('UID ');
}

function listReturnOption(w: FragmentWriter, o: ListReturnOption): void {
  if ('items' in o) {
    w.s('STATUS ');
    atomList(w, o.items, 'LIST RETURN STATUS item', false);
  } else {
    if (o.name.toUpperCase() === 'STATUS') invalidArgument('LIST RETURN STATUS needs items');
    writeAtom(w, o.name, 'LIST return option');
  }
}

function charsetAndKeys(w: FragmentWriter, charset: string, search: readonly SearchKey[]): void {
  writeAstring(w, charset, 'charset');
  w.s(' ');
  writeSearchKeys(w, search);
}

function body(w: FragmentWriter, cmd: ImapCommand): void {
  switch (cmd.name) {
    case 'CAPABILITY':
    case 'NOOP':
    case 'LOGOUT':
    case 'STARTTLS':
    case 'CHECK':
    case 'CLOSE':
    case 'UNSELECT':
    case 'IDLE':
    case 'NAMESPACE':
    case 'UNAUTHENTICATE':
      w.s(cmd.name);
      return;
    case 'AUTHENTICATE':
      w.s('AUTHENTICATE ');
      writeAtom(w, cmd.mechanism, 'SASL mechanism name');
      if (cmd.initialResponse !== undefined) {
        // RFC 4959 §3: an empty initial response is sent as "=".
        const ir = cmd.initialResponse;
        w.s(` ${ir.length === 0 ? '=' : encodeBase64(ir)}`);
      }
      return;
    case 'LOGIN':
      w.s('LOGIN ');
      writeAstring(w, cmd.username, 'LOGIN user name');
      w.s(' ');
      writeAstring(w, cmd.password, 'LOGIN password');
      return;
    case 'ENABLE':
      w.s('ENABLE');
      if (cmd.capabilities.length === 0) invalidArgument('ENABLE needs at least one capability');
      for (const c of cmd.capabilities) {
        w.s(' ');
        writeAtom(w, c, 'capability');
      }
      return;
    case 'SELECT':
    case 'EXAMINE': {
      w.s(`${cmd.name} `);
      mailbox(w, cmd.mailbox);
      const params: Array<() => void> = [];
      if (cmd.condstore === true) params.push(() => w.s('CONDSTORE'));
      const q = cmd.qresync;
      if (q !== undefined) {
        params.push(() => {
          w.s(`QRESYNC (${intText(q.uidValidity, 1, 0xffff_ffff, 'QRESYNC uidvalidity')} `);
          w.s(bigText(q.modSeq, 1n, 'QRESYNC mod-sequence'));
          if (q.knownUids !== undefined) w.s(` ${formatSequenceSet(q.knownUids)}`);
          if (q.seqMatch !== undefined) {
            if (q.knownUids === undefined)
              invalidArgument('QRESYNC seq-match data needs known UIDs (RFC 7162 §3.2.5)');
            w.s(` (${formatSequenceSet(q.seqMatch.sequences)} ${formatSequenceSet(q.seqMatch.uids)})`);
          }
          w.s(')');
        });
      }
      if (params.length > 0) {
        w.s(' (');
        params.forEach((p, i) => {
          if (i > 0) w.s(' ');
          p();
        });
        w.s(')');
      }
      return;
    }
    case 'CREATE':
      w.s('CREATE ');
      mailbox(w, cmd.mailbox);
      if (cmd.specialUse !== undefined) {
        // RFC 6154 §3: CREATE name (USE (\Sent)).
        w.s(' (USE ');
        writeFlagList(w, cmd.specialUse);
        w.s(')');
      }
      return;
    case 'DELETE':
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE':
    case 'GETQUOTAROOT':
    case 'GETACL':
    case 'MYRIGHTS':
      w.s(`${cmd.name} `);
      mailbox(w, cmd.mailbox);
      return;
    case 'SETACL':
    case 'DELETEACL':
    case 'LISTRIGHTS':
      w.s(`${cmd.name} `);
      mailbox(w, cmd.mailbox);
      w.s(' ');
      writeAstring(w, cmd.identifier, 'ACL identifier');
      if (cmd.name === 'SETACL') {
        w.s(' ');
        writeAstring(w, cmd.rights, 'ACL rights');
      }
      return;
    case 'RENAME':
      w.s('RENAME ');
      mailbox(w, cmd.from, 'RENAME source');
      w.s(' ');
      mailbox(w, cmd.to, 'RENAME destination');
      return;
    case 'LIST': {
      w.s('LIST ');
      if (cmd.selection !== undefined) {
        atomList(w, cmd.selection, 'LIST selection option', true);
        w.s(' ');
      }
      pattern(w, cmd.reference, 'LIST reference');
      w.s(' ');
      if (!Array.isArray(cmd.patterns) || cmd.patterns.length === 0) invalidArgument('LIST needs a pattern');
      if (cmd.patterns.length === 1) {
        pattern(w, cmd.patterns[0] as string, 'LIST pattern');
      } else {
        w.s('(');
        cmd.patterns.forEach((p, i) => {
          if (i > 0) w.s(' ');
          pattern(w, p, 'LIST pattern');
        });
        w.s(')');
      }
      if (cmd.return !== undefined) {
        w.s(' RETURN (');
        cmd.return.forEach((o, i) => {
          if (i > 0) w.s(' ');
          listReturnOption(w, o);
        });
        w.s(')');
      }
      return;
    }
    case 'LSUB':
      w.s('LSUB ');
      pattern(w, cmd.reference, 'LSUB reference');
      w.s(' ');
      pattern(w, cmd.pattern, 'LSUB pattern');
      return;
    case 'STATUS':
      w.s('STATUS ');
      mailbox(w, cmd.mailbox);
      w.s(' ');
      atomList(w, cmd.items, 'STATUS item', false);
      return;
    case 'APPEND':
      w.s('APPEND ');
      mailbox(w, cmd.mailbox);
      if (cmd.messages.length === 0) invalidArgument('APPEND needs at least one message');
      for (const m of cmd.messages) {
        if (m.flags.length > 0) {
          w.s(' ');
          writeFlagList(w, m.flags);
        }
        if (m.date !== undefined) {
          if (!(m.date.date instanceof Date) || Number.isNaN(m.date.date.getTime())) {
            invalidArgument('APPEND date is not a valid date');
          }
          if (!/^[+-][0-9]{4}$/.test(m.date.zone)) invalidArgument('APPEND date zone must be like +0200');
          w.s(` "${formatDateTime(m.date)}"`);
        }
        w.s(' ');
        if (!(m.data instanceof Uint8Array)) invalidArgument('APPEND data must be a Uint8Array');
        if (m.binary) {
          w.literal(m.data, true);
        } else if (m.data.indexOf(0) >= 0) {
          // RFC 3516 §4.4: NUL needs a literal8, which needs the server's BINARY capability.
          if (w.options.binary !== true)
            invalidArgument('APPEND data contains NUL: it needs BINARY (literal8)');
          w.literal(m.data, true);
        } else {
          w.literal(m.data);
        }
      }
      return;
    case 'EXPUNGE':
      if (cmd.uid) w.s(`UID EXPUNGE ${formatSequenceSet(cmd.sequenceSet)}`);
      else w.s('EXPUNGE');
      return;
    case 'SEARCH':
      uidPrefix(w, cmd.uid);
      w.s('SEARCH');
      if (cmd.return !== undefined) {
        w.s(' RETURN ');
        atomList(w, cmd.return, 'SEARCH return option', true);
      }
      if (cmd.charset !== undefined) {
        w.s(' CHARSET ');
        writeAstring(w, cmd.charset, 'charset');
      }
      w.s(' ');
      writeSearchKeys(w, cmd.criteria);
      return;
    case 'FETCH': {
      uidPrefix(w, cmd.uid);
      w.s(`FETCH ${formatSequenceSet(cmd.sequenceSet)} `);
      writeFetchItems(w, cmd.items);
      const m = cmd.modifiers;
      if (m !== undefined && (m.changedSince !== undefined || m.vanished === true)) {
        const mods: string[] = [];
        if (m.changedSince !== undefined)
          mods.push(`CHANGEDSINCE ${bigText(m.changedSince, 1n, 'CHANGEDSINCE')}`);
        if (m.vanished === true) {
          if (!cmd.uid || m.changedSince === undefined) {
            invalidArgument('VANISHED needs UID FETCH with CHANGEDSINCE (RFC 7162 §3.2.6)');
          }
          mods.push('VANISHED');
        }
        w.s(` (${mods.join(' ')})`);
      }
      return;
    }
    case 'STORE': {
      uidPrefix(w, cmd.uid);
      w.s(`STORE ${formatSequenceSet(cmd.sequenceSet)} `);
      if (cmd.unchangedSince !== undefined)
        w.s(`(UNCHANGEDSINCE ${bigText(cmd.unchangedSince, 0n, 'UNCHANGEDSINCE')}) `);
      const op = cmd.operation === 'add' ? '+' : cmd.operation === 'remove' ? '-' : '';
      if (op === '' && cmd.operation !== 'replace')
        invalidArgument('STORE operation must be replace, add or remove');
      if (cmd.target === 'X-GM-LABELS') {
        w.s(`${op}X-GM-LABELS${cmd.silent ? '.SILENT' : ''} (`);
        cmd.flags.forEach((label, i) => {
          if (i > 0) w.s(' ');
          // system labels look like flags (\\Inbox); others are astrings
          if (label.charCodeAt(0) === 0x5c && isToken(label.slice(1), ATOM)) w.s(label);
          else writeAstring(w, label, 'Gmail label');
        });
        w.s(')');
        return;
      }
      if (cmd.target !== undefined) invalidArgument('STORE target must be X-GM-LABELS when given');
      w.s(`${op}FLAGS${cmd.silent ? '.SILENT' : ''} `);
      writeFlagList(w, cmd.flags);
      return;
    }
    case 'COPY':
    case 'MOVE':
      uidPrefix(w, cmd.uid);
      w.s(`${cmd.name} ${formatSequenceSet(cmd.sequenceSet)} `);
      mailbox(w, cmd.mailbox);
      return;
    case 'ID':
      w.s('ID ');
      if (cmd.parameters === null) {
        w.s('NIL');
        return;
      }
      w.s('(');
      cmd.parameters.forEach(([k, v], i) => {
        if (i > 0) w.s(' ');
        writeString(w, k, 'ID field name');
        w.s(' ');
        writeNstring(w, v, 'ID field value');
      });
      w.s(')');
      return;
    case 'GETQUOTA':
      w.s('GETQUOTA ');
      writeAstring(w, cmd.root, 'quota root');
      return;
    case 'SETQUOTA':
      w.s('SETQUOTA ');
      writeAstring(w, cmd.root, 'quota root');
      w.s(' (');
      cmd.limits.forEach((l, i) => {
        if (i > 0) w.s(' ');
        writeAtom(w, l.resource, 'quota resource');
        w.s(` ${intText(l.limit, 0, Number.MAX_SAFE_INTEGER, 'quota limit')}`);
      });
      w.s(')');
      return;
    case 'GETMETADATA': {
      w.s('GETMETADATA ');
      const opts: string[] = [];
      if (cmd.maxSize !== undefined) opts.push(`MAXSIZE ${intText(cmd.maxSize, 0, 0xffff_ffff, 'MAXSIZE')}`);
      if (cmd.depth !== undefined) {
        if (!['0', '1', 'infinity'].includes(cmd.depth)) invalidArgument('DEPTH must be 0, 1 or infinity');
        opts.push(`DEPTH ${cmd.depth}`);
      }
      if (opts.length > 0) w.s(`(${opts.join(' ')}) `);
      mailbox(w, cmd.mailbox);
      w.s(' ');
      if (cmd.entries.length === 0) invalidArgument('GETMETADATA needs at least one entry');
      if (cmd.entries.length === 1) {
        writeAstring(w, cmd.entries[0] as string, 'metadata entry');
      } else {
        w.s('(');
        cmd.entries.forEach((e, i) => {
          if (i > 0) w.s(' ');
          writeAstring(w, e, 'metadata entry');
        });
        w.s(')');
      }
      return;
    }
    case 'SETMETADATA':
      w.s('SETMETADATA ');
      mailbox(w, cmd.mailbox);
      if (cmd.entries.length === 0) invalidArgument('SETMETADATA needs at least one entry');
      w.s(' (');
      cmd.entries.forEach((e, i) => {
        if (i > 0) w.s(' ');
        writeAstring(w, e.entry, 'metadata entry');
        w.s(' ');
        if (e.value === null) w.s('NIL');
        // RFC 5464 §5.2: value = nstring / literal8.
        else writeStringBytes(w, e.value, 'metadata value', true);
      });
      w.s(')');
      return;
    case 'SORT':
      uidPrefix(w, cmd.uid);
      w.s('SORT (');
      if (cmd.criteria.length === 0) invalidArgument('SORT needs at least one criterion');
      cmd.criteria.forEach((c, i) => {
        if (i > 0) w.s(' ');
        if (c.reverse) w.s('REVERSE ');
        writeAtom(w, c.key, 'sort key');
      });
      w.s(') ');
      charsetAndKeys(w, cmd.charset, cmd.search);
      return;
    case 'THREAD':
      uidPrefix(w, cmd.uid);
      w.s('THREAD ');
      writeAtom(w, cmd.algorithm, 'thread algorithm');
      w.s(' ');
      charsetAndKeys(w, cmd.charset, cmd.search);
      return;
    case 'COMPRESS':
      w.s('COMPRESS ');
      writeAtom(w, cmd.mechanism, 'compression mechanism');
      return;
    default:
      invalidArgument(`unknown command ${JSON.stringify((cmd as { name: unknown }).name)}`);
  }
}

/**
 * A command as fragments: lines (ending in a literal announcement + CRLF, or the final CRLF)
 * and the literals between them. The caller waits for `+` before each synchronizing literal.
 */
export function serializeCommand(cmd: ImapCommand, options: SerializeCommandOptions = {}): CommandFragment[] {
  checkTag(cmd.tag);
  const w = new FragmentWriter(options);
  w.s(`${cmd.tag} `);
  body(w, cmd);
  return w.finish();
}

/** The whole command as one byte string (tests, servers replaying, test doubles). */
export function serializeCommandBytes(cmd: ImapCommand, options: SerializeCommandOptions = {}): Uint8Array {
  return concatBytes(serializeCommand(cmd, options).map((f) => f.bytes));
}
