/**
 * Shrinks a failing input while it still fails the same way (same error name and first
 * line of message): removes ever smaller runs of bytes, then tries simplifying bytes.
 * Bounded by `maxTries` so a slow target cannot stall the campaign.
 */
export function minimize(
  input: Uint8Array,
  stillFails: (candidate: Uint8Array) => boolean,
  maxTries = 4000,
): Uint8Array {
  let best = input;
  let tries = 0;
  for (let size = Math.max(1, best.length >> 1); size >= 1 && tries < maxTries; size >>= 1) {
    let progressed = true;
    while (progressed && tries < maxTries) {
      progressed = false;
      for (let at = 0; at + size <= best.length && tries < maxTries; at += size) {
        const candidate = new Uint8Array(best.length - size);
        candidate.set(best.subarray(0, at), 0);
        candidate.set(best.subarray(at + size), at);
        tries++;
        if (stillFails(candidate)) {
          best = candidate;
          progressed = true;
          at -= size;
        }
      }
    }
  }
  return best;
}
