import { FirewallFactsSchema, RdpCertificateFactsSchema, type RdpCertificateFacts } from '../../catalog/server/scripts';
import type { serverChecks } from '../../catalog/server/checks';
import type { Evaluation, Evaluator } from '../types';

const DAY_MS = 86_400_000;
export const EXPIRY_WARNING_DAYS = 30;

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

export const serverEvaluators: { [K in (typeof serverChecks)[number]['id']]: Evaluator } = {
  'server-firewall': evaluateFirewall,
  'server-certificate': evaluateCertificate,
};
