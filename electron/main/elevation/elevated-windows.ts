import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, win32 } from 'node:path';
import { scripts, type ScriptArgs, type ScriptId } from '../../../shared/catalog/scripts';
import type { ElevationPrompt } from '../../../shared/results';
import type { BatchOptions, RunOptions, WindowsPort } from '../ports';
import { WindowsError } from '../windows-error';
import { encodeArgs } from '../powershell/literal';
import { isElevatedScript, weakeningScriptIds } from './allow-list';
import { connectToHelper, type HelperConnection } from './helper-connection';
import type { HelperLauncher, HelperStart } from './launcher';

export interface ElevatedWindowsOptions {
  /** Read-only checks run here, in the user's own unelevated session. */
  unelevated: WindowsPort;
  launcher: HelperLauncher;
  /** The address of the helper's pipe: \\.\pipe\<name> on Windows, .NET's socket file elsewhere (tests). */
  pipePath(name: string): string;
  /** The process the helper accepts as its only client; this process unless a test says otherwise. */
  appPid?: number;
  /** How long the helper may take to connect once Start-Process returned. */
  connectTimeoutMs?: number;
  onProgress?: (message: string) => void;
  /**
   * %ProgramData%, where the helper keeps its store ([Environment]::GetFolderPath
   * ('CommonApplicationData') in lib/admin-store.ps1: the same known folder); default this
   * process's environment.
   */
  programData?: string | undefined;
}

const FIX_TIMEOUT_MS = 120_000;

export const windowsPipePath = (name: string) => `\\\\.\\pipe\\${name}`;
/** Where .NET puts a named pipe on Linux and macOS: a Unix socket in the temp folder. */
export const dotnetUnixPipePath = (name: string) => join(tmpdir(), `CoreFxPipe_${name}`);

/** Journal entry ids (crypto.randomUUID): the helper derives the backup folder from nothing else. */
const BACKUP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Arguments the helper makes itself from the backup id; the app never sends them. */
const DERIVED_BY_HELPER = new Set(['backupDir', 'backup']);

/**
 * The WindowsPort of an app that runs unelevated: checks go to the normal session, fixes to an
 * elevated helper started on demand. Inside batch() the helper (and so the UAC prompt) is shared
 * by every fix; outside, each elevated run starts and ends its own.
 */
export class ElevatedWindows implements WindowsPort {
  readonly description: string;
  /** How many helpers were started, which is how many UAC prompts the user saw. */
  launches = 0;
  private helper: Promise<HelperConnection> | null = null;
  /** The weakening scripts the running helper was started to allow (its prompt named them). */
  private helperAllows: ReadonlySet<string> = new Set();
  /** Weakening scripts the current batch was given, for the helper it starts. */
  private batchAllows = new Set<ScriptId>();
  /** The pipe name and token the last preview showed: the next helper starts with exactly those. */
  private reserved: Pick<HelperStart, 'pipeName' | 'token'> | null = null;
  private depth = 0;

  constructor(private readonly options: ElevatedWindowsOptions) {
    this.description = options.unelevated.description;
  }

  async run<S extends ScriptId>(script: S, args: ScriptArgs<S>, options: RunOptions): Promise<unknown> {
    if (!options.elevated) return this.options.unelevated.run(script, args, options);
    // Checked here as well as in the helper: a refusal is cheaper before the UAC prompt.
    if (!isElevatedScript(script)) throw new WindowsError('bad-request', `${script} may not run as administrator.`);
    const parsed = scripts[script].args.safeParse(args);
    if (!parsed.success) throw new WindowsError('bad-request', `The arguments for ${script} are not valid.`);
    const backupId = options.backupId ?? '';
    if (!BACKUP_ID.test(backupId)) throw new WindowsError('bad-request', `${script} needs the journal id of its change.`);
    const rest = Object.fromEntries(Object.entries(parsed.data as object).filter(([name]) => !DERIVED_BY_HELPER.has(name)));
    try {
      if (weakeningScriptIds.has(script) && !this.helperAllows.has(script)) {
        // The running helper's prompt did not name this weakening: a new one is started whose
        // prompt does (the helper would refuse it anyway).
        this.batchAllows.add(script);
        await this.closeHelper();
      }
      const connection = await this.connection();
      return await connection.request(
        script,
        backupId,
        Object.keys(rest).length ? encodeArgs(rest) : '',
        options.timeoutMs ?? FIX_TIMEOUT_MS,
      );
    } finally {
      if (this.depth === 0) await this.closeHelper();
    }
  }

