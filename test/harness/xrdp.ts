import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Accepted, TlsVersion, Verdict } from '../../shared/probe-facts';
import type { CertKind, CertSet } from './certs';
import { freePort } from './free-port';

/**
 * Real RDP servers for the tests and the bench: Debian's xrdp (0.9.21), one process per scenario,
 * on 127.0.0.1 and a free port, in the foreground (-n) with its own generated xrdp.ini (-c),
 * log file and temp folder; stopped by PID. Installs nothing: `xrdp` must be on the machine.
 *
 * What this xrdp does, found by hand (and asserted by test/probe/xrdp.test.ts):
 * - security_layer=negotiate selects SSL whenever SSL is offered (never HYBRID), else RDP.
 * - security_layer=tls answers RDP_NEG_FAILURE 1 (SSL_REQUIRED_BY_SERVER) to a request without SSL.
 * - security_layer=rdp selects RDP even when only SSL is offered (never failure 2).
 * - A missing certificate file with security_layer=tls gives failure 3 (SSL_CERT_NOT_ON_SERVER)
 *   to every request; with negotiate xrdp silently falls back to RDP at start-up instead.
 * - ssl_protocols limits TLS versions; TLS 1.0/1.1 also need tls_ciphers with @SECLEVEL=0, or
 *   OpenSSL 3 answers an internal_error alert.
 */

const XRDP_BINARY = '/usr/sbin/xrdp';

export interface Scenario {
  name: string;
  securityLayer: 'negotiate' | 'tls' | 'rdp';
  sslProtocols: string;
  /** A generated certificate, or 'missing' for a path that does not exist. */
  cert: CertKind | 'missing';
  tlsCiphers?: string;
  /** The truth from the configuration: what a correct probe must report. */
  truth: { accepted: Accepted; tlsVersions: Record<TlsVersion, Verdict> };
}

const no = 'no' as const;
const yes = 'yes' as const;
const unknown = 'unknown' as const;
const tlsAccepted: Accepted = { RDP: yes, SSL: yes, HYBRID: no, RDSTLS: no, HYBRID_EX: no };
const modernTls: Record<TlsVersion, Verdict> = { 'TLSv1.3': yes, 'TLSv1.2': yes, 'TLSv1.1': no, TLSv1: no };
const noTls: Record<TlsVersion, Verdict> = { 'TLSv1.3': unknown, 'TLSv1.2': unknown, 'TLSv1.1': unknown, TLSv1: unknown };

export const scenarios = {
  negotiate: {
    name: 'negotiate',
    securityLayer: 'negotiate',
    sslProtocols: 'TLSv1.2, TLSv1.3',
    cert: 'valid',
    truth: { accepted: tlsAccepted, tlsVersions: modernTls },
  },
  'tls-only': {
    name: 'tls-only',
    securityLayer: 'tls',
    sslProtocols: 'TLSv1.2, TLSv1.3',
    cert: 'valid',
    truth: { accepted: { ...tlsAccepted, RDP: no }, tlsVersions: modernTls },
  },
  'rdp-only': {
    name: 'rdp-only',
    securityLayer: 'rdp',
    sslProtocols: 'TLSv1.2, TLSv1.3',
    cert: 'valid',
    truth: { accepted: { ...tlsAccepted, SSL: no }, tlsVersions: noTls },
  },
  expired: {
    name: 'expired',
    securityLayer: 'negotiate',
    sslProtocols: 'TLSv1.2, TLSv1.3',
    cert: 'expired',
    truth: { accepted: tlsAccepted, tlsVersions: modernTls },
  },
  'not-yet-valid': {
    name: 'not-yet-valid',
    securityLayer: 'negotiate',
    sslProtocols: 'TLSv1.2, TLSv1.3',
    cert: 'not-yet-valid',
    truth: { accepted: tlsAccepted, tlsVersions: modernTls },
  },
  'expiring-soon': {
    name: 'expiring-soon',
    securityLayer: 'negotiate',
    sslProtocols: 'TLSv1.2, TLSv1.3',
    cert: 'expiring-soon',
    truth: { accepted: tlsAccepted, tlsVersions: modernTls },
  },
  'tls12-only': {
    name: 'tls12-only',
    securityLayer: 'negotiate',
    sslProtocols: 'TLSv1.2',
    cert: 'valid',
    truth: { accepted: tlsAccepted, tlsVersions: { 'TLSv1.3': no, 'TLSv1.2': yes, 'TLSv1.1': no, TLSv1: no } },
  },
  'tls13-only': {
    name: 'tls13-only',
    securityLayer: 'negotiate',
    sslProtocols: 'TLSv1.3',
    cert: 'valid',
    truth: { accepted: tlsAccepted, tlsVersions: { 'TLSv1.3': yes, 'TLSv1.2': no, 'TLSv1.1': no, TLSv1: no } },
  },
  'tls10-only': {
    name: 'tls10-only',
    securityLayer: 'negotiate',
    sslProtocols: 'TLSv1',
    cert: 'valid',
    tlsCiphers: 'DEFAULT:@SECLEVEL=0',
    truth: { accepted: tlsAccepted, tlsVersions: { 'TLSv1.3': no, 'TLSv1.2': no, 'TLSv1.1': no, TLSv1: yes } },
  },
  'missing-cert': {
    name: 'missing-cert',
    securityLayer: 'tls',
    sslProtocols: 'TLSv1.2, TLSv1.3',
    cert: 'missing',
    truth: { accepted: { RDP: no, SSL: no, HYBRID: no, RDSTLS: no, HYBRID_EX: no }, tlsVersions: noTls },
  },
} as const satisfies Record<string, Scenario>;
export type ScenarioName = keyof typeof scenarios;

