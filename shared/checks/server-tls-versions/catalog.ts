import { z } from 'zod';
import { Dword, fixScripts, NoArgs, SchannelProtocolSchema } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

export const SchannelFactsSchema = z.object({
  protocols: z.array(SchannelProtocolSchema),
  /** Win32_OperatingSystem.Version of the server, e.g. "10.0.20348". */
  osVersion: z.string(),
});
export type SchannelFacts = z.infer<typeof SchannelFactsSchema>;

const Tls12BackupSchema = z.object({
  keyExisted: z.boolean(),
  enabled: Dword,
  disabledByDefault: Dword,
  /** The outermost missing key ("TLS 1.2" when even that was absent); the undo removes the chain. */
  missingFrom: z.string().nullable().optional(),
});
const tls12 = fixScripts('enable-tls12-server', Tls12BackupSchema, 'backup-tls12-server');

/** TLS 1.2 (or every version) turned off for the server in SCHANNEL, and the fix that turns it back on. */
export const serverTlsVersions = defineCheckCatalog({
  check: {
    id: 'server-tls-versions',
    tier: 'server',
    title: 'Encryption versions on the server',
    plain: 'Checks which versions of the encryption Remote Desktop uses the server allows. Current Remote Desktop apps need version 1.2.',
    technical:
      'SCHANNEL\\Protocols\\TLS 1.0 / 1.1 / 1.2 / 1.3 \\Server under HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders: Enabled and DisabledByDefault (a missing key is the OS default). Schannel event 36871 when a client asks for a disabled version.',
    source: { kind: 'script', side: 'server', script: 'check-schannel-tls' },
    needsAdmin: false,
    fixes: ['enable-tls12-server'],
  },
  fixes: [
    {
      id: 'enable-tls12-server',
      title: 'Turn TLS 1.2 back on for the server',
      plain:
        'Someone turned off TLS 1.2 for incoming connections on the server. Current Remote Desktop clients need it, so the server drops them while the connection is set up. This turns it back on. Windows only uses it after the server restarts.',
      changes: [
        "Turns TLS 1.2 on for incoming connections in Windows' encryption settings.",
        'The server must restart afterwards before Windows uses it.',
      ],
      /** The same, said once it has happened (the result's plain words). */
      done: [
        "Turned TLS 1.2 on for incoming connections in Windows' encryption settings.",
        'The server must restart before Windows uses it.',
      ],
      side: 'server',
      needsAdmin: true,
      risk: ['needs-restart'],
      restart: 'computer',
      backupScript: 'backup-tls12-server',
      script: 'fix-enable-tls12-server',
      undoScript: 'undo-enable-tls12-server',
      undoPlain: 'Puts the TLS 1.2 setting back as it was; the server must restart again after undoing.',
      verifies: ['server-tls-versions'],
    },
  ],
  scripts: {
    'check-schannel-tls': { file: 'check-schannel-tls.ps1', args: NoArgs, facts: SchannelFactsSchema },
    'backup-tls12-server': tls12.backup,
    'fix-enable-tls12-server': tls12.apply,
    'undo-enable-tls12-server': tls12.undo,
  },
  readable: {
    'check-schannel-tls': [
      "Get-ChildItem -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols' -Recurse",
      '(Get-CimInstance -ClassName Win32_OperatingSystem).Version',
    ],
    'backup-tls12-server': [
      "Get-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server' -Name 'Enabled', 'DisabledByDefault'",
    ],
    'fix-enable-tls12-server': [
      "New-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server' -Name Enabled -PropertyType DWord -Value 1 -Force",
      "New-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server' -Name DisabledByDefault -PropertyType DWord -Value 0 -Force",
      '# Used after the server restarts.',
    ],
    'undo-enable-tls12-server': [
      '# When the key did not exist before (the Windows default), it is removed again:',
      "Remove-Item -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server' -Recurse",
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'server-tls-versions': typeof serverTlsVersions;
  }
}
