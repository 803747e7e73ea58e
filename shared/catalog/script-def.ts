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
export const ChangedSchema = z.object({ changed: z.array(z.string()) });
export const UndoFactsSchema = z.object({ restored: z.array(z.string()) });
