import type { Evaluator } from '../diagnosis/types';
import { dnsDiagnosis } from './dns/diagnosis';
import { tcpPortDiagnosis } from './tcp-port/diagnosis';
import { rdpHandshakeDiagnosis } from './rdp-handshake/diagnosis';
import { clientSavedCredentialsDiagnosis } from './client-saved-credentials/diagnosis';
import { clientConnectionDataDiagnosis } from './client-connection-data/diagnosis';
import { clientLicenseCacheDiagnosis } from './client-license-cache/diagnosis';
import { clientCredSspDiagnosis } from './client-credssp/diagnosis';
import { clientAuthenticationDiagnosis } from './client-authentication/diagnosis';
import { clientUdpDiagnosis } from './client-udp/diagnosis';
import { clientNetworkDiagnosis } from './client-network/diagnosis';
import { clientUpdatesDiagnosis } from './client-updates/diagnosis';
import { clientRdpLogDiagnosis } from './client-rdp-log/diagnosis';
import { clientTlsDiagnosis } from './client-tls/diagnosis';
import { clientOutboundSecurityDiagnosis } from './client-outbound-security/diagnosis';
import { clientRdpAppDiagnosis } from './client-rdp-app/diagnosis';
import { clientPinnedCertificateDiagnosis } from './client-pinned-certificate/diagnosis';
import { serverFirewallDiagnosis } from './server-firewall/diagnosis';
import { serverRdpEnabledDiagnosis } from './server-rdp-enabled/diagnosis';
import { serverServicesDiagnosis } from './server-services/diagnosis';
import { serverListenerDiagnosis } from './server-listener/diagnosis';
import { serverServiceDllDiagnosis } from './server-service-dll/diagnosis';
import { serverCertificateDiagnosis } from './server-certificate/diagnosis';
import { serverKeyPermissionsDiagnosis } from './server-key-permissions/diagnosis';
import { serverSecuritySettingsDiagnosis } from './server-security-settings/diagnosis';
import { serverTlsVersionsDiagnosis } from './server-tls-versions/diagnosis';
import { serverConnectionPressureDiagnosis } from './server-connection-pressure/diagnosis';
import { serverCredSspDiagnosis } from './server-credssp/diagnosis';
import { serverAuthenticationDiagnosis } from './server-authentication/diagnosis';
import { serverUpdatesDiagnosis } from './server-updates/diagnosis';
import { serverRdpEventsDiagnosis } from './server-rdp-events/diagnosis';

/** The evaluation and rules of each check in shared/checks/, in the order of checkCatalogs. */
export const checkDiagnoses = [
  dnsDiagnosis,
  tcpPortDiagnosis,
  rdpHandshakeDiagnosis,
  clientSavedCredentialsDiagnosis,
  clientConnectionDataDiagnosis,
  clientLicenseCacheDiagnosis,
  clientCredSspDiagnosis,
  clientAuthenticationDiagnosis,
  clientUdpDiagnosis,
  clientNetworkDiagnosis,
  clientUpdatesDiagnosis,
  clientRdpLogDiagnosis,
  clientTlsDiagnosis,
  clientOutboundSecurityDiagnosis,
  clientRdpAppDiagnosis,
  clientPinnedCertificateDiagnosis,
  serverFirewallDiagnosis,
  serverRdpEnabledDiagnosis,
  serverServicesDiagnosis,
  serverListenerDiagnosis,
  serverServiceDllDiagnosis,
  serverCertificateDiagnosis,
  serverKeyPermissionsDiagnosis,
  serverSecuritySettingsDiagnosis,
  serverTlsVersionsDiagnosis,
  serverConnectionPressureDiagnosis,
  serverCredSspDiagnosis,
  serverAuthenticationDiagnosis,
  serverUpdatesDiagnosis,
  serverRdpEventsDiagnosis,
] as const;

type ModuleCheckId = (typeof checkDiagnoses)[number]['id'];
export const moduleEvaluators = Object.fromEntries(checkDiagnoses.map((d) => [d.id, d.evaluate])) as Record<ModuleCheckId, Evaluator>;
export const moduleRules = checkDiagnoses.flatMap((d) => d.rules);
