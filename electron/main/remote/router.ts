import type { ScriptArgs, ScriptId } from '../../../shared/catalog/scripts';
import type { RunOptions, WindowsPort } from '../ports';

/** Where server-side runs go while helpdesk is connected to the server; null when not. */
export interface RemoteSource {
  active(): WindowsPort | null;
}

/**
 * The WindowsPort the handlers use: every run goes to this computer's port, except runs of
 * server-side scripts while a PowerShell remoting session is active, which go to the server.
 * Without a session, server-side scripts run here, as when RDP Doctor runs on the server itself.
 */
export class RoutingWindows implements WindowsPort {
  constructor(
    readonly local: WindowsPort,
    private readonly remote: RemoteSource,
  ) {}

  get description(): string {
    const remote = this.remote.active();
    return remote ? `${this.local.description}; server checks: ${remote.description}` : this.local.description;
  }

  /** The port a run with these options goes to. */
  portFor(options: RunOptions): WindowsPort {
    return options.side === 'server' ? (this.remote.active() ?? this.local) : this.local;
  }

  computerFor(options: RunOptions): string | null {
    const port = this.portFor(options);
    return port === this.local ? null : ((port as { target?: { host: string } }).target?.host ?? port.description);
  }

  run<S extends ScriptId>(script: S, args: ScriptArgs<S>, options: RunOptions): Promise<unknown> {
    return this.portFor(options).run(script, args, options);
  }

  /** One administrator prompt per batch on this computer; remote runs need none. */
  batch<T>(work: () => Promise<T>): Promise<T> {
    return this.local.batch ? this.local.batch(work) : work();
  }
}
