import { z } from 'zod';
import {
  BackupDirArgs,
  ChangedSchema,
  Dword,
  IsoDate,
  NoArgs,
  SchannelProtocolSchema,
  TargetArgs,
  UndoFactsSchema,
  withBackup,
  type ScriptDef,
} from '../script-def';

/*
 * This computer (the client that shows 0x904/0x7). Each check script prints raw facts; the
 * judging happens in shared/diagnosis/client so the simulator and the real .ps1 obey one schema.
 */

// --- Saved credentials (cmdkey /list) ----------------------------------------------------------

/**
 * A Credential Manager target as cmdkey prints it after its (localized) label, e.g.
 * "Domain:target=TERMSRV/srv01" or "LegacyGeneric:target=TERMSRV/srv01:3390". Only these
 * characters ever reach cmdkey /delete.
 */
const TermsrvTarget = z
  .string()
  .regex(/^(?:[A-Za-z]+:target=)?TERMSRV\/[A-Za-z0-9._:\[\]%-]{1,260}$/i, 'a TERMSRV/<host> credential target');

export const SavedCredentialsFactsSchema = z.object({
  /** The target the check looked for (echoed from the arguments). */
  host: z.string(),
  port: z.number().int(),
  /** Every TERMSRV/* entry cmdkey lists, for any computer. */
  entries: z.array(TermsrvTarget),
});

/**
 * The credential backup needs the target: the fix engine passes `host`/`port` to a backup script
 * whose arguments declare them, so only that computer's entries are recorded and removed.
 */
const CredentialBackupArgs = z
  .object({ backupDir: BackupDirArgs.shape.backupDir, host: TargetArgs.shape.host, port: TargetArgs.shape.port })
  .strict();
const CredentialBackupSchema = z.object({
  host: z.string(),
  /** The entries removed by the fix: names only, cmdkey never reveals a saved password. */
  entries: z.array(TermsrvTarget),
});

// --- Default.rdp and the bitmap cache ----------------------------------------------------------

export const ConnectionDataFactsSchema = z.object({
  defaultRdp: z.object({
    /** %USERPROFILE%\Documents\Default.rdp (a hidden file). */
    path: z.string(),
    exists: z.boolean(),
    bytes: z.number().int().nonnegative(),
    lastWrite: IsoDate.nullable(),
    /** Non-empty lines. */
    lines: z.number().int().nonnegative(),
    /** Non-empty lines that are not "name:type:value" (type i, s or b): signs of damage. */
    badLines: z.number().int().nonnegative(),
  }),
  bitmapCache: z.object({
    /** %LOCALAPPDATA%\Microsoft\Terminal Server Client\Cache */
    path: z.string(),
    exists: z.boolean(),
    files: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    /** Zero-byte cache files: a write that never finished. */
    emptyFiles: z.number().int().nonnegative(),
  }),
});

const ConnectionDataBackupSchema = z.object({
  /** Null when there was no Default.rdp. */
  defaultRdp: z.object({ path: z.string(), backupPath: z.string(), hidden: z.boolean() }).nullable(),
  /** Null when there was no cache folder. */
  bitmapCache: z.object({ path: z.string(), backupPath: z.string(), files: z.number().int().nonnegative() }).nullable(),
});

// --- MSLicensing -------------------------------------------------------------------------------

export const LicenseCacheFactsSchema = z.object({
  /** HKLM\SOFTWARE\Microsoft\MSLicensing exists. */
  exists: z.boolean(),
  hasHardwareId: z.boolean(),
  hasStore: z.boolean(),
  /** Subkeys of Store (LICENSE000, ...). */
  storeLicenses: z.number().int().nonnegative(),
});

/** A registry key saved with `reg export` before a fix: null path when the key did not exist. */
const RegistryExportSchema = z.object({ existed: z.boolean(), exportPath: z.string().nullable() });

// --- Policy-key DWORDs (CredSSP, UDP) ----------------------------------------------------------

export const CredSspPolicyFactsSchema = z.object({
  /** HKLM\Software\Microsoft\Windows\CurrentVersion\Policies\System\CredSSP\Parameters */
  allowEncryptionOracle: Dword,
});

export const ClientUdpFactsSchema = z.object({
  /** HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\Client */
  fClientDisableUDP: Dword,
  /** Network adapters that are up (Get-NetAdapter), to tell whether a VPN carries the connection. */
  adaptersUp: z.array(z.object({ name: z.string(), description: z.string() })),
});

/** The previous state of one DWORD in a policy key, and the reg export of that key. */
const DwordBackupSchema = z.object({
  keyExisted: z.boolean(),
  previous: Dword,
  exportPath: z.string().nullable(),
  /**
   * The outermost key that was missing (the fix's New-Item -Force creates it and every key
   * below it): the undo removes that chain again while it is empty. Absent from older backups.
   */
  missingFrom: z.string().nullable().optional(),
});

