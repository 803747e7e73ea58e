import { z } from 'zod';
import type { ServerPlace } from './server-place';

/**
 * What kind of network the user connects over, asked up front: it orders and words the advice
 * (a VPN makes UDP advice likelier; Azure points at NSG rules and the portal; a domain means
 * group policy may own the settings).
 */
export const networkTypes = ['home', 'vpn', 'domain', 'azure'] as const;
export const NetworkTypeSchema = z.enum(networkTypes);
export type NetworkType = z.infer<typeof NetworkTypeSchema>;
export const DEFAULT_NETWORK_TYPE: NetworkType = 'home';

export const networkTypeLabels: Record<NetworkType, { title: string; hint: string }> = {
  // How the user gets there, not what Windows calls the network: Private or Public is read from
  // the server's firewall profile, never assumed from this answer.
  home: {
    title: 'Directly, without a VPN',
    hint: 'At home, in the office or on Wi-Fi. Whether Windows treats the network as Private or Public is checked, not asked.',
  },
  vpn: { title: 'Corporate VPN', hint: 'You start a VPN before connecting to work.' },
  domain: { title: 'Company network (domain)', hint: 'In the office, on a PC your IT department manages.' },
  azure: { title: 'Azure virtual machine', hint: 'The computer you connect to runs in Microsoft Azure.' },
};

/** What the rules know besides the check results. */
export interface DiagnosisContext {
  networkType: NetworkType;
  /** The code Remote Desktop shows now, when the user reported "A different error now". */
  reportedError?: string;
  /** Where the server's checks ran; absent in callers that do not know (the CLI, old tests). */
  server?: ServerPlace;
  /** This computer's name (the client's), when the caller knows it. */
  thisComputer?: string;
}
export const defaultDiagnosisContext: DiagnosisContext = { networkType: DEFAULT_NETWORK_TYPE };
