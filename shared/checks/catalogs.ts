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
import { serverUpdates } from './server-updates/catalog';
import { serverRdpEvents } from './server-rdp-events/catalog';

/**
 * Every check that lives in a folder of its own (shared/checks/<check-id>/), in the order the scan
 * runs and shows them. The catalog's checks, fixes, scripts and readable commands are read from
 * this list (shared/catalog/); nothing about a check is written anywhere else.
 */
export const serverCheckCatalogs = [
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
  serverUpdates,
  serverRdpEvents,
] as const;

export const checkCatalogs = [...serverCheckCatalogs] as const;
