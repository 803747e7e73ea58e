import { z } from 'zod';
import { IsoDate, NoArgs } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

const ServerRdpEventSchema = z.object({
  /**
   * rcm: provider Microsoft-Windows-TerminalServices-RemoteConnectionManager (1057, 1058, 1006),
   * in the System log or its Admin channel; schannel: System, provider Schannel (36870, 36871, 36874, 36888).
   */
  log: z.enum(['rcm', 'schannel']),
  id: z.number().int(),
  /** TimeCreated, ISO, in the server's clock. */
  time: IsoDate,
  /** EventData by the Data elements' names (unnamed ones by position, "0", "1"...), values cut to 300 characters. */
  data: z.record(z.string().max(100), z.string().max(300)),
});
export type ServerRdpEvent = z.infer<typeof ServerRdpEventSchema>;

export const ServerRdpEventsFactsSchema = z.object({
  now: IsoDate,
  /** The last 7 days, oldest first, at most 200. */
  events: z.array(ServerRdpEventSchema).max(200),
  /** A log that could not be read (absent, or access denied), with Windows' message. */
  unreadable: z.array(z.object({ log: z.enum(['rcm', 'schannel']), error: z.string().max(500) })),
});

/** What the server wrote down when Remote Desktop could not make or read its certificate, refused a TLS version or was flooded; read beside the client's attempts (timeline-rules.ts). */
export const serverRdpEvents = defineCheckCatalog({
  check: {
    id: 'server-rdp-events',
    tier: 'server',
    title: "The server's Remote Desktop events",
    plain:
      'Reads what the server itself wrote down in the last week when Remote Desktop could not make or read its certificate, refused an encryption version, or was flooded with connections, to put it next to your own attempts.',
    technical:
      'Get-WinEvent, last 7 days, System log and RemoteConnectionManager/Admin: provider Microsoft-Windows-TerminalServices-RemoteConnectionManager 1057 (self-signed certificate creation failed), 1058 (certificate or key access failed), 1006 (too many incomplete connections); provider Schannel, 36870 (private key access), 36871 (TLS credential creation, often a disabled protocol), 36874 (no common cipher suite), 36888 (fatal alert).',
    source: { kind: 'script', side: 'server', script: 'check-server-rdp-events' },
    needsAdmin: false,
    fixes: [],
  },
  fixes: [],
  scripts: {
    'check-server-rdp-events': { file: 'check-server-rdp-events.ps1', args: NoArgs, facts: ServerRdpEventsFactsSchema },
  },
  readable: {
    'check-server-rdp-events': [
      "Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager', 'Schannel'; Id = 1057, 1058, 1006, 36870, 36871, 36874, 36888; StartTime = (Get-Date).AddDays(-7) } -MaxEvents 100",
      "Get-WinEvent -FilterHashtable @{ LogName = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin'; Id = 1057, 1058, 1006; StartTime = (Get-Date).AddDays(-7) } -MaxEvents 100",
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'server-rdp-events': typeof serverRdpEvents;
  }
}
