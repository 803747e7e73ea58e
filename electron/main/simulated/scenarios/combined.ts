import type { Scenario } from '../../../../shared/simulated/scenario';
import { plant } from '../../../../shared/simulated/scenario';
import { disableFirewallRules } from '../../../../shared/checks/server-firewall/scenarios';
import { expireCertificate } from '../../../../shared/checks/server-certificate/scenarios';
import { lockKeyFile } from '../../../../shared/checks/server-key-permissions/scenarios';
import { onlyTls10 } from '../../../../shared/checks/server-tls-versions/scenarios';
import { stopTermService } from '../../../../shared/checks/server-services/scenarios';

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
  'key-locked-both-logs': {
    // Both ends' logs tell one story: this computer's attempt ends with 0x904 at 08:30:01 and the
    // server writes Schannel 36870 and RemoteConnectionManager 1058 within two seconds.
    title: 'The key file is locked; the server logged it right after your attempt failed',
    expectedFinding: 'rdp-key-unreadable',
    state: plant((s) => {
      lockKeyFile(s);
      s.rdpEvents = [
        { log: 'schannel', id: 36870, time: '2026-11-21T08:30:01.400Z', data: { '0': '0x8009030d' } },
        { log: 'rcm', id: 1058, time: '2026-11-21T08:30:02.900Z', data: { '0': '0x80070005' } },
      ];
      s.client.rdpClientLog.events.push(
        {
          id: 1024,
          time: '2026-11-21T08:30:00.000Z',
          activityId: 'c0000000-0000-0000-0000-000000000001',
          server: '127.0.0.1',
          reason: null,
        },
        { id: 1026, time: '2026-11-21T08:30:01.000Z', activityId: 'c0000000-0000-0000-0000-000000000001', server: null, reason: 2308 },
      );
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
