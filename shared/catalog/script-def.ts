import { z } from 'zod';

/** One catalog script: its file under assets/scripts/, its arguments, the facts it prints. */
export interface ScriptDef {
  file: string;
  args: z.ZodType;
  facts: z.ZodType;
}

export const NoArgs = z.object({}).strict();
export const Thumbprint = z.string().regex(/^[0-9A-F]{40}$/, 'a certificate thumbprint (40 hex digits)');
export const IsoDate = z.string().datetime({ offset: true });
/** Arguments of a check that looks at the target (CheckSource.withTarget). */
export const TargetArgs = z.object({ host: z.string().min(1).max(253), port: z.number().int().min(1).max(65535) }).strict();
export const BackupDirArgs = z.object({ backupDir: z.string().min(1).max(400) }).strict();
/** What an apply script changed; a temporary fix's also says when its timer puts it back (ISO). */
export const ChangedSchema = z.object({ changed: z.array(z.string()), revertsAt: IsoDate.optional() });
export const UndoFactsSchema = z.object({ restored: z.array(z.string()) });
/** A REG_DWORD as a script reads it: its number, or null when the value (or its key) is absent. */
export const Dword = z.number().int().nullable();

/** The protocol versions as SCHANNEL names its keys (...\SCHANNEL\Protocols\TLS 1.2\Server). */
const TLS_PROTOCOLS = ['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'] as const;
export type TlsProtocol = (typeof TLS_PROTOCOLS)[number];
/** One ...\SCHANNEL\Protocols\<version>\Server or \Client key, as the server's and the client's TLS checks read it. */
export const SchannelProtocolSchema = z.object({
  version: z.enum(TLS_PROTOCOLS),
  /** The key exists. Missing means the OS default, not "off". */
  keyExists: z.boolean(),
  enabled: Dword,
  disabledByDefault: Dword,
});
export type SchannelProtocol = z.infer<typeof SchannelProtocolSchema>;

/** The previous state of one DWORD in a policy key, and the reg export of that key. */
export const DwordBackupSchema = z.object({
  keyExisted: z.boolean(),
  previous: Dword,
  exportPath: z.string().nullable(),
  /**
   * The outermost key that was missing (the fix's New-Item -Force creates it and every key
   * below it): the undo removes that chain again while it is empty. Absent from older backups.
   */
  missingFrom: z.string().nullable().optional(),
});

export const withBackup = <T extends z.ZodType>(backup: T) => z.object({ backup }).strict();

/**
 * How long a temporary fix may stay before its scheduled task puts it back (minutes); null is
 * "until I undo it". The first is the preview's default: never the one that stays.
 */
export const REVERT_CHOICES = [15, 60, null] as const;
export type RevertAfter = (typeof REVERT_CHOICES)[number];
export const RevertAfterSchema = z.union([z.literal(15), z.literal(60)]).nullable();
/**
 * A temporary fix's apply script: its backup, the backup folder its timer's files go to (the
 * change's own folder in the administrators' store), and how long until the timer puts it back.
 */
export const withTimer = <T extends z.ZodType>(backup: T) =>
  z.object({ backup, backupDir: z.string().min(1).max(400).optional(), revertAfterMinutes: RevertAfterSchema.optional() }).strict();
/** A temporary fix's undo script: its backup, and the folder that names the timer it removes. */
export const withTimerUndo = <T extends z.ZodType>(backup: T) =>
  z.object({ backup, backupDir: z.string().min(1).max(400).optional() }).strict();
/** Backup, apply and undo scripts of one fix. */
export function fixScripts<B extends z.ZodType>(name: string, backup: B, backupName = `backup-${name}`, undoName = `undo-${name}`) {
  return {
    backup: { file: `${backupName}.ps1`, args: BackupDirArgs, facts: backup },
    apply: { file: `fix-${name}.ps1`, args: withBackup(backup), facts: ChangedSchema },
    undo: { file: `${undoName}.ps1`, args: withBackup(backup), facts: UndoFactsSchema },
  };
}
