import { z } from 'zod';
import { TargetArgs } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

/** A certificate thumbprint as the .ps1 writes a REG_BINARY: upper-case hex, no separators. */
const HexBytes = z
  .string()
  .max(512)
  .regex(/^[0-9A-F]*$/, 'upper-case hex');

export const PinnedCertificateFactsSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  /**
   * HKCU\Software\Microsoft\Terminal Server Client\Servers\<name> for the names the client files
   * this server under ("host", and "host:port" off 3389) that exist: CertHash is the SHA-1
   * thumbprint of the certificate the user accepted ("Don't ask me again"), UsernameHint the
   * last user name.
   */
  servers: z.array(z.object({ name: z.string(), certHash: HexBytes.nullable(), usernameHint: z.string().nullable() })).max(2),
});

/** The server certificate Remote Desktop remembered for the target. */
export const clientPinnedCertificate = defineCheckCatalog({
  check: {
    id: 'client-pinned-certificate',
    tier: 'client',
    title: 'Certificate remembered for this server',
    plain:
      'Looks for the server certificate Remote Desktop remembered on this computer when you chose not to be asked again, to compare it with the one the server shows now.',
    technical:
      'CertHash (REG_BINARY, the SHA-1 thumbprint of the accepted certificate) and UsernameHint under HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\<host> (and <host>:<port> off 3389); compared with the thumbprints the handshake saw.',
    source: { kind: 'script', side: 'client', script: 'check-client-pinned-cert', withTarget: true },
    needsAdmin: false,
    fixes: [],
  },
  fixes: [],
  scripts: {
    'check-client-pinned-cert': { file: 'check-client-pinned-cert.ps1', args: TargetArgs, facts: PinnedCertificateFactsSchema },
  },
  readable: {
    'check-client-pinned-cert': [
      "(Get-Item -LiteralPath (Join-Path -Path 'Registry::HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers' -ChildPath {host})).GetValue('CertHash')",
      '# Also UsernameHint, and the key "{host}:{port}" when the port is not 3389.',
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'client-pinned-certificate': typeof clientPinnedCertificate;
  }
}
