import { z } from 'zod';
import { TargetSchema, AudienceSchema } from './target';
import { NetworkTypeSchema } from './network-type';
import { ReportedErrorSchema } from './reported-error';
import { SERVER_REPORT_MAX_CHARS, type ServerReportSummary } from './server-report';
import { fixIds, type FixId } from './catalog/fixes';
import { RevertAfterSchema } from './catalog/script-def';
import type { Channel } from './ipc-channels';
import { REPORT_EXTENSIONS, REPORT_MAX_CHARS, SaveBaseNameSchema, type ReportFormat, type SavedFile } from './saved-file';
import { DescribeCommandsRequestSchema, type CommandDescription } from './commands';
import { ConnectRemoteRequestSchema, serverFixIds, type FixScriptFile, type RemoteConnectOutcome, type RemoteStatus } from './remote';
import type {
  AppInfo,
  ErrorInfo,
  FixOutcome,
  FixPreview,
  JournalEntry,
  PendingChanges,
  RestartOutcome,
  CancelRestartOutcome,
  ScanProgress,
  ScanResult,
  UndoAllOutcome,
  UndoOutcome,
} from './results';

/**
 * The last attempt this computer's Remote Desktop logged: its disconnect reason in the canonical
 * form of shared/reported-error.ts ("0x904"; the log has no extended code) and the server it
 * tried. `last` is null when the log holds none (or is off: `logEnabled`).
 */
export interface LastDisconnect {
  logEnabled: boolean;
  last: { error: string; server: string | null; time: string } | null;
}

/**
 * The one IPC contract (after GitHub Desktop's ipc-shared.ts): each channel maps to the schema of
 * its request and the type of its response. The renderer can name a check or fix only by id;
 * nothing it sends is ever script text.
 */

const FixIdSchema = z.enum(fixIds as [FixId, ...FixId[]]);

/**
 * A .ps1 for the remote computer: server-side fix ids only, each at most once. With none, the
 * script only reports (-Report), for a server whose checks did not run from here.
 */
const FixScriptRequestSchema = z
  .object({
    fixIds: z
      .array(z.enum(serverFixIds as [FixId, ...FixId[]]))
      .max(serverFixIds.length)
      .refine((ids) => new Set(ids).size === ids.length, 'each fix at most once'),
    target: TargetSchema,
    /** The temporary fixes among them: minutes until the server's scheduled task puts each back (the script's default). */
    revertAfterMinutes: RevertAfterSchema.optional(),
  })
  .strict();
const JournalIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a journal entry id');

