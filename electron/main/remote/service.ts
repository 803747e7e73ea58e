import { z } from 'zod';
import { getFix, type FixId } from '../../../shared/catalog/fixes';
import { conflictAmong } from '../../../shared/catalog/fix-conflicts';
import type { RevertAfter } from '../../../shared/catalog/script-def';
import type { FixScriptFile, RemoteConnectOutcome, RemoteStatus } from '../../../shared/remote';
import type { Target } from '../../../shared/target';
import type { RemotePort, WindowsPort } from '../ports';
import { WindowsError } from '../windows-error';
import { parseScriptOutput, type ScriptSession } from '../powershell/script-runner';
import { CREDENTIAL_ENV, exposureNote, RemoteCredentials } from './credentials';
import { makeFixScript, MissingScriptError } from './fix-script';
import { RemoteWindows, remoteCommand, REMOTE_MIN_TIMEOUT_MS, type RemoteAction } from './remote-windows';
import type { RemoteSource } from './router';
import type { ScriptTexts } from './script-texts';
import { checkWinRmPorts, explainRemotingError, type Explanation, type ReachabilityDeps, type Transport } from './winrm';

/** A PowerShell process of its own for the remote computer, ended on disconnect. */
export interface RemoteSession extends ScriptSession {
  dispose(): Promise<void>;
}

export interface RemoteServiceDeps {
  /** process.platform: PowerShell remoting needs Windows on this side. */
  platform: string;
  /** Absolute path of assets/scripts/invoke-remote.ps1. */
  wrapperPath: string;
  /** A TCP connect (probe/tcp.ts connectOnce), and in tests the loopback ports to try. */
  reachability: ReachabilityDeps;
  /**
   * Starts a PowerShell session whose process environment gets `env()` (the credentials); null
   * where there is no Windows PowerShell (another OS, the simulated machine).
   */
  startSession: ((env: () => NodeJS.ProcessEnv) => RemoteSession) | null;
  /** The shipped scripts' text, read once at app start. */
  texts: () => ScriptTexts;
  /**
   * `--simulate` and the e2e tests only: a simulated server machine plays the remote session
   * (any user name and password). Never set in a real build: compose.ts passes it only with --simulate.
   */
  simulated?: { computerName: string; machine: WindowsPort };
  /** The Windows account RDP Doctor runs as ("DOMAIN\\user"), to say when another account's password is typed here. */
  sessionUser?: string | null;
}

const ConnectFactsSchema = z.object({
  computerName: z.string(),
  isAdmin: z.boolean(),
  psVersion: z.string(),
  programData: z.string().min(3),
});

interface Connection {
  host: string;
  transport: Transport;
  credentials: RemoteCredentials;
  session: RemoteSession;
  port: RemoteWindows;
  computerName: string;
  isAdmin: boolean;
}

const transportLabel = (t: Transport) => (t === 'https' ? 'HTTPS, port 5986' : 'HTTP, port 5985');

/**
 * Helpdesk's PowerShell remoting session to the server: says first whether WinRM answers and why
 * not, then holds the credentials in memory for as long as the session lasts. While connected,
 * it is the router's source for server-side runs. It also makes fix scripts for the server.
 */
export class RemoteService implements RemoteSource, RemotePort {
  private connection: Connection | null = null;
  private connecting = false;

  constructor(private readonly deps: RemoteServiceDeps) {}

  /** The shipped scripts' text, read at app start: fix scripts are made from it, "View script" shows it. */
  scriptTexts(): ScriptTexts {
    return this.deps.texts();
  }

  active(): WindowsPort | null {
    return this.connection?.port ?? null;
  }

  status(): RemoteStatus {
    const c = this.connection;
    if (!c) {
      return {
        connected: false,
        host: null,
        computerName: null,
        transport: null,
        isAdmin: null,
        message: 'Not connected: server checks run on this computer.',
      };
    }
    return {
      connected: true,
      host: c.host,
      computerName: c.computerName,
      transport: c.transport,
      isAdmin: c.isAdmin,
      message: `Connected to ${c.host} over PowerShell remoting (${transportLabel(c.transport)}): server checks and fixes run there.`,
    };
  }

  private refuse(explanation: Explanation): RemoteConnectOutcome {
    return {
      connected: false,
      message: explanation.message,
      problem: explanation.problem,
      fix: explanation.fix ?? null,
      status: this.status(),
    };
  }

  async connect(request: { host: string; username: string; password: string }): Promise<RemoteConnectOutcome> {
    if (this.connecting) throw new WindowsError('bad-request', 'Already connecting; wait for that attempt to finish.');
    this.connecting = true;
    try {
      await this.disconnect();
      return await this.open(request);
    } finally {
      this.connecting = false;
    }
  }

  private withExposure(message: string, username: string): string {
    const note = exposureNote(this.deps.sessionUser ?? null, username);
    return note ? `${message} ${note}` : message;
  }

