import { z } from 'zod';
import { ChangedSchema, Dword, fixScripts, NoArgs, UndoFactsSchema, withTimer, withTimerUndo } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

const SecurityValuesSchema = z.object({
  securityLayer: Dword,
  userAuthentication: Dword,
  minEncryptionLevel: Dword,
  fAllowSecProtocolNegotiation: Dword,
});
export type SecurityValues = z.infer<typeof SecurityValuesSchema>;
export const SecuritySettingsFactsSchema = z.object({
  /** WinStations\RDP-Tcp. */
  local: SecurityValuesSchema,
  /** HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services: wins over local, never changed. */
  policy: SecurityValuesSchema,
  /** HKLM\SYSTEM\CurrentControlSet\Control\Lsa\FIPSAlgorithmPolicy Enabled. */
  fipsEnabled: Dword,
});
export type SecuritySettingsFacts = z.infer<typeof SecuritySettingsFactsSchema>;

const SecurityLayerBackupSchema = z.object({ securityLayer: Dword, userAuthentication: Dword });

const layer = (name: string) => fixScripts(name, SecurityLayerBackupSchema, 'backup-rdp-security-layer', 'undo-rdp-security-layer');

/** The server's Remote Desktop security settings (layer, NLA, encryption level, FIPS) contradicting each other or the client; the fixes that require TLS, and the isolation test. */
export const serverSecuritySettings = defineCheckCatalog({
  check: {
    id: 'server-security-settings',
    tier: 'server',
    title: 'Security settings',
    plain: 'Checks how the server protects the sign-in and the connection, and whether a company policy sets that.',
    technical:
      'SecurityLayer (0 RDP, 1 Negotiate, 2 TLS), UserAuthentication (1 = NLA), MinEncryptionLevel (1 low to 4 FIPS) and fAllowSecProtocolNegotiation under ...\\WinStations\\RDP-Tcp and as policy under HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services; FIPS: HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\FIPSAlgorithmPolicy Enabled.',
    source: { kind: 'script', side: 'server', script: 'check-rdp-security' },
    needsAdmin: false,
    fixes: ['require-tls-security-layer', 'rdp-security-isolation-test'],
  },
  fixes: [
    {
      id: 'require-tls-security-layer',
      title: 'Use TLS for Remote Desktop again',
      plain:
        'Makes the server prove who it is with TLS again, which sign-in before the session (Network Level Authentication) needs. This makes the connection safer, not weaker. Settings a group policy makes are not changed.',
      changes: ['Makes the server prove who it is with TLS again (the previous setting is saved first).'],
      /** The same, said once it has happened (the result's plain words). */
      done: ['Made the server prove who it is with TLS again (the previous setting was saved first).'],
      side: 'server',
      needsAdmin: true,
      risk: ['low'],
      backupScript: 'backup-rdp-security-layer',
      script: 'fix-require-tls-security-layer',
      undoScript: 'undo-rdp-security-layer',
      undoPlain: "Puts the server's identity check (TLS) and Network Level Authentication back as they were.",
      verifies: ['server-security-settings'],
    },
    {
      id: 'rdp-security-isolation-test',
      title: 'Test with TLS and Network Level Authentication turned off (weakens security)',
      plain:
        "Microsoft's isolation test: turns off TLS and Network Level Authentication for Remote Desktop on the server. If you can connect then, the certificate or TLS is the cause. This weakens security: the server is no longer proven to be who it says, and anyone who reaches the port gets a sign-in screen. Undo it as soon as you have tested.",
      changes: [
        "Turns off the server's identity check (TLS) and sign-in before the session (Network Level Authentication).",
        'The previous values are saved first; the summary offers to undo the test.',
      ],
      /** The same, said once it has happened (the result's plain words). */
      done: [
        "Turned off the server's identity check (TLS) and sign-in before the session (Network Level Authentication).",
        'Saved the previous values first; the summary offers to undo the test.',
      ],
      side: 'server',
      needsAdmin: true,
      risk: ['changes-security'],
      weakened: 'the server no longer proves who it is, and anyone who reaches it gets a sign-in screen',
      temporary: true,
      backupScript: 'backup-rdp-security-layer',
      script: 'fix-rdp-security-isolation-test',
      undoScript: 'undo-rdp-security-layer',
      undoPlain: "Puts the server's identity check (TLS) and Network Level Authentication back as they were before the test.",
      verifies: ['server-security-settings'],
    },
  ],
  scripts: {
    'check-rdp-security': { file: 'check-rdp-security.ps1', args: NoArgs, facts: SecuritySettingsFactsSchema },
    'backup-rdp-security-layer': layer('require-tls-security-layer').backup,
    'fix-require-tls-security-layer': layer('require-tls-security-layer').apply,
    // The isolation test is temporary: its apply may set a timer, and the undo both fixes share
    // removes one if it is there.
    'fix-rdp-security-isolation-test': {
      file: 'fix-rdp-security-isolation-test.ps1',
      args: withTimer(SecurityLayerBackupSchema),
      facts: ChangedSchema,
    },
    'undo-rdp-security-layer': {
      file: 'undo-rdp-security-layer.ps1',
      args: withTimerUndo(SecurityLayerBackupSchema),
      facts: UndoFactsSchema,
    },
  },
  readable: {
    'check-rdp-security': [
      "Get-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name 'SecurityLayer', 'UserAuthentication', 'MinEncryptionLevel', 'fAllowSecProtocolNegotiation'",
      "Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services'",
      "Get-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\FIPSAlgorithmPolicy' -Name Enabled",
    ],
    'backup-rdp-security-layer': [
      "Get-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name 'SecurityLayer', 'UserAuthentication'",
    ],
    'fix-require-tls-security-layer': [
      "New-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name SecurityLayer -PropertyType DWord -Value 2 -Force",
    ],
    'fix-rdp-security-isolation-test': [
      '# Weakens security (no TLS, no Network Level Authentication) until it is put back:',
      "New-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name SecurityLayer -PropertyType DWord -Value 0 -Force",
      "New-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name UserAuthentication -PropertyType DWord -Value 0 -Force",
    ],
    'undo-rdp-security-layer': [
      "New-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name SecurityLayer -PropertyType DWord -Value {securityLayer} -Force",
      "New-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' -Name UserAuthentication -PropertyType DWord -Value {userAuthentication} -Force",
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'server-security-settings': typeof serverSecuritySettings;
  }
}
