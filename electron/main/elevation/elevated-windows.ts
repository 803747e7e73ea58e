import { randomBytes, randomUUID } from 'node:crypto';
import { scripts, type ScriptArgs, type ScriptId } from '../../../shared/catalog/scripts';
import { WindowsError, type RunOptions, type WindowsPort } from '../ports';
import { encodeArgs } from '../powershell/literal';
import { isElevatedScript } from './allow-list';
import { HelperListener, type HelperConnection } from './helper-connection';
import type { HelperLauncher } from './launcher';

export interface ElevatedWindowsOptions {
  /** Read-only checks run here, in the user's own unelevated session. */
  unelevated: WindowsPort;
  launcher: HelperLauncher;
  /** The listening address for a pipe name: \\.\pipe\<name> on Windows, a socket file in tests. */
  pipePath(name: string): string;
  backupRoot: string;
  /** How long the helper may take to connect once Start-Process returned. */
  connectTimeoutMs?: number;
  onProgress?: (message: string) => void;
}

const FIX_TIMEOUT_MS = 120_000;

export const windowsPipePath = (name: string) => `\\\\.\\pipe\\${name}`;

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
    try {
      const connection = await this.connection();
      return await connection.request(script, encodeArgs(parsed.data), options.timeoutMs ?? FIX_TIMEOUT_MS);
    } finally {
      if (this.depth === 0) await this.closeHelper();
    }
  }

  async batch<T>(work: () => Promise<T>): Promise<T> {
    this.depth += 1;
    try {
      return await work();
    } finally {
      this.depth -= 1;
      if (this.depth === 0) await this.closeHelper();
    }
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
    const pipeName = `rdp-doctor-${randomUUID()}`;
    const token = randomBytes(32).toString('hex');
    const listener = await HelperListener.open(this.options.pipePath(pipeName), token, this.options.onProgress);
    this.launches += 1;
    try {
      await this.options.launcher.launch({ pipeName, token, backupRoot: this.options.backupRoot });
    } catch (err) {
      listener.close();
      throw err;
    }
    return listener.accept(this.options.connectTimeoutMs ?? 30_000);
  }

  private async closeHelper(): Promise<void> {
    const helper = this.helper;
    this.helper = null;
    const connection = await helper?.catch(() => null);
    connection?.close();
  }
}
