/**
 * Starts a private Dovecot (IMAP, POP3, LMTP, SASL auth) and Postfix (SMTP with STARTTLS,
 * submission with STARTTLS + AUTH, implicit-TLS submission) on loopback high ports, from
 * configuration generated into a temporary directory, with a CA and server certificate
 * made at start so that clients verify TLS fully. Test support only: never part of a build.
 *
 * Requirements (Debian 12): packages dovecot-core dovecot-imapd dovecot-pop3d dovecot-lmtpd
 * postfix openssl, and root (Postfix's master refuses to run otherwise).
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MailUser {
  /** Login name (also the local part at the test domain). */
  user: string;
  password: string;
  address: string;
}

export interface MailServerPorts {
  imap: number;
  imaps: number;
  pop3: number;
  pop3s: number;
  lmtp: number;
  auth: number;
  /** SMTP with optional STARTTLS, no AUTH (like port 25). */
  smtp: number;
  /** Submission: STARTTLS required, AUTH required (like port 587). */
  submission: number;
  /** Submission over implicit TLS (like port 465). */
  smtps: number;
}

export interface MailServersInfo {
  host: string;
  /** Name in the server certificate. */
  servername: string;
  domain: string;
  ports: MailServerPorts;
  /** PEM of the CA that signed the server certificate. */
  ca: string;
  users: MailUser[];
  dir: string;
}

export interface MailServers extends MailServersInfo {
  stop(): Promise<void>;
}

const DOMAIN = 'mailwire.test';
const HOST = '127.0.0.1';

/** Why the real servers cannot run here, or undefined when they can. */
export function mailServersUnavailable(): string | undefined {
  const missing = ['/usr/sbin/dovecot', '/usr/sbin/postfix', '/usr/bin/openssl'].filter(
    (p) => !existsSync(p),
  );
  if (missing.length) {
    return `${missing.join(', ')} not installed (apt-get install dovecot-core dovecot-imapd dovecot-pop3d dovecot-lmtpd postfix openssl; see scripts/install-mail-servers.sh)`;
  }
  if (process.getuid?.() !== 0) return 'Postfix needs root to run its master process';
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function run(cmd: string, args: string[], cwd?: string): string {
  return execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

export function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  mkdirSync(dir, { recursive: true });
  const f = (n: string): string => join(dir, n);
  run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=mailwire test CA',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.crt'),
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  run('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    f('server.key'),
    '-out',
    f('server.csr'),
  ]);
  writeFileSync(
    f('server.ext'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n',
  );
  run('openssl', [
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.crt'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    f('server.ext'),
    '-out',
    f('server.crt'),
  ]);
  return { ca: readFileSync(f('ca.crt'), 'utf8'), cert: f('server.crt'), key: f('server.key') };
}

/** Resolves once `port` answers with a line starting with `greeting`; Dovecot drops clients that come before auth is up. */
async function waitForGreeting(port: number, greeting: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const line = await new Promise<string>((resolve) => {
      const s = net.connect(port, HOST);
      let data = '';
      const done = (v: string): void => {
        s.destroy();
        resolve(v);
      };
      s.setTimeout(1000, () => done(data));
      s.on('data', (d) => {
        data += d.toString('latin1');
        if (data.includes('\n')) done(data);
      });
      s.on('error', (e) => done(`error: ${e.message}`));
    });
    if (line.startsWith(greeting)) return;
    last = line;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `port ${port} did not greet with ${greeting} in ${timeoutMs} ms (last: ${JSON.stringify(last)})`,
  );
}

/** Back-dates a generated file: Postfix waits ~2 s before reading a config changed in the last second. */
function writeOld(path: string, text: string): void {
  writeFileSync(path, text);
  const t = new Date(Date.now() - 10_000);
  utimesSync(path, t, t);
}

/**
 * Starts both servers; retries with fresh ports (a port picked free can be taken by another
 * process before the server binds it) and says what the logs said if every attempt fails.
 */
export async function startMailServers(attempts = 3): Promise<MailServers> {
  const why = mailServersUnavailable();
  if (why) throw new Error(`cannot start mail servers: ${why}`);
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await startOnce();
    } catch (err) {
      last = err;
    }
  }
  throw last;
}

