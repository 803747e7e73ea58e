import { z } from 'zod';
import type { ElevationPrompt } from '../../../shared/results';
import { WindowsError } from '../windows-error';
import { invocationLine } from '../powershell/literal';
import { parseScriptOutput, type ScriptSession } from '../powershell/script-runner';

/** The helper's file under assets/scripts/. */
export const HELPER_SCRIPT = 'elevated-helper.ps1';

/**
 * What the helper is started with: the pipe it creates, the token the app proves itself with, and
 * the app's process id, the only client it accepts. No path: the helper finds its own folders.
 */
export interface HelperStart {
  pipeName: string;
  token: string;
  appPid: number;
  /** Fix scripts that weaken security this helper may run; named in the prompt (-AllowWeakening). */
  allowWeakening: readonly string[];
}

export interface Launched {
  /** The helper's process id as Start-Process reported it (null if Windows did not say). */
  processId: number | null;
}

export interface HelperLauncher {
  /** Starts the helper as administrator. Resolves once it was started; throws WindowsError('cancelled') if the user said no. */
  launch(start: HelperStart): Promise<Launched>;
  /** What the UAC prompt for this start will show, exactly; asks nothing of the user. */
  describe?(start: HelperStart): Promise<ElevationPrompt>;
}

/** ERROR_CANCELLED: the user answered "No" to the UAC prompt, in any display language. */
export const ERROR_CANCELLED = 1223;

/** What the helper script prints in its launch mode (unelevated, around ShellExecute "runas"). */
const LaunchFactsSchema = z.object({
  started: z.boolean(),
  processId: z.number().int().nullable(),
  /** Win32Exception.NativeErrorCode when Process.Start failed; the message is localized, this is not. */
  nativeErrorCode: z.number().int().nullable(),
  message: z.string().nullable(),
});

export function interpretLaunch(raw: unknown): Launched {
  const parsed = LaunchFactsSchema.safeParse(raw);
  if (!parsed.success) throw new WindowsError('bad-facts', "The administrator helper's launcher answered in an unexpected shape.");
  const facts = parsed.data;
  if (facts.started) return { processId: facts.processId };
  if (facts.nativeErrorCode === ERROR_CANCELLED) {
    throw new WindowsError('cancelled', 'Administrator permission was not given (the Windows prompt was answered "No").');
  }
  const code = facts.nativeErrorCode === null ? '' : ` (Windows error ${facts.nativeErrorCode})`;
  throw new WindowsError('unavailable', `The administrator helper could not be started${code}: ${facts.message ?? 'no reason given'}.`);
}

/** What the helper's describe mode prints: the prompt's program, publisher and command line. */
const DescribeFactsSchema = z.object({
  program: z.string(),
  publisher: z.string(),
  filePath: z.string(),
  arguments: z.string(),
  commandLine: z.string(),
});

export function interpretDescribe(raw: unknown): ElevationPrompt {
  const parsed = DescribeFactsSchema.safeParse(raw);
  if (parsed.success) return { program: parsed.data.program, publisher: parsed.data.publisher, commandLine: parsed.data.commandLine };
  // A copy the helper refuses answers as its launch mode does, with the reason.
  const refused = LaunchFactsSchema.safeParse(raw);
  if (refused.success && refused.data.message) throw new WindowsError('unavailable', refused.data.message);
  throw new WindowsError('bad-facts', "The administrator helper's describe mode answered in an unexpected shape.");
}

/**
 * The real launcher: the unelevated PowerShell session runs the helper script in its launch mode,
 * which starts itself with the "runas" verb and reports how that went as one JSON object.
 * Arguments go as base64 JSON, like every script's.
 */
export class PowerShellLauncher implements HelperLauncher {
  constructor(
    private readonly session: ScriptSession,
    private readonly helperPath: string,
    /** The UAC prompt waits for a person: give them time to read it. */
    private readonly timeoutMs = 5 * 60_000,
  ) {}

  commandFor(start: HelperStart, mode: 'launch' | 'describe' = 'launch'): string {
    return invocationLine(this.helperPath, { mode, ...start });
  }

  async describe(start: HelperStart): Promise<ElevationPrompt> {
    const out = await this.session.invoke(this.commandFor(start, 'describe'), 60_000);
    return interpretDescribe(parseScriptOutput(out));
  }

  async launch(start: HelperStart): Promise<Launched> {
    const out = await this.session.invoke(this.commandFor(start), this.timeoutMs);
    return interpretLaunch(parseScriptOutput(out));
  }
}
