import { z } from 'zod';
import { TargetSchema, AudienceSchema } from './target';
import { fixIds, type FixId } from './catalog/fixes';
import type { Channel } from './ipc-channels';
import type {
  AppInfo,
  ErrorInfo,
  FixOutcome,
  FixPreview,
  JournalEntry,
  ScanProgress,
  ScanResult,
  UndoOutcome,
} from './results';

/**
 * The one IPC contract (after GitHub Desktop's ipc-shared.ts): each channel maps to the schema of
 * its request and the type of its response. The renderer can name a check or fix only by id;
 * nothing it sends is ever script text.
 */

const FixIdSchema = z.enum(fixIds as [FixId, ...FixId[]]);
const JournalIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a journal entry id');

export const requestSchemas = {
  getAppInfo: z.object({}).strict(),
  runScan: z.object({ target: TargetSchema, audience: AudienceSchema }).strict(),
  cancelScan: z.object({ scanId: z.string().max(64) }).strict(),
  previewFix: z.object({ fixId: FixIdSchema, target: TargetSchema }).strict(),
  applyFix: z
    .object({ fixId: FixIdSchema, target: TargetSchema, confirmedSecurityChange: z.boolean().optional() })
    .strict(),
  undoFix: z.object({ journalId: JournalIdSchema }).strict(),
  listJournal: z.object({}).strict(),
} as const satisfies Record<Channel, z.ZodType>;

export interface Responses {
  getAppInfo: AppInfo;
  runScan: ScanResult;
  cancelScan: { cancelled: boolean };
  previewFix: FixPreview;
  applyFix: FixOutcome;
  undoFix: UndoOutcome;
  listJournal: JournalEntry[];
}

export { channels, eventNames, ipcChannel, API_GLOBAL, type Channel, type EventName } from './ipc-channels';
export type RequestOf<C extends Channel> = z.infer<(typeof requestSchemas)[C]>;
export type ResponseOf<C extends Channel> = Responses[C];

/** Every answer crosses the bridge as an envelope: Electron's own rejection text is unreadable. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Events pushed from main to the renderer. */
export interface Events {
  scanProgress: ScanProgress;
}

/** What the preload exposes as window.rdpDoctor: one named method per channel, one per event. */
export type RdpDoctorApi = {
  [C in Channel]: (request: RequestOf<C>) => Promise<Envelope<ResponseOf<C>>>;
} & {
  onScanProgress(listener: (event: ScanProgress) => void): () => void;
};
