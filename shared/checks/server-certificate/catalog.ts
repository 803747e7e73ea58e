import { z } from 'zod';
import { BackupDirArgs, ChangedSchema, IsoDate, NoArgs, Thumbprint, UndoFactsSchema, withBackup } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

/**
 * The key file a certificate names, found from the certificate (never by a file name pattern):
 * the container (TSSecKeySet1 for the certificate Windows makes), its provider, its file, and what
 * that file is. Each field is null when it could not be told (a key that cannot be opened, a
 * smart card or TPM provider, no MachineGuid, permissions only an administrator may read).
 */
export const KeyFileFactsSchema = z.object({
  container: z.string().nullable(),
  /** CAPI keys live in Crypto\RSA\MachineKeys, CNG (software provider) keys in Crypto\Keys. */
  provider: z.enum(['CAPI', 'CNG']).nullable(),
  path: z.string().nullable(),
  exists: z.boolean().nullable(),
  /** A file, not a folder, and no reparse point (junction or symbolic link). */
  regularFile: z.boolean().nullable(),
  ownerSid: z.string().nullable(),
  /** Owned by SYSTEM or Administrators, as the key files Windows makes are. */
  ownerTrusted: z.boolean().nullable(),
  /** Whether NETWORK SERVICE (S-1-5-20), which TermService runs as, may read it. */
  networkServiceCanRead: z.boolean().nullable(),
});
export type KeyFileFacts = z.infer<typeof KeyFileFactsSchema>;

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
  /** The listener certificate's key file (only the listener's); absent from older facts. */
  key: KeyFileFactsSchema.optional(),
  /** Who issued it (X509Certificate2.Issuer). Absent from older facts. */
  issuer: z.string().optional(),
  /**
   * Its Enhanced Key Usage OIDs; null when it has no Enhanced Key Usage extension, which RFC 5280
   * 4.2.1.12 reads as any purpose. Absent from older facts.
   */
  enhancedKeyUsages: z.array(z.string()).nullable().optional(),
  /** Subject Alternative Name: its DNS names and IP addresses. Absent from older facts. */
  dnsNames: z.array(z.string()).optional(),
  ipAddresses: z.array(z.string()).optional(),
  /**
   * X509Chain.Build on the server (revocation from cached lists only): whether the chain reaches a
   * root this server trusts, and the X509ChainStatusFlags that stood in the way. Read for
   * certificates Windows did not make (its own is self-signed by design). Absent: not built.
   */
  chain: z
    .object({ trusted: z.boolean(), problems: z.array(z.string()) })
    .nullable()
    .optional(),
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
  /**
   * The certificate the listener could be pointed at instead (Cert:\\LocalMachine\\My: a private
   * key NETWORK SERVICE may read, server or Remote Desktop authentication, valid now, its chain
   * trusted, the latest to expire; else Windows' own valid self-signed one in Remote Desktop),
   * chosen on the server by the rule the repoint fix applies again; null when there is none.
   * Absent from older facts.
   */
  replacement: StoreCertificateSchema.extend({ store: z.enum(['My', 'Remote Desktop']) })
    .nullable()
    .optional(),
  /**
   * The server's own events about its certificate in the last 14 days, newest first: a template
   * certificate could not be made or replaced (RemoteConnectionManager 1064, 1065), no usable
   * certificate of the administrator's choice (1051) or a setting Windows reset (1059), in the
   * System log; the computer's automatic certificate enrolment failed
   * (CertificateServicesClient-AutoEnrollment 6, 13, Application log). Absent from older facts.
   */
  events: z.array(z.object({ id: z.number().int(), provider: z.string(), time: IsoDate, message: z.string() })).optional(),
});
export type RdpCertificateFacts = z.infer<typeof RdpCertificateFactsSchema>;

const CertificateBackupSchema = z.object({
  thumbprint: Thumbprint.nullable(),
  /** Where the certificate's public part was saved (.cer): for the record, it cannot be restored. */
  exportPath: z.string().nullable(),
  /** Its key file (container TSSecKeySet1) and file id, which the fix deletes with it; absent from older backups. */
  keyFile: z.object({ path: z.string(), exists: z.boolean(), fileId: z.string().nullable() }).nullable().optional(),
});

