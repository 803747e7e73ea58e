import { z } from 'zod';
import { Dword, IsoDate, NoArgs } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

export const ConnectionPressureFactsSchema = z.object({
  /** HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server MaxOutstandingConnections. */
  maxOutstandingConnections: Dword,
  /** Security event 4625 (failed sign-in) in the last hour; null when the log could not be read. */
  failedLogonsLastHour: z.number().int().nullable(),
  securityLogError: z.string().nullable(),
  now: IsoDate,
});

/** Failed sign-ins flooding the queue of connections being set up (password-guessing bots); reported, no fix. */
export const serverConnectionPressure = defineCheckCatalog({
  check: {
    id: 'server-connection-pressure',
    tier: 'server',
    title: 'Connection attempts',
    plain:
      'Counts failed sign-ins in the last hour: password-guessing bots can fill the queue of connections being set up, so yours is dropped.',
    technical:
      'Security log event 4625 (failed logon) in the last hour, and MaxOutstandingConnections under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server.',
    source: { kind: 'script', side: 'server', script: 'check-rdp-connection-pressure' },
    needsAdmin: true,
    fixes: [],
  },
  fixes: [],
  scripts: {
    'check-rdp-connection-pressure': { file: 'check-rdp-connection-pressure.ps1', args: NoArgs, facts: ConnectionPressureFactsSchema },
  },
  readable: {
    'check-rdp-connection-pressure': [
      "Get-WinEvent -FilterHashtable @{ LogName = 'Security'; Id = 4625; StartTime = (Get-Date).AddHours(-1) }",
      "Get-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server' -Name MaxOutstandingConnections",
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'server-connection-pressure': typeof serverConnectionPressure;
  }
}
