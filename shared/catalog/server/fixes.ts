import type { FixDef } from '../types';

export const serverFixes = [
  {
    id: 'enable-firewall-rdp',
    title: 'Turn on the Remote Desktop firewall rules',
    plain: 'Turns on the built-in "Remote Desktop" rules in Windows Firewall on the remote computer, so connections to the RDP port are let in.',
    changes: ['Enables the firewall rules in the "Remote Desktop" group (TCP and UDP) that are off now.'],
    side: 'server',
    needsAdmin: true,
    risk: ['low'],
    backupScript: 'backup-firewall-rdp',
    script: 'fix-enable-firewall-rdp',
    undoScript: 'undo-enable-firewall-rdp',
    undoPlain: 'Turns each rule back to the state it had before (the previous states are saved first).',
    verifies: ['server-firewall'],
  },
  {
    id: 'regenerate-rdp-certificate',
    title: 'Make Windows create a new Remote Desktop certificate',
    plain: 'Exports the current Remote Desktop certificate as a backup, removes it, and restarts the Remote Desktop services so that Windows creates a fresh self-signed one.',
    changes: [
      'Exports the certificate from Cert:\\LocalMachine\\Remote Desktop to the backup folder.',
      'Removes it from that store.',
      'Restarts the SessionEnv and TermService services (people connected to the server are disconnected).',
    ],
    side: 'server',
    needsAdmin: true,
    risk: ['needs-restart'],
    backupScript: 'backup-rdp-certificate',
    script: 'fix-regenerate-rdp-certificate',
    undoScript: 'undo-regenerate-rdp-certificate',
    undoPlain: 'Imports the exported certificate again and points Remote Desktop back at it.',
    verifies: ['server-certificate'],
  },
] as const satisfies readonly FixDef[];