// --- Network adapters, updates, the client log, TLS --------------------------------------------

const AdapterSchema = z.object({
  name: z.string(),
  description: z.string(),
  /** Get-NetAdapter Status: Up, Disconnected, Disabled, ... */
  status: z.string(),
  /** Get-NetAdapter MediaType, e.g. "802.3", "Native 802.11", "" for some tunnels. */
  mediaType: z.string(),
  /** Get-NetAdapter HardwareInterface: false for software adapters (VPNs, virtual switches). */
  hardware: z.boolean(),
  ipv4: z.array(z.string()),
  gateway: z.string().nullable(),
});
export type Adapter = z.infer<typeof AdapterSchema>;

export const NetworkFactsSchema = z.object({
  adapters: z.array(AdapterSchema),
  /** Win32_ComputerSystem.PartOfDomain */
  domainJoined: z.boolean(),
  domain: z.string().nullable(),
});

export const UpdatesFactsSchema = z.object({
  now: IsoDate,
  /** Get-HotFix, newest first, at most 30; installedOn is a date (Windows keeps no time). */
  hotfixes: z.array(z.object({ id: z.string(), description: z.string(), installedOn: IsoDate.nullable() })),
});

const RdpClientEventSchema = z.object({
  /** 1024 connecting (server name), 1025 connected, 1026 disconnected (reason code), 1027 logged on. */
  id: z.union([z.literal(1024), z.literal(1025), z.literal(1026), z.literal(1027)]),
  time: IsoDate,
  /** Events of one connection attempt share it. */
  activityId: z.string().nullable(),
  server: z.string().nullable(),
  reason: z.number().int().nullable(),
});
export type RdpClientEvent = z.infer<typeof RdpClientEventSchema>;

export const RdpClientLogFactsSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  /** False when the log is disabled or missing. */
  logEnabled: z.boolean(),
  /** The last 30 days, oldest first, at most 200. */
  events: z.array(RdpClientEventSchema),
});
export type RdpClientLogFacts = z.infer<typeof RdpClientLogFactsSchema>;

/** read-client-last-disconnect: the newest 1026 of this computer's Remote Desktop log, with its 1024's server name. */
export const LastDisconnectFactsSchema = z.object({
  logEnabled: z.boolean(),
  last: z
    .object({
      time: z.string().max(40),
      /** The disconnect reason as logged (decimal); null when the event held no number. */
      reason: z.number().int().min(0).max(0xffffffff).nullable(),
      server: z.string().max(300).nullable(),
    })
    .nullable(),
});

export const ClientTlsFactsSchema = z.object({
  /** SCHANNEL\Protocols\<version>\Client: a missing key means the OS default, not "disabled". */
  protocols: z.array(SchannelProtocolSchema),
});
export type ClientTlsFacts = z.infer<typeof ClientTlsFactsSchema>;

/**
 * Outbound blocking on this computer: enabled Windows Firewall block rules that match mstsc.exe
 * or the target port, profiles that block everything outbound by default, and the security
 * products Windows Security Center knows (absent on Windows Server: an empty list).
 */
export const OutboundFactsSchema = z.object({
  defaultBlockProfiles: z.array(z.string()),
  blockRules: z.array(
    z.object({ name: z.string(), displayName: z.string(), program: z.string().nullable(), remotePort: z.string().nullable() }),
  ),
  securityProducts: z.array(z.object({ name: z.string(), kind: z.enum(['antivirus', 'firewall']), enabled: z.boolean().nullable() })),
});
export type OutboundFacts = z.infer<typeof OutboundFactsSchema>;

// --- The Remote Desktop app, this computer's Windows build, remembered certificates -----------

/** A certificate thumbprint as the .ps1 writes a REG_BINARY: upper-case hex, no separators. */
const HexBytes = z
  .string()
  .max(512)
  .regex(/^[0-9A-F]*$/, 'upper-case hex');

export const ClientRdpAppFactsSchema = z.object({
  /**
   * HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion: CurrentBuildNumber and UBR (26100 and
   * 4061 for 10.0.26100.4061), ProductName and DisplayVersion ("24H2"; absent before 20H2).
   */
  os: z.object({
    build: z.number().int().nonnegative(),
    ubr: z.number().int().nonnegative().nullable(),
    productName: z.string().nullable(),
    displayVersion: z.string().nullable(),
  }),
  /** %SystemRoot%\System32\mstsc.exe: gone after "mstsc /uninstall" (Windows 11 23H2 and later). */
  mstsc: z.object({ path: z.string(), exists: z.boolean(), version: z.string().nullable() }),
  /** Windows App for this user: the Store package MicrosoftCorporationII.Windows365 (Get-AppxPackage). */
  windowsApp: z.object({ installed: z.boolean(), version: z.string().nullable() }),
});
export type ClientRdpAppFacts = z.infer<typeof ClientRdpAppFactsSchema>;

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

