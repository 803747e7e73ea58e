import { z } from 'zod';
import type { Attempt } from '../probe/tcp';
import { psLiteral } from '../powershell/literal';

/** WinRM's listeners: HTTP on 5985, HTTPS on 5986 (PowerShell remoting's defaults). */
const WINRM_PORTS = [
  { port: 5985, transport: 'http' },
  { port: 5986, transport: 'https' },
] as const;
export type Transport = (typeof WINRM_PORTS)[number]['transport'];

const WINRM_TCP_TIMEOUT_MS = 3_000;

type WinRmProblem =
  | 'name-not-found'
  | 'not-enabled'
  | 'firewall'
  | 'unreachable'
  | 'no-windows'
  | 'access-denied'
  | 'wrong-password'
  | 'trusted-hosts'
  | 'kerberos'
  | 'certificate'
  | 'service-not-answering'
  | 'unknown';

/** What went wrong, in plain English, with the exact command that fixes it where there is one. */
export interface Explanation {
  problem: WinRmProblem;
  message: string;
  /** A command to run, and where: on the server, or on this computer. */
  fix?: { where: 'server' | 'this computer'; command: string };
}

export interface Reachability {
  host: string;
  /** The TCP attempt per WinRM port. */
  attempts: Array<{ port: number; transport: Transport; attempt: Attempt }>;
  /** The transport to use: HTTP when 5985 answers, else HTTPS when 5986 does; null when neither. */
  transport: Transport | null;
  /** Why WinRM cannot be used, or null when a port answers. */
  explanation: Explanation | null;
}

export interface ReachabilityDeps {
  connect(address: string, port: number, timeoutMs: number): Promise<Attempt>;
  /** Tests replace the WinRM ports with loopback ones. */
  ports?: ReadonlyArray<{ port: number; transport: Transport }>;
  timeoutMs?: number;
}

const ENABLE = 'Enable-PSRemoting -Force';

/**
 * Step one of "does WinRM answer": a TCP connect to 5985 and 5986, in Node, on any OS. A refused
 * port means no listener (WinRM is off); silence means a firewall drops it.
 */
export async function checkWinRmPorts(host: string, deps: ReachabilityDeps): Promise<Reachability> {
  const ports = deps.ports ?? WINRM_PORTS;
  const timeoutMs = deps.timeoutMs ?? WINRM_TCP_TIMEOUT_MS;
  const attempts = await Promise.all(
    ports.map(async ({ port, transport }) => ({ port, transport, attempt: await deps.connect(host, port, timeoutMs) })),
  );
  const open = attempts.find((a) => a.attempt.state === 'open');
  if (open) return { host, attempts, transport: open.transport, explanation: null };
  return { host, attempts, transport: null, explanation: explainClosedPorts(host, attempts) };
}

function explainClosedPorts(host: string, attempts: Reachability['attempts']): Explanation {
  const list = attempts.map((a) => a.port).join(' and ');
  const states = attempts.map((a) => a.attempt.state);
  const errors = attempts.map((a) => a.attempt.error ?? '');
  if (errors.some((e) => e === 'ENOTFOUND' || e === 'EAI_AGAIN' || e === 'EAI_NODATA')) {
    return {
      problem: 'name-not-found',
      message: `The name ${host} does not resolve to an address from this computer, so PowerShell remoting cannot reach it. Check the spelling, or use the server's IP address.`,
    };
  }
  if (states.every((s) => s === 'refused')) {
    return {
      problem: 'not-enabled',
      message: `WinRM is not enabled on ${host}: it refused connections on ports ${list}, so nothing listens for PowerShell remoting there. On the server, run ${ENABLE} in PowerShell as administrator (on a network marked Public add -SkipNetworkProfileCheck), or use "Make a fix script" below instead.`,
      fix: { where: 'server', command: ENABLE },
    };
  }
  if (states.includes('refused')) {
    // One refused, the other silent: the machine answers, WinRM does not.
    return {
      problem: 'not-enabled',
      message: `WinRM is not enabled on ${host}: ports ${list} do not accept connections. On the server, run ${ENABLE} in PowerShell as administrator, or use "Make a fix script" below instead.`,
      fix: { where: 'server', command: ENABLE },
    };
  }
  if (states.every((s) => s === 'filtered')) {
    return {
      problem: 'firewall',
      message: `${host} did not answer on ports ${list} at all: a firewall (Windows Firewall on the server, or one on the way) drops WinRM, or WinRM is off. On the server, ${ENABLE} turns WinRM on and opens Windows Firewall for domain and private networks; on a network marked Public it needs -SkipNetworkProfileCheck and then allows the local subnet only. Or use "Make a fix script" below instead.`,
      fix: { where: 'server', command: ENABLE },
    };
  }
  if (states.includes('unreachable')) {
    return {
      problem: 'unreachable',
      message: `There is no network route from this computer to ${host} (${errors.find((e) => e) ?? 'unreachable'}). Connect to the right network or VPN first.`,
    };
  }
  return {
    problem: 'unknown',
    message: `Could not connect to ${host} on ports ${list} (${errors.filter((e) => e).join(', ') || 'no answer'}).`,
  };
}

