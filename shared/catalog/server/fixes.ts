import type { FixDefOf } from '../shapes';
import { serverTlsVersions } from '../../checks/server-tls-versions/catalog';
import { serverRdpEnabled } from '../../checks/server-rdp-enabled/catalog';
import { serverFirewall } from '../../checks/server-firewall/catalog';
import { serverServices } from '../../checks/server-services/catalog';
import { serverSecuritySettings } from '../../checks/server-security-settings/catalog';

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
  ...serverSecuritySettings.fixes,
  ...serverTlsVersions.fixes,
] as const satisfies readonly FixDefOf<string, string>[];
