import { concatBytes } from '@mailwire/core';

export { concatBytes };

/** What every arbitrary of this package yields: the typed value and its bytes on the wire. */
export interface Wire<T> {
  /** The typed value, in the canonical form the codec's parser produces for `bytes`. */
  value: T;
  /** The bytes the codec's serializer writes for `value`. */
  bytes: Uint8Array;
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Joins a list of wires into one: values in order, bytes concatenated. */
export function joinWires<T>(items: readonly Wire<T>[]): Wire<T[]> {
  return { value: items.map((i) => i.value), bytes: concatBytes(items.map((i) => i.bytes)) };
}
