/**
 * A scripted loopback server for fault injection: it greets, answers lines by rules, and
 * can misbehave on purpose (drop the connection mid-message, send garbage, never answer,
 * inject bytes after a STARTTLS go-ahead). Real servers are used for everything else.
 */
import net from 'node:net';

export interface Script {
  /** Bytes sent on connect (the greeting), or undefined to say nothing. */
  greeting?: string;
  /** For each received line (without CRLF): what to send back, or 'close' to hang up, or undefined for silence. */
  answer(line: string, socket: net.Socket): string | 'close' | undefined;
}

export async function scriptedServer(
  script: Script,
): Promise<{ port: number; close: () => void; lines: string[] }> {
  const lines: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    if (script.greeting !== undefined) socket.write(script.greeting);
    let buffer = '';
    socket.on('data', (d) => {
      buffer += d.toString('latin1');
      for (let i = buffer.indexOf('\n'); i !== -1; i = buffer.indexOf('\n')) {
        const line = buffer.slice(0, i).replace(/\r$/, '');
        buffer = buffer.slice(i + 1);
        lines.push(line);
        const reply = script.answer(line, socket);
        if (reply === 'close') socket.destroy();
        else if (reply !== undefined) socket.write(reply);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    lines,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}
