import { z } from 'zod';
import { IsoDate, TargetArgs } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

const RdpClientEventSchema = z.object({
  /**
   * 1024 connecting (server name), 1025 connected, 1026 disconnected (reason code), 1027 logged on,
   * 1017 "Client does not have a license to connect to the server" (ClientActiveXCore provider, the
   * Operational channel): the server refused this computer's Remote Desktop license.
   */
  id: z.union([z.literal(1017), z.literal(1024), z.literal(1025), z.literal(1026), z.literal(1027)]),
  time: IsoDate,
  /** Events of one connection attempt share it. */
  activityId: z.string().nullable(),
  server: z.string().nullable(),
  reason: z.number().int().nullable(),
});

export type RdpClientEvent = z.infer<typeof RdpClientEventSchema>;

export const RdpClientLogFactsSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  /** False when the log is disabled or missing. */
  logEnabled: z.boolean(),
  /** The last 30 days, oldest first, at most 200. */
  events: z.array(RdpClientEventSchema),
});

export type RdpClientLogFacts = z.infer<typeof RdpClientLogFactsSchema>;

/** The Remote Desktop client's own log of attempts to the target (RDPClient/Operational). */
export const clientRdpLog = defineCheckCatalog({
  check: {
    id: 'client-rdp-log',
    tier: 'client',
    title: "Remote Desktop's own log",
    plain: 'Reads the log Remote Desktop keeps on this computer, which records the real error code of each attempt to connect.',
    technical:
      'Microsoft-Windows-TerminalServices-RDPClient/Operational, last 30 days: events 1024 (connecting), 1025, 1026 (disconnected, with the reason code: 2308 = 0x904), 1027 and 1017 (the server refused the license of this computer), for the name you typed. The extended code (0x7) is not logged.',
    source: { kind: 'script', side: 'client', script: 'check-client-rdp-log', withTarget: true },
    needsAdmin: false,
    fixes: [],
  },
  fixes: [],
  scripts: {
    'check-client-rdp-log': { file: 'check-client-rdp-log.ps1', args: TargetArgs, facts: RdpClientLogFactsSchema },
  },
  readable: {
    'check-client-rdp-log': [
      "Get-WinEvent -FilterHashtable @{ LogName = 'Microsoft-Windows-TerminalServices-RDPClient/Operational'; Id = 1017, 1024, 1025, 1026, 1027; StartTime = (Get-Date).AddDays(-30) }",
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'client-rdp-log': typeof clientRdpLog;
  }
}