/** Which certificate the listener used before the repoint fix changed it. */
const ListenerChoiceBackupSchema = z.object({
  /** Win32_TSGeneralSetting.SSLCertificateSHA1Hash before the change (null: none was named). */
  thumbprint: Thumbprint.nullable(),
  /** SSLCertificateSHA1HashType before the change: 1 Windows' own, 3 one an administrator chose. */
  hashType: z.number().int().min(0).max(3).nullable(),
});

/** Remote Desktop's certificate missing, expired or without its private key, and the fix that makes Windows create a new one. */
export const serverCertificate = defineCheckCatalog({
  check: {
    id: 'server-certificate',
    tier: 'server',
    title: 'Remote Desktop certificate',
    plain: 'Checks the certificate Remote Desktop uses to encrypt the connection: that it exists, has not expired and has its private key.',
    technical:
      "Win32_TSGeneralSetting (root\\cimv2\\TerminalServices, TerminalName 'RDP-tcp') SSLCertificateSHA1Hash and its certificate in Cert:\\LocalMachine\\Remote Desktop (self-signed) or Cert:\\LocalMachine\\My: NotAfter, HasPrivateKey.",
    source: { kind: 'script', side: 'server', script: 'check-rdp-certificate' },
    needsAdmin: false,
    fixes: ['regenerate-rdp-certificate', 'repoint-rdp-certificate'],
  },
  fixes: [
    {
      id: 'regenerate-rdp-certificate',
      title: 'Make Windows create a new Remote Desktop certificate',
      plain:
        'Removes the current Remote Desktop certificate and restarts the Remote Desktop services so that Windows creates a fresh self-signed one. This cannot be undone: the old certificate is gone for good.',
      changes: [
        'Saves a copy of the certificate, without its private key, to the backup folder, for the record.',
        'Removes the certificate and its private key so Windows can make a new one.',
        "Restarts Remote Desktop's services (people connected to the server are disconnected).",
      ],
      /** The same, said once it has happened (the result's plain words). */
      done: [
        'Saved a copy of the old certificate, without its private key, to the backup folder, for the record.',
        'Removed the old certificate and its private key so Windows could make a new one.',
        "Restarted Remote Desktop's services (people connected to the server were disconnected).",
      ],
      side: 'server',
      needsAdmin: true,
      risk: ['needs-restart'],
      restart: 'services',
      backupScript: 'backup-rdp-certificate',
      script: 'fix-regenerate-rdp-certificate',
      undoScript: 'undo-regenerate-rdp-certificate',
      undoPlain:
        "Cannot be undone: Windows never lets the self-signed certificate's private key be exported, so the old certificate is gone for good. Windows makes a new one, which stays; undo only says so.",
      cannotUndo: "Can't be undone: Windows made a new certificate, and the old one is gone for good.",
      verifies: ['server-certificate'],
    },
    {
      id: 'repoint-rdp-certificate',
      title: 'Point Remote Desktop at a valid certificate',
      plain:
        "Makes Remote Desktop use a valid certificate this server already has (one from your organisation, or Windows' own) instead of the broken one. Nothing is deleted, and undo makes it use the certificate it used before.",
      changes: [
        'Saves which certificate Remote Desktop uses now, to the backup folder.',
        "Chooses again on the server the certificate to use: one made for server or Remote Desktop sign-in, valid now, trusted by the server, whose private key Remote Desktop may read, the latest to expire; else Windows' own valid one.",
        'Points Remote Desktop at it. New connections use it; nobody is disconnected.',
      ],
      /** The same, said once it has happened (the result's plain words). */
      done: [
        'Saved which certificate Remote Desktop used, to the backup folder.',
        "Chose again the certificate to use: one made for server or Remote Desktop sign-in, valid now, trusted by the server, whose private key Remote Desktop may read, the latest to expire; else Windows' own valid one.",
        'Pointed Remote Desktop at it. New connections use it; nobody was disconnected.',
      ],
      side: 'server',
      needsAdmin: true,
      risk: ['low'],
      backupScript: 'backup-repoint-rdp-certificate',
      script: 'fix-repoint-rdp-certificate',
      undoScript: 'undo-repoint-rdp-certificate',
      undoPlain: 'Points Remote Desktop back at the certificate it used before, if that certificate is still on the server.',
      verifies: ['server-certificate'],
    },
  ],
  scripts: {
    'check-rdp-certificate': { file: 'check-rdp-certificate.ps1', args: NoArgs, facts: RdpCertificateFactsSchema },
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
    'backup-repoint-rdp-certificate': {
      file: 'backup-repoint-rdp-certificate.ps1',
      args: BackupDirArgs,
      facts: ListenerChoiceBackupSchema,
    },
    'fix-repoint-rdp-certificate': {
      file: 'fix-repoint-rdp-certificate.ps1',
      args: withBackup(ListenerChoiceBackupSchema),
      facts: ChangedSchema.extend({ thumbprint: Thumbprint }),
    },
    'undo-repoint-rdp-certificate': {
      file: 'undo-repoint-rdp-certificate.ps1',
      args: withBackup(ListenerChoiceBackupSchema),
      facts: UndoFactsSchema,
    },
  },
  readable: {
    'check-rdp-certificate': [
      "Get-CimInstance -Namespace 'root\\cimv2\\TerminalServices' -ClassName Win32_TSGeneralSetting -Filter \"TerminalName='RDP-tcp'\"",
      "Get-ChildItem -LiteralPath 'Cert:\\LocalMachine\\Remote Desktop'",
      "Get-ChildItem -LiteralPath 'Cert:\\LocalMachine\\My'",
      '# Where a certificate from the company or a policy keeps its key (as administrator):',
      'certutil.exe -store My {thumbprint}',
      "Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = 'Microsoft-Windows-CertificateServicesClient-AutoEnrollment'; Id = 6, 13 }",
    ],
    'backup-rdp-certificate': [
      '# The public part only, for the record: Windows never lets this private key be exported.',
      "$cert = Get-ChildItem -LiteralPath 'Cert:\\LocalMachine\\Remote Desktop' | Where-Object -FilterScript { $_.Thumbprint -eq {thumbprint} }",
      "Export-Certificate -Cert $cert -FilePath (Join-Path -Path {backupDir} -ChildPath ('rdp-certificate-' + $cert.Thumbprint + '.cer'))",
    ],
    'fix-regenerate-rdp-certificate': [
      '# The certificate and its private key (container TSSecKeySet1), so that Windows can make a new key:',
      "Remove-Item -LiteralPath (Join-Path -Path 'Cert:\\LocalMachine\\Remote Desktop' -ChildPath {thumbprint}) -DeleteKey",
      '# People connected to the server are disconnected:',
      'Restart-Service -Name SessionEnv -Force',
      'Restart-Service -Name TermService -Force',
      '# When no new certificate comes, why (events 1057 / 1058):',
      "Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager'; Id = 1057, 1058 }",
    ],
    'undo-regenerate-rdp-certificate': [
      '# Nothing runs: the old certificate cannot be put back (its private key was never exportable); the new one stays.',
    ],
    'backup-repoint-rdp-certificate': [
      "Get-CimInstance -Namespace 'root\\cimv2\\TerminalServices' -ClassName Win32_TSGeneralSetting -Filter \"TerminalName='RDP-tcp'\"",
    ],
    'fix-repoint-rdp-certificate': [
      '# Refused while a group policy chooses the certificate (SSLCertificateSHA1HashType 2): the policy would put it back.',
      "$setting = Get-CimInstance -Namespace 'root\\cimv2\\TerminalServices' -ClassName Win32_TSGeneralSetting -Filter \"TerminalName='RDP-tcp'\"",
      '# The certificate chosen again on the server (the check showed it):',
      'Set-CimInstance -InputObject $setting -Property @{ SSLCertificateSHA1Hash = {replacement} }',
    ],
    'undo-repoint-rdp-certificate': [
      "$setting = Get-CimInstance -Namespace 'root\\cimv2\\TerminalServices' -ClassName Win32_TSGeneralSetting -Filter \"TerminalName='RDP-tcp'\"",
      'Set-CimInstance -InputObject $setting -Property @{ SSLCertificateSHA1Hash = {thumbprint} }',
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'server-certificate': typeof serverCertificate;
  }
}
