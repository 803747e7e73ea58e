import type { ServerRdpEvent } from '../checks/server-rdp-events/catalog';
import type { Ace } from '../checks/server-key-permissions/catalog';
import type { StoreCertificateFacts } from '../checks/server-certificate/catalog';
import type { FirewallRule } from '../checks/server-firewall/catalog';
import type { RdpServiceName, ServiceStatus, StartType } from '../checks/server-services/catalog';
import type { SecurityValues } from '../checks/server-security-settings/catalog';
import type { TlsProtocol } from '../catalog/script-def';

export interface SimService {
  exists: boolean;
  status: ServiceStatus;
  startType: StartType;
  /** Win32_Service.StartName. */
  account: string;
  /** The process it runs in while running. */
  pid: number | null;
}

/** A listening socket. 'target' stands for the port the scan connects to (the loopback port in tests). */
export interface SimListenSocket {
  localAddress: string;
  port: number | 'target';
  pid: number;
  processName: string;
  services: string[];
}

/** HKLM values the server scripts read; null means the value is absent. */
export interface SimRegistry {
  /** ...\Control\Terminal Server fDenyTSConnections */
  fDenyTSConnections: number | null;
  /** HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services fDenyTSConnections */
  policyDenyTSConnections: number | null;
  /** ...\Terminal Server\WinStations\RDP-Tcp */
  rdpTcp: SecurityValues & { portNumber: number | 'target' | null; fEnableWinStation: number | null };
  /** The security values a group policy sets. */
  policy: SecurityValues;
  /** ...\Control\Lsa\FIPSAlgorithmPolicy Enabled */
  fipsEnabled: number | null;
  /** ...\Control\Terminal Server MaxOutstandingConnections */
  maxOutstandingConnections: number | null;
  /** SCHANNEL\Protocols\<version>\Server: a missing entry is a missing key (the OS default). */
  schannel: Partial<Record<TlsProtocol, { enabled: number | null; disabledByDefault: number | null }>>;
  /** TermService\Parameters ServiceDll, unexpanded. */
  serviceDll: string | null;
}

/** The remote computer's side of a simulated scenario: what server scripts read and fixes change. */
/**
 * A certificate as the simulated server holds it: the check's facts (thumbprint is an id the fake
 * Windows replaces with the real one it makes) and what the fake needs to make it.
 */
export type SimCertificate = StoreCertificateFacts & {
  /** The thumbprint id of the certificate (in root, intermediate or my) that signs it; absent: self-signed. */
  issuedBy?: string;
  /** A certification authority's certificate (Basic Constraints CA). */
  ca?: boolean;
  /**
   * Where a certificate not made by Windows keeps its private key: the key storage provider as
   * certutil names it, the container, and the file (<32 hex>_<MachineGuid>) in Crypto\Keys (the
   * Microsoft Software Key Storage Provider) or Crypto\RSA\MachineKeys (a CSP), with its ACL.
   */
  keyStorage?: { provider: string; container: string; uniqueName: string; ownerSid: string; aces: Ace[] };
};

export interface ServerState {
  firewall: {
    activeProfiles: Array<'Domain' | 'Private' | 'Public'>;
    rules: Array<FirewallRule & { group: string }>;
    /**
     * Profiles set to "Block all incoming connections, including those in the list of allowed
     * apps" (Get-NetFirewallProfile AllowInboundRules False, netsh "blockinboundalways"): every
     * allow rule is ignored. Absent: none.
     */
    blockAllInbound?: Array<'Domain' | 'Private' | 'Public'>;
  };
  certificates: {
    listenerThumbprint: string | null;
    /** Win32_TSGeneralSetting.SSLCertificateSHA1HashType: 1 self-signed, 2 group policy, 3 custom. */
    hashType: number | null;
    /** Cert:\LocalMachine\Remote Desktop */
    remoteDesktop: SimCertificate[];
    /** Cert:\LocalMachine\My */
    my: SimCertificate[];
    /** Cert:\LocalMachine\Root (trusted roots) and \CA (intermediates): absent, empty. */
    root?: SimCertificate[];
    intermediate?: SimCertificate[];
    /**
     * Certificates of the company's PKI this server does not hold (an issuing CA missing from its
     * CA store): they exist only to sign the ones it does. Absent: none.
     */
    elsewhere?: SimCertificate[];
  };
  services: Record<RdpServiceName, SimService>;
  registry: SimRegistry;
  listeners: SimListenSocket[];
  /** C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys: the RDP key files (f686aace..._*) and their ACLs. */
  machineKeys: Array<{ name: string; ownerSid: string; aces: Ace[] }>;
  /**
   * HKLM\SOFTWARE\Microsoft\Cryptography MachineGuid: the Remote Desktop certificate's key file is
   * f686aace6942fb7f7ceb231212eef4a4_<this> (container TSSecKeySet1). Absent: no such value.
   */
  machineGuid?: string;
  /** Files RDP Wrapper installed (empty when it is not there). */
  rdpWrapperFiles: string[];
  /**
   * Connections other computers hold open without finishing security setup (a flood of bots or
   * scanners); MaxOutstandingConnections caps them (KB954398). Absent: none.
   */
  pendingConnections?: number;
  /** Security event 4625 in the last hour; null when the log cannot be read. */
  failedLogonsLastHour: number | null;
  osVersion: string;
  tspkgVersion: string | null;
  hotfixes: Array<{ id: string; description: string; installedOn: string | null }>;
  /**
   * Events about the certificate by their source and rendered message: RemoteConnectionManager
   * 1051 / 1059 / 1064 / 1065 in the System log, CertificateServicesClient-AutoEnrollment 6 / 13 in
   * the Application log. Absent: none.
   */
  certificateEvents?: Array<{ log: 'System' | 'Application'; provider: string; id: number; time: string; message: string }>;
  /**
   * Other HKLM DWORDs of the server's own (the Lsa, MSV1_0 and credential policy keys hardened
   * sign-in reads, client-state.ts LSA_KEY...), by key as ClientState.registry spells them. They
   * belong to the server: a scenario's `client` half is the other computer. Absent: none.
   */
  serverDwords?: Record<string, Record<string, number>>;
  /** RemoteConnectionManager and Schannel events, System log (ServerRdpEventsFacts shape); optional: none. */
  rdpEvents?: ServerRdpEvent[];
}
