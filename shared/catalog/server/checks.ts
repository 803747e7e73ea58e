import type { CheckDefOf } from '../shapes';
import { serverTlsVersions } from '../../checks/server-tls-versions/catalog';
import { serverRdpEnabled } from '../../checks/server-rdp-enabled/catalog';
import { serverConnectionPressure } from '../../checks/server-connection-pressure/catalog';
import { serverCredSsp } from '../../checks/server-credssp/catalog';
import { serverUpdates } from '../../checks/server-updates/catalog';
import { serverFirewall } from '../../checks/server-firewall/catalog';
import { serverServiceDll } from '../../checks/server-service-dll/catalog';
import { serverServices } from '../../checks/server-services/catalog';
import { serverListener } from '../../checks/server-listener/catalog';
import { serverSecuritySettings } from '../../checks/server-security-settings/catalog';

/**
 * The remote computer: run there (locally, over remoting, or in the generated script). Simplest
 * first; the firewall stays first because the wizard's e2e watches it run.
 */
export const serverChecks = [
  serverFirewall.check,
  serverRdpEnabled.check,
  serverServices.check,
  serverListener.check,
  serverServiceDll.check,
  {
    id: 'server-certificate',
    tier: 'server',
    title: 'Remote Desktop certificate',
    plain: 'Checks the certificate Remote Desktop uses to encrypt the connection: that it exists, has not expired and has its secret key.',
    technical:
      "Win32_TSGeneralSetting (root\\cimv2\\TerminalServices, TerminalName 'RDP-tcp') SSLCertificateSHA1Hash and its certificate in Cert:\\LocalMachine\\Remote Desktop (self-signed) or Cert:\\LocalMachine\\My: NotAfter, HasPrivateKey.",
    source: { kind: 'script', side: 'server', script: 'check-rdp-certificate' },
    needsAdmin: false,
    fixes: ['regenerate-rdp-certificate'],
  },
  {
    id: 'server-key-permissions',
    tier: 'server',
    title: "Access to the certificate's key",
    plain: "Checks that Remote Desktop is allowed to read its certificate's secret key file.",
    technical:
      'ACL of the Remote Desktop key file (f686aace6942fb7f7ceb231212eef4a4_*) in %ProgramData%\\Microsoft\\Crypto\\RSA\\MachineKeys: NETWORK SERVICE (S-1-5-20), the account TermService runs as, needs Read; SYSTEM (S-1-5-18) Full control. Server events 1057 / 1058 and Schannel 36870 when it cannot.',
    source: { kind: 'script', side: 'server', script: 'check-rdp-key-permissions' },
    needsAdmin: true,
    fixes: ['repair-rdp-key-permissions'],
  },
  serverSecuritySettings.check,
  serverTlsVersions.check,
  serverConnectionPressure.check,
  serverCredSsp.check,
  serverUpdates.check,
  {
    id: 'server-rdp-events',
    tier: 'server',
    title: "The server's Remote Desktop events",
    plain:
      'Reads what the server itself wrote down in the last week when Remote Desktop could not make or read its certificate, refused an encryption version, or was flooded with connections, to put it next to your own attempts.',
    technical:
      'Get-WinEvent, last 7 days: Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin 1057 (self-signed certificate creation failed), 1058 (certificate or key access failed), 1006 (too many incomplete connections); System log, provider Schannel, 36870 (private key access), 36871 (TLS credential creation, often a disabled protocol), 36874 (no common cipher suite), 36888 (fatal alert).',
    source: { kind: 'script', side: 'server', script: 'check-server-rdp-events' },
    needsAdmin: false,
    fixes: [],
  },
] as const satisfies readonly CheckDefOf<string, string>[];
