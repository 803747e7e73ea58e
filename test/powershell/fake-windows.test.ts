import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { pwshPath } from './pwsh';

const run = promisify(execFile);
const PESTER = join(homedir(), '.nuget', 'packages', 'pester', '5.7.1', 'tools', 'Pester.psd1');

/** The fake's own tests (Pester 5.7.1, restored by .ci/run): Windows' documented behaviours. */
it('FakeWindows models Windows as documented (Pester)', async () => {
  const tests = join(__dirname, '../fake-windows/FakeWindows.Tests.ps1');
  const script = `Import-Module -Name '${PESTER}'; $r = Invoke-Pester -Path '${tests}' -PassThru -Output None; [Console]::Out.WriteLine((ConvertTo-Json -Compress -InputObject @{ passed = $r.PassedCount; failed = @($r.Failed | ForEach-Object { $_.ExpandedName + ': ' + [string]$_.ErrorRecord }) }))`;
  const { stdout } = await run(pwshPath(), ['-NoProfile', '-NonInteractive', '-Command', script], {
    env: { ...process.env, TERM: 'dumb' },
  });
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { passed: number; failed: string[] };
  expect(result.failed).toEqual([]);
  expect(result.passed).toBe(22);
}, 60_000);
