import { z } from 'zod';

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
  home: { title: 'Home or public Wi-Fi', hint: 'Your own network, or a café or hotel.' },
  vpn: { title: 'Corporate VPN', hint: 'You start a VPN before connecting to work.' },
  domain: { title: 'Company network (domain)', hint: 'In the office, on a PC your IT department manages.' },
  azure: { title: 'Azure virtual machine', hint: 'The computer you connect to runs in Microsoft Azure.' },
};

/** What the rules know besides the check results. */
export interface DiagnosisContext {
  networkType: NetworkType;
  /** The code Remote Desktop shows now, when the user reported "A different error now". */
  reportedError?: string;
}
export const defaultDiagnosisContext: DiagnosisContext = { networkType: DEFAULT_NETWORK_TYPE };
