/** A typed view of a command's collected data: `responsesOf(event.data, 'search')`. */
import type { ImapResponse } from '../types';

export function responsesOf<T extends ImapResponse['type']>(
  data: readonly ImapResponse[],
  type: T,
): Array<ImapResponse & { type: T }> {
  return data.filter((r): r is ImapResponse & { type: T } => r.type === type);
}
