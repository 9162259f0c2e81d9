import type { ImapSummary } from './imap-summary';

/**
 * The response tree imapflow's and emailjs-imap-handler's parsers both produce (imapflow's
 * parser descends from emailjs-imap-handler's): `{ tag, command, attributes }`, where an
 * attribute is a `{ type, value }` node, a list (array) of them, or null for NIL. For
 * `* 3 FETCH (UID 7 ...)` the command is "3", attributes[0] the FETCH atom and attributes[1]
 * the list of key/value pairs.
 */
export interface TreeNode {
  type: string;
  value: unknown;
  section?: unknown;
}
export type TreeAttribute = TreeNode | TreeAttribute[] | null;
export interface TreeResponse {
  tag: string;
  command?: string;
  attributes?: TreeAttribute[];
}

/** Adds one parsed response to the summary: the few facts the suites check. */
export function visitTreeResponse(response: TreeResponse, summary: ImapSummary): void {
  summary.responses++;
  if (response.tag !== '*') {
    if (response.tag !== '+') summary.tagged++;
    return;
  }
  const attributes = response.attributes;
  const head = attributes?.[0];
  if (!head || Array.isArray(head) || String(head.value).toUpperCase() !== 'FETCH') return;
  summary.fetches++;
  const items = attributes[1];
  if (!Array.isArray(items)) return;
  for (let i = 0; i + 1 < items.length; i += 2) {
    const key = items[i];
    const value = items[i + 1];
    if (!key || Array.isArray(key)) continue;
    const name = String(key.value).toUpperCase();
    if (name === 'UID' && value && !Array.isArray(value)) summary.uidSum += Number(value.value);
    else if (name === 'RFC822.SIZE' && value && !Array.isArray(value)) summary.sizeSum += Number(value.value);
    else if (name === 'BODYSTRUCTURE' && Array.isArray(value)) summary.leafParts += countTreeLeaves(value);
    else if (name === 'BODY' && key.section !== undefined && value && !Array.isArray(value))
      summary.body.push(value.value as Uint8Array | string);
  }
}

/** Leaf parts of a BODYSTRUCTURE list: a multipart starts with its parts (lists). */
function countTreeLeaves(list: TreeAttribute[]): number {
  if (!Array.isArray(list[0])) return 1;
  let n = 0;
  for (const part of list) {
    if (!Array.isArray(part)) break;
    n += countTreeLeaves(part);
  }
  return n;
}
