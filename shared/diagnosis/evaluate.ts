import type { CheckId } from '../catalog/checks';
import type { CheckStatus } from '../results';
import { DnsFactsSchema, TcpFactsSchema } from '../network-facts';
import { FirewallFactsSchema, RdpCertificateFactsSchema, type RdpCertificateFacts } from '../catalog/scripts';

/** Turns one check's facts into a status and one plain line. Pure: tests feed it facts directly. */
export interface Evaluation {
  status: CheckStatus;
  summary: string;
}

const DAY_MS = 86_400_000;
export const EXPIRY_WARNING_DAYS = 30;

function evaluateDns(raw: unknown): Evaluation {
  const f = DnsFactsSchema.parse(raw);
  if (f.addresses.length === 0) {
    return { status: 'fail', summary: `"${f.host}" does not resolve to any address (${f.error ?? 'no answer'}).` };
  }
  const list = f.addresses.map((a) => a.address).join(', ');
  return { status: 'pass', summary: `"${f.host}" resolves to ${list}.` };
}

function evaluateTcp(raw: unknown): Evaluation {
  const f = TcpFactsSchema.parse(raw);
  const open = f.attempts.find((a) => a.state === 'open');
  if (open) return { status: 'pass', summary: `Port ${f.port} is open on ${open.address} (answered in ${Math.round(open.ms)} ms).` };
  if (f.attempts.length === 0) return { status: 'skipped', summary: 'No address to connect to.' };
  const states = new Set(f.attempts.map((a) => a.state));
  if (states.has('filtered')) {
    return {
      status: 'fail',
      summary: `Port ${f.port} does not answer at all: something between you and the server silently drops the connection (a firewall, router, VPN or security software).`,
    };
  }
  if (states.has('refused')) {
    return {
      status: 'fail',
      summary: `Port ${f.port} is closed: the computer answered, but nothing listens on that port (Remote Desktop off, or a different port).`,
    };
  }
  return { status: 'fail', summary: `The server cannot be reached on port ${f.port} (${f.attempts[0]?.error ?? 'unreachable'}).` };
}

function evaluateFirewall(raw: unknown): Evaluation {
  const f = FirewallFactsSchema.parse(raw);
  const tcpRules = f.rules.filter((r) => r.protocol === 'TCP');
  if (tcpRules.length === 0) return { status: 'fail', summary: 'The "Remote Desktop" firewall rules are missing.' };
  const covers = (profiles: readonly string[]) =>
    f.activeProfiles.every((p) => profiles.includes(p) || profiles.includes('Any'));
  const good = tcpRules.find((r) => r.enabled && covers(r.profiles));
  if (good) return { status: 'pass', summary: `The rule "${good.displayName}" is on for the ${f.activeProfiles.join('/')} network.` };
  const anyOn = tcpRules.find((r) => r.enabled);
  if (anyOn) {
    return {
      status: 'fail',
      summary: `The rule "${anyOn.displayName}" is on only for ${anyOn.profiles.join('/')}, but the server is on a ${f.activeProfiles.join('/')} network.`,
    };
  }
  return { status: 'fail', summary: `The firewall rule "${tcpRules[0]?.displayName}" is turned off, so Windows Firewall blocks Remote Desktop.` };
}

/** The certificate the listener uses: the configured thumbprint, else the newest in the store. */
export function listenerCertificate(f: RdpCertificateFacts) {
  const byThumb = f.store.find((c) => c.thumbprint === f.listenerThumbprint);
  if (byThumb) return byThumb;
  return [...f.store].sort((a, b) => Date.parse(b.notAfter) - Date.parse(a.notAfter))[0] ?? null;
}

function evaluateCertificate(raw: unknown): Evaluation {
  const f = RdpCertificateFactsSchema.parse(raw);
  const cert = listenerCertificate(f);
  const now = Date.parse(f.now);
  if (!cert) return { status: 'fail', summary: 'Remote Desktop has no certificate in its store, so the server cannot start the encrypted connection.' };
  const day = (iso: string) => iso.slice(0, 10);
  if (Date.parse(cert.notAfter) <= now) {
    return { status: 'fail', summary: `The Remote Desktop certificate expired on ${day(cert.notAfter)}.` };
  }
  if (Date.parse(cert.notBefore) > now) {
    return { status: 'fail', summary: `The Remote Desktop certificate is not valid until ${day(cert.notBefore)} (check the server's clock).` };
  }
  if (!cert.hasPrivateKey) {
    return { status: 'fail', summary: 'The Remote Desktop certificate has lost its private key, so it cannot be used.' };
  }
  const daysLeft = Math.floor((Date.parse(cert.notAfter) - now) / DAY_MS);
  if (daysLeft < EXPIRY_WARNING_DAYS) {
    return { status: 'warn', summary: `The Remote Desktop certificate expires in ${daysLeft} days (${day(cert.notAfter)}).` };
  }
  return { status: 'pass', summary: `The Remote Desktop certificate is valid until ${day(cert.notAfter)} and has its private key.` };
}

const evaluators: Record<CheckId, (facts: unknown) => Evaluation> = {
  dns: evaluateDns,
  'tcp-port': evaluateTcp,
  'server-firewall': evaluateFirewall,
  'server-certificate': evaluateCertificate,
};

export function evaluate(checkId: CheckId, facts: unknown): Evaluation {
  return evaluators[checkId](facts);
}