  private async open({ host, username, password }: { host: string; username: string; password: string }): Promise<RemoteConnectOutcome> {
    const reach = await checkWinRmPorts(host, this.deps.reachability);
    if (!reach.transport) return this.refuse(reach.explanation!);
    const transport = reach.transport;
    const simulated = this.deps.simulated;
    if (simulated) {
      const machine = simulated.machine;
      const port = { description: `simulated remoting to ${host}`, target: { host }, run: machine.run.bind(machine) };
      const session: RemoteSession = { invoke: () => Promise.reject(new Error('simulated')), dispose: async () => undefined };
      this.connection = {
        host,
        transport,
        credentials: new RemoteCredentials(username, password),
        session,
        port: port as unknown as RemoteWindows,
        computerName: simulated.computerName,
        isAdmin: true,
      };
      return {
        connected: true,
        message: this.withExposure(
          `Connected to ${host} (${simulated.computerName}, simulated) over PowerShell remoting (${transportLabel(transport)}). Server checks and fixes now run there: run the diagnosis again.`,
          username,
        ),
        problem: null,
        fix: null,
        status: this.status(),
      };
    }
    if (!this.deps.startSession) {
      return this.refuse({
        problem: 'no-windows',
        message:
          this.deps.platform === 'win32'
            ? `WinRM answers on ${host} (${transportLabel(transport)}), but PowerShell remoting is not available in this mode of RDP Doctor. Use "Make a fix script" instead.`
            : `WinRM answers on ${host} (${transportLabel(transport)}), but PowerShell remoting needs Windows PowerShell on this computer, which is not running Windows. Use "Make a fix script" instead.`,
      });
    }
    const credentials = new RemoteCredentials(username, password);
    const session = this.deps.startSession(() => ({ [CREDENTIAL_ENV]: credentials.environmentValue() }));
    const ask = async (what: RemoteAction) =>
      parseScriptOutput(await session.invoke(remoteCommand(this.deps.wrapperPath, host, transport, what), REMOTE_MIN_TIMEOUT_MS));
    const fail = async (err: unknown) => {
      await session.dispose().catch(() => undefined);
      credentials.wipe();
      const message = err instanceof Error ? err.message : String(err);
      return this.refuse(
        err instanceof WindowsError && err.kind !== 'script-error'
          ? { problem: 'unknown', message: `PowerShell remoting to ${host} failed: ${message}` }
          : explainRemotingError(host, message),
      );
    };
    try {
      // Unauthenticated first: does the WinRM service itself answer (Test-WSMan)?
      await ask({ action: 'probe' });
    } catch (err) {
      return fail(err);
    }
    let facts: z.infer<typeof ConnectFactsSchema>;
    try {
      const parsed = ConnectFactsSchema.safeParse(await ask({ action: 'connect' }));
      if (!parsed.success) throw new WindowsError('bad-facts', 'The remote computer answered in an unexpected shape.');
      facts = parsed.data;
    } catch (err) {
      return fail(err);
    }
    const port = new RemoteWindows(session, this.deps.wrapperPath, { host, transport, programData: facts.programData });
    this.connection = { host, transport, credentials, session, port, computerName: facts.computerName, isAdmin: facts.isAdmin };
    const admin = facts.isAdmin
      ? ''
      : " The account is not an administrator there, though: the checks can run, but fixes will be refused (use an account in the server's Administrators group).";
    return {
      connected: true,
      message: this.withExposure(
        `Connected to ${host} (${facts.computerName}, Windows PowerShell ${facts.psVersion}) over PowerShell remoting (${transportLabel(transport)}). Server checks and fixes now run there: run the diagnosis again.${admin}`,
        username,
      ),
      problem: null,
      fix: null,
      status: this.status(),
    };
  }

  /** Ends the session: the PowerShell process holding the credentials exits, the copy here is wiped. */
  async disconnect(): Promise<RemoteStatus> {
    const c = this.connection;
    this.connection = null;
    if (c) {
      c.credentials.wipe();
      await c.session.dispose().catch(() => undefined);
    }
    return this.status();
  }

  makeFixScript(fixIds: readonly FixId[], target: Target, revertAfterMinutes: RevertAfter = null): FixScriptFile {
    let texts: ScriptTexts;
    try {
      texts = this.deps.texts();
    } catch (err) {
      throw new WindowsError(
        'unavailable',
        `RDP Doctor could not read its own scripts to make the fix script (${err instanceof Error ? err.message : String(err)}).`,
      );
    }
    // Two fixes that undo each other are refused before any file is made (the script refuses them too).
    const conflict = conflictAmong(fixIds);
    if (conflict) throw new WindowsError('bad-request', `“${getFix(conflict.fix).title}”: ${conflict.line} Choose one of them.`);
    try {
      return makeFixScript(fixIds, target, texts, { revertAfterMinutes });
    } catch (err) {
      throw new WindowsError(
        err instanceof MissingScriptError ? 'unavailable' : 'bad-request',
        err instanceof Error ? err.message : String(err),
      );
    }
  }
}
