/**
 * Builds the fragments of one serialized command: line text accumulates until a literal is
 * written, which closes the current line fragment with the literal announcement and CRLF
 * (RFC 3501 §4.3, RFC 7888 `{n+}`, RFC 3516 `~{n}`).
 */
import { concatBytes } from '@mailwire/core';
import type { CommandFragment, SerializeCommandOptions } from './types';

const encoder = new TextEncoder();

/** Largest literal that LITERAL- lets a client send without synchronizing (RFC 7888 §4). */
export const LITERAL_MINUS_MAX = 4096;

export class FragmentWriter {
  private readonly fragments: CommandFragment[] = [];
  private parts: Uint8Array[] = [];
  private text = '';
  readonly options: SerializeCommandOptions;

  constructor(options: SerializeCommandOptions) {
    this.options = options;
  }

  /** ASCII text already checked by the caller. */
  s(text: string): this {
    this.text += text;
    return this;
  }

  /** Bytes already checked by the caller (UTF-8 in a quoted string). */
  b(bytes: Uint8Array): this {
    this.flushText();
    this.parts.push(bytes);
    return this;
  }

  private flushText(): void {
    if (this.text.length > 0) {
      this.parts.push(encoder.encode(this.text));
      this.text = '';
    }
  }

  private closeLine(suffix: string): void {
    this.text += suffix;
    this.flushText();
    this.fragments.push({ type: 'line', bytes: concatBytes(this.parts) });
    this.parts = [];
  }

  /** A literal: `{n}` (synchronizing) or `{n+}` as the options allow; `~` for literal8. */
  literal(bytes: Uint8Array, binary = false): this {
    const n = bytes.length;
    const nonSync =
      this.options.literalPlus === true || (this.options.literalMinus === true && n <= LITERAL_MINUS_MAX);
    this.closeLine(`${binary ? '~' : ''}{${n}${nonSync ? '+' : ''}}\r\n`);
    this.fragments.push({ type: 'literal', bytes, synchronizing: !nonSync });
    return this;
  }

  finish(): CommandFragment[] {
    this.closeLine('\r\n');
    return this.fragments;
  }
}
