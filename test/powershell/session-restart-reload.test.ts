import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scripts } from '../../shared/catalog/scripts';
import { clientMachines } from './fixtures';
import { writeMachine } from './machines';
import { envelopeOf, runPlan, SCRIPTS_DIR, type Step } from './pwsh';

/*
 * A PowerShell session that crashed is started again and loads the same machine (what was
 * written to it so far). A file the fix deleted before the crash must stay deleted: the files a
 * machine state describes are laid out on its first load only.
 */
describe('the fake Windows after a session restart', () => {
  it('does not bring back Default.rdp that clear-connection-data deleted', async () => {
    const { machine, root } = await writeMachine(clientMachines['damaged-connection-data']!(), 'reload');
    const script = (id: keyof typeof scripts) => join(SCRIPTS_DIR, scripts[id].file);
    const steps: Step[] = [
      { op: 'load', machine, root },
      { op: 'run', script: script('check-client-connection-data'), args: {} },
      { op: 'run', script: script('backup-client-connection-data'), args: { backupDir: join(root, '..', 'reload-backup') } },
      { op: 'run', script: script('fix-client-connection-data'), args: {}, backupFrom: 2 },
      // The restarted session loads the machine again from the same state file and C: folder.
      { op: 'load', machine, root },
      { op: 'run', script: script('check-client-connection-data'), args: {} },
    ];
    const results = await runPlan(steps);
    const exists = (step: number) => (envelopeOf(results[step]!).facts as { defaultRdp: { exists: boolean } }).defaultRdp.exists;
    expect(exists(1)).toBe(true);
    expect(envelopeOf(results[3]!).ok).toBe(true);
    expect(exists(5)).toBe(false);
  }, 60_000);
});
