import type { FixDefOf } from '../shapes';

/** Least risky first; the one that weakens security last. */
export const clientFixes = [
  {
    id: 'remove-saved-credentials',
    title: 'Remove the saved password for this computer',
    plain:
      'Deletes the Remote Desktop passwords Windows saved for this computer name (Credential Manager entries "TERMSRV/<name>" on this PC). The next time you connect, Remote Desktop asks for the password again.',
    changes: [
      'Records the names of the TERMSRV/<name> entries in the backup folder (Windows never reveals a saved password, so the password itself cannot be saved).',
      'Deletes those entries with cmdkey /delete. Saved passwords for other computers stay.',
    ],
    side: 'client',
    needsAdmin: false,
    risk: ['low'],
    backupScript: 'backup-client-credentials',
    script: 'fix-client-credentials',
    undoScript: 'undo-client-credentials',
    undoPlain:
      'Cannot be fully undone: the saved password itself cannot be backed up. Undo tells you which entries were removed; type the password again at the next connection and tick "Remember me" to save it again.',
    cannotUndo: "Can't be undone: a removed password cannot be put back. Type it again at the next connection and tick “Remember me”.",
    verifies: ['client-saved-credentials'],
  },
  {
    id: 'clear-connection-data',
    title: 'Clear the saved connection settings and picture cache',
    plain:
      'Moves Default.rdp and the Remote Desktop bitmap cache out of the way (into the backup folder). Remote Desktop makes fresh ones the next time it starts; you may need to choose your display settings again.',
    changes: [
      'Copies %USERPROFILE%\\Documents\\Default.rdp and %LOCALAPPDATA%\\Microsoft\\Terminal Server Client\\Cache to the backup folder.',
      'Deletes the originals.',
    ],
    side: 'client',
    needsAdmin: false,
    risk: ['low'],
    backupScript: 'backup-client-connection-data',
    script: 'fix-client-connection-data',
    undoScript: 'undo-client-connection-data',
    undoPlain: 'Copies Default.rdp (hidden again) and the cache files back from the backup folder.',
    verifies: ['client-connection-data'],
  },
  {
    id: 'reset-license-cache',
    title: 'Reset the Remote Desktop license cache',
    plain:
      'Saves HKLM\\SOFTWARE\\Microsoft\\MSLicensing with "reg export", then deletes it. Remote Desktop rebuilds it at the next connection; start Remote Desktop once with "Run as administrator" so that it may write the new one.',
    changes: [
      'Exports HKLM\\SOFTWARE\\Microsoft\\MSLicensing to a .reg file in the backup folder.',
      'Deletes that key and its subkeys (HardwareID, Store).',
    ],
    side: 'client',
    needsAdmin: true,
    risk: ['low'],
    backupScript: 'backup-client-license-cache',
    script: 'fix-client-license-cache',
    undoScript: 'undo-client-license-cache',
    undoPlain: 'Imports the saved .reg file again (reg import), which puts the old license cache back exactly.',
    verifies: ['client-license-cache'],
  },
  {
    id: 'disable-client-udp',
    title: 'Make Remote Desktop use TCP only',
    plain:
      'Sets the group-policy value fClientDisableUDP = 1 on this computer, so Remote Desktop stops trying UDP, which some VPNs drop. Connections work as before, perhaps a little less smoothly on slow links.',
    changes: [
      'Exports HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client to the backup folder.',
      'Sets fClientDisableUDP = 1 there (this is the policy key itself; a domain group policy may set it back at its next refresh).',
    ],
    side: 'client',
    needsAdmin: true,
    risk: ['low'],
    backupScript: 'backup-client-udp',
    script: 'fix-client-udp',
    undoScript: 'undo-client-udp',
    undoPlain: 'Puts fClientDisableUDP back to the value it had before, or removes it if it was not set.',
    verifies: ['client-udp'],
  },
  {
    id: 'credssp-allow-vulnerable',
    title: 'Temporarily allow servers without the CredSSP update',
    plain:
      'Sets the group-policy value AllowEncryptionOracle to 2 ("Vulnerable") on this computer, so it can connect to a server that misses the May 2018 CredSSP security update. This weakens security: use it only to reach the server once and install its updates, then undo it. The real fix is updating the server.',
    changes: [
      'Exports HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters to the backup folder.',
      'Sets AllowEncryptionOracle = 2 there (the policy key; a domain group policy may set it back at its next refresh).',
    ],
    side: 'client',
    needsAdmin: true,
    risk: ['changes-security'],
    backupScript: 'backup-client-credssp',
    script: 'fix-client-credssp',
    undoScript: 'undo-client-credssp',
    undoPlain: 'Puts AllowEncryptionOracle back to the value it had before, or removes it if it was not set.',
    verifies: ['client-credssp'],
  },
] as const satisfies readonly FixDefOf<string, string>[];
