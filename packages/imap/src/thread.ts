/**
 * THREAD (RFC 5256 §4): thread-list = "(" (thread-members / thread-nested) ")",
 * thread-members = nz-number *(SP nz-number) [SP thread-nested], thread-nested = 2*thread-list.
 */
import type { Reader } from './lexer/reader';
import type { Thread, ThreadResponse } from './types';

function readThread(r: Reader): Thread {
  r.expect(0x28, '(');
  r.enter();
  const members: number[] = [];
  const children: Thread[] = [];
  // a thread-list holds message numbers or nested lists, never nothing
  if (r.is(0x29)) r.lenient('EMPTY_LIST', 'empty thread list');
  while (!r.is(0x29)) {
    if (r.is(0x28)) {
      children.push(readThread(r));
      r.count(children.length);
      continue;
    }
    // a space before `)` is the TRAILING_SPACE quirk, as in every other list
    if (!r.listSp(members.length + children.length)) break;
    if (r.is(0x28)) continue;
    if (children.length > 0) r.fail('message number after nested threads');
    members.push(r.nzNumber());
    r.count(members.length);
  }
  r.p++;
  r.leave();
  return { members, children };
}

export function readThreadResponse(r: Reader): ThreadResponse {
  const threads: Thread[] = [];
  if (r.sepSp()) {
    while (r.is(0x28)) {
      threads.push(readThread(r));
      r.count(threads.length);
    }
  }
  r.finish();
  return { type: 'thread', threads };
}
