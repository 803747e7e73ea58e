import type { ScriptArgs, ScriptId } from '../../../shared/catalog/scripts';
import type { ElevationPrompt } from '../../../shared/results';
import type { BatchOptions, RunOptions, WindowsPort } from '../ports';
import { WindowsError } from '../windows-error';

/** Where server-side runs go while helpdesk is connected to the server; null when not. */
export interface RemoteSource {
  active(): WindowsPort | null;
}

/**
 * The WindowsPort the handlers use. Client-side runs go to this computer. A server-side run goes
 * where its caller says the server is (RunOptions.where, from the ServerLocator): this computer
 * when it is the server, or the remoting session. Without that, it is refused: the server is
 * another computer, and this one's settings are not its settings.
 */
export class RoutingWindows implements WindowsPort {
  /** The administrator prompt is this computer's: remote runs ask for none. */
  readonly promptPreview?: (allowWeakening: readonly ScriptId[]) => Promise<ElevationPrompt>;

  constructor(
    readonly local: WindowsPort,
    private readonly remote: RemoteSource,
  ) {
    const preview = local.promptPreview?.bind(local);
    if (preview) this.promptPreview = preview;
  }

  get description(): string {
    const remote = this.remote.active();
    return remote ? `${this.local.description}; server checks: ${remote.description}` : this.local.description;
  }

  /** The port a run with these options goes to. */
  portFor(options: RunOptions): WindowsPort {
    if (options.side !== 'server' || options.where === 'here') return this.local;
    const remote = options.where === 'remoting' ? this.remote.active() : null;
    if (remote) return remote;
    throw new WindowsError(
      'unavailable',
      options.where === 'remoting'
        ? 'The PowerShell remoting session to the server has ended. Connect again to run this there.'
        : 'This runs on the server, and RDP Doctor is not running there or connected to it.',
    );
  }

  computerFor(options: RunOptions): string | null {
    if (options.side !== 'server' || options.where !== 'remoting') return null;
    const port = this.remote.active();
    return port ? ((port as { target?: { host: string } }).target?.host ?? port.description) : null;
  }

  async run<S extends ScriptId>(script: S, args: ScriptArgs<S>, options: RunOptions): Promise<unknown> {
    return this.portFor(options).run(script, args, options);
  }

  /** Where the port a run with these options goes to puts its backup; null where none would take it. */
  backupDirFor(appDir: string, options: RunOptions): string | null {
    let port: WindowsPort;
    try {
      port = this.portFor(options);
    } catch {
      return null;
    }
    return port.backupDirFor ? port.backupDirFor(appDir, options) : appDir;
  }

  /** One administrator prompt per batch on this computer; remote runs need none. */
  batch<T>(work: () => Promise<T>, options?: BatchOptions): Promise<T> {
    return this.local.batch ? this.local.batch(work, options) : work();
  }
}
