import type { CheckId, FixId, Risk } from './catalog/types';
import type { Target, Audience } from './target';
import type { NetworkType } from './network-type';
import type { ServerPlace } from './server-place';

/** not-checked: a server check that did not run because RDP Doctor is not on the server. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'unavailable' | 'skipped' | 'error' | 'not-checked';

/** Every failure that can reach the screen has a kind the UI words plainly, and a message. */
export type ErrorKind =
  | 'bad-request'
  | 'untrusted-sender'
  | 'unavailable'
  | 'timeout'
  | 'crashed'
  | 'script-error'
  | 'bad-json'
  | 'bad-facts'
  | 'cancelled'
  | 'not-found'
  | 'internal';

export interface ErrorInfo {
  kind: ErrorKind;
  message: string;
}

export interface CheckResult {
  checkId: CheckId;
  status: CheckStatus;
  /** One plain-English line about what was found. */
  summary: string;
  facts?: unknown;
  /** The exact PowerShell line, for helpdesk staff (checks that run a script). */
  command?: string;
  error?: ErrorInfo;
  durationMs: number;
  /** The computer this result is about, by name: this PC's, or the server's as the user typed it. */
  computer?: string;
}

export interface Evidence {
  checkId: CheckId;
  label: string;
  value: string;
}

type Likelihood = 'certain' | 'likely' | 'possible';

export interface Finding {
  id: string;
  title: string;
  /** For everyone: what is wrong and what to do, in words a home user knows (catalog/wording.ts). */
  plain: string;
  /** For helpdesk: registry paths, event ids, accounts, protocol names; behind "Technical details". */
  technical: string;
  /** Microsoft's article behind this cause (catalog/learn-more.ts), for "Learn more". */
  learnMore?: string;
  likelihood: Likelihood;
  /** Higher explains 0x904/0x7 better; findings are shown in descending order. */
  score: number;
  evidence: Evidence[];
  fixIds: FixId[];
  /** The probe's evidence from just now contradicts it: kept for the admin, never shown as the cause. */
  contradicted?: boolean;
  /** The computer it is about, by name (this PC's, or the server's as the user typed it). */
  computer?: string;
  /**
   * 'symptom': what the connection test showed, which no cause found on either computer explains
   * (its text says where to look). Absent for a cause.
   */
  kind?: 'symptom';
  /** Why it ranks where it does, in one sentence (diagnosis/rank.ts). */
  rankReason?: string;
}

export interface ScanRequest {
  target: Target;
  audience: Audience;
  /** Asked up front; orders and words the advice. Absent means 'home'. */
  networkType?: NetworkType;
  /** "I am on the computer people can't connect to": its server checks run here. */
  thisComputerIsServer?: boolean;
  /**
   * The error the user sees now, after a change ("A different error now": 0x204, 0x2407...).
   * Absent: the original 0x904 / 0x7. Main does not yet use it to rank the causes.
   */
  reportedError?: string;
}

/** One "Try connecting now" and the user's answer to "Did Remote Desktop connect?". */
export interface ConnectTry {
  at: string;
  answer: 'worked' | 'same-error' | 'different-error';
  /** The code the user typed with "A different error now". */
  code?: string;
}

export interface ScanResult {
  scanId: string;
  target: Target;
  startedAt: string;
  finishedAt: string;
  results: CheckResult[];
  findings: Finding[];
  /** This computer's name (the client). */
  thisComputer: string;
  /** Where the server's checks ran, if anywhere. */
  server: ServerPlace;
}

export interface ScanProgress {
  scanId: string;
  checkId: CheckId;
  state: 'running' | 'done';
  result?: CheckResult;
}

export interface FixPreview {
  fixId: FixId;
  title: string;
  plain: string;
  changes: readonly string[];
  side: 'client' | 'server';
  /** The computer it changes, by name ("What will change on OFFICE-PC"). */
  computer: string;
  /**
   * Whether RDP Doctor can make this change from here: a server fix only when this computer is
   * the server or a remoting session to it is open. Otherwise `notHere` says what to do instead.
   */
  canApply: boolean;
  notHere?: string;
  needsAdmin: boolean;
  risk: readonly Risk[];
  undoPlain: string;
  /** The PowerShell lines that will run, in order, exactly as they will be sent. */
  commands: string[];
  /** What Windows' administrator prompt will show for this fix, when it asks for one here. */
  prompt?: ElevationPrompt;
  /**
   * A temporary fix: how long the user may choose to keep it before a scheduled task on that
   * computer puts it back (minutes; null: until they undo it), the first choice preselected.
   */
  revertChoices?: ReadonlyArray<15 | 60 | null>;
}