export interface RunningXrdp {
  scenario: Scenario;
  port: number;
  pid: number;
  dir: string;
  /** What xrdp logged so far. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

function xrdpIni(s: Scenario, port: number, certs: CertSet, dir: string): string {
  const certificate = s.cert === 'missing' ? join(dir, 'no-such-cert.pem') : certs.cert[s.cert];
  return [
    '[Globals]',
    'ini_version=1',
    // Threads, not processes: one PID to stop, nothing left behind.
    'fork=false',
    `port=tcp://127.0.0.1:${port}`,
    'use_vsock=false',
    'tcp_nodelay=true',
    `security_layer=${s.securityLayer}`,
    'crypt_level=high',
    `certificate=${certificate}`,
    `key_file=${certs.key}`,
    `ssl_protocols=${s.sslProtocols}`,
    ...(s.tlsCiphers ? [`tls_ciphers=${s.tlsCiphers}`] : []),
    '[Logging]',
    `LogFile=${join(dir, 'xrdp.log')}`,
    'LogLevel=INFO',
    'EnableSyslog=false',
    'EnableConsole=false',
    '[Channels]',
    '[Xorg]',
    'name=Xorg',
    'lib=libxup.so',
    'username=ask',
    'password=ask',
    'ip=127.0.0.1',
    'port=-1',
    'code=20',
    '',
  ].join('\n');
}

/** A test run killed half-way must not leave xrdp listening: kill what is still running on exit. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) if (c.pid && c.exitCode === null) process.kill(c.pid, 'SIGKILL');
});

export function xrdpAvailable(): boolean {
  return existsSync(XRDP_BINARY);
}

/** xrdp's stdout is block-buffered into a pipe, so readiness is read from its log file. */
async function waitForListening(child: ChildProcess, logFile: string, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    const text = await readFile(logFile, 'utf8').catch(() => '');
    if (/listening to port/.test(text)) return true;
    await new Promise((r) => setTimeout(r, 15));
  }
  return false;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * `options.dir`: where its config and log go (default the temp folder). xrdp syncs its log file to
 * disk after every line, a dozen lines per probe connection: on a disk shared with other work
 * that was most of xrdp's CPU in bench:fleet, so the bench puts them on tmpfs (/dev/shm).
 */
export async function startXrdp(s: Scenario, certs: CertSet, options: { dir?: string } = {}): Promise<RunningXrdp> {
  let lastError = '';
  for (let tries = 0; tries < 3; tries++) {
    const dir = await mkdtemp(join(options.dir ?? tmpdir(), `rdpd-xrdp-${s.name}-`));
    const port = await freePort();
    const ini = join(dir, 'xrdp.ini');
    await writeFile(ini, xrdpIni(s, port, certs, dir));
    const logFile = join(dir, 'xrdp.log');
    const child = spawn(XRDP_BINARY, ['--nodaemon', '--config', ini], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let out = '';
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', (e) => (out += `spawn error: ${e.message}`));
    live.add(child);
    child.once('exit', () => live.delete(child));
    const log = async () => `${await readFile(logFile, 'utf8').catch(() => '')}${out}`;
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        process.kill(child.pid, 'SIGTERM');
        if (!(await waitForExit(child, 3000))) process.kill(child.pid, 'SIGKILL');
        await waitForExit(child, 3000);
      }
      await rm(dir, { recursive: true, force: true });
    };
    if (child.pid && (await waitForListening(child, logFile, 5000))) {
      return { scenario: s, port, pid: child.pid, dir, log, stop };
    }
    lastError = await log();
    await stop();
  }
  throw new Error(`xrdp (${s.name}) did not start listening:\n${lastError}`);
}
