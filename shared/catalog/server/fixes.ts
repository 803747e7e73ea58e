import type { FixDefOf } from '../shapes';
import { serverTlsVersions } from '../../checks/server-tls-versions/catalog';
import { serverRdpEnabled } from '../../checks/server-rdp-enabled/catalog';
import { serverFirewall } from '../../checks/server-firewall/catalog';
import { serverServices } from '../../checks/server-services/catalog';

export const serverFixes = [
  ...serverFirewall.fixes,
  {
    id: 'regenerate-rdp-certificate',
    title: 'Make Windows create a new Remote Desktop certificate',
    plain:
      'Removes the current Remote Desktop certificate and restarts the Remote Desktop services so that Windows creates a fresh self-signed one. This cannot be undone: the old certificate cannot be put back.',
    changes: [
      'Saves the public part of the certificate (.cer) to the backup folder, for the record (its private key cannot be saved).',
      'Removes it from that store.',
      'Restarts the SessionEnv and TermService services (people connected to the server are disconnected).',
    ],
    side: 'server',
    needsAdmin: true,
    risk: ['needs-restart'],
    restart: 'services',
    backupScript: 'backup-rdp-certificate',
    script: 'fix-regenerate-rdp-certificate',
    undoScript: 'undo-regenerate-rdp-certificate',
    undoPlain:
      "Cannot be undone: Windows never lets the self-signed certificate's private key be exported, so the old certificate cannot be put back. Windows makes a new one, which stays; undo only says so.",
    verifies: ['server-certificate'],
  },
  ...serverRdpEnabled.fixes,
  ...serverServices.fixes,
  {
    id: 'repair-rdp-key-permissions',
    title: "Let Remote Desktop read its certificate's key again",
    plain:
      'Gives NETWORK SERVICE (the account Remote Desktop runs as) read access to the Remote Desktop key file, and SYSTEM and Administrators full control. Only that one file in MachineKeys changes; the folder and its other keys are left alone.',
    changes: [
      "Saves the key file's current permissions with icacls /save.",
      'Grants *S-1-5-20 (NETWORK SERVICE) read, *S-1-5-18 (SYSTEM) and *S-1-5-32-544 (Administrators) full control on the f686aace6942fb7f7ceb231212eef4a4_* file, and removes a deny entry for NETWORK SERVICE.',
    ],
    side: 'server',
    needsAdmin: true,
    risk: ['low'],
    backupScript: 'backup-rdp-key-permissions',
    script: 'fix-repair-rdp-key-permissions',
    undoScript: 'undo-repair-rdp-key-permissions',
    undoPlain: 'Restores the saved permissions with icacls /restore.',
    verifies: ['server-key-permissions'],
  },
  {
    id: 'require-tls-security-layer',
    title: 'Use TLS for Remote Desktop again',
    plain:
      'Sets the Remote Desktop security layer on the server to TLS (SecurityLayer 2), which Network Level Authentication needs. This makes the connection safer, not weaker. Values a group policy sets are not changed.',
    changes: [
      'Sets SecurityLayer to 2 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp (the previous value is saved first).',
    ],
    side: 'server',
    needsAdmin: true,
    risk: ['low'],
    backupScript: 'backup-rdp-security-layer',
    script: 'fix-require-tls-security-layer',
    undoScript: 'undo-rdp-security-layer',
    undoPlain: 'Puts SecurityLayer and UserAuthentication back to the values they had.',
    verifies: ['server-security-settings'],
  },
  {
    id: 'rdp-security-isolation-test',
    title: 'Test with TLS and NLA turned off (weakens security)',
    plain:
      "Microsoft's isolation test: turns off TLS and Network Level Authentication for Remote Desktop on the server (SecurityLayer 0, UserAuthentication 0). If you can connect then, the certificate or TLS is the cause. This WEAKENS SECURITY: the server is no longer proven to be who it says, and anyone who reaches the port gets a sign-in screen. Put it back as soon as you have tested.",
    changes: [
      'Sets SecurityLayer to 0 (the old RDP security) and UserAuthentication to 0 (no NLA) under ...\\WinStations\\RDP-Tcp.',
      'The previous values are saved first; the summary offers to put them back.',
    ],
    side: 'server',
    needsAdmin: true,
    risk: ['changes-security'],
    backupScript: 'backup-rdp-security-layer',
    script: 'fix-rdp-security-isolation-test',
    undoScript: 'undo-rdp-security-layer',
    undoPlain: 'Puts SecurityLayer and UserAuthentication back to the values they had before the test.',
    verifies: ['server-security-settings'],
  },
  ...serverTlsVersions.fixes,
] as const satisfies readonly FixDefOf<string, string>[];
