import type { FixId } from '../../catalog/types';
import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, type Results, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import type { Evaluation } from '../../diagnosis/types';
import { SecuritySettingsFactsSchema, type SecuritySettingsFacts, type SecurityValues } from './catalog';
import { defineCheckDiagnosis } from '../define-diagnosis';

/** The value in force: a policy value wins over the local one. */
function effectiveSecurity(f: SecuritySettingsFacts): { [K in keyof SecurityValues]: { value: number | null; byPolicy: boolean } } {
  const pick = (k: keyof SecurityValues) => ({ value: f.policy[k] ?? f.local[k], byPolicy: f.policy[k] !== null });
  return {
    securityLayer: pick('securityLayer'),
    userAuthentication: pick('userAuthentication'),
    minEncryptionLevel: pick('minEncryptionLevel'),
    fAllowSecProtocolNegotiation: pick('fAllowSecProtocolNegotiation'),
  };
}

const LAYER: Record<number, string> = { 0: 'the old Remote Desktop one (no TLS)', 1: 'negotiated', 2: 'TLS' };
/** MinEncryptionLevel in words; 4 (FIPS compliant) never reaches the line that uses these: it is the FIPS warning. */
const LEVEL: Record<number, string> = { 1: 'low', 2: 'client compatible', 3: 'high' };

function securityProblem(f: SecuritySettingsFacts): {
  problem: 'none' | 'nla-without-tls' | 'fips' | 'no-negotiation';
  status: Evaluation['status'];
  summary: string;
} {
  const e = effectiveSecurity(f);
  const by = (v: { byPolicy: boolean }) => (v.byPolicy ? ' (set by group policy)' : '');
  const layer = e.securityLayer.value;
  const nla = e.userAuthentication.value;
  if (layer === 0 && nla === 1) {
    return {
      problem: 'nla-without-tls',
      status: 'fail',
      summary: `Network Level Authentication is required${by(e.userAuthentication)}, but the security layer is the old Remote Desktop one${by(e.securityLayer)}: Network Level Authentication needs TLS, so the two settings cannot work together.`,
    };
  }
  const fips = f.fipsEnabled === 1 || e.minEncryptionLevel.value === 4;
  if (fips) {
    return {
      problem: 'fips',
      status: 'warn',
      summary: `FIPS-compliant encryption is required (${f.fipsEnabled === 1 ? 'FIPSAlgorithmPolicy Enabled = 1' : `MinEncryptionLevel 4${by(e.minEncryptionLevel)}`}); clients and certificates that cannot do FIPS algorithms are refused.`,
    };
  }
  if (e.fAllowSecProtocolNegotiation.value === 0) {
    return {
      problem: 'no-negotiation',
      status: 'warn',
      summary: `The server does not negotiate the security protocol (fAllowSecProtocolNegotiation = 0${by(e.fAllowSecProtocolNegotiation)}); clients that ask for another one are dropped.`,
    };
  }
  const parts = [
    `security layer ${layer === null ? 'Windows default' : (LAYER[layer] ?? String(layer))}${by(e.securityLayer)}`,
    `Network Level Authentication ${nla === 0 ? 'off' : 'on'}${by(e.userAuthentication)}`,
    `encryption level ${e.minEncryptionLevel.value === null ? 'default' : (LEVEL[e.minEncryptionLevel.value] ?? String(e.minEncryptionLevel.value))}`,
  ];
  const weak =
    layer === 0 || nla === 0
      ? ' Security is weakened: turn TLS and Network Level Authentication back on once the connection is tested.'
      : '';
  return { problem: 'none', status: 'pass', summary: `The settings work together: ${parts.join(', ')}.${weak}` };
}

function evaluateSecurity(raw: unknown): Evaluation {
  const { status, summary } = securityProblem(SecuritySettingsFactsSchema.parse(raw));
  return { status, summary };
}

