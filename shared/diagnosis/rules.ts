import type { CheckId } from '../catalog/checks';
import type { CheckResult, Evidence, Finding } from '../results';
import { TcpFactsSchema } from '../network-facts';

/**
 * Pure rules: check results in, findings out, ranked by how well each explains 0x904/0x7
 * ("TCP connected, then the server closed the socket during security setup"). Related results
 * become one finding with all their evidence, never two findings for one cause.
 */

type Results = Partial<Record<CheckId, CheckResult>>;
type Rule = (r: Results) => Finding | null;

const failed = (r: CheckResult | undefined): r is CheckResult => r?.status === 'fail';
const evidenceOf = (r: CheckResult, label: string): Evidence => ({ checkId: r.checkId, label, value: r.summary });

function tcpState(r: CheckResult | undefined): string | null {
  const parsed = TcpFactsSchema.safeParse(r?.facts);
  if (!parsed.success) return null;
  const states = parsed.data.attempts.map((a) => a.state);
  if (states.includes('open')) return 'open';
  return states[0] ?? null;
}

const nameDoesNotResolve: Rule = (r) =>
  failed(r.dns)
    ? {
        id: 'name-does-not-resolve',
        title: 'The computer name cannot be found',
        plain: 'Your computer cannot turn the name into an address. Check the spelling, try the IP address, or connect the VPN the server is behind.',
        likelihood: 'certain',
        score: 100,
        evidence: [evidenceOf(r.dns, 'Name lookup')],
        fixIds: [],
      }
    : null;

const firewallBlocks: Rule = (r) => {
  const fw = r['server-firewall'];
  const state = tcpState(r['tcp-port']);
  if (!failed(fw) && state !== 'filtered') return null;
  const evidence: Evidence[] = [];
  if (state === 'filtered' && r['tcp-port']) evidence.push(evidenceOf(r['tcp-port'], 'Port test'));
  if (failed(fw)) evidence.push(evidenceOf(fw, 'Server firewall'));
  return {
    id: 'firewall-blocks-rdp',
    title: failed(fw) ? 'Windows Firewall on the server blocks Remote Desktop' : 'Something silently blocks the Remote Desktop port',
    plain: failed(fw)
      ? 'The server\'s firewall does not let Remote Desktop connections in on the network it is on now. Turning on its "Remote Desktop" rules fixes that.'
      : 'The connection gets no answer at all. A firewall, a router, the VPN or security software drops it. Check the server\'s firewall first.',
    likelihood: failed(fw) ? 'certain' : 'likely',
    score: failed(fw) ? 95 : 70,
    evidence,
    fixIds: failed(fw) ? ['enable-firewall-rdp'] : [],
  };
};

const portClosed: Rule = (r) =>
  tcpState(r['tcp-port']) === 'refused' && r['tcp-port']
    ? {
        id: 'port-closed',
        title: 'Nothing listens on the Remote Desktop port',
        plain: 'The server answered but refused the connection: Remote Desktop is turned off there, or it listens on a different port.',
        likelihood: 'likely',
        score: 80,
        evidence: [evidenceOf(r['tcp-port'], 'Port test')],
        fixIds: [],
      }
    : null;

const certificateUnusable: Rule = (r) => {
  const cert = r['server-certificate'];
  if (!cert || (cert.status !== 'fail' && cert.status !== 'warn')) return null;
  const broken = cert.status === 'fail';
  return {
    id: 'certificate-unusable',
    title: broken ? 'The server\'s Remote Desktop certificate is unusable' : 'The server\'s Remote Desktop certificate expires soon',
    plain: broken
      ? 'Remote Desktop encrypts the connection with a certificate. When it has expired or lost its key, the server closes the connection right after it opens: exactly error 0x904 with extended code 0x7. Windows makes a new one when the old one is removed.'
      : 'The certificate still works, but once it expires the connection will fail with 0x904/0x7.',
    likelihood: broken ? 'certain' : 'possible',
    score: broken ? 98 : 20,
    evidence: [evidenceOf(cert, 'Certificate')],
    fixIds: ['regenerate-rdp-certificate'],
  };
};

const rules: Rule[] = [nameDoesNotResolve, firewallBlocks, portClosed, certificateUnusable];

export function diagnose(results: readonly CheckResult[]): Finding[] {
  const byId: Results = {};
  for (const r of results) byId[r.checkId] = r;
  return rules
    .map((rule) => rule(byId))
    .filter((f): f is Finding => f !== null)
    .sort((a, b) => b.score - a.score);
}
