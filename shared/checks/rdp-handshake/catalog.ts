import { defineCheckCatalog } from '../define';

/**
 * The RDP handshake spoken from this computer (X.224, TLS, the NLA stage), no credentials: no script.
 * Fed by the probe in the main process (electron/main/probe/probe.ts, run by electron/main/scan/run-scan.ts): its facts are the whole probe report (ProbeReportSchema, shared/probe-facts.ts).
 */
export const rdpHandshake = defineCheckCatalog({
  check: {
    id: 'rdp-handshake',
    tier: 'handshake',
    title: 'Security handshake',
    plain:
      'Speaks the first steps of Remote Desktop to the server, as the Remote Desktop app does, to see which kinds of security it accepts and the certificate it shows. Stops before any password is sent.',
    technical:
      'X.224 Connection Request with RDP_NEG_REQ for PROTOCOL_RDP, SSL, HYBRID, HYBRID_EX and RDSTLS (MS-RDPBCGR 2.2.1.1 / 2.2.1.2); then TLS on the same socket: certificate, version, cipher, and a TLS 1.3 to 1.0 sweep. Closes before CredSSP (MS-CSSP) would send credentials.',
    source: { kind: 'node' },
    needsAdmin: false,
    // The certificate's fix is server-certificate's: a finding from the wire names it (wire/rules.ts).
    fixes: [],
  },
  fixes: [],
  scripts: {},
  readable: {},
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'rdp-handshake': typeof rdpHandshake;
  }
}
