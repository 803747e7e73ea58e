import type { Scenario } from './scenario';
import { healthy, healthyCertificate, rdpRules } from './healthy';

/** Causes planted on the remote computer. */
export const serverScenarios: Record<string, Scenario> = {
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
