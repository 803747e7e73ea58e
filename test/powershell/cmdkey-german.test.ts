import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { clientMachines, TARGET } from './fixtures';
import { writeMachine } from './machines';
import { envelopeOf, runPlan, SCRIPTS_DIR } from './pwsh';

/*
 * A German Windows prints cmdkey's labels in German ("Ziel:", "Typ: Allgemeine", "Benutzer:",
 * test/fake-windows/captures/cmdkey-list.de-DE.txt). check-client-credentials.ps1,
 * backup-client-credentials.ps1 and fix-client-credentials.ps1 match the target text only, so the
 * saved password for the target is found, backed up and removed there too, and nothing else is.
 */
it('saved Remote Desktop passwords on a German Windows: found, backed up and removed (cmdkey in German)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rdpd-cmdkey-de-'));
  const { machine, root } = await writeMachine({ ...clientMachines['stale-credentials']!(), culture: 'de-DE' }, 'de-client', dir);
  const script = (name: string) => join(SCRIPTS_DIR, name);
  const results = await runPlan([
    { op: 'load', machine, root },
    { op: 'run', script: script('check-client-credentials.ps1'), args: TARGET },
    { op: 'run', script: script('backup-client-credentials.ps1'), args: { ...TARGET, backupDir: join(dir, 'backup') } },
    { op: 'run', script: script('fix-client-credentials.ps1'), args: {}, backupFrom: 2 },
    { op: 'run', script: script('check-client-credentials.ps1'), args: TARGET },
  ]);
  for (const step of results.slice(1)) expect(step.output).toEqual([]);
  const entries = (i: number) => (envelopeOf(results[i]!).facts as { entries: string[] }).entries;
  expect(entries(1)).toEqual(['LegacyGeneric:target=TERMSRV/srv01.contoso.com', 'LegacyGeneric:target=TERMSRV/other-host']);
  expect(entries(2)).toEqual(['LegacyGeneric:target=TERMSRV/srv01.contoso.com']);
  expect(envelopeOf(results[3]!).facts).toEqual({ changed: ['Removed the saved password LegacyGeneric:target=TERMSRV/srv01.contoso.com'] });
  expect(entries(4)).toEqual(['LegacyGeneric:target=TERMSRV/other-host']);
}, 120_000);
