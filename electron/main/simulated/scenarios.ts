import type { MachineState } from './machine-state';

/**
 * Scenarios as data: a healthy Windows Server and the causes planted into it. `npm start --
 * --simulate <name>` and the e2e tests use the same names.
 */

const NOW = '2026-11-21T09:00:00.000Z';

const healthyCertificate = {
  thumbprint: 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678',
  subject: 'CN=SRV-APP01.corp.example',
  notBefore: '2026-06-01T00:00:00.000Z',
  notAfter: '2027-06-01T00:00:00.000Z',
  hasPrivateKey: true,
};

const rdpRules = [
  {
    name: 'RemoteDesktop-UserMode-In-TCP',
    displayName: 'Remote Desktop - User Mode (TCP-In)',
    group: 'Remote Desktop',
    enabled: true,
    profiles: ['Any'] as Array<'Any'>,
    protocol: 'TCP' as const,
  },
  {
    name: 'RemoteDesktop-UserMode-In-UDP',
    displayName: 'Remote Desktop - User Mode (UDP-In)',
    group: 'Remote Desktop',
    enabled: true,
    profiles: ['Any'] as Array<'Any'>,
    protocol: 'UDP' as const,
  },
];

const healthy: MachineState = {
  now: NOW,
  firewall: { activeProfiles: ['Domain'], rules: rdpRules },
  certificates: { listenerThumbprint: healthyCertificate.thumbprint, remoteDesktop: [healthyCertificate] },
  services: {
    TermService: { status: 'Running', startType: 'Manual' },
    SessionEnv: { status: 'Running', startType: 'Manual' },
    UmRdpService: { status: 'Running', startType: 'Manual' },
  },
  files: {},
};

export interface Scenario {
  title: string;
  /** The cause planted, for tests: the finding id that must come out on top (null when healthy). */
  expectedFinding: string | null;
  state: MachineState;
}

export const scenarios: Record<string, Scenario> = {
  healthy: { title: 'A healthy server', expectedFinding: null, state: healthy },
  'firewall-rule-disabled': {
    title: 'The "Remote Desktop" firewall rules are turned off',
    expectedFinding: 'firewall-blocks-rdp',
    state: {
      ...healthy,
      firewall: { activeProfiles: ['Public'], rules: rdpRules.map((r) => ({ ...r, enabled: false })) },
    },
  },
  'certificate-expired': {
    title: 'The RDP certificate expired last week',
    expectedFinding: 'certificate-unusable',
    state: {
      ...healthy,
      certificates: {
        listenerThumbprint: healthyCertificate.thumbprint,
        remoteDesktop: [{ ...healthyCertificate, notBefore: '2025-11-14T00:00:00.000Z', notAfter: '2026-11-14T00:00:00.000Z' }],
      },
    },
  },
};

export const scenarioNames = Object.keys(scenarios);

export function scenarioState(name: string): MachineState {
  const s = scenarios[name];
  if (!s) throw new Error(`Unknown scenario "${name}". Known: ${scenarioNames.join(', ')}.`);
  return structuredClone(s.state);
}
