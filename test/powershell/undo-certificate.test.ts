import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverMachines } from './fixtures';
import { writeMachine } from './machines';
import { envelopeOf, runPlan, SCRIPTS_DIR, type Step } from './pwsh';

/*
 * undo-regenerate-rdp-certificate.ps1: the old certificate's key was never exportable, so its
 * undo cannot put it back. It says so, naming the old thumbprint and where its public part was
 * saved, and changes nothing on the server; with no certificate before the fix it says nothing.
 */
describe('undo-regenerate-rdp-certificate.ps1 under real PowerShell', () => {
  it('says the old certificate cannot be put back, changes nothing, and is silent when there was none', async () => {
    const { machine, root } = await writeMachine(serverMachines['certificate-expired']!(), 'undo-certificate');
    const undo = join(SCRIPTS_DIR, 'undo-regenerate-rdp-certificate.ps1');
    const thumbprint = 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678';
    const exportPath = 'C:\\ProgramData\\RDP Doctor\\backups\\rdp-certificate.cer';
    const steps: Step[] = [
      { op: 'load', machine, root },
      { op: 'snapshot' },
      { op: 'run', script: undo, args: { backup: { thumbprint, exportPath } }, elevated: true },
      { op: 'run', script: undo, args: { backup: { thumbprint: null, exportPath: null } }, elevated: true },
      { op: 'snapshot' },
    ];
    const results = await runPlan(steps);
    expect(envelopeOf(results[2]!)).toEqual({
      ok: true,
      facts: {
        restored: [
          `Certificate ${thumbprint} cannot be put back (Windows never lets its private key be exported); Windows made a new one, which stays. Its public part is saved in ${exportPath}.`,
        ],
      },
    });
    expect(envelopeOf(results[3]!)).toEqual({ ok: true, facts: { restored: [] } });
    expect(JSON.parse(results[4]!.snapshot!)).toEqual(JSON.parse(results[1]!.snapshot!));
  }, 60_000);
});
