import { scripts, ScriptEnvelopeSchema, type ScriptArgs, type ScriptId } from '../../../shared/catalog/scripts';
import type { RunOptions, WindowsPort } from '../ports';
import { WindowsError } from '../windows-error';
import { invocationLine } from './literal';
import type { InvokeResult } from './session';

export interface ScriptSession {
  invoke(line: string, timeoutMs?: number): Promise<InvokeResult>;
}

/**
 * Reads a script's answer: the last non-empty stdout line must be its one JSON object. Anything
 * on stderr alone does not decide the result (PowerShell writes warnings there too).
 */
export function parseScriptOutput(out: InvokeResult): unknown {
  const lines = out.stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const last = lines.at(-1);
  if (last === undefined) {
    const detail = out.stderr.trim().split(/\r?\n/)[0];
    throw new WindowsError('bad-json', detail ? `The check printed no result. PowerShell said: ${detail}` : 'The check printed no result.');
  }
  let json: unknown;
  try {
    json = JSON.parse(last);
  } catch {
    throw new WindowsError('bad-json', `The check printed something that is not its JSON result: "${last.slice(0, 120)}"`);
  }
  const envelope = ScriptEnvelopeSchema.safeParse(json);
  if (!envelope.success) throw new WindowsError('bad-json', 'The check printed JSON without its ok/facts envelope.');
  if (!envelope.data.ok) {
    // Windows refused the account this ran as (a check that only administrators may run, started
    // unelevated): the check is unavailable here, in the script's own plain words, not broken.
    const kind = envelope.data.error.type === 'System.UnauthorizedAccessException' ? 'unavailable' : 'script-error';
    throw new WindowsError(kind, envelope.data.error.message);
  }
  return envelope.data.facts;
}

/** The real WindowsPort: catalog script files run one line at a time in a PowerShell session. */
export class ScriptRunner implements WindowsPort {
  readonly description = 'windows';

  constructor(
    private readonly session: ScriptSession,
    private readonly scriptPath: (file: string) => string,
    private readonly elevatedSession: ScriptSession | null,
  ) {}

  commandFor<S extends ScriptId>(script: S, args: ScriptArgs<S>): string {
    return invocationLine(this.scriptPath(scripts[script].file), args);
  }

  async run<S extends ScriptId>(script: S, args: ScriptArgs<S>, options: RunOptions): Promise<unknown> {
    const session = options.elevated ? this.elevatedSession : this.session;
    if (!session) {
      throw new WindowsError(
        'unavailable',
        'This fix needs administrator rights. Start RDP Doctor with "Run as administrator" and try again.',
      );
    }
    const out = await session.invoke(this.commandFor(script, args), options.timeoutMs);
    return parseScriptOutput(out);
  }
}

/** Where there is no Windows PowerShell (Linux, macOS): every Windows check says so plainly. */
export class UnavailableWindows implements WindowsPort {
  readonly description = 'unavailable';
  constructor(private readonly reason: string) {}
  async run(): Promise<unknown> {
    throw new WindowsError('unavailable', this.reason);
  }
}
