import { z } from 'zod';
import { NoArgs } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

export const ClientRdpAppFactsSchema = z.object({
  /**
   * HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion: CurrentBuildNumber and UBR (26100 and
   * 4061 for 10.0.26100.4061), ProductName and DisplayVersion ("24H2"; absent before 20H2).
   */
  os: z.object({
    build: z.number().int().nonnegative(),
    ubr: z.number().int().nonnegative().nullable(),
    productName: z.string().nullable(),
    displayVersion: z.string().nullable(),
  }),
  /** %SystemRoot%\System32\mstsc.exe: gone after "mstsc /uninstall" (Windows 11 23H2 and later). */
  mstsc: z.object({ path: z.string(), exists: z.boolean(), version: z.string().nullable() }),
  /** Windows App for this user: the Store package MicrosoftCorporationII.Windows365 (Get-AppxPackage). */
  windowsApp: z.object({ installed: z.boolean(), version: z.string().nullable() }),
});

export type ClientRdpAppFacts = z.infer<typeof ClientRdpAppFactsSchema>;

/** The Remote Desktop app on this computer and this computer's Windows build. */
export const clientRdpApp = defineCheckCatalog({
  check: {
    id: 'client-rdp-app',
    tier: 'client',
    title: 'Remote Desktop app on this computer',
    plain:
      'Checks that the Remote Desktop Connection app is installed on this computer (it can be removed on Windows 11), whether the newer Windows App is there instead, and which Windows version this computer runs.',
    technical:
      '%SystemRoot%\\System32\\mstsc.exe (removed by "mstsc /uninstall" on Windows 11 23H2 and later); Get-AppxPackage MicrosoftCorporationII.Windows365 (Windows App); CurrentBuildNumber, UBR, ProductName and DisplayVersion under HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion.',
    source: { kind: 'script', side: 'client', script: 'check-client-rdp-app' },
    needsAdmin: false,
    fixes: [],
  },
  fixes: [],
  scripts: {
    'check-client-rdp-app': { file: 'check-client-rdp-app.ps1', args: NoArgs, facts: ClientRdpAppFactsSchema },
  },
  readable: {
    'check-client-rdp-app': [
      "Get-ItemProperty -LiteralPath 'Registry::HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion' -Name 'CurrentBuildNumber', 'UBR', 'ProductName', 'DisplayVersion'",
      "Test-Path -LiteralPath (Join-Path -Path $env:SystemRoot -ChildPath 'System32\\mstsc.exe')",
      'Get-AppxPackage -Name MicrosoftCorporationII.Windows365',
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'client-rdp-app': typeof clientRdpApp;
  }
}
