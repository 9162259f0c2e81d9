import { type Limits, type Line, ParseError } from '@mailwire/core';
import { interpretCapabilities, parseCapabilityLine } from './capabilities';
import type { Pop3ResponseEvent } from './events';
import { parseLanguageListing, parseScanListing, parseUidListing } from './listings';
import type { QuirkSink } from './quirks';
import { checkLineText } from './status-line';
import type { Capability, ExpectKind, LanguageListing, ScanListing, UidListing } from './types';

const DOT = 0x2e;

/**
 * Reads the lines of a multi-line answer other than a message body (LIST, UIDL, CAPA, AUTH,
 * LANG, or raw lines) into typed entries, with the RFC 1939 §3 dot rules: a line "." ends
 * it, a leading ".." loses one dot. Bounded by `maxListItems` (LIST / UIDL entries),
 * `maxReplyLines` (other listings) and `maxResponseSize` (all the bytes).
 */
export class ListingReader {
  private items: unknown[] = [];
  private bytes = 0;
  private dropped = false;
  private bareLFWarned = false;

  constructor(
    private readonly kind: ExpectKind,
    private readonly limits: Readonly<Limits>,
    private readonly utf8: boolean,
    private readonly sink: QuirkSink,
  ) {}

  /**
   * One line of the answer; true if it was the terminator. Throws `ParseError` for a bad
   * entry (skipped, the listing goes on) or a limit (the entries are dropped, the lines are
   * still read to the terminator so that the framing stays).
   */
  line(line: Line): boolean {
    const b = line.bytes;
    if (b.length === 1 && b[0] === DOT) {
      if (line.bareLF)
        this.sink.quirk('TERMINATOR_LF', 'multi-line answer ended by "." LF', line.offset, 'BARE_LF');
      return true;
    }
    if (line.bareLF && !this.bareLFWarned) {
      this.bareLFWarned = true;
      this.sink.quirk('BARE_LF', 'multi-line answer with bare LF line ends', line.offset, 'BARE_LF');
    }
    let content = b;
    let at = line.offset;
    if (b[0] === DOT) {
      if (b[1] === DOT) {
        content = b.subarray(1);
        at++;
      } else {
        // Only a server that does not stuff sends ".X": the dot is the line's own.
        this.sink.quirk('UNSTUFFED_DOT', 'line starting with an unstuffed "." (kept)', line.offset);
      }
    }
    if (this.dropped) return false;
    this.bytes += b.length + 2;
    if (this.bytes > this.limits.maxResponseSize) {
      this.drop();
      throw new ParseError({
        protocol: 'pop3',
        code: 'RESPONSE_TOO_LARGE',
        message: `multi-line answer larger than ${this.limits.maxResponseSize} bytes`,
        offset: line.offset,
      });
    }
    const kind = this.kind;
    const many = kind === 'list' || kind === 'uidl';
    const max = many ? this.limits.maxListItems : this.limits.maxReplyLines;
    if (this.items.length >= max) {
      this.drop();
      throw new ParseError({
        protocol: 'pop3',
        code: many ? 'LIST_TOO_LONG' : 'TOO_MANY_LINES',
        message: `multi-line answer with more than ${max} ${many ? 'entries' : 'lines'}`,
        offset: line.offset,
      });
    }
    // Free text (CAPA, LANG, mechanism names) follows the UTF8 rule; unique-ids have their
    // own check; raw lines are only checked for a bare LF inside them (strict mode).
    const text = kind === 'capa' || kind === 'lang-list' || kind === 'auth-list';
    if (kind !== 'multiline') checkLineText(content, at, this.utf8 || !text, this.sink);
    else if (content.includes(0x0a)) checkLineText(content, at, true, this.sink);
    switch (kind) {
      case 'list':
        this.items.push(parseScanListing(content, at, this.sink));
        break;
      case 'uidl':
        this.items.push(parseUidListing(content, at, this.sink));
        break;
      case 'capa':
        this.items.push(parseCapabilityLine(content, at, this.sink));
        break;
      case 'auth-list':
        this.items.push(parseCapabilityLine(content, at, this.sink).name);
        break;
      case 'lang-list':
        this.items.push(parseLanguageListing(content, at, this.sink));
        break;
      default:
        this.items.push(content);
        break;
    }
    return false;
  }

  /** Puts the entries into the response (or marks it `incomplete` if they were dropped). */
  complete(r: Pop3ResponseEvent): void {
    const items = this.items;
    this.items = [];
    if (this.dropped) {
      r.incomplete = true;
      return;
    }
    switch (this.kind) {
      case 'list':
        r.scans = items as ScanListing[];
        break;
      case 'uidl':
        r.uids = items as UidListing[];
        break;
      case 'capa':
        r.capabilities = interpretCapabilities(items as Capability[]);
        break;
      case 'auth-list':
        r.mechanisms = items as string[];
        break;
      case 'lang-list':
        r.languages = items as LanguageListing[];
        break;
      default:
        r.lines = items as Uint8Array[];
        break;
    }
  }

  private drop(): void {
    this.dropped = true;
    this.items = [];
  }
}
