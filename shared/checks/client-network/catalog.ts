import { z } from 'zod';
import { NoArgs } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

const AdapterSchema = z.object({
  name: z.string(),
  description: z.string(),
  /** Get-NetAdapter Status: Up, Disconnected, Disabled, ... */
  status: z.string(),
  /** Get-NetAdapter MediaType, e.g. "802.3", "Native 802.11", "" for some tunnels. */
  mediaType: z.string(),
  /** Get-NetAdapter HardwareInterface: false for software adapters (VPNs, virtual switches). */
  hardware: z.boolean(),
  ipv4: z.array(z.string()),
  gateway: z.string().nullable(),
});

export type Adapter = z.infer<typeof AdapterSchema>;

export const NetworkFactsSchema = z.object({
  adapters: z.array(AdapterSchema),
  /** Win32_ComputerSystem.PartOfDomain */
  domainJoined: z.boolean(),
  domain: z.string().nullable(),
});

/** The network adapters in use (VPN, Wi-Fi, cable) and whether this computer is in a domain. */
export const clientNetwork = defineCheckCatalog({
  check: {
    id: 'client-network',
    tier: 'client',
    title: 'Network connections',
    plain:
      'Lists the network connections that are up (Wi-Fi, cable, VPN) and whether this computer belongs to a company network, so the advice fits your network.',
    technical:
      'Get-NetAdapter (Status Up, InterfaceDescription for VPN adapters), Get-NetIPConfiguration (gateway, DNS servers), Win32_ComputerSystem.PartOfDomain.',
    source: { kind: 'script', side: 'client', script: 'check-client-network' },
    needsAdmin: false,
    fixes: [],
  },
  fixes: [],
  scripts: {
    'check-client-network': { file: 'check-client-network.ps1', args: NoArgs, facts: NetworkFactsSchema },
  },
  readable: {
    'check-client-network': ['Get-NetAdapter', 'Get-NetIPConfiguration -All', 'Get-CimInstance -ClassName Win32_ComputerSystem'],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'client-network': typeof clientNetwork;
  }
}
