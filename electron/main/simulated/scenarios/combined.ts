import type { Scenario } from './scenario';
import { disableFirewallRules, expireCertificate, lockKeyFile, onlyTls10, plant, stopTermService } from './server';

/** Two or three causes at once: the ranking must still put the strongest explanation first. */
export const combinedScenarios: Record<string, Scenario> = {
  'certificate-expired-and-tls10-only': {
    title: 'The certificate expired and only TLS 1.0 is left on the server',
    expectedFinding: 'certificate-unusable',
    state: plant((s) => {
      expireCertificate(s);
      onlyTls10(s);
    }),
  },
  'firewall-off-and-service-stopped': {
    title: 'The firewall rules are off and Remote Desktop Services is stopped',
    expectedFinding: 'firewall-blocks-rdp',
    state: plant((s) => {
      disableFirewallRules(s);
      stopTermService(s);
    }),
  },
  'key-locked-expired-and-recent-update': {
    title: 'The key file is locked, so the certificate could not renew and expired; an update came in two days ago',
    expectedFinding: 'certificate-unusable',
    state: plant((s) => {
      lockKeyFile(s);
      expireCertificate(s);
      s.hotfixes.unshift({ id: 'KB5046616', description: 'Security Update', installedOn: '2026-11-19T03:00:00.000Z' });
    }),
  },
};