export const requestSchemas = {
  getAppInfo: z.object({}).strict(),
  /** networkType: absent means DEFAULT_NETWORK_TYPE ('home'); optional so older callers stay valid. */
  runScan: z
    .object({
      target: TargetSchema,
      audience: AudienceSchema,
      networkType: NetworkTypeSchema.optional(),
      thisComputerIsServer: z.boolean().optional(),
      reportedError: ReportedErrorSchema.optional(),
    })
    .strict(),
  cancelScan: z.object({ scanId: z.string().max(64) }).strict(),
  previewFix: z.object({ fixId: FixIdSchema, target: TargetSchema }).strict(),
  applyFix: z
    .object({
      fixId: FixIdSchema,
      target: TargetSchema,
      confirmedSecurityChange: z.boolean().optional(),
      /** A temporary fix: minutes until its scheduled task puts it back; null until the user undoes it. */
      revertAfterMinutes: RevertAfterSchema.optional(),
    })
    .strict(),
  undoFix: z.object({ journalId: JournalIdSchema }).strict(),
  listJournal: z.object({}).strict(),
  /** Several fixes under one administrator prompt; each id at most once, in the order given. */
  applyFixes: z
    .object({
      fixIds: z
        .array(FixIdSchema)
        .min(1)
        .max(fixIds.length)
        .refine((ids) => new Set(ids).size === ids.length, 'each fix at most once'),
      target: TargetSchema,
      confirmedSecurityChange: z.boolean().optional(),
      /** For each temporary fix in the batch: minutes until its scheduled task puts it back; absent or null, until undone. */
      revertAfterMinutes: RevertAfterSchema.optional(),
    })
    .strict(),
  undoAll: z.object({}).strict(),
  listInterrupted: z.object({}).strict(),
  resolveInterrupted: z.object({ journalId: JournalIdSchema, action: z.enum(['roll-back', 'finish']) }).strict(),
  /** The user tested the connection and keeps a security-weakening change: stop offering to revert. */
  keepChange: z.object({ journalId: JournalIdSchema }).strict(),
  /** Helpdesk's credentials for PowerShell remoting to the server; no answer ever echoes them. */
  connectRemote: ConnectRemoteRequestSchema,
  disconnectRemote: z.object({}).strict(),
  remoteStatus: z.object({}).strict(),
  makeFixScript: FixScriptRequestSchema,
  /** Starts mstsc on the target ("Try connecting now"): a validated host and port only. */
  launchRemoteDesktop: z.object({ target: TargetSchema }).strict(),
  showLog: z.object({}).strict(),
  /** The Remote Desktop client's own recent computers (its MRU list). */
  recentTargets: z.object({}).strict(),
  /** This computer's last Remote Desktop attempt, from its own log (the first step's "Read my last attempt"). */
  lastDisconnect: z.object({}).strict(),
  /**
   * The report the server's admin made with the fix script's -Report mode, as the file's text
   * (read by the renderer from a file the user chose). Validated strictly in main.
   */
  loadServerReport: z
    .object({
      target: TargetSchema,
      fileName: z.string().max(260),
      text: z
        .string()
        .max(SERVER_REPORT_MAX_CHARS, `The file is too large to be a server report (over ${SERVER_REPORT_MAX_CHARS / 1_000_000} MB).`),
    })
    .strict(),
  /** Readable PowerShell, undo and script text of one check or fix, named by id (helpdesk). */
  describeCommands: DescribeCommandsRequestSchema,
  /** The session report, written to Downloads under a name main completes with the format's extension. */
  saveReport: z
    .object({
      format: z.enum(Object.keys(REPORT_EXTENSIONS) as [ReportFormat, ...ReportFormat[]]),
      baseName: SaveBaseNameSchema,
      text: z.string().max(REPORT_MAX_CHARS, 'The report is too large to save.'),
    })
    .strict(),
  /** The fix script for the server (as makeFixScript), made and written to Downloads by main. */
  saveFixScript: FixScriptRequestSchema,
  /** "Open folder": shows a file main saved this session, named by the id it gave. */
  showSavedFile: z.object({ id: z.string().uuid() }).strict(),
  /** "Restart now" after a change that takes effect at startup: the computer it was made on. */
  restartComputer: z.object({ journalId: JournalIdSchema }).strict(),
  cancelRestart: z.object({ journalId: JournalIdSchema }).strict(),
} as const satisfies Record<Channel, z.ZodType>;

interface Responses {
  getAppInfo: AppInfo;
  runScan: ScanResult;
  cancelScan: { cancelled: boolean };
  previewFix: FixPreview;
  applyFix: FixOutcome;
  undoFix: UndoOutcome;
  listJournal: JournalEntry[];
  applyFixes: FixOutcome[];
  undoAll: UndoAllOutcome;
  listInterrupted: PendingChanges;
  resolveInterrupted: FixOutcome;
  keepChange: JournalEntry;
  connectRemote: RemoteConnectOutcome;
  disconnectRemote: RemoteStatus;
  remoteStatus: RemoteStatus;
  makeFixScript: FixScriptFile;
  launchRemoteDesktop: { started: true };
  showLog: { path: string };
  recentTargets: { targets: string[] };
  lastDisconnect: LastDisconnect;
  loadServerReport: ServerReportSummary;
  describeCommands: CommandDescription;
  saveReport: SavedFile;
  saveFixScript: SavedFile;
  showSavedFile: { shown: true };
  restartComputer: RestartOutcome;
  cancelRestart: CancelRestartOutcome;
}

export { channels, ipcChannel, type Channel, type EventName } from './ipc-channels';
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
