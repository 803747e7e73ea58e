import type { Audience, Target } from '../../../shared/target';
import type { NetworkType } from '../../../shared/network-type';
import type { CheckId } from '../../../shared/catalog/checks';
import type { FixId } from '../../../shared/catalog/fixes';
import type { RevertAfter } from '../../../shared/catalog/script-def';
import type {
  CheckResult,
  ConnectTry,
  ErrorInfo,
  FixOutcome,
  FixPreview,
  JournalEntry,
  PendingChanges,
  ResolveAction,
  RestartOutcome,
  ScanResult,
  UndoAllOutcome,
  UndoOutcome,
} from '../../../shared/results';
import type { SavedFile, ReportFormat } from '../../../shared/saved-file';
import type { RemoteConnectOutcome, RemoteStatus } from '../../../shared/remote';
import type { ServerReportSummary } from '../../../shared/server-report';
import type { DescribeCommandsRequest, CommandDescription } from '../../../shared/commands';
import type { Envelope, LastDisconnect } from '../../../shared/ipc-contract';

/*
 * The store's shape: each slice's fields and actions, and the whole store they make. The slice
 * files make them (<name>-slice.ts); the shapes live here, below them all, so that a slice can read
 * the whole store without the store's file and the slices' files importing each other.
 */

/** What a scan is asked for: the parsed target and how to word and order what it finds. */
export interface ScanRequest {
  target: Target;
  audience: Audience;
  networkType: NetworkType;
  thisComputerIsServer: boolean;
}

export interface TargetSlice {
  hostText: string;
  portText: string;
  /** Derived from `showTechnical` (helpdesk = technical details on): main still receives an audience. */
  audience: Audience;
  /** "Show technical details": a switch remembered across launches, not a question each time. */
  showTechnical: boolean;
  setShowTechnical(v: boolean): void;
  /** How this computer reaches the server: orders and words the advice. */
  networkType: NetworkType;
  /** The user chose the network type (not the default): an inferred one is then only mentioned, never offered. */
  networkTypeChosen: boolean;
  /** "I am on the computer people can't connect to": its server checks run here. */
  thisComputerIsServer: boolean;
  /** Errors are shown only after the first attempt to start, not while typing. */
  attempted: boolean;
  setHostText(v: string): void;
  setPortText(v: string): void;
  setAudience(v: Audience): void;
  setNetworkType(v: NetworkType): void;
  setThisComputerIsServer(v: boolean): void;
  /** The Remote Desktop client's recent computers, offered as suggestions (empty off Windows). */
  recentTargets: string[];
  loadRecentTargets(): Promise<void>;
  /** The error Remote Desktop showed, as typed or pasted (shared/reported-error-text.ts reads it); empty means 0x904 / 0x7. */
  errorText: string;
  setErrorText(v: string): void;
  /** "Read my last attempt": this computer's Remote Desktop log; the step shows the error itself. */
  readLastAttempt(): Promise<Envelope<LastDisconnect>>;
  /** The user asked to start: errors show from now on; the scan to run, or null when the input is not valid. */
  submitTarget(): ScanRequest | null;
  /** The helpdesk ticket number, typed on the summary: it goes into the report. */
  ticketText: string;
  setTicketText(v: string): void;
  /** Start over: the answers about the last computer go; what was typed and the preferences stay. */
  resetTarget(): void;
}

export interface ScanSlice {
  scanId: string | null;
  /** Per check: running now, or its result; absent means not started yet. */
  progress: Partial<Record<CheckId, 'running' | CheckResult>>;
  /** When the running scan started (ms), for "about 20 s left". */
  scanStartedMs: number | null;
  scan: ScanResult | null;
  scanError: ErrorInfo | null;
  /**
   * The error code the user saw after a change ("A different error now"): sent with the next scans
   * of this computer and shown with its findings and in the report. Null: the original 0x904 / 0x7.
   */
  reportedError: string | null;
  /** Every "Try connecting now" to this computer and what the user answered, oldest first. */
  connectTries: ConnectTry[];
  recordConnectTry(t: Omit<ConnectTry, 'at'>): void;
  /**
   * Runs one scan, streaming its progress; the result, or null when it failed (scanError says
   * why). A new scan keeps the code the user reported unless given another.
   */
  runScan(request: ScanRequest, reportedError?: string): Promise<ScanResult | null>;
  cancelScan(): Promise<void>;
  /** Start over: nothing of the last computer's diagnosis stays (its code and tries included). */
  resetScan(): void;
}

