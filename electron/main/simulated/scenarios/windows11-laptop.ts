import type { MachineState } from '../../../../shared/simulated/machine-state';
import { healthy } from '../../../../shared/simulated/healthy';

/**
 * The server-side state of a home user's Windows 11 laptop as shipped: Remote Desktop hosting off
 * (fDenyTSConnections 1), the "Remote Desktop" firewall group disabled, the Remote Desktop
 * services stopped (TermService is Manual and starts only when hosting is on), no Remote Desktop
 * certificate (Windows makes it the first time TermService starts), nothing listening on 3389.
 * This is what a scan must never mistake for the server's state.
 */
export function windows11AsShipped(): Omit<MachineState, 'client' | 'now' | 'files'> {
  const base = structuredClone(healthy);
  const stopped = { status: 'Stopped' as const, pid: null };
  return {
    ...base,
    firewall: { activeProfiles: ['Private'], rules: base.firewall.rules.map((r) => ({ ...r, enabled: false })) },
    certificates: { listenerThumbprint: null, hashType: null, remoteDesktop: [], my: [] },
    services: {
      ...base.services,
      TermService: { ...base.services.TermService, ...stopped },
      UmRdpService: { ...base.services.UmRdpService, ...stopped },
      SessionEnv: { ...base.services.SessionEnv, ...stopped },
      CertPropSvc: { ...base.services.CertPropSvc, ...stopped },
    },
    registry: { ...base.registry, fDenyTSConnections: 1 },
    listeners: [],
    machineKeys: [],
    failedLogonsLastHour: null,
    osVersion: '10.0.26100.0',
    tspkgVersion: '10.0.26100.2454',
    hotfixes: [{ id: 'KB5046617', description: 'Security Update', installedOn: '2026-11-12T00:00:00.000Z' }],
  };
}
