import type { Target } from '../../shared/target';
import type { ScriptArgs, ScriptId } from '../../shared/catalog/scripts';
import type { ProbeReport } from '../../shared/probe-facts';
import type { ProbeOptions } from './probe/probe';
import type { ElevationPrompt, JournalEntry } from '../../shared/results';
import type { FixId } from '../../shared/catalog/fixes';
import type { RevertAfter } from '../../shared/catalog/script-def';
import type { FixScriptFile, RemoteConnectOutcome, RemoteStatus } from '../../shared/remote';
import type { ServerLocator } from './server-place/locator';
import type { ScriptTexts } from './remote/script-texts';

// Where it always was, for the modules and tests that import it from here.
export { WindowsError } from './windows-error';

/**
 * The ports the handler table runs over. Real adapters: node-powershell, Node's dns/net, the
 * file system. Test adapters: a simulated Windows machine, loopback servers, a temp folder.
 */

export interface RunOptions {
  /** Fixes need an administrator; read-only checks never ask for one. */
  elevated: boolean;
  timeoutMs?: number;
  /** The computer the script is about (its catalog side). */
  side?: 'client' | 'server';
  /**
   * Where a server-side run goes, as the ServerLocator decided: this computer (it is the server)
   * or the remoting session. A server-side run without it is refused: never this computer by default.
   */
  where?: 'here' | 'remoting';
  /**
   * The journal id of the change a fix's backup, apply or undo script belongs to. The elevated
   * helper finds that change's backup folder and backup from it alone.
   */
  backupId?: string;
}

export interface BatchOptions {
  /**
   * Fix scripts that weaken security the user confirmed for this batch: the administrator helper
   * runs one only when its start arguments (shown in the prompt) named it.
   */
  allowWeakening?: readonly ScriptId[];
}

export interface WindowsPort {
  /** "simulated: <scenario>", "windows" or "unavailable": shown in the About line and reports. */
  readonly description: string;
  /** Runs one catalog script; resolves with its facts (not yet schema-checked) or throws WindowsError. */
  run<S extends ScriptId>(script: S, args: ScriptArgs<S>, options: RunOptions): Promise<unknown>;
  /**
   * Runs `work` so that every elevated run inside it shares one administrator session: one UAC
   * prompt for a batch of fixes. Ports without a separate elevated session leave it out.
   */
  batch?<T>(work: () => Promise<T>, options?: BatchOptions): Promise<T>;
  /**
   * What the administrator prompt will show when the next batch asks for one, allowing these
   * security-weakening fix scripts; ports without a prompt of their own leave it out.
   */
  promptPreview?(allowWeakening: readonly ScriptId[]): Promise<ElevationPrompt>;
  /**
   * The remote computer a run with these options would reach, or null for this computer. The
   * journal records it, so an undo replays on the computer the change was made on.
   */
  computerFor?(options: RunOptions): string | null;
  /**
   * The folder a backup script run with these options writes to, given the folder the app chose
   * for the change (`appDir`, its journal id last): the same folder, unless the port puts it
   * elsewhere (the administrator helper's own store, the server's %ProgramData% over remoting).
   * Null where it cannot be known before the run. Ports that pass `appDir` on leave it out.
   */
  backupDirFor?(appDir: string, options: RunOptions): string | null;
}

/** The network and handshake tiers: the probe (DNS, TCP per address, X.224, TLS) in Node. */
export interface NetworkPort {
  probe(host: string, options: ProbeOptions): Promise<ProbeReport>;
}

export interface Clock {
  now(): Date;
}

export interface JournalStore {
  load(): Promise<JournalEntry[]>;
  /** Durable before it resolves: the journal is written ahead of every change. */
  save(entries: JournalEntry[]): Promise<void>;
  /** What the last load() had to do about a damaged journal, in words for the user; else null. */
  notice?(): string | null;
  /**
   * Runs a load-modify-save with the journal locked against every other writer, other processes
   * included (a second app instance, a crashed one's leftovers). Stores only one process can
   * reach leave it out.
   */
  locked?<T>(work: () => Promise<T>): Promise<T>;
}

/** A log file for support: channel names, outcomes and ids only, never payloads or secrets. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What the desktop offers beyond PowerShell: starting mstsc, showing the log file. */
export interface DesktopPort {
  launchRemoteDesktop(target: Target): Promise<void>;
  /** Reveals the log file in Explorer (or the platform's file manager); returns its path. */
  showLog(): Promise<string>;
  /** Writes a new file in the user's Downloads folder (never over one) and returns its path. */
  saveFile(fileName: string, text: string): Promise<string>;
  /** Shows a file in Explorer, selected. */
  reveal(path: string): void;
}

/**
 * Helpdesk's PowerShell remoting session to the server, as the handlers use it (RemoteService is
 * the real one). Declared here, not imported from remote/: the ports sit at the bottom of the main
 * process, and remote/ builds on them.
 */
export interface RemotePort {
  /** The session's WindowsPort while connected (server-side runs go there); null when not. */
  active(): WindowsPort | null;
  connect(request: { host: string; username: string; password: string }): Promise<RemoteConnectOutcome>;
  disconnect(): Promise<RemoteStatus>;
  status(): RemoteStatus;
  /** The generated fix and check script for the server (-Report). */
  makeFixScript(fixIds: readonly FixId[], target: Target, revertAfterMinutes?: RevertAfter): FixScriptFile;
  /** The shipped scripts' texts, as the generated script embeds them. */
  scriptTexts(): ScriptTexts;
}

export interface Ports {
  windows: WindowsPort;
  network: NetworkPort;
  clock: Clock;
  journal: JournalStore;
  /** Folder where fixes put their backups (reg exports, certificates, ACLs). */
  backupDir: string;
  /**
   * A path on a computer the scripts ran on, as the user is shown it. Only the simulation sets
   * it: its computers' folders stand for Windows paths (C:\...); everywhere else a path is shown
   * as it is.
   */
  shownPath?(text: string): string;
  /** Absolute path of a script file under the shipped assets/scripts folder. */
  scriptPath(file: string): string;
  version: string;
  platform: string;
  scenarios: string[];
  /** Where the server is: this computer, a remoting session, its report, or nowhere here. */
  servers: ServerLocator;
  /** Helpdesk's PowerShell remoting session and fix scripts for the server; absent in some tests. */
  remote?: RemotePort;
  desktop?: DesktopPort;
  log?: Logger;
  /** Ends what the ports keep running (PowerShell sessions) when the app quits. */
  dispose?(): Promise<void>;
}
