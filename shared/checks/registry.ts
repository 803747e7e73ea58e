import type { CheckId } from '../catalog/types';
import dns from './dns';
import tcpPort from './tcp-port';
import rdpHandshake from './rdp-handshake';
import clientSavedCredentials from './client-saved-credentials';
import clientConnectionData from './client-connection-data';
import clientLicenseCache from './client-license-cache';
import clientCredSsp from './client-credssp';
import clientAuthentication from './client-authentication';
import clientUdp from './client-udp';
import clientNetwork from './client-network';
import clientUpdates from './client-updates';
import clientRdpLog from './client-rdp-log';
import clientTls from './client-tls';
import clientOutboundSecurity from './client-outbound-security';
import clientRdpApp from './client-rdp-app';
import clientPinnedCertificate from './client-pinned-certificate';
import serverFirewall from './server-firewall';
import serverRdpEnabled from './server-rdp-enabled';
import serverServices from './server-services';
import serverListener from './server-listener';
import serverServiceDll from './server-service-dll';
import serverCertificate from './server-certificate';
import serverKeyPermissions from './server-key-permissions';
import serverSecuritySettings from './server-security-settings';
import serverTlsVersions from './server-tls-versions';
import serverConnectionPressure from './server-connection-pressure';
import serverCredSsp from './server-credssp';
import serverAuthentication from './server-authentication';
import serverUpdates from './server-updates';
import serverRdpEvents from './server-rdp-events';

/**
 * Every check, one folder each (shared/checks/<check-id>/, its index.ts: catalog and diagnosis),
 * in the order the scan runs and shows them: the network, the handshake, this computer, the server
 * (shapes.ts `tiers`). The catalog's checks, fixes, scripts and readable commands
 * (shared/catalog/) and the diagnosis's evaluators and rules (shared/diagnosis/) are read from
 * this list; nothing about a check is written anywhere else.
 */
export const checkFolders = [
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

/** The catalog part of every folder, in scan order. */
export const checkCatalogs = checkFolders.map((f) => f.catalog);
/** The evaluation and rules of every folder, in scan order. */
export const checkDiagnoses = checkFolders.map((f) => f.diagnosis);

/*
 * The folders listed here are exactly those whose catalog.ts added itself to CheckCatalogs
 * (types.ts): a folder left out of the list, or listed without adding itself, fails to compile.
 */
type Listed = (typeof checkFolders)[number]['catalog']['check']['id'];
type NotListed = Exclude<CheckId, Listed>;
type ListedWithoutIds = Exclude<Listed, CheckId>;
const _everyFolderListed: [NotListed, ListedWithoutIds] extends [never, never]
  ? true
  : { notListedHere: NotListed; listedWithoutAddingItsIds: ListedWithoutIds } = true;