export interface FixSlice {
  preview: FixPreview | null;
  /** outcomes.length when the preview opened: the fix step shows only what happened since. */
  previewFrom: number;
  /** What "Undo all" will touch, read from the journal before asking: every change, any session. */
  undoAllPlan: JournalEntry[] | null;
  planUndoAll(): Promise<void>;
  cancelUndoAll(): void;
  fixBusy: boolean;
  fixError: ErrorInfo | null;
  /** Every fix applied in this session, newest last: the summary lists them with their undo. */
  outcomes: FixOutcome[];
  undone: Record<string, UndoOutcome>;
  /** What the journal holds that needs a decision: interrupted fixes, weakened settings. */
  pending: PendingChanges | null;
  /** What became of each interrupted fix or weakened setting the user decided about, by journal id. */
  resolved: Record<string, { kind: 'rolled-back' | 'finished' | 'reverted' | 'kept'; fixId: FixId | null; message: string }>;
  undoAllResult: UndoAllOutcome | null;
  /** What the confirmed "Undo all" left as it is because it cannot be undone: said with its result. */
  undoAllLeftOut: JournalEntry[];
  /** Shows what a fix will change on the scanned target (the fix step opens it). */
  loadPreview(fixId: FixId): Promise<void>;
  /** revertAfterMinutes: a temporary fix's choice in the preview (how long until it puts itself back). */
  applyFix(confirmedSecurityChange: boolean, revertAfterMinutes?: RevertAfter): Promise<void>;
  /** Several fixes under one administrator prompt; revertAfterMinutes goes to the temporary ones. */
  applyFixes(fixIds: FixId[], confirmedSecurityChange: boolean, revertAfterMinutes?: RevertAfter): Promise<void>;
  undoFix(journalId: string): Promise<void>;
  /** Reads the journal again once a temporary change's time is up: one its timer put back shows as undone. */
  settleTimers(): Promise<void>;
  undoAll(): Promise<void>;
  loadPending(): Promise<void>;
  resolveInterrupted(journalId: string, action: ResolveAction): Promise<void>;
  /** The user tested the connection: put the weakened setting back, or keep it. */
  decideRevert(journalId: string, revert: boolean): Promise<void>;
  /**
   * Per change that needs a restart: scheduled (with when and where), 'later', or called off
   * ('cancelled'; 'none-pending' when there was no restart left to call off).
   */
  restarts: Record<string, RestartOutcome | 'later' | 'cancelled' | 'none-pending'>;
  restartComputer(journalId: string): Promise<void>;
  /** "Cancel restart": shutdown.exe /a on the computer that was told to restart. */
  cancelRestart(journalId: string): Promise<void>;
  restartLater(journalId: string): void;
  /**
   * Start over: the open preview and its errors go. The session's changes stay (outcomes, undone,
   * decisions, restarts): the summary and "Undo all" list every change, whichever computer it was.
   */
  resetFix(): void;
}

/**
 * The remote computer: helpdesk's PowerShell remoting session and the fix script for the server.
 * The password is never kept here: the form holds it only until it is sent.
 */
export interface RemoteSlice {
  /** What the connect form shows; empty means "the scanned target". */
  remoteHost: string;
  remoteUser: string;
  remoteStatus: RemoteStatus | null;
  /** The last connect attempt: connected, or why not and what to do. */
  remoteOutcome: RemoteConnectOutcome | null;
  remoteBusy: boolean;
  remoteError: ErrorInfo | null;
  /** The fixes chosen for the fix script; null means the ones the findings suggest. */
  scriptFixIds: FixId[] | null;
  scriptBusy: boolean;
  scriptError: ErrorInfo | null;
  setRemoteHost(v: string): void;
  setRemoteUser(v: string): void;
  setScriptFixIds(ids: FixId[]): void;
  refreshRemoteStatus(): Promise<void>;
  connectRemote(password: string): Promise<void>;
  disconnectRemote(): Promise<void>;
  /**
   * Has main make the script for the server and save it in Downloads; resolves with where it is,
   * or null when it could not be made (scriptError says why). fixIds empty: the check-only script.
   * revertAfterMinutes: the temporary fixes' time, the script's default (absent: only -Undo).
   */
  saveFixScript(fixIds: FixId[], revertAfterMinutes?: RevertAfter): Promise<SavedFile | null>;
  /** The server's report opened last, or why the file was refused. */
  serverReport: ServerReportSummary | null;
  reportError: ErrorInfo | null;
  /** Reads the file the user chose and hands it to main to validate; true when main took it. */
  loadServerReport(file: File): Promise<boolean>;
  /**
   * Start over: the fix script's choice and the server's report go. The remoting session stays
   * (it lives in main until disconnected), and so does what the connect form says.
   */
  resetRemote(): void;
}

/**
 * What the app asks of main that answers one view and keeps nothing in the store: the log's
 * folder, a saved file's folder, Remote Desktop started on the scanned computer, and the commands
 * a check or fix runs. Each answers with main's envelope: the view shows the value or the error.
 */
export interface DesktopSlice {
  /** Opens the folder with RDP Doctor's log; the log file's path. */
  showLog(): Promise<Envelope<string>>;
  /** Opens the folder of a file RDP Doctor saved, named by the id main gave it (never a path). */
  showSavedFile(id: string): Promise<Envelope<{ shown: true }>>;
  /** Starts Remote Desktop on the scanned computer ("Try connecting now"). */
  launchRemoteDesktop(): Promise<Envelope<{ started: true }>>;
  /** What a check or fix runs, asked by id (the renderer never holds script text of its own). */
  describeCommands(request: DescribeCommandsRequest): Promise<Envelope<CommandDescription>>;
}

export type Step = 'target' | 'scan' | 'findings' | 'fix' | 'summary';

/**
 * The session: which step is showing, and every action that spans slices. These only move the
 * step and call the other slices' own actions, so each slice alone writes its state.
 */
export interface SessionSlice {
  step: Step;
  goTo(step: Step): void;
  /** Another computer, or the same one afresh: each slice puts back what it holds about one diagnosis. */
  startOver(): void;
  /** Scans what the target step holds; lands on the findings, or stays on the scan with its error. */
  startScan(options?: { reportedError?: string }): Promise<void>;
  openFix(fixId: FixId): Promise<void>;
  /** Takes the server's report the user chose and, when main accepts it, runs the diagnosis again. */
  openServerReport(file: File): Promise<void>;
  /** The session's report (findings, changes, tries), saved in Downloads as HTML or JSON. */
  saveReport(format: ReportFormat): Promise<Envelope<SavedFile>>;
  /** A few lines of the session's report, for a ticket. */
  reportSummary(): Promise<Envelope<string>>;
}

/** The whole store: every slice's fields. */
export type WizardState = TargetSlice & ScanSlice & FixSlice & RemoteSlice & DesktopSlice & SessionSlice;
