import { describe, expect, it } from 'vitest';
import { endsPipelineGroup, isValidPipelineGroup, type SmtpCommand } from '../src/index';

const mail: SmtpCommand = { verb: 'MAIL', reversePath: { mailbox: null }, params: [] };
const rcpt: SmtpCommand = {
  verb: 'RCPT',
  forwardPath: { mailbox: { localPart: 'a', domain: 'b.c' } },
  params: [],
};

describe('RFC 2920 pipeline groups', () => {
  it('MAIL, RCPT, RSET and BDAT may be followed in the same group', () => {
    for (const cmd of [
      mail,
      rcpt,
      { verb: 'RSET' },
      { verb: 'BDAT', size: 3, last: false },
    ] as SmtpCommand[]) {
      expect(endsPipelineGroup(cmd)).toBe(false);
    }
  });

  it('EHLO, HELO, DATA, VRFY, EXPN, TURN, ATRN, QUIT, NOOP, STARTTLS, HELP, ETRN and unknown commands end it', () => {
    const enders: SmtpCommand[] = [
      { verb: 'EHLO', domain: 'x' },
      { verb: 'HELO', domain: 'x' },
      { verb: 'DATA' },
      { verb: 'VRFY', argument: 'x' },
      { verb: 'EXPN', argument: 'x' },
      { verb: 'TURN' },
      { verb: 'ATRN', domains: [] },
      { verb: 'QUIT' },
      { verb: 'NOOP' },
      { verb: 'STARTTLS' },
      { verb: 'HELP' },
      { verb: 'ETRN', node: 'x' },
      { verb: 'UNKNOWN', name: 'XCLIENT' },
    ];
    for (const cmd of enders) expect(endsPipelineGroup(cmd), cmd.verb).toBe(true);
  });

  it('AUTH ends it, except a one-round mechanism with an initial response (RFC 4954 §4)', () => {
    expect(endsPipelineGroup({ verb: 'AUTH', mechanism: 'LOGIN' })).toBe(true);
    expect(endsPipelineGroup({ verb: 'AUTH', mechanism: 'PLAIN' })).toBe(true);
    expect(
      endsPipelineGroup({ verb: 'AUTH', mechanism: 'SCRAM-SHA-256', initialResponse: new Uint8Array(3) }),
    ).toBe(true);
    expect(endsPipelineGroup({ verb: 'AUTH', mechanism: 'PLAIN', initialResponse: new Uint8Array(3) })).toBe(
      false,
    );
    expect(
      endsPipelineGroup({ verb: 'AUTH', mechanism: 'EXTERNAL', initialResponse: new Uint8Array(0) }),
    ).toBe(false);
  });

  it('isValidPipelineGroup: only the last command may end the group', () => {
    expect(isValidPipelineGroup([mail, rcpt, rcpt, { verb: 'DATA' }])).toBe(true);
    expect(isValidPipelineGroup([mail, { verb: 'DATA' }, rcpt])).toBe(false);
    expect(isValidPipelineGroup([{ verb: 'STARTTLS' }, { verb: 'EHLO', domain: 'x' }])).toBe(false);
    expect(isValidPipelineGroup([])).toBe(true);
  });
});
