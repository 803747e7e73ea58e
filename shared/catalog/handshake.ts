import type { CheckDef } from './types';

/** The RDP handshake itself, spoken by the app from this computer: no credentials, no admin. */
export const handshakeChecks = [
  {
    id: 'rdp-handshake',
    tier: 'handshake',
    title: 'The server completes the Remote Desktop security handshake',
    plain:
      'Speaks the first bytes of Remote Desktop to the server, as mstsc does, to see which security it accepts and the certificate it shows. Closes before any password is sent.',
    source: { kind: 'node' },
    needsAdmin: false,
    fixes: ['regenerate-rdp-certificate'],
  },
] as const satisfies readonly CheckDef[];