/** The command that lets this computer send credentials to a workgroup or IP-address server. */
export function trustedHostsCommand(host: string): string {
  return `Set-Item -Path WSMan:\\localhost\\Client\\TrustedHosts -Value ${psLiteral(host)} -Concatenate -Force`;
}

const isIpAddress = (host: string) => z.ipv4().safeParse(host).success || z.ipv6().safeParse(host).success;

/**
 * Turns what Invoke-Command or Test-WSMan said into plain English. The original first line is kept
 * at the end for helpdesk; it never holds a password (those never enter command text). The user
 * name is left out too: these messages can reach the journal and the reports.
 */
export function explainRemotingError(host: string, raw: string): Explanation {
  const said = raw.split(/\r?\n/)[0]?.trim() ?? '';
  const original = said ? ` (Windows said: ${said.slice(0, 300)})` : '';
  const m = raw.toLowerCase();
  const trusted = trustedHostsCommand(host);
  if (m.includes('trustedhosts') || m.includes('default authentication may be used with an ip address')) {
    return {
      problem: 'trusted-hosts',
      message: `This computer will not send your password to ${host} over plain HTTP without Kerberos: ${isIpAddress(host) ? 'an IP address cannot use Kerberos' : 'the two computers are not in the same domain'}. On this computer, in PowerShell run as administrator, add the server to TrustedHosts with the command below, and sign in as ${host}\\<user> for a local account. Or set up HTTPS (port 5986) on the server.${original}`,
      fix: { where: 'this computer', command: trusted },
    };
  }
  if (m.includes('kerberos') || m.includes('0x80090311') || m.includes('0x8009030e') || m.includes('0x80090322')) {
    return {
      problem: 'kerberos',
      message: `Kerberos sign-in to ${host} failed. In a domain, use the server's full name (for example srv01.contoso.com), not an IP address or alias, and sign in as DOMAIN\\user from a computer in the same or a trusted domain. In a workgroup there is no Kerberos: add the server to TrustedHosts on this computer with the command below and sign in as ${host}\\<user>.${original}`,
      fix: { where: 'this computer', command: trusted },
    };
  }
  if (m.includes('user name or password is incorrect') || m.includes('logon failure') || m.includes('unknown user name or bad password')) {
    return {
      problem: 'wrong-password',
      message: `${host} did not accept the user name or password. Check both; write a domain account as DOMAIN\\user and a local account as ${host}\\user.${original}`,
    };
  }
  if (m.includes('access is denied') || m.includes('access denied') || m.includes('0x80070005')) {
    return {
      problem: 'access-denied',
      message: `${host} refused the account you gave: access is denied. Either the password is wrong, or the account is not an administrator there (PowerShell remoting needs Administrators or Remote Management Users). A local account other than the built-in Administrator gets no administrator rights over the network unless LocalAccountTokenFilterPolicy is 1 on the server; a domain administrator account avoids that.${original}`,
    };
  }
  if (m.includes('certificate') || m.includes('ssl') || m.includes('common name')) {
    return {
      problem: 'certificate',
      message: `The HTTPS listener on ${host} (port 5986) has a certificate this computer does not trust, or one issued to another name. Use the name on the certificate, or install its issuing CA on this computer.${original}`,
    };
  }
  if (m.includes('cannot connect to the destination') || m.includes('verify that the service on the destination is running')) {
    return {
      problem: 'service-not-answering',
      message: `Something accepts connections on the WinRM port of ${host}, but the WinRM service does not answer: it is stopped or has no listener. On the server, run ${ENABLE} in PowerShell as administrator.${original}`,
      fix: { where: 'server', command: ENABLE },
    };
  }
  if (
    m.includes('verify that the specified computer name is valid') ||
    m.includes('cannot complete the operation') ||
    m.includes('network path was not found')
  ) {
    return {
      problem: 'firewall',
      message: `WinRM on ${host} could not be reached: the name is wrong, the computer is off, or a firewall blocks WinRM. On the server, run ${ENABLE} in PowerShell as administrator.${original}`,
      fix: { where: 'server', command: ENABLE },
    };
  }
  return { problem: 'unknown', message: `PowerShell remoting to ${host} failed.${original}` };
}