  /**
   * An administrator's backup goes where the helper puts it, whatever the app would choose:
   * <%ProgramData%>\RDP Doctor\backups\<journal id> (Get-BackupFolder in lib/admin-store.ps1).
   */
  backupDirFor(appDir: string, options: RunOptions): string | null {
    if (!options.elevated) return this.options.unelevated.backupDirFor?.(appDir, options) ?? appDir;
    const programData = 'programData' in this.options ? this.options.programData : process.env.ProgramData;
    const backupId = options.backupId ?? '';
    if (!programData || !BACKUP_ID.test(backupId)) return null;
    return win32.join(programData, 'RDP Doctor', 'backups', backupId);
  }

  async batch<T>(work: () => Promise<T>, options: BatchOptions = {}): Promise<T> {
    this.depth += 1;
    for (const script of options.allowWeakening ?? []) if (weakeningScriptIds.has(script)) this.batchAllows.add(script);
    try {
      return await work();
    } finally {
      this.depth -= 1;
      if (this.depth === 0) {
        this.batchAllows.clear();
        await this.closeHelper();
      }
    }
  }

  /**
   * Exactly what the next administrator prompt will show, for a batch allowing these weakening
   * scripts: the helper's own describe mode builds the command line it will launch with, and the
   * pipe name and token shown are reserved for that launch.
   */
  async promptPreview(allowWeakening: readonly ScriptId[]): Promise<ElevationPrompt> {
    if (!this.options.launcher.describe) throw new WindowsError('unavailable', 'This launcher cannot say what its prompt shows.');
    this.reserved ??= { pipeName: `rdp-doctor-${randomUUID()}`, token: randomBytes(32).toString('hex') };
    return this.options.launcher.describe({ ...this.reserved, appPid: this.appPid(), allowWeakening: sortedAllowed(allowWeakening) });
  }

  private appPid(): number {
    return this.options.appPid ?? process.pid;
  }

  private async connection(): Promise<HelperConnection> {
    if (this.helper) {
      const current = await this.helper.catch(() => null);
      // A helper that died mid-batch is replaced: the roll-back after it needs one too.
      if (current?.alive) return current;
    }
    const starting = this.start();
    this.helper = starting;
    try {
      return await starting;
    } catch (err) {
      if (this.helper === starting) this.helper = null;
      throw err;
    }
  }

  private async start(): Promise<HelperConnection> {
    // A token is good for one helper: the reserved pair is used once, then forgotten.
    const { pipeName, token } = this.reserved ?? { pipeName: `rdp-doctor-${randomUUID()}`, token: randomBytes(32).toString('hex') };
    this.reserved = null;
    const allowWeakening = sortedAllowed([...this.batchAllows]);
    this.helperAllows = new Set(allowWeakening);
    this.launches += 1;
    const { processId } = await this.options.launcher.launch({ pipeName, token, appPid: this.appPid(), allowWeakening });
    return connectToHelper(
      this.options.pipePath(pipeName),
      token,
      processId,
      this.options.connectTimeoutMs ?? 30_000,
      this.options.onProgress,
    );
  }

  private async closeHelper(): Promise<void> {
    const helper = this.helper;
    this.helper = null;
    this.helperAllows = new Set();
    const connection = await helper?.catch(() => null);
    connection?.close();
  }
}

/** The weakening scripts a helper may run, in one order, so a preview and its launch agree. */
const sortedAllowed = (scripts: readonly ScriptId[]): ScriptId[] => [...new Set(scripts.filter((s) => weakeningScriptIds.has(s)))].sort();
