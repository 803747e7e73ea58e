import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPlan, SCRIPTS_DIR, type Step } from '../powershell/pwsh';
import { writeMachine, type MachineState } from '../powershell/machines';

/*
 * The key-permission scripts (check, backup, fix, undo) run in one pwsh process against one fake
 * Windows, as the elevated helper, remoting and the fix script run them: shared by the tests of
 * what may change the Remote Desktop key file.
 */

export const FULL = 0x1f01ff;
export const READ = 0x120089;
/** The standard user's tool that swaps a file for a junction (or makes it anew). */
export const ATTACKER = join(__dirname, 'plant-junction.ps1');
/** All users' Startup folder: what runs at every sign-in. Administrators and SYSTEM may change it; users only read it. */
export const STARTUP = 'ProgramData/Microsoft/Windows/Start Menu/Programs/StartUp';

export const win = (relative: string) => `C:\\${relative.replaceAll('/', '\\')}`;
export const ace = (sid: string, rights: number, type: 'Allow' | 'Deny' = 'Allow') => ({ sid, type, rights, inherited: false });
export type Ace = ReturnType<typeof ace>;

export interface Snapshot {
  files: Record<string, { acl?: { owner: string; aces: Ace[] } }>;
  disk: Record<string, string>;
}

/** One plan in one pwsh process: each step's result, and the machine at each snapshot. */
export async function play(machine: MachineState, steps: (backupDir: string) => Step[]) {
  const dir = await mkdtemp(join(tmpdir(), 'rdpd-keyfile-'));
  const backupDir = join(dir, 'backup');
  const loaded = await writeMachine(machine, 'srv01', dir);
  const results = await runPlan([{ op: 'load', ...loaded }, ...steps(backupDir)]);
  return {
    backupDir,
    results: results.slice(1),
    snapshot: (i: number) => JSON.parse(results[i + 1]!.snapshot!) as Snapshot,
  };
}

/** A product script as the helper runs it; backupFrom counts the plan's steps after the load. */
export const run = (name: string, args: Record<string, unknown>, elevated: boolean, backupFrom?: number): Step => ({
  op: 'run',
  script: join(SCRIPTS_DIR, name),
  args,
  elevated,
  ...(backupFrom === undefined ? {} : { backupFrom: backupFrom + 1 }),
});
