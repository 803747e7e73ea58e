import type { MachineState } from './machine-state';
import { healthyClient } from './healthy-client';
import type { Ace } from '../checks/server-key-permissions/catalog';

/** A healthy Windows Server and a healthy client: every scenario plants its cause into this. */
const NOW = '2026-11-21T09:00:00.000Z';

const MACHINE_KEYS = 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys';
const MACHINE_GUID = '5f1a9c3e-7b2d-4e8a-9c61-2d3f4b5a6c7d';
/** The Remote Desktop certificate's key file: container TSSecKeySet1, named with the MachineGuid. */
export const RDP_KEY_FILE = `f686aace6942fb7f7ceb231212eef4a4_${MACHINE_GUID}`;

export const healthyCertificate = {
  thumbprint: 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678',
  subject: 'CN=SRV-APP01.corp.example',
  notBefore: '2026-06-01T00:00:00.000Z',
  notAfter: '2027-06-01T00:00:00.000Z',
  hasPrivateKey: true,
  keyFile: `${MACHINE_KEYS}\\${RDP_KEY_FILE}`,
};

const rdpRules = [
  {
    name: 'RemoteDesktop-UserMode-In-TCP',
    displayName: 'Remote Desktop - User Mode (TCP-In)',
    group: 'Remote Desktop',
    enabled: true,
    profiles: ['Any'] as Array<'Any'>,
    protocol: 'TCP' as const,
  },
  {
    name: 'RemoteDesktop-UserMode-In-UDP',
    displayName: 'Remote Desktop - User Mode (UDP-In)',
    group: 'Remote Desktop',
    enabled: true,
    profiles: ['Any'] as Array<'Any'>,
    protocol: 'UDP' as const,
  },
];

/**
 * Windows Server 2022's WebSocket rules: in the group, off by default, not needed for 3389. Not in
 * the healthy base (older servers lack them); scenarios add them where present.
 */
export const webSocketRules = [
  {
    name: 'RemoteDesktop-In-TCP-WS',
    displayName: 'Remote Desktop - (TCP-WS-In)',
    group: 'Remote Desktop',
    enabled: false,
    profiles: ['Any'] as Array<'Any'>,
    protocol: 'TCP' as const,
    webSocket: true,
  },
  {
    name: 'RemoteDesktop-In-TCP-WSS',
    displayName: 'Remote Desktop - (TCP-WSS-In)',
    group: 'Remote Desktop',
    enabled: false,
    profiles: ['Any'] as Array<'Any'>,
    protocol: 'TCP' as const,
    webSocket: true,
  },
];

/** The ACL Windows gives the self-signed certificate's key file. */
const healthyKeyAces: Ace[] = [
  { sid: 'S-1-5-18', type: 'Allow', rights: 0x1f01ff, inherited: false },
  { sid: 'S-1-5-32-544', type: 'Allow', rights: 0x1f01ff, inherited: false },
  { sid: 'S-1-5-20', type: 'Allow', rights: 0x120089, inherited: false },
];

const TERMSERVICE_PID = 1184;
const NETWORK_SERVICE = 'NT Authority\\NetworkService';
const LOCAL_SYSTEM = 'LocalSystem';

export const healthy: MachineState = {
  now: NOW,
  client: healthyClient,
  firewall: { activeProfiles: ['Domain'], rules: rdpRules },
  certificates: { listenerThumbprint: healthyCertificate.thumbprint, hashType: 1, remoteDesktop: [healthyCertificate], my: [] },
  services: {
    TermService: { exists: true, status: 'Running', startType: 'Manual', account: NETWORK_SERVICE, pid: TERMSERVICE_PID },
    UmRdpService: { exists: true, status: 'Running', startType: 'Manual', account: LOCAL_SYSTEM, pid: 2240 },
    SessionEnv: { exists: true, status: 'Running', startType: 'Manual', account: LOCAL_SYSTEM, pid: 1020 },
    CertPropSvc: { exists: true, status: 'Running', startType: 'Manual', account: LOCAL_SYSTEM, pid: 1020 },
    KeyIso: { exists: true, status: 'Running', startType: 'Manual', account: LOCAL_SYSTEM, pid: 712 },
    CryptSvc: { exists: true, status: 'Running', startType: 'Automatic', account: NETWORK_SERVICE, pid: 1736 },
  },
  registry: {
    fDenyTSConnections: 0,
    policyDenyTSConnections: null,
    rdpTcp: {
      portNumber: 'target',
      fEnableWinStation: 1,
      securityLayer: 2,
      userAuthentication: 1,
      minEncryptionLevel: 2,
      fAllowSecProtocolNegotiation: 1,
    },
    policy: { securityLayer: null, userAuthentication: null, minEncryptionLevel: null, fAllowSecProtocolNegotiation: null },
    fipsEnabled: 0,
    maxOutstandingConnections: null,
    schannel: {},
    serviceDll: '%SystemRoot%\\System32\\termsrv.dll',
  },
  listeners: [
    { localAddress: '0.0.0.0', port: 'target', pid: TERMSERVICE_PID, processName: 'svchost', services: ['TermService'] },
    { localAddress: '::', port: 'target', pid: TERMSERVICE_PID, processName: 'svchost', services: ['TermService'] },
  ],
  machineKeys: [{ name: RDP_KEY_FILE, ownerSid: 'S-1-5-18', aces: healthyKeyAces }],
  machineGuid: MACHINE_GUID,
  rdpWrapperFiles: [],
  failedLogonsLastHour: 3,
  osVersion: '10.0.20348.0',
  tspkgVersion: '10.0.20348.2849',
  hotfixes: [
    { id: 'KB5044281', description: 'Security Update', installedOn: '2026-10-15T00:00:00.000Z' },
    { id: 'KB5043050', description: 'Update', installedOn: '2026-09-11T00:00:00.000Z' },
  ],
  files: {},
};
