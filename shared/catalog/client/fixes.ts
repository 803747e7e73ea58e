import type { FixDefOf } from '../shapes';

/** Least risky first; the one that weakens security last. */
export const clientFixes = [
  {
    id: 'remove-saved-credentials',
    title: 'Remove the saved password for this computer',
    plain:
      'Deletes the Remote Desktop passwords Windows saved for this computer name (in Credential Manager on this PC). The next time you connect, Remote Desktop asks for the password again.',
    changes: [
      'Writes down which saved sign-ins for this computer name there are, in the backup folder (Windows never reveals a saved password, so the password itself cannot be saved).',
      'Deletes those saved sign-ins. Saved passwords for other computers stay.',
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
      "Moves Remote Desktop's default connection settings and its picture cache out of the way (into the backup folder). Remote Desktop makes fresh ones the next time it starts; you may need to choose your display settings again.",
    changes: [
      "Copies the default connection settings file in your Documents folder and Remote Desktop's picture cache to the backup folder.",
      'Deletes the originals.',
    ],
    side: 'client',
    needsAdmin: false,
    risk: ['low'],
    backupScript: 'backup-client-connection-data',
    script: 'fix-client-connection-data',
    undoScript: 'undo-client-connection-data',
    undoPlain: 'Copies the default connection settings (hidden again) and the picture cache back from the backup folder.',
    verifies: ['client-connection-data'],
  },
  {
    id: 'reset-license-cache',
    title: 'Reset the Remote Desktop license cache',
    plain:
      "Saves Remote Desktop's license cache to the backup folder, then deletes it. Only an administrator can create it again: afterwards, start Remote Desktop Connection once with \"Run as administrator\" (an administrator's password) and connect; a standard user's connection cannot store its license until then.",
    changes: ['Saves the license cache to a file in the backup folder.', 'Deletes the license cache.'],
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
      'Sets the policy "Turn off UDP on client" on this computer, so Remote Desktop stops trying UDP, which some VPNs drop. Connections work as before, perhaps a little less smoothly on slow links.',
    changes: [
      "Saves Remote Desktop's client policies to the backup folder.",
      'Turns on "Turn off UDP on client" (your company\'s group policy may set it back at its next refresh).',
    ],
    side: 'client',
    needsAdmin: true,
    risk: ['low'],
    backupScript: 'backup-client-udp',
    script: 'fix-client-udp',
    undoScript: 'undo-client-udp',
    undoPlain: 'Puts "Turn off UDP on client" back as it was, or removes it if it was not set.',
    verifies: ['client-udp'],
  },
  {
    id: 'credssp-allow-vulnerable',
    title: 'Temporarily allow servers without the CredSSP update',
    plain:
      'Sets the policy "Encryption Oracle Remediation" to Vulnerable on this computer, so it can connect to a server that misses the May 2018 CredSSP security update. This weakens security: use it only to reach the server once and install its updates, then undo it. The real fix is updating the server.',
    changes: [
      'Saves the CredSSP policy to the backup folder.',
      'Sets "Encryption Oracle Remediation" to Vulnerable (your company\'s group policy may set it back at its next refresh).',
    ],
    side: 'client',
    needsAdmin: true,
    risk: ['changes-security'],
    backupScript: 'backup-client-credssp',
    script: 'fix-client-credssp',
    undoScript: 'undo-client-credssp',
    undoPlain: 'Puts "Encryption Oracle Remediation" back as it was, or removes it if it was not set.',
    verifies: ['client-credssp'],
  },
] as const satisfies readonly FixDefOf<string, string>[];