/**
 * The UAC prompt of the administrator helper, exactly as Windows will show it: said beforehand,
 * so the administrator can tell it from a prompt another program raises (docs/security.md).
 */
export interface ElevationPrompt {
  /** The program's name in the prompt ("Windows PowerShell"). */
  program: string;
  /** "Verified publisher" in the prompt ("Microsoft Windows"). */
  publisher: string;
  /** "Program location" under "Show more details": the program and its arguments, plain words. */
  commandLine: string;
}

/**
 * fixed: changed and its checks pass. not-fixed: changed, checks still fail (undo offered).
 * rolled-back: the change failed and the backup was put back. failed: nothing could be changed.
 */
type FixStatus = 'fixed' | 'not-fixed' | 'rolled-back' | 'failed' | 'cancelled';

export interface FixOutcome {
  fixId: FixId;
  journalId: string | null;
  status: FixStatus;
  message: string;
  changed: string[];
  verification: CheckResult[];
  /** The fix weakens security: the summary offers to put it back once the connection is tested. */
  revertAfterTest?: boolean;
  /** The computer it changed, by name, and when (ISO): the session's summary and report list both. */
  computer?: string;
  at?: string;
  /** A temporary change: when its scheduled task on that computer puts it back (ISO). */
  revertsAt?: string;
}

export interface UndoOutcome {
  journalId: string;
  restored: string[];
  message: string;
}

type JournalState = 'started' | 'backed-up' | 'applied' | 'verified' | 'not-verified' | 'rolled-back' | 'undone' | 'failed';

export interface JournalEntry {
  id: string;
  fixId: FixId;
  target: Target;
  state: JournalState;
  startedAt: string;
  updatedAt: string;
  backup: unknown;
  changed: string[];
  message: string;
  /** Fixes applied together under one administrator prompt share this id. */
  batchId?: string;
  /** The server it was changed on over PowerShell remoting; absent when changed on this computer. */
  ranOn?: string;
  /** The computer changed, by name (this PC's name, or the server's over remoting). */
  computer?: string;
  /** A security-weakening change still in place that the user was offered to revert after testing. */
  revertAfterTest?: boolean;
  /** A temporary change: the minutes the user chose before its scheduled task puts it back. */
  revertAfterMinutes?: 15 | 60;
  /** When that task puts it back (ISO), as the computer changed reported it. */
  revertsAt?: string;
  /** Undone by its scheduled task, not by the user (the app saw the task's outcome). */
  undoneBy?: 'timer';
}

/** "Restart now": the restart is scheduled on the computer the change was made on. */
export interface RestartOutcome {
  journalId: string;
  computer: string;
  /** Windows' notice runs this long before the restart. */
  inSeconds: number;
  /** What an administrator on that computer runs to call it off. */
  cancelCommand: string;
}

/**
 * "Cancel restart": the restart was called off on the computer told to restart, or none was
 * pending there any more (it began already, or someone else called it off).
 */
export interface CancelRestartOutcome {
  journalId: string;
  computer: string;
  cancelled: boolean;
}

/** What an interrupted fix can be told to do on the next start. */
export type ResolveAction = 'roll-back' | 'finish';

/** What the app shows at start: fixes a crash cut short, and weakened settings still in place. */
export interface PendingChanges {
  interrupted: JournalEntry[];
  awaitingRevert: JournalEntry[];
  /** Set when the journal file was damaged: what was recovered and where the damaged copy is. */
  notice: string | null;
}

export interface UndoAllOutcome {
  undone: UndoOutcome[];
  /** Changes that could not be undone, with the reason; the journal keeps them for another try. */
  failed: Array<{ journalId: string; fixId: FixId; message: string }>;
  message: string;
}

export interface AppInfo {
  version: string;
  platform: string;
  /** "simulated: <scenario>" when started with --simulate, "windows" or "unavailable" otherwise. */
  windowsBackend: string;
  scenarios: string[];
}
