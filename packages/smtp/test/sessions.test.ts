import { decodeBase64 } from '@mailwire/core';
import { describe, expect, it } from 'vitest';
import {
  parseCommandLine,
  type SmtpClientEvent,
  SmtpClientProtocol,
  SmtpCommandParser,
  type SmtpCommandParserEvent,
  SmtpReplyParser,
} from '../src/index';
import { ALL_SESSIONS, ETRN_ATRN, type Session, SUBMISSION_AUTH_LOGIN } from './fixtures/sessions';
import { bytes, clientWire, concat, serverWire } from './session-wire';

const dec = new TextDecoder();

function replies(session: Session): { code: number; lines: string[] }[] {
  return session.steps.flatMap((s) =>
    's' in s ? [{ code: Number(s.s.at(-1)?.slice(0, 3)), lines: s.s.map((l) => l.slice(4)) }] : [],
  );
}

describe.each(ALL_SESSIONS)('$name', (session) => {
  it('server side: every reply, in order, code of the last line, text of every line', () => {
    const parser = new SmtpReplyParser({ strict: true });
    const events = [...parser.push(serverWire(session)), ...parser.end()];
    expect(events.filter((e) => e.type !== 'reply')).toEqual([]);
    const got = events.flatMap((e) =>
      e.type === 'reply' ? [{ code: e.reply.code, lines: e.reply.lines }] : [],
    );
    expect(got).toEqual(replies(session));
  });

  it('client side: every command and the message body, unstuffed', () => {
    const parser = new SmtpCommandParser({ strict: true });
    const events: SmtpCommandParserEvent[] = [...parser.push(clientWire(session)), ...parser.end()];
    const lines: string[] = [];
    const sasl: string[] = [];
    const bodies: string[] = [];
    let body: Uint8Array[] = [];
    for (const e of events) {
      if (e.type === 'command') lines.push(dec.decode(e.raw));
      else if (e.type === 'auth-response') sasl.push(dec.decode(e.raw));
      else if (e.type === 'body-chunk') body.push(e.data);
      else if (e.type === 'body-end') {
        bodies.push(dec.decode(concat(body)));
        body = [];
      } else throw new Error(`unexpected ${e.type}`);
    }
    expect(lines).toEqual(session.steps.flatMap((s) => ('c' in s ? [s.c] : [])));
    expect(sasl).toEqual(session.steps.flatMap((s) => ('sasl' in s ? [s.sasl] : [])));
    expect(bodies).toEqual(session.steps.flatMap((s) => ('body' in s ? [s.body] : [])));
  });

  it('the client protocol writes exactly the client side and follows every reply', () => {
    const proto = new SmtpClientProtocol({ strict: true });
    const written: Uint8Array[] = [];
    const events: SmtpClientEvent[] = [];
    // The mechanism answers with the fixture's SASL lines, in order.
    const answers = session.steps.flatMap((s) => ('sasl' in s ? [decodeBase64(s.sasl)] : []));
    const challenges: string[] = [];
    for (const step of session.steps) {
      if ('s' in step) {
        const evs = proto.receive(bytes(step.s.map((l) => `${l}\r\n`).join('')));
        events.push(...evs);
        for (const e of evs) if (e.type === 'write') written.push(e.bytes);
      } else if ('sasl' in step) {
        // written by the state machine as a `write` event
      } else if ('c' in step) {
        const command = parseCommandLine(step.c, false, () => {});
        if (command.verb === 'AUTH') {
          written.push(
            proto.auth({
              name: command.mechanism,
              initialResponse: () => undefined,
              respond: (challenge) => {
                challenges.push(dec.decode(challenge));
                return answers.shift() ?? new Uint8Array(0);
              },
              verify: () => {},
            }),
          );
        } else {
          written.push(proto.send(command));
        }
      } else {
        written.push(proto.dataChunk(bytes(step.body)), proto.dataEnd());
      }
    }
    expect(answers).toEqual([]);
    if (session === SUBMISSION_AUTH_LOGIN) expect(challenges).toEqual(['Username:', 'Password:']);
    if (session === ETRN_ATRN) expect(challenges).toEqual(['<1896.697170952@postoffice.reston.mci.net>']);
    expect(dec.decode(concat(written))).toBe(dec.decode(clientWire(session)));
    expect(proto.phase).toBe(session === ETRN_ATRN ? 'turned' : 'closed');
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    expect(events[0]?.type).toBe('greeting');
    expect(events.filter((e) => e.type === 'message-reply' && e.ok).length).toBe(
      session.steps.filter((s) => 'body' in s).length,
    );
  });
});

describe('RFC 5321 D.1 details', () => {
  it('the rejected recipient is reported against its RCPT and the count excludes it', () => {
    const session = ALL_SESSIONS[0] as Session;
    const proto = new SmtpClientProtocol();
    const rcptReplies: [string, number][] = [];
    for (const step of session.steps) {
      if ('s' in step) {
        for (const e of proto.receive(bytes(step.s.map((l) => `${l}\r\n`).join('')))) {
          if (e.type === 'reply' && e.command.verb === 'RCPT') {
            rcptReplies.push([e.command.forwardPath.mailbox?.localPart ?? '', e.reply.code]);
          }
          if (e.type === 'data-ready') expect(proto.recipients).toBe(2);
        }
      } else if ('c' in step) proto.send(parseCommandLine(step.c, false, () => {}));
      else if ('body' in step) {
        proto.dataChunk(bytes(step.body));
        proto.dataEnd();
      }
    }
    expect(rcptReplies).toEqual([
      ['Jones', 250],
      ['Green', 550],
      ['Brown', 250],
    ]);
  });

  it('SASL prompts in the fixture decode to Username:/Password:', () => {
    expect(dec.decode(decodeBase64('VXNlcm5hbWU6'))).toBe('Username:');
    expect(dec.decode(decodeBase64('UGFzc3dvcmQ6'))).toBe('Password:');
  });
});
