/**
 * `saslname` escaping of RFC 5802 §5.1 (also used by the GS2 header of OAUTHBEARER,
 * RFC 7628 §3.1): ',' becomes "=2C" and '=' becomes "=3D" so that names fit between commas.
 */
export function encodeSaslname(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

/** Reverses `encodeSaslname`; `undefined` if an '=' is not followed by "2C" or "3D". */
export function decodeSaslname(text: string): string | undefined {
  if (/=(?!2C|3D)/.test(text)) return undefined;
  return text.replace(/=2C|=3D/g, (code) => (code === '=2C' ? ',' : '='));
}