async function startOnce(): Promise<MailServers> {
  const dir = mkdtempSync(join(tmpdir(), 'mailwire-servers-'));
  execFileSync('chmod', ['755', dir]);
  const ports: MailServerPorts = {
    imap: await freePort(),
    imaps: await freePort(),
    pop3: await freePort(),
    pop3s: await freePort(),
    lmtp: await freePort(),
    auth: await freePort(),
    smtp: await freePort(),
    submission: await freePort(),
    smtps: await freePort(),
  };
  // One mailbox per test file that reads or deletes mail, so files can run in parallel.
  const users: MailUser[] = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan'].map(
    (user, i) => ({
      user,
      password: `${user}-Secret-${i + 1}`,
      address: `${user}@${DOMAIN}`,
    }),
  );
  const tls = makeCertificates(join(dir, 'tls'));
  const mailUid = Number(run('id', ['-u', 'mail']).trim());
  const mailGid = Number(run('id', ['-g', 'mail']).trim());

  // ---- Dovecot ----
  const dv = join(dir, 'dovecot');
  for (const d of ['run', 'state', 'mail']) mkdirSync(join(dv, d), { recursive: true });
  chownSync(join(dv, 'mail'), mailUid, mailGid);
  // PLAIN-stored passwords: CRAM-MD5, SCRAM and APOP need plaintext-equivalent secrets.
  writeFileSync(
    join(dv, 'passwd'),
    users
      .map((u) => `${u.user}:{PLAIN}${u.password}:${mailUid}:${mailGid}::${join(dv, 'mail', u.user)}::\n`)
      .join(''),
  );
  const dovecotConf = join(dv, 'dovecot.conf');
  writeFileSync(
    dovecotConf,
    `# generated by mailwire's test support
instance_name = mailwire-${process.pid}-${ports.imap}
base_dir = ${join(dv, 'run')}
state_dir = ${join(dv, 'state')}
log_path = ${join(dv, 'dovecot.log')}
protocols = imap pop3 lmtp
listen = ${HOST}
ssl = yes
ssl_cert = <${tls.cert}
ssl_key = <${tls.key}
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = no
auth_mechanisms = plain login cram-md5 scram-sha-1 scram-sha-256 apop
auth_verbose = no
first_valid_uid = ${mailUid}
mail_location = maildir:~/Maildir
mail_privileged_group = mail
pop3_uidl_format = %08Xu%08Xv
passdb {
  driver = passwd-file
  args = username_format=%n ${join(dv, 'passwd')}
}
userdb {
  driver = passwd-file
  args = username_format=%n ${join(dv, 'passwd')}
}
service imap-login {
  inet_listener imap {
    port = ${ports.imap}
  }
  inet_listener imaps {
    port = ${ports.imaps}
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = ${ports.pop3}
  }
  inet_listener pop3s {
    port = ${ports.pop3s}
    ssl = yes
  }
}
service lmtp {
  inet_listener lmtp {
    address = ${HOST}
    port = ${ports.lmtp}
  }
}
service auth {
  inet_listener auth {
    address = ${HOST}
    port = ${ports.auth}
  }
}
# Every test client is 127.0.0.1: without this, a few failed logins slow every later one by
# seconds (auth penalty). Moving anvil's penalty listener to another path leaves auth without
# a penalty socket to connect to, which turns the penalty off (mode = 0 made auth block ~5 s).
service anvil {
  unix_listener anvil-auth-penalty {
    path = anvil-auth-penalty-disabled
  }
}
lmtp_save_to_detail_mailbox = no
protocol lmtp {
  postmaster_address = postmaster@${DOMAIN}
}
`,
  );
  // The master keeps its caller's stdio open: give it files, never a pipe.
  const stderrPath = join(dv, 'dovecot.stderr');
  const stderrFd = openSync(stderrPath, 'w');
  try {
    execFileSync('/usr/sbin/dovecot', ['-c', dovecotConf], { stdio: ['ignore', 'ignore', stderrFd] });
  } catch (err) {
    const logs = [stderrPath, join(dv, 'dovecot.log')]
      .filter(existsSync)
      .map((f) => readFileSync(f, 'utf8').slice(-2000))
      .join('\n');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`dovecot failed to start (${(err as Error).message}):\n${logs}`);
  } finally {
    closeSync(stderrFd);
  }

  // ---- Postfix ----
  const pf = join(dir, 'postfix');
  const queue = join(pf, 'queue');
  const data = join(pf, 'data');
  mkdirSync(queue, { recursive: true });
  mkdirSync(data, { recursive: true });
  execFileSync('chown', ['postfix', data]);
  const recipients = users.map((u) => `${u.address}=ok`).join(', ');
  writeOld(
    join(pf, 'main.cf'),
    `# generated by mailwire's test support
compatibility_level = 3.6
queue_directory = ${queue}
data_directory = ${data}
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.${DOMAIN}
mydomain = ${DOMAIN}
myorigin = ${DOMAIN}
mydestination =
mynetworks = 127.0.0.0/8
inet_interfaces = ${HOST}
inet_protocols = ipv4
maillog_file = ${join(pf, 'postfix.log')}
maillog_file_prefixes = ${dir}
alias_maps =
alias_database =
local_recipient_maps =
virtual_mailbox_domains = ${DOMAIN}
virtual_mailbox_maps = inline:{ ${recipients} }
virtual_transport = lmtp:inet:${HOST}:${ports.lmtp}
# nothing may leave the machine
default_transport = error:mailwire test servers deliver locally only
relay_transport = error:mailwire test servers deliver locally only
local_transport = error:mailwire test servers deliver locally only
smtpd_tls_cert_file = ${tls.cert}
smtpd_tls_key_file = ${tls.key}
smtpd_tls_security_level = may
smtpd_tls_auth_only = no
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:${HOST}:${ports.auth}
smtpd_sasl_auth_enable = no
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtputf8_enable = yes
message_size_limit = ${200 * 1024 * 1024}
virtual_mailbox_limit = 0
mailbox_size_limit = 0
smtpd_banner = $myhostname ESMTP mailwire-test
biff = no
`,
  );
  const svc = (
    name: string,
    type: string,
    priv: string,
    unpriv: string,
    wakeup: string,
    max: string,
    cmd: string,
  ): string => `${name.padEnd(12)} ${type.padEnd(10)} ${priv} ${unpriv} n ${wakeup} ${max} ${cmd}`;
  writeOld(
    join(pf, 'master.cf'),
    [
      '# generated by mailwire test support: chroot n for every service',
      svc(`${HOST}:${ports.smtp}`, 'inet', 'n', '-', '-', '-', 'smtpd'),
      svc(`${HOST}:${ports.submission}`, 'inet', 'n', '-', '-', '-', 'smtpd') +
        '\n  -o smtpd_tls_security_level=encrypt\n  -o smtpd_sasl_auth_enable=yes\n  -o smtpd_client_restrictions=permit_sasl_authenticated,reject',
      svc(`${HOST}:${ports.smtps}`, 'inet', 'n', '-', '-', '-', 'smtpd') +
        '\n  -o smtpd_tls_wrappermode=yes\n  -o smtpd_sasl_auth_enable=yes\n  -o smtpd_client_restrictions=permit_sasl_authenticated,reject',
      svc('pickup', 'unix', 'n', '-', '60', '1', 'pickup'),
      svc('cleanup', 'unix', 'n', '-', '-', '0', 'cleanup'),
      svc('qmgr', 'unix', 'n', '-', '300', '1', 'qmgr'),
      svc('tlsmgr', 'unix', '-', '-', '1000?', '1', 'tlsmgr'),
      svc('rewrite', 'unix', '-', '-', '-', '-', 'trivial-rewrite'),
      svc('bounce', 'unix', '-', '-', '-', '0', 'bounce'),
      svc('defer', 'unix', '-', '-', '-', '0', 'bounce'),
      svc('trace', 'unix', '-', '-', '-', '0', 'bounce'),
      svc('verify', 'unix', '-', '-', '-', '1', 'verify'),
      svc('flush', 'unix', 'n', '-', '1000?', '0', 'flush'),
      svc('proxymap', 'unix', '-', '-', '-', '-', 'proxymap'),
      svc('smtp', 'unix', '-', '-', '-', '-', 'smtp'),
      svc('relay', 'unix', '-', '-', '-', '-', 'smtp'),
      svc('showq', 'unix', 'n', '-', '-', '-', 'showq'),
      svc('error', 'unix', '-', '-', '-', '-', 'error'),
      svc('retry', 'unix', '-', '-', '-', '-', 'error'),
      svc('discard', 'unix', '-', '-', '-', '-', 'discard'),
      svc('lmtp', 'unix', '-', '-', '-', '-', 'lmtp'),
      svc('anvil', 'unix', '-', '-', '-', '1', 'anvil'),
      svc('scache', 'unix', '-', '-', '-', '1', 'scache'),
      svc('postlog', 'unix-dgram', 'n', '-', '-', '1', 'postlogd'),
      '',
    ].join('\n'),
  );
  try {
    execFileSync('/usr/sbin/postfix', ['-c', pf, 'start'], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stderr?: Buffer };
    await stopDovecot(dovecotConf);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`postfix failed to start: ${e.stderr?.toString() ?? String(err)}`);
  }

  const servers: MailServers = {
    host: HOST,
    servername: 'localhost',
    domain: DOMAIN,
    ports,
    ca: tls.ca,
    users,
    dir,
    async stop() {
      // Postfix first: its SASL client talks to Dovecot's auth.
      try {
        execFileSync('/usr/sbin/postfix', ['-c', pf, 'stop'], { stdio: 'ignore' });
      } catch {
        /* already stopped */
      }
      await stopDovecot(dovecotConf);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await Promise.all([
      waitForGreeting(ports.imap, '* OK'),
      waitForGreeting(ports.pop3, '+OK'),
      waitForGreeting(ports.smtp, '220'),
      waitForGreeting(ports.submission, '220'),
    ]);
  } catch (err) {
    const logs = ['dovecot/dovecot.log', 'postfix/postfix.log']
      .map((f) => join(dir, f))
      .filter(existsSync)
      .map((f) => `--- ${f}\n${readFileSync(f, 'utf8').slice(-2000)}`)
      .join('\n');
    await servers.stop();
    throw new Error(`${(err as Error).message}\n${logs}`);
  }
  return servers;
}

async function stopDovecot(conf: string): Promise<void> {
  await new Promise<void>((resolve) => {
    const p = spawn('/usr/bin/doveadm', ['-c', conf, 'stop'], { stdio: 'ignore' });
    p.on('exit', () => resolve());
    p.on('error', () => resolve());
  });
}
