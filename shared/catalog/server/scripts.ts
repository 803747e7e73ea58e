import { z } from 'zod';
import {
  BackupDirArgs,
  ChangedSchema,
  IsoDate,
  NoArgs,
  Thumbprint,
  UndoFactsSchema,
  fixScripts,
  withBackup,
  type ScriptDef,
} from '../script-def';
import { serverSecuritySettings } from '../../checks/server-security-settings/catalog';
export { type SecurityValues } from '../../checks/server-security-settings/catalog';
import { serverServices } from '../../checks/server-services/catalog';
import { serverListener } from '../../checks/server-listener/catalog';
export { type RdpServiceName, type ServiceStatus, type StartType } from '../../checks/server-services/catalog';
import { serverUpdates } from '../../checks/server-updates/catalog';
import { serverFirewall } from '../../checks/server-firewall/catalog';
import { serverServiceDll } from '../../checks/server-service-dll/catalog';
export { ServerUpdatesFactsSchema } from '../../checks/server-updates/catalog';
import { serverCredSsp } from '../../checks/server-credssp/catalog';
export { CredSspVersionFactsSchema } from '../../checks/server-credssp/catalog';
import { serverRdpEnabled } from '../../checks/server-rdp-enabled/catalog';
import { serverTlsVersions } from '../../checks/server-tls-versions/catalog';
import { serverConnectionPressure } from '../../checks/server-connection-pressure/catalog';

export { SchannelFactsSchema, type SchannelFacts } from '../../checks/server-tls-versions/catalog';
export type { FirewallRule } from '../../checks/server-firewall/catalog';
export type { TlsProtocol } from '../script-def';

// ---------------------------------------------------------------- certificate

const StoreCertificateSchema = z.object({
  thumbprint: Thumbprint,
  subject: z.string(),
  notBefore: IsoDate,
  notAfter: IsoDate,
  hasPrivateKey: z.boolean(),
  /**
   * Whether NETWORK SERVICE (S-1-5-20), which TermService runs as, may read the private key's
   * file; null when it could not be determined. Absent from older facts.
   */
  keyReadable: z.boolean().nullable().optional(),
  /** The private key's file (MachineKeys for CSP keys, Crypto\Keys for CNG keys). */
  keyFile: z.string().nullable().optional(),
});
export type StoreCertificateFacts = z.infer<typeof StoreCertificateSchema>;

export const RdpCertificateFactsSchema = z.object({
  /** Win32_TSGeneralSetting.SSLCertificateSHA1Hash of the RDP-Tcp listener. */
  listenerThumbprint: Thumbprint.nullable(),
  /** Certificates in Cert:\LocalMachine\Remote Desktop. */
  store: z.array(StoreCertificateSchema),
  now: IsoDate,
  /**
   * Win32_TSGeneralSetting.SSLCertificateSHA1HashType, where the listener's certificate comes
   * from: 0 not valid, 1 self-signed by Windows, 2 group policy, 3 custom. Absent from older facts.
   */
  hashType: z.number().int().min(0).max(3).nullable().optional(),
  /** The listener's certificate when it is in Cert:\LocalMachine\My (custom / group policy). */
  myStore: z.array(StoreCertificateSchema).optional(),
});
export type RdpCertificateFacts = z.infer<typeof RdpCertificateFactsSchema>;

const CertificateBackupSchema = z.object({
  thumbprint: Thumbprint.nullable(),
  /** Where the certificate's public part was saved (.cer): for the record, it cannot be restored. */
  exportPath: z.string().nullable(),
});

// ---------------------------------------------------------------- MachineKeys key file

const AceSchema = z.object({
  sid: z.string(),
  type: z.enum(['Allow', 'Deny']),
  /** FileSystemRights as a number (ReadData 0x1, FullControl 0x1F01FF, GENERIC_READ 0x80000000...). */
  rights: z.number().int(),
  inherited: z.boolean(),
});
export type Ace = z.infer<typeof AceSchema>;

