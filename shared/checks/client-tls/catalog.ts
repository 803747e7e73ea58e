import { z } from 'zod';
import { NoArgs, SchannelProtocolSchema } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

export const ClientTlsFactsSchema = z.object({
  /** SCHANNEL\Protocols\<version>\Client: a missing key means the OS default, not "disabled". */
  protocols: z.array(SchannelProtocolSchema),
});

export type ClientTlsFacts = z.infer<typeof ClientTlsFactsSchema>;

/** TLS versions switched on or off for this computer as a client (SCHANNEL). */
export const clientTls = defineCheckCatalog({
  check: {
    id: 'client-tls',
    tier: 'client',
    title: 'Encryption settings on this computer',
    plain:
      'Checks that this computer has not switched off the encryption versions Remote Desktop uses. A setting that is missing means the Windows default, which is fine.',
    technical:
      'SCHANNEL\\Protocols\\TLS 1.0 / 1.1 / 1.2 \\Client under HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders: Enabled and DisabledByDefault (a missing key is the OS default).',
    source: { kind: 'script', side: 'client', script: 'check-client-tls' },
    needsAdmin: false,
    fixes: [],
  },
  fixes: [],
  scripts: {
    'check-client-tls': { file: 'check-client-tls.ps1', args: NoArgs, facts: ClientTlsFactsSchema },
  },
  readable: {
    'check-client-tls': [
      "Get-ItemProperty -LiteralPath 'Registry::HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client' -Name 'Enabled', 'DisabledByDefault'",
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'client-tls': typeof clientTls;
  }
}
