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
  /** Its key file (container TSSecKeySet1) and file id, which the fix deletes with it; absent from older backups. */
  keyFile: z.object({ path: z.string(), exists: z.boolean(), fileId: z.string().nullable() }).nullable().optional(),
});

/** Remote Desktop's certificate missing, expired or without its private key, and the fix that makes Windows create a new one. */
export const serverCertificate = defineCheckCatalog({
  check: {
    id: 'server-certificate',
    tier: 'server',
    title: 'Remote Desktop certificate',
    plain: 'Checks the certificate Remote Desktop uses to encrypt the connection: that it exists, has not expired and has its secret key.',
    technical:
      "Win32_TSGeneralSetting (root\\cimv2\\TerminalServices, TerminalName 'RDP-tcp') SSLCertificateSHA1Hash and its certificate in Cert:\\LocalMachine\\Remote Desktop (self-signed) or Cert:\\LocalMachine\\My: NotAfter, HasPrivateKey.",
    source: { kind: 'script', side: 'server', script: 'check-rdp-certificate' },
    needsAdmin: false,
    fixes: ['regenerate-rdp-certificate'],
  },
  fixes: [
    {
      id: 'regenerate-rdp-certificate',
      title: 'Make Windows create a new Remote Desktop certificate',
      plain:
        'Removes the current Remote Desktop certificate and restarts the Remote Desktop services so that Windows creates a fresh self-signed one. This cannot be undone: the old certificate cannot be put back.',
      changes: [
        'Saves the public part of the certificate (.cer) to the backup folder, for the record (its private key cannot be saved).',
        'Removes it from that store together with its secret key, so that Windows can make a new key.',
        "Restarts Remote Desktop's services (people connected to the server are disconnected).",
      ],
      side: 'server',
      needsAdmin: true,
      risk: ['needs-restart'],
      restart: 'services',
      backupScript: 'backup-rdp-certificate',
      script: 'fix-regenerate-rdp-certificate',
      undoScript: 'undo-regenerate-rdp-certificate',
      undoPlain:
        "Cannot be undone: Windows never lets the self-signed certificate's private key be exported, so the old certificate cannot be put back. Windows makes a new one, which stays; undo only says so.",
      cannotUndo: "Can't be undone: Windows made a new certificate, and the old one cannot be put back.",
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
  },
  readable: {
    'check-rdp-certificate': [
      "Get-CimInstance -Namespace 'root\\cimv2\\TerminalServices' -ClassName Win32_TSGeneralSetting -Filter \"TerminalName='RDP-tcp'\"",
      "Get-ChildItem -LiteralPath 'Cert:\\LocalMachine\\Remote Desktop'",
    ],
    'backup-rdp-certificate': [
      '# The public part only, for the record: Windows never lets this private key be exported.',
      "$cert = Get-ChildItem -LiteralPath 'Cert:\\LocalMachine\\Remote Desktop' | Where-Object -FilterScript { $_.Thumbprint -eq {thumbprint} }",
      "Export-Certificate -Cert $cert -FilePath (Join-Path -Path '<backup folder>' -ChildPath ('rdp-certificate-' + $cert.Thumbprint + '.cer'))",
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
  },
});