const KeyFileSchema = z.object({ name: z.string(), path: z.string(), ownerSid: z.string().nullable(), aces: z.array(AceSchema) });
export const KeyPermissionsFactsSchema = z.object({
  /** C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys */
  folder: z.string(),
  /** The RDP key files: f686aace6942fb7f7ceb231212eef4a4_* (the self-signed certificate's key). */
  files: z.array(KeyFileSchema),
});
export type KeyPermissionsFacts = z.infer<typeof KeyPermissionsFactsSchema>;

const KeyPermissionsBackupSchema = z.object({
  folder: z.string(),
  /** Each key file and the `icacls /save` file holding its ACL. */
  files: z.array(z.object({ path: z.string(), aclFile: z.string() })),
});

// ---------------------------------------------------------------- SCHANNEL

// ---------------------------------------------------------------- connection pressure, CredSSP, updates

// ---------------------------------------------------------------- the server's Remote Desktop events

const ServerRdpEventSchema = z.object({
  /**
   * rcm: Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin (1057, 1058, 1006);
   * schannel: System, provider Schannel (36870, 36871, 36874, 36888).
   */
  log: z.enum(['rcm', 'schannel']),
  id: z.number().int(),
  /** TimeCreated, ISO, in the server's clock. */
  time: IsoDate,
  /** EventData by the Data elements' names (unnamed ones by position, "0", "1"...), values cut to 300 characters. */
  data: z.record(z.string().max(100), z.string().max(300)),
});
export type ServerRdpEvent = z.infer<typeof ServerRdpEventSchema>;

export const ServerRdpEventsFactsSchema = z.object({
  now: IsoDate,
  /** The last 7 days, oldest first, at most 200. */
  events: z.array(ServerRdpEventSchema).max(200),
  /** A log that could not be read (absent, or access denied), with Windows' message. */
  unreadable: z.array(z.object({ log: z.enum(['rcm', 'schannel']), error: z.string().max(500) })),
});

const keyPerms = fixScripts('repair-rdp-key-permissions', KeyPermissionsBackupSchema, 'backup-rdp-key-permissions');

/** A restart scheduled with shutdown.exe: in how many seconds, and the command that calls it off. */
const RestartFactsSchema = z.object({ restartInSeconds: z.number().int().min(0), cancelCommand: z.string() });

/**
 * A fix is three scripts: backup (saves the previous state, changes nothing), apply (given that
 * backup), undo (given the same backup). The journal records the backup before apply runs.
 */
export const serverScripts = {
  ...serverFirewall.scripts,
  'check-rdp-certificate': { file: 'check-rdp-certificate.ps1', args: NoArgs, facts: RdpCertificateFactsSchema },
  ...serverRdpEnabled.scripts,
  ...serverServices.scripts,
  ...serverListener.scripts,
  ...serverServiceDll.scripts,
  'check-rdp-key-permissions': { file: 'check-rdp-key-permissions.ps1', args: NoArgs, facts: KeyPermissionsFactsSchema },
  ...serverSecuritySettings.scripts,
  ...serverTlsVersions.scripts,
  ...serverConnectionPressure.scripts,
  ...serverCredSsp.scripts,
  ...serverUpdates.scripts,
  'check-server-rdp-events': { file: 'check-server-rdp-events.ps1', args: NoArgs, facts: ServerRdpEventsFactsSchema },
  /** Not a fix: the restart a fix that takes effect only at startup asks for (Windows' own one-minute notice first). */
  'restart-computer': { file: 'restart-computer.ps1', args: NoArgs, facts: RestartFactsSchema },

  'backup-rdp-certificate': { file: 'backup-rdp-certificate.ps1', args: BackupDirArgs, facts: CertificateBackupSchema },
  'fix-regenerate-rdp-certificate': {
    file: 'fix-regenerate-rdp-certificate.ps1',
    args: withBackup(CertificateBackupSchema),
    facts: ChangedSchema.extend({ newThumbprint: Thumbprint.nullable() }),
  },
  'undo-regenerate-rdp-certificate': {
    file: 'undo-regenerate-rdp-certificate.ps1',
    args: withBackup(CertificateBackupSchema),
    facts: UndoFactsSchema,
  },

  'backup-rdp-key-permissions': keyPerms.backup,
  'fix-repair-rdp-key-permissions': keyPerms.apply,
  'undo-repair-rdp-key-permissions': keyPerms.undo,
} as const satisfies Record<string, ScriptDef>;
