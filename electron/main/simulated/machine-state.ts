import type { CertificateFacts, FirewallRule } from '../../../shared/catalog/scripts';

/**
 * The state of a simulated Windows computer: what the catalog scripts read and the fixes change.
 * Scenarios are plain data of this shape.
 */
export interface MachineState {
  /** The simulated "now": certificate expiry is judged against it. */
  now: string;
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
  /** Files the scripts wrote (backups): path -> content. */
  files: Record<string, string>;
}
