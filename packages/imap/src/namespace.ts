/** NAMESPACE (RFC 2342 §5, RFC 9051 §7.3.5). */
import type { Reader } from './lexer/reader';
import type { NamespaceDescriptor, NamespaceResponse } from './types';

function readDescriptors(r: Reader): NamespaceDescriptor[] | null {
  if (r.nil()) return null;
  r.expect(0x28, '(');
  r.enter();
  const out: NamespaceDescriptor[] = [];
  // Namespace = nil / "(" 1*( ... ) ")" (RFC 2342 §5): no namespaces is NIL, not ()
  if (r.is(0x29)) r.lenient('EMPTY_LIST', 'empty namespace list (NIL is the form for none)');
  while (r.is(0x28)) {
    r.p++;
    r.enter();
    const prefix = r.string();
    r.sp();
    const delimiter = r.nil() ? null : r.string();
    const extensions: NamespaceDescriptor['extensions'] = [];
    while (r.sepSp()) {
      const name = r.string();
      r.sp();
      r.expect(0x28, '(');
      const values: string[] = [];
      // Namespace_Response_Extension = SP string SP "(" string *(SP string) ")"
      if (r.is(0x29)) r.lenient('EMPTY_LIST', 'empty namespace extension value list');
      while (!r.is(0x29) && r.listSp(values.length)) {
        values.push(r.string());
        r.count(values.length);
      }
      r.p++;
      extensions.push({ name, values });
      r.count(extensions.length);
    }
    r.expect(0x29, ')');
    r.leave();
    out.push({ prefix, delimiter, extensions });
    r.count(out.length);
    if (r.is(0x20) && r.peekAt(1) === 0x28) {
      r.lenient('EXTRA_SPACE', 'space between namespace descriptors');
      r.p++;
    }
  }
  r.expect(0x29, ')');
  r.leave();
  return out;
}

export function readNamespace(r: Reader): NamespaceResponse {
  r.sp();
  const personal = readDescriptors(r);
  r.sp();
  const otherUsers = readDescriptors(r);
  r.sp();
  const shared = readDescriptors(r);
  r.finish();
  return { type: 'namespace', personal, otherUsers, shared };
}
