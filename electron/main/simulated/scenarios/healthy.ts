import type { MachineState } from '../machine-state';

/** A healthy Windows Server and a healthy client: every scenario plants its cause into this. */
const NOW = '2026-11-21T09:00:00.000Z';

export const healthyCertificate = {
  thumbprint: 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678',
  subject: 'CN=SRV-APP01.corp.example',
  notBefore: '2026-06-01T00:00:00.000Z',
  notAfter: '2027-06-01T00:00:00.000Z',
  hasPrivateKey: true,
};

export const rdpRules = [
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

export const healthy: MachineState = {
  now: NOW,
  client: {},
  firewall: { activeProfiles: ['Domain'], rules: rdpRules },
  certificates: { listenerThumbprint: healthyCertificate.thumbprint, remoteDesktop: [healthyCertificate] },
  services: {
    TermService: { status: 'Running', startType: 'Manual' },
    SessionEnv: { status: 'Running', startType: 'Manual' },
    UmRdpService: { status: 'Running', startType: 'Manual' },
  },
  files: {},
};
