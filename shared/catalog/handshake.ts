import type { CheckDefOf } from './shapes';

/** The RDP handshake itself, spoken by the app from this computer: no credentials, no admin. */
export const handshakeChecks = [
  {
    id: 'rdp-handshake',
    tier: 'handshake',
    title: 'Security handshake',
    plain:
      'Speaks the first steps of Remote Desktop to the server, as the Remote Desktop app does, to see which kinds of security it accepts and the certificate it shows. Stops before any password is sent.',
    technical:
      'X.224 Connection Request with RDP_NEG_REQ for PROTOCOL_RDP, SSL, HYBRID, HYBRID_EX and RDSTLS (MS-RDPBCGR 2.2.1.1 / 2.2.1.2); then TLS on the same socket: certificate, version, cipher, and a TLS 1.3 to 1.0 sweep. Closes before CredSSP (MS-CSSP) would send credentials.',
    source: { kind: 'node' },
    needsAdmin: false,
    fixes: ['regenerate-rdp-certificate'],
  },
] as const satisfies readonly CheckDefOf<string, string>[];
