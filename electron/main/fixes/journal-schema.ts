import { z } from 'zod';
import { fixIds, type FixId } from '../../../shared/catalog/fixes';
import { TargetSchema } from '../../../shared/target';
import type { JournalEntry } from '../../../shared/results';

/**
 * What a journal entry read back from disk must look like. The file is ours, but a disk, an
 * antivirus or a person may have changed it; an entry that does not fit is not trusted to undo
 * anything.
 */
const JournalEntrySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  fixId: z.enum(fixIds as [FixId, ...FixId[]]),
  target: TargetSchema,
  state: z.enum(['started', 'backed-up', 'applied', 'verified', 'not-verified', 'rolled-back', 'undone', 'failed']),
  startedAt: z.string(),
  updatedAt: z.string(),
  // Shown to the user, never trusted for an administrator fix: the elevated helper undoes from
  // the backup it keeps in its own admin-only store, found by this entry's id (docs/security.md).
  backup: z.unknown(),
  changed: z.array(z.string()),
  message: z.string(),
  batchId: z.string().optional(),
  ranOn: z.string().optional(),
  revertAfterTest: z.boolean().optional(),
  revertAfterMinutes: z.union([z.literal(15), z.literal(60)]).optional(),
  revertsAt: z.string().optional(),
  undoneBy: z.literal('timer').optional(),
}) satisfies z.ZodType<JournalEntry>;

/**
 * The complete top-level entries at the start of a journal that was cut short (a crash or a full
 * disk mid-write): the text up to the last entry whose closing brace made it to disk.
 */
export function salvageEntries(text: string): unknown[] {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let lastComplete = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 1 && ch === '}') lastComplete = i;
    }
  }
  if (lastComplete === -1 || !text.trimStart().startsWith('[')) return [];
  try {
    const parsed: unknown = JSON.parse(`${text.slice(0, lastComplete + 1)}]`);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** Keeps the entries that fit the schema; says how many did not. */
export function validEntries(items: unknown[]): { entries: JournalEntry[]; dropped: number } {
  const entries: JournalEntry[] = [];
  for (const item of items) {
    const parsed = JournalEntrySchema.safeParse(item);
    if (parsed.success) entries.push(parsed.data as JournalEntry);
  }
  return { entries, dropped: items.length - entries.length };
}
