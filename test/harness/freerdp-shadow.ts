import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectOnce } from '../../electron/main/probe/tcp';
import { freePort } from './free-port';

/**
 * A real NLA server: FreeRDP's shadow server (Debian freerdp2-shadow-x11 2.11) with /sec:nla, on
 * 127.0.0.1 and a free port, sharing a private Xvfb screen. It selects HYBRID and answers CredSSP
 * with NTLM from a SAM file made by winpr-hash (winpr-utils). Stopped by PID, Xvfb too.
 */

const SHADOW_BINARY = '/usr/bin/freerdp-shadow-cli';
const XVFB = '/usr/bin/Xvfb';
const WINPR_HASH = '/usr/bin/winpr-hash';

export function shadowAvailable(): boolean {
  return [SHADOW_BINARY, XVFB, WINPR_HASH].every((p) => existsSync(p));
}

/**
 * What this FreeRDP puts in its NTLM CHALLENGE, read from its source rather than from our probe:
 * - winpr/libwinpr/sspi/NTLM/ntlm.c ntlm_get_target_computer_name (2.x): every one of the four
 *   names is GetComputerNameExA(ComputerNameNetBIOS) (gethostname up to the first dot,
 *   sysinfo.c GetComputerNameA), cut to MAX_COMPUTERNAME_LENGTH (15), upper-cased only for the
 *   NetBIOS names. No DNS tree name.
 * - winpr/libwinpr/sysinfo/sysinfo.c GetVersionExA: a fixed "Windows 7 SP1", 6.1.7601; ntlm
 *   writes NTLMSSP_REVISION_W2K3 (15).
 * - libfreerdp/core/nla.c nla_new: the server's TSRequest version is 6.
 */
export function expectedShadowChallenge(host = hostname()) {
  const short = (host.split('.')[0] ?? host).slice(0, 15);
  return {
    netbiosComputer: short.toUpperCase(),
    netbiosDomain: short.toUpperCase(),
    dnsComputer: short,
    dnsDomain: short,
    dnsTree: null,
    osVersion: { major: 6, minor: 1, build: 7601, ntlmRevision: 15 },
    credsspVersion: 6,
  };
}

export interface RunningShadow {
  port: number;
  /** The server process (bench:probe reads its CPU time). */
  pid: number;
  log(): string;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) if (c.pid && c.exitCode === null) process.kill(c.pid, 'SIGKILL');
});

function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}

function waitForExit(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.pid && child.exitCode === null && child.signalCode === null) {
    process.kill(child.pid, 'SIGTERM');
    await waitForExit(child, 3000);
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
    await waitForExit(child, 3000);
  }
}

/** Xvfb picks a free display itself and writes its number to the pipe (-displayfd). */
function startXvfb(): Promise<{ child: ChildProcess; display: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '640x480x24', '-nolisten', 'tcp', '-nolisten', 'unix'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    track(child);
    let out = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not report a display within 5 s')), 5000);
    child.stdio[3]!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve({ child, display: `:${out.trim()}` });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code})`));
    });
  });
}

export async function startShadow(): Promise<RunningShadow> {
  const dir = await mkdtemp(join(tmpdir(), 'rdpd-shadow-'));
  const sam = join(dir, 'sam');
  // SAM line: User:LmHash:Domain:NtHash (winpr's ntlm SAM format); the password is never used.
  const nt = execFileSync(WINPR_HASH, ['-u', 'probe', '-p', 'not-used-by-any-test'], { encoding: 'utf8' }).trim();
  await writeFile(sam, `probe:::${nt}:::\n`);
  let lastLog = '';
  for (let tries = 0; tries < 3; tries++) {
    // A fresh screen for each try: two test files start one at once, and a screen that lost the
    // race for its display number is gone when the server opens it ("failed to open display").
    const x = await startXvfb();
    const port = await freePort();
    const child = spawn(SHADOW_BINARY, [`/port:${port}`, '/bind-address:127.0.0.1', '/sec:nla', `/sam-file:${sam}`], {
      env: { ...process.env, DISPLAY: x.display },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    track(child);
    let log = '';
    const keep = (d: Buffer) => {
      // The server logs every probe as an error; keep the tail only.
      log = (log + d.toString()).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const deadline = performance.now() + 8000;
    let listening = false;
    while (!listening && performance.now() < deadline && child.exitCode === null) {
      listening = (await connectOnce('127.0.0.1', port, 500)).state === 'open';
      if (!listening) await new Promise((r) => setTimeout(r, 50));
    }
    if (listening) {
      return {
        port,
        pid: child.pid!,
        log: () => log,
        stop: async () => {
          await kill(child);
          await kill(x.child);
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
    lastLog = log;
    await kill(child);
    await kill(x.child);
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error(`freerdp-shadow-cli did not start listening:\n${lastLog}`);
}
