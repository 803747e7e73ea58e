import { z } from 'zod';
import { Dword, TargetArgs } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

const ListenSocketSchema = z.object({
  localAddress: z.string(),
  localPort: z.number().int(),
  pid: z.number().int(),
  processName: z.string().nullable(),
  /** Services hosted in that process (a svchost can hold several). */
  services: z.array(z.string()),
});
export const ListenerFactsSchema = z.object({
  /** The port the user connects to (the check's target argument). */
  targetPort: z.number().int(),
  /** WinStations\RDP-Tcp PortNumber; null when absent (3389). */
  portNumber: Dword,
  /** WinStations\RDP-Tcp fEnableWinStation; 0 switches the listener off. */
  fEnableWinStation: Dword,
  /** The process TermService runs in, when it runs. */
  termServicePid: z.number().int().nullable(),
  /** Sockets listening on the configured port and on the target port. */
  listeners: z.array(ListenSocketSchema),
});
export type ListenerFacts = z.infer<typeof ListenerFactsSchema>;

/** Remote Desktop not listening on the port the user connects to, or another program holding it; reported, no fix. */
export const serverListener = defineCheckCatalog({
  check: {
    id: 'server-listener',
    tier: 'server',
    title: 'Remote Desktop listener',
    plain:
      'Checks the port Remote Desktop is set to listen on, that it is switched on, and that the program holding the port is Remote Desktop and not something else.',
    technical:
      "PortNumber and fEnableWinStation under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp; Get-NetTCPConnection -State Listen -LocalPort <port> and the owning process against TermService's svchost (Win32_Service ProcessId).",
    source: { kind: 'script', side: 'server', script: 'check-rdp-listener', withTarget: true },
    needsAdmin: false,
    fixes: [],
  },
  fixes: [],
  scripts: {
    'check-rdp-listener': { file: 'check-rdp-listener.ps1', args: TargetArgs, facts: ListenerFactsSchema },
  },
  readable: {
    'check-rdp-listener': [
      "Get-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name 'PortNumber', 'fEnableWinStation'",
      'Get-NetTCPConnection -State Listen -LocalPort {port}',
      'Get-CimInstance -ClassName Win32_Service -Filter "Name=\'TermService\'" | Select-Object -Property ProcessId',
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'server-listener': typeof serverListener;
  }
}
