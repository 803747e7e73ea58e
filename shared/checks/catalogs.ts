import { dns } from './dns/catalog';
import { tcpPort } from './tcp-port/catalog';
import { rdpHandshake } from './rdp-handshake/catalog';
import { clientSavedCredentials } from './client-saved-credentials/catalog';
import { clientConnectionData } from './client-connection-data/catalog';
import { clientLicenseCache } from './client-license-cache/catalog';
import { clientCredSsp } from './client-credssp/catalog';
import { clientAuthentication } from './client-authentication/catalog';
import { clientUdp } from './client-udp/catalog';
import { clientNetwork } from './client-network/catalog';
import { clientUpdates } from './client-updates/catalog';
import { clientRdpLog } from './client-rdp-log/catalog';
import { clientTls } from './client-tls/catalog';
import { clientOutboundSecurity } from './client-outbound-security/catalog';
import { clientRdpApp } from './client-rdp-app/catalog';
import { clientPinnedCertificate } from './client-pinned-certificate/catalog';
import { serverFirewall } from './server-firewall/catalog';
import { serverRdpEnabled } from './server-rdp-enabled/catalog';
import { serverServices } from './server-services/catalog';
import { serverListener } from './server-listener/catalog';
import { serverServiceDll } from './server-service-dll/catalog';
import { serverCertificate } from './server-certificate/catalog';
import { serverKeyPermissions } from './server-key-permissions/catalog';
import { serverSecuritySettings } from './server-security-settings/catalog';
import { serverTlsVersions } from './server-tls-versions/catalog';
import { serverConnectionPressure } from './server-connection-pressure/catalog';
import { serverCredSsp } from './server-credssp/catalog';
import { serverAuthentication } from './server-authentication/catalog';
import { serverUpdates } from './server-updates/catalog';
import { serverRdpEvents } from './server-rdp-events/catalog';

/**
 * Every check, one folder each (shared/checks/<check-id>/), in the order the scan runs and shows
 * them: the network, the handshake, this computer, the server (shapes.ts `tiers`). The catalog's
 * checks, fixes, scripts and readable commands are read from this list (shared/catalog/); nothing
 * about a check is written anywhere else.
 */
export const checkCatalogs = [
  dns,
  tcpPort,
  rdpHandshake,
  clientSavedCredentials,
  clientConnectionData,
  clientLicenseCache,
  clientCredSsp,
  clientAuthentication,
  clientUdp,
  clientNetwork,
  clientUpdates,
  clientRdpLog,
  clientTls,
  clientOutboundSecurity,
  clientRdpApp,
  clientPinnedCertificate,
  serverFirewall,
  serverRdpEnabled,
  serverServices,
  serverListener,
  serverServiceDll,
  serverCertificate,
  serverKeyPermissions,
  serverSecuritySettings,
  serverTlsVersions,
  serverConnectionPressure,
  serverCredSsp,
  serverAuthentication,
  serverUpdates,
  serverRdpEvents,
] as const;
