import { describe, expect, it } from 'vitest';
import { type ImapClientProtocol, responsesOf } from '../../src/index';
import { completedOf, dec, feed, greeted } from './helpers';

function selected(caps = 'IMAP4rev1 UIDPLUS MOVE QRESYNC CONDSTORE'): ImapClientProtocol {
  const p = greeted(`* PREAUTH [CAPABILITY ${caps}] ready`);
  p.send({ name: 'SELECT', mailbox: 'INBOX' });
  feed(p, '* 10 EXISTS\r\n* OK [HIGHESTMODSEQ 100] ok\r\nA1 OK [READ-WRITE] selected\r\n');
  return p;
}

describe('routing of untagged data', () => {
  it('ENABLE UTF8=ACCEPT: ENABLED is its data and switches the serializer', () => {
    const p = greeted('* PREAUTH [CAPABILITY IMAP4rev1 ENABLE UTF8=ACCEPT] hi');
    expect(dec(p.send({ name: 'CREATE', mailbox: 'Brief€' }).bytes)).toBe('A1 CREATE Brief&IKw-\r\n');
    feed(p, 'A1 OK\r\n');
    p.send({ name: 'ENABLE', capabilities: ['UTF8=ACCEPT'] });
    const ev = feed(p, '* ENABLED UTF8=ACCEPT\r\nA2 OK enabled\r\n');
    expect(completedOf(ev, 'A2').data).toEqual([{ type: 'enabled', capabilities: ['UTF8=ACCEPT'] }]);
    expect(p.utf8Accept).toBe(true);
    expect(p.enabled.has('UTF8=ACCEPT')).toBe(true);
    expect(dec(p.send({ name: 'CREATE', mailbox: 'Brief€' }).bytes)).toBe('A3 CREATE "Brief€"\r\n');
  });

  it('NAMESPACE, ID and QUOTA data go to their commands', () => {
    const p = greeted('* PREAUTH hi');
    p.send({ name: 'NAMESPACE' });
    p.send({ name: 'ID', parameters: [['name', 'mailwire']] });
    p.send({ name: 'GETQUOTAROOT', mailbox: 'INBOX' });
    const ev = feed(
      p,
      '* ID ("name" "Dovecot")\r\n* NAMESPACE (("" "/")) NIL NIL\r\n* QUOTAROOT INBOX ""\r\n* QUOTA "" (STORAGE 10 512)\r\n' +
        'A1 OK\r\nA2 OK\r\nA3 OK\r\n',
    );
    expect(completedOf(ev, 'A1').data.map((d) => d.type)).toEqual(['namespace']);
    expect(completedOf(ev, 'A2').data.map((d) => d.type)).toEqual(['id']);
    expect(completedOf(ev, 'A3').data.map((d) => d.type)).toEqual(['quotaroot', 'quota']);
  });

  it('ACL responses (kept raw by the parser) go to GETACL / MYRIGHTS', () => {
    const p = greeted('* PREAUTH hi');
    p.send({ name: 'GETACL', mailbox: 'INBOX' });
    p.send({ name: 'MYRIGHTS', mailbox: 'INBOX' });
    const ev = feed(p, '* MYRIGHTS INBOX lrswi\r\n* ACL INBOX bob lrswi\r\nA1 OK\r\nA2 OK\r\n');
    expect(completedOf(ev, 'A1').data).toMatchObject([{ type: 'unknown', keyword: 'ACL' }]);
    expect(completedOf(ev, 'A2').data).toMatchObject([{ type: 'unknown', keyword: 'MYRIGHTS' }]);
  });

  it('MOVE: COPYUID and the EXPUNGEs are its data; the count follows', () => {
    const p = selected();
    p.send({ name: 'MOVE', uid: true, sequenceSet: [[3, 4]], mailbox: 'Trash' });
    const ev = feed(p, '* OK [COPYUID 7 3:4 20:21] moved\r\n* 3 EXPUNGE\r\n* 3 EXPUNGE\r\nA2 OK done\r\n');
    const move = completedOf(ev, 'A2');
    expect(move.data.map((d) => d.type)).toEqual(['status', 'expunge', 'expunge']);
    expect(move.data[0]).toMatchObject({ code: { name: 'COPYUID', uidValidity: 7 } });
    expect(ev.filter((e) => e.type === 'mailbox')).toHaveLength(2);
    expect(p.mailbox?.exists).toBe(8);
  });

  it('UID EXPUNGE with QRESYNC: VANISHED lowers the count', () => {
    const p = selected();
    p.send({ name: 'EXPUNGE', uid: true, sequenceSet: [[5, 7], 9] });
    const ev = feed(p, '* VANISHED 5:7,9\r\nA2 OK expunged\r\n');
    expect(completedOf(ev, 'A2').data).toEqual([{ type: 'vanished', earlier: false, uids: [[5, 7], 9] }]);
    expect(p.mailbox?.exists).toBe(6);
  });

  it('UID FETCH (CHANGEDSINCE VANISHED): VANISHED (EARLIER) is its data and changes no count', () => {
    const p = selected();
    p.send({
      name: 'FETCH',
      uid: true,
      sequenceSet: [[1, '*']],
      items: [{ name: 'FLAGS' }],
      modifiers: { changedSince: 90n, vanished: true },
    });
    const ev = feed(
      p,
      '* VANISHED (EARLIER) 2:3\r\n* 1 FETCH (UID 4 FLAGS (\\Seen) MODSEQ (101))\r\nA2 OK\r\n',
    );
    expect(completedOf(ev, 'A2').data.map((d) => d.type)).toEqual(['vanished', 'fetch']);
    expect(ev.some((e) => e.type === 'mailbox')).toBe(false);
    expect(p.mailbox?.exists).toBe(10);
  });

  it('untagged mailbox codes outside SELECT update the mailbox', () => {
    const p = selected();
    expect(p.mailbox?.highestModSeq).toBe(100n);
    const ev = feed(p, '* OK [HIGHESTMODSEQ 120] changed\r\n');
    expect(ev).toMatchObject([{ type: 'mailbox', response: { type: 'status' } }]);
    expect(p.mailbox?.highestModSeq).toBe(120n);
  });

  it('two STATUS in flight: each gets the data naming its mailbox', () => {
    const p = greeted('* PREAUTH hi');
    p.send({ name: 'STATUS', mailbox: 'Sent', items: ['MESSAGES'] });
    p.send({ name: 'STATUS', mailbox: 'inbox', items: ['MESSAGES'] });
    const ev = feed(p, '* STATUS INBOX (MESSAGES 1)\r\n* STATUS Sent (MESSAGES 2)\r\nA1 OK\r\nA2 OK\r\n');
    expect(responsesOf(completedOf(ev, 'A1').data, 'mailbox-status')[0]?.attributes).toEqual([
      { name: 'MESSAGES', value: 2 },
    ]);
    expect(responsesOf(completedOf(ev, 'A2').data, 'mailbox-status')[0]?.attributes).toEqual([
      { name: 'MESSAGES', value: 1 },
    ]);
  });

  it('INBOX in any case is INBOX, in ASCII only: "ınbox" (dotless i) is another mailbox', () => {
    const p = greeted('* PREAUTH hi');
    p.send({ name: 'STATUS', mailbox: 'INBOX', items: ['MESSAGES'] });
    p.send({ name: 'STATUS', mailbox: 'ınbox', items: ['MESSAGES'] });
    // "ınbox" goes out in modified UTF-7; Unicode upper-casing would make it "INBOX"
    const ev = feed(
      p,
      '* STATUS &ATE-nbox (MESSAGES 3)\r\n* STATUS INBOX (MESSAGES 1)\r\nA1 OK\r\nA2 OK\r\n',
    );
    expect(responsesOf(completedOf(ev, 'A1').data, 'mailbox-status')[0]?.attributes).toEqual([
      { name: 'MESSAGES', value: 1 },
    ]);
    expect(responsesOf(completedOf(ev, 'A2').data, 'mailbox-status')[0]?.attributes).toEqual([
      { name: 'MESSAGES', value: 3 },
    ]);
  });

  it('an unsolicited CAPABILITY updates the capabilities', () => {
    const p = greeted('* OK hi');
    const ev = feed(p, '* CAPABILITY IMAP4rev1 LITERAL+\r\n');
    expect(ev).toMatchObject([{ type: 'untagged', response: { type: 'capability' } }]);
    expect(p.serializeOptions.literalPlus).toBe(true);
  });
});