/** A fix is three scripts: backup (saves, changes nothing), apply, undo (both given the backup). */
export const clientScripts = {
  'check-client-credentials': {
    file: 'check-client-credentials.ps1',
    args: TargetArgs,
    facts: SavedCredentialsFactsSchema,
  },
  'check-client-connection-data': { file: 'check-client-connection-data.ps1', args: NoArgs, facts: ConnectionDataFactsSchema },
  'check-client-license-cache': { file: 'check-client-license-cache.ps1', args: NoArgs, facts: LicenseCacheFactsSchema },
  'check-client-credssp': { file: 'check-client-credssp.ps1', args: NoArgs, facts: CredSspPolicyFactsSchema },
  'check-client-udp': { file: 'check-client-udp.ps1', args: NoArgs, facts: ClientUdpFactsSchema },
  'check-client-network': { file: 'check-client-network.ps1', args: NoArgs, facts: NetworkFactsSchema },
  'check-client-updates': { file: 'check-client-updates.ps1', args: NoArgs, facts: UpdatesFactsSchema },
  'check-client-rdp-log': { file: 'check-client-rdp-log.ps1', args: TargetArgs, facts: RdpClientLogFactsSchema },
  'check-client-tls': { file: 'check-client-tls.ps1', args: NoArgs, facts: ClientTlsFactsSchema },
  'read-client-mru': { file: 'read-client-mru.ps1', args: NoArgs, facts: z.object({ entries: z.array(z.string().max(300)).max(20) }) },
  'read-client-last-disconnect': { file: 'read-client-last-disconnect.ps1', args: NoArgs, facts: LastDisconnectFactsSchema },
  'check-client-outbound': { file: 'check-client-outbound.ps1', args: TargetArgs, facts: OutboundFactsSchema },
  'check-client-rdp-app': { file: 'check-client-rdp-app.ps1', args: NoArgs, facts: ClientRdpAppFactsSchema },
  'check-client-pinned-cert': { file: 'check-client-pinned-cert.ps1', args: TargetArgs, facts: PinnedCertificateFactsSchema },

  'backup-client-credentials': {
    file: 'backup-client-credentials.ps1',
    args: CredentialBackupArgs,
    facts: CredentialBackupSchema,
  },
  'fix-client-credentials': {
    file: 'fix-client-credentials.ps1',
    args: withBackup(CredentialBackupSchema),
    facts: ChangedSchema,
  },
  'undo-client-credentials': {
    file: 'undo-client-credentials.ps1',
    args: withBackup(CredentialBackupSchema),
    facts: UndoFactsSchema,
  },

  'backup-client-connection-data': {
    file: 'backup-client-connection-data.ps1',
    args: BackupDirArgs,
    facts: ConnectionDataBackupSchema,
  },
  'fix-client-connection-data': {
    file: 'fix-client-connection-data.ps1',
    args: withBackup(ConnectionDataBackupSchema),
    facts: ChangedSchema,
  },
  'undo-client-connection-data': {
    file: 'undo-client-connection-data.ps1',
    args: withBackup(ConnectionDataBackupSchema),
    facts: UndoFactsSchema,
  },

  'backup-client-license-cache': { file: 'backup-client-license-cache.ps1', args: BackupDirArgs, facts: RegistryExportSchema },
  'fix-client-license-cache': {
    file: 'fix-client-license-cache.ps1',
    args: withBackup(RegistryExportSchema),
    facts: ChangedSchema,
  },
  'undo-client-license-cache': {
    file: 'undo-client-license-cache.ps1',
    args: withBackup(RegistryExportSchema),
    facts: UndoFactsSchema,
  },

  'backup-client-credssp': { file: 'backup-client-credssp.ps1', args: BackupDirArgs, facts: DwordBackupSchema },
  'fix-client-credssp': { file: 'fix-client-credssp.ps1', args: withBackup(DwordBackupSchema), facts: ChangedSchema },
  'undo-client-credssp': { file: 'undo-client-credssp.ps1', args: withBackup(DwordBackupSchema), facts: UndoFactsSchema },

  'backup-client-udp': { file: 'backup-client-udp.ps1', args: BackupDirArgs, facts: DwordBackupSchema },
  'fix-client-udp': { file: 'fix-client-udp.ps1', args: withBackup(DwordBackupSchema), facts: ChangedSchema },
  'undo-client-udp': { file: 'undo-client-udp.ps1', args: withBackup(DwordBackupSchema), facts: UndoFactsSchema },
} as const satisfies Record<string, ScriptDef>;
