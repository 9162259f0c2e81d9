import { decodeLatin1, decodeUtf8, isValidUtf8 } from '@mailwire/core';

/**
 * Protocol text as a string: UTF-8 when the bytes are valid UTF-8 (always true for ASCII,
 * and what RFC 6856 servers send after UTF8), else Latin-1 so that every byte survives as
 * one code point (servers that send 8-bit text in a legacy charset).
 */
export function decodeProtocolText(bytes: Uint8Array): string {
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] as number) >= 0x80) return isValidUtf8(bytes) ? decodeUtf8(bytes) : decodeLatin1(bytes);
  }
  return decodeLatin1(bytes);
}

/** True if any byte is 0x80 or above. */
export function hasEightBit(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return true;
  return false;
}
