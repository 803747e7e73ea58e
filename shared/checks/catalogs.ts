import { serverSecuritySettings } from './server-security-settings/catalog';
import { serverListener } from './server-listener/catalog';
import { serverServices } from './server-services/catalog';
import { serverServiceDll } from './server-service-dll/catalog';
import { serverFirewall } from './server-firewall/catalog';
import { serverUpdates } from './server-updates/catalog';
import { serverCredSsp } from './server-credssp/catalog';
import { serverConnectionPressure } from './server-connection-pressure/catalog';
import { serverRdpEnabled } from './server-rdp-enabled/catalog';
import { serverTlsVersions } from './server-tls-versions/catalog';

/**
 * The checks that live in a folder of their own (shared/checks/<check-id>/): the catalog's
 * checks, fixes, scripts and readable commands are read from these.
 */
export const checkCatalogs = [
  serverTlsVersions,
  serverRdpEnabled,
  serverConnectionPressure,
  serverCredSsp,
  serverUpdates,
  serverFirewall,
  serverServiceDll,
  serverServices,
  serverListener,
  serverSecuritySettings,
] as const;