/** The isolation test is offered only where no group policy sets the values it changes. */
export function isolationTestAllowed(r: Results): boolean {
  const f = factsOf(r['server-security-settings'], SecuritySettingsFactsSchema);
  if (!f) return false;
  const e = effectiveSecurity(f);
  return !e.securityLayer.byPolicy && !e.userAuthentication.byPolicy;
}

const securityConflict: Rule = (r) => {
  const s = r['server-security-settings'];
  const f = factsOf(s, SecuritySettingsFactsSchema);
  if (!s || !f) return null;
  const { problem } = securityProblem(f);
  const e = effectiveSecurity(f);
  const policyNote = 'A company policy sets it, so RDP Doctor does not change it: ask whoever manages the policy.';
  if (problem === 'nla-without-tls') {
    const fixIds: FixId[] = e.securityLayer.byPolicy ? [] : ['require-tls-security-layer'];
    if (isolationTestAllowed(r)) fixIds.push('rdp-security-isolation-test');
    return {
      id: 'security-settings-conflict',
      title: "The server's security settings contradict each other",
      plain: `The server requires sign-in before the session starts (Network Level Authentication) but uses the old RDP security, and that sign-in only works over TLS. Clients are turned away during security setup. Setting the security to TLS fixes it and keeps the connection safe.${e.securityLayer.byPolicy ? ` ${policyNote}` : ''}`,
      technical: `SecurityLayer = 0 (RDP) with UserAuthentication = 1 (NLA) under ...\\WinStations\\RDP-Tcp${e.securityLayer.byPolicy ? ' (SecurityLayer set by policy under HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services)' : ''}. Fix: SecurityLayer = 2 (TLS).`,
      learnMore: learnMore.internalError,
      likelihood: 'certain',
      score: 89,
      evidence: [evidenceOf(s, 'Security settings')],
      fixIds,
    };
  }
  if (problem === 'fips' || problem === 'no-negotiation') {
    return {
      id: problem === 'fips' ? 'fips-required' : 'security-negotiation-off',
      title: problem === 'fips' ? 'The server requires FIPS-compliant encryption' : 'The server does not negotiate the security protocol',
      plain:
        problem === 'fips'
          ? 'FIPS mode limits the server to FIPS-approved algorithms. Older clients, some third-party clients and certificates with other algorithms are refused during the handshake. If you do not need FIPS, turn the policy "System cryptography: Use FIPS compliant algorithms" off; otherwise use a current client.'
          : 'The server does not agree on security with the client: it only accepts clients that ask for exactly its kind of security, and drops the others. Switching negotiation back on (the default) fixes it.',
      technical:
        problem === 'fips'
          ? 'FIPSAlgorithmPolicy Enabled = 1 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa, or MinEncryptionLevel = 4 (FIPS) on RDP-Tcp.'
          : 'fAllowSecProtocolNegotiation = 0 under ...\\WinStations\\RDP-Tcp (or by policy). Default 1.',
      likelihood: 'possible',
      score: 35,
      evidence: [evidenceOf(s, 'Security settings')],
      fixIds: [],
    };
  }
  if (e.securityLayer.value === 0 || e.userAuthentication.value === 0) {
    return {
      id: 'rdp-security-weakened',
      title: 'Remote Desktop runs with weakened security',
      plain:
        'TLS or sign-in before the session (Network Level Authentication) is off on the server. Connections work, but the server is not proven to be who it says and anyone who reaches the port gets a sign-in screen. If this was a test, put the previous settings back (the summary offers it).',
      technical:
        "SecurityLayer = 0 (RDP security) or UserAuthentication = 0 (no NLA) on RDP-Tcp: what Microsoft's isolation test sets. Restore SecurityLayer 2 and UserAuthentication 1.",
      likelihood: 'possible',
      score: 10,
      evidence: [evidenceOf(s, 'Security settings')],
      fixIds: [],
    };
  }
  return null;
};

export const serverSecuritySettingsDiagnosis = defineCheckDiagnosis({
  id: 'server-security-settings',
  evaluate: evaluateSecurity,
  rules: [securityConflict],
});
