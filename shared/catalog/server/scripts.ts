import { z } from 'zod';
import { BackupDirArgs, ChangedSchema, IsoDate, NoArgs, Thumbprint, UndoFactsSchema, type ScriptDef } from '../script-def';

export const FirewallRuleSchema = z.object({
  name: z.string(),
  displayName: z.string(),
  enabled: z.boolean(),
  profiles: z.array(z.enum(['Domain', 'Private', 'Public', 'Any'])),
  protocol: z.enum(['TCP', 'UDP']),
});
export type FirewallRule = z.infer<typeof FirewallRuleSchema>;

export const FirewallFactsSchema = z.object({
  activeProfiles: z.array(z.enum(['Domain', 'Private', 'Public'])),
  rules: z.array(FirewallRuleSchema),
});
export type FirewallFacts = z.infer<typeof FirewallFactsSchema>;

export const CertificateSchema = z.object({
  thumbprint: Thumbprint,
  subject: z.string(),
  notBefore: IsoDate,
  notAfter: IsoDate,
  hasPrivateKey: z.boolean(),
});
export type CertificateFacts = z.infer<typeof CertificateSchema>;

export const RdpCertificateFactsSchema = z.object({
  /** Win32_TSGeneralSetting.SSLCertificateSHA1Hash of the RDP-Tcp listener. */
  listenerThumbprint: Thumbprint.nullable(),
  /** Certificates in Cert:\LocalMachine\Remote Desktop. */
  store: z.array(CertificateSchema),
  now: IsoDate,
});
export type RdpCertificateFacts = z.infer<typeof RdpCertificateFactsSchema>;


export const FirewallBackupSchema = z.object({
  rules: z.array(z.object({ name: z.string(), enabled: z.boolean() })),
});
export type FirewallBackup = z.infer<typeof FirewallBackupSchema>;

export const CertificateBackupSchema = z.object({
  thumbprint: Thumbprint.nullable(),
  /** Where the certificate was exported (.pfx when its key was exportable, else .cer). */
  exportPath: z.string().nullable(),
});
export type CertificateBackup = z.infer<typeof CertificateBackupSchema>;

/**
 * A fix is three scripts: backup (saves the previous state, changes nothing), apply (given that
 * backup), undo (given the same backup). The journal records the backup before apply runs.
 */
export const serverScripts = {
  'check-firewall-rdp': { file: 'check-firewall-rdp.ps1', args: NoArgs, facts: FirewallFactsSchema },
  'check-rdp-certificate': {
    file: 'check-rdp-certificate.ps1',
    args: NoArgs,
    facts: RdpCertificateFactsSchema,
  },
  'backup-firewall-rdp': { file: 'backup-firewall-rdp.ps1', args: BackupDirArgs, facts: FirewallBackupSchema },
  'fix-enable-firewall-rdp': {
    file: 'fix-enable-firewall-rdp.ps1',
    args: z.object({ backup: FirewallBackupSchema }).strict(),
    facts: ChangedSchema,
  },
  'undo-enable-firewall-rdp': {
    file: 'undo-enable-firewall-rdp.ps1',
    args: z.object({ backup: FirewallBackupSchema }).strict(),
    facts: UndoFactsSchema,
  },
  'backup-rdp-certificate': { file: 'backup-rdp-certificate.ps1', args: BackupDirArgs, facts: CertificateBackupSchema },
  'fix-regenerate-rdp-certificate': {
    file: 'fix-regenerate-rdp-certificate.ps1',
    args: z.object({ backup: CertificateBackupSchema }).strict(),
    facts: ChangedSchema.extend({ newThumbprint: Thumbprint.nullable() }),
  },
  'undo-regenerate-rdp-certificate': {
    file: 'undo-regenerate-rdp-certificate.ps1',
    args: z.object({ backup: CertificateBackupSchema }).strict(),
    facts: UndoFactsSchema,
  },
} as const satisfies Record<string, ScriptDef>;
