import type { CertificateFacts, FirewallRule } from '../../../shared/catalog/scripts';

/** The remote computer's side of a simulated scenario: what server scripts read and fixes change. */
export interface ServerState {
  firewall: {
    activeProfiles: Array<'Domain' | 'Private' | 'Public'>;
    rules: Array<FirewallRule & { group: string }>;
  };
  certificates: {
    listenerThumbprint: string | null;
    /** Cert:\LocalMachine\Remote Desktop */
    remoteDesktop: CertificateFacts[];
  };
  services: Record<string, { status: 'Running' | 'Stopped'; startType: 'Automatic' | 'Manual' | 'Disabled' }>;
}
