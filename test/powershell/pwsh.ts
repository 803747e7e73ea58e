import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pwshPath as findPwsh } from '../../electron/main/powershell/session';
import { type MachineState, writeMachine } from './machines';

const run = promisify(execFile);

/** Real PowerShell 7 (`pwsh`); `.ci/run` installs it. A machine without it fails these tests. */
export function pwshPath(): string {
  const found = findPwsh();
  if (!found) throw new Error('pwsh not found: install it with `dotnet tool install --global PowerShell --version 7.6.9` (see .ci/run).');
  return found;
}

export const SCRIPTS_DIR = join(__dirname, '../../assets/scripts');
const RUNNER = join(__dirname, 'run-scripts.ps1');

export type Step =
  | { op: 'load'; machine: string; root: string }
  | { op: 'run'; script: string; args: Record<string, unknown>; elevated?: boolean; backupFrom?: number }
  | { op: 'snapshot' }
  | { op: 'timezone'; id: string }
  | { op: 'fault'; command: string };

export interface StepResult {
  ok?: boolean;
  /** What the script wrote to [Console]::Out: its one JSON envelope. */
  stdout?: string;
  /** Anything it wrote to the output or error streams (a script must write nothing there). */
  output?: string[];
  thrown?: string | null;
  snapshot?: string;
  /** How long the step took inside the pwsh process. */
  ms: number;
}

/** Runs a plan of steps in ONE pwsh process (a start costs more than most scripts). */
export async function runPlan(steps: Step[], env: NodeJS.ProcessEnv = {}): Promise<StepResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'rdpd-plan-'));
  const plan = join(dir, 'plan.json');
  const out = join(dir, 'out.json');
  await writeFile(plan, JSON.stringify(steps));
  await run(pwshPath(), ['-NoProfile', '-NonInteractive', '-File', RUNNER, '-Plan', plan, '-Out', out], {
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const results = JSON.parse(await readFile(out, 'utf8')) as StepResult[] | StepResult;
  return Array.isArray(results) ? results : [results];
}

/** The one JSON envelope a run printed: the last non-empty line of its stdout. */
export function envelopeOf(result: StepResult): { ok: boolean; facts?: unknown; error?: { message: string; type?: string } } {
  const lines = (result.stdout ?? '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length !== 1) throw new Error(`expected one JSON line, got ${lines.length}: ${result.stdout} ${result.thrown ?? ''}`);
  return JSON.parse(lines[0]!);
}

export type Envelope = ReturnType<typeof envelopeOf>;

/** One product script on a machine of its own (loaded fresh), as a standard user unless elevated. */
export interface MachineRun {
  state: MachineState;
  script: string;
  args?: Record<string, unknown>;
  elevated?: boolean;
}

/**
 * Each run on its own freshly loaded machine, all in one pwsh process. A script must print its one
 * JSON envelope and nothing else: no output or error stream, nothing thrown past its own catch.
 */
export async function runOnMachines(runs: MachineRun[]): Promise<Envelope[]> {
  const dir = await mkdtemp(join(tmpdir(), 'rdpd-runs-'));
  const steps: Step[] = [];
  for (const [index, r] of runs.entries()) {
    steps.push({ op: 'load', ...(await writeMachine(r.state, `machine-${index}`, dir)) });
    steps.push({ op: 'run', script: join(SCRIPTS_DIR, r.script), args: r.args ?? {}, elevated: r.elevated ?? false });
  }
  const results = await runPlan(steps);
  return runs.map((r, index) => {
    const result = results[index * 2 + 1]!;
    if (result.thrown || (result.output ?? []).length > 0)
      throw new Error(`${r.script} wrote past its envelope: ${result.thrown ?? ''} ${JSON.stringify(result.output)}`);
    return envelopeOf(result);
  });
}
