import { isParseError } from '@mailwire/core';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns a value from a parser event into something JSON can hold without losing
 * information: bytes become text when they are valid UTF-8 and `{ "base64": … }`
 * otherwise; errors become their `toJSON()` form; bigints become decimal strings;
 * Maps and Sets become objects and arrays.
 */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return renderBytes(value);
  if (isParseError(value)) return value.toJSON();
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Map)
    return Object.fromEntries([...value].map(([k, v]) => [String(k), toJsonValue(v)]));
  if (value instanceof Set) return [...value].map(toJsonValue);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = toJsonValue(v);
    }
    return out;
  }
  return value;
}

function renderBytes(bytes: Uint8Array): string | { base64: string } {
  try {
    return utf8.decode(bytes);
  } catch {
    return { base64: bytesToBase64(bytes) };
  }
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** One NDJSON line (with its trailing newline) for an event. */
export function ndjsonLine(event: unknown): string {
  return `${JSON.stringify(toJsonValue(event))}\n`;
}
