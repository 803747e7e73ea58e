import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { PWSH } from '../elevation/helper-harness';

/** What fake-windows-lite.ps1 models: registry keys and values, Appx packages, event logs, mstsc.exe. */
export interface LiteMachine {
  registry: Record<string, Record<string, string | number | { binary: string }>>;
  appx?: Array<{ Name: string; Version: string }>;
  logs?: Record<string, Array<{ id: number; time: string; provider: string; data: Array<{ name: string | null; value: string }>; userData?: true }>>;
  deniedLogs?: string[];
  mstsc: boolean;
}

export interface ScriptAnswer {
  ok: boolean;
  facts?: unknown;
  error?: { message: string };
}

const ASSETS = join(__dirname, '../../assets/scripts');

/**
 * Real scripts (copied with lib/common.ps1 into a folder of their own) under real pwsh, after
 * fake-windows-lite.ps1 has shadowed the Windows-only cmdlets they use. The machine goes in as
 * JSON through the environment; each run prints exactly one JSON object, and nothing on stderr.
 */
export function useFakeWindows(files: readonly string[]) {
  let base = '';
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'rdpdoctor-lite-'));
    mkdirSync(join(base, 'scripts', 'lib'), { recursive: true });
    for (const file of files) copyFileSync(join(ASSETS, file), join(base, 'scripts', file));
    copyFileSync(join(ASSETS, 'lib', 'common.ps1'), join(base, 'scripts', 'lib', 'common.ps1'));
    mkdirSync(join(base, 'ProgramData'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  function run(file: string, args: object, machine: LiteMachine): ScriptAnswer {
    const systemRoot = mkdtempSync(join(base, 'Windows-'));
    mkdirSync(join(systemRoot, 'System32'));
    // Not a real executable: a file without version resources, as a stripped copy would be.
    if (machine.mstsc) writeFileSync(join(systemRoot, 'System32', 'mstsc.exe'), 'MZ');
    const encoded = Buffer.from(JSON.stringify(args)).toString('base64');
    const command = `. '${join(__dirname, 'fake-windows-lite.ps1')}'; & '${join(base, 'scripts', file)}' -EncodedArgs '${encoded}'`;
    const child = spawnSync(PWSH.file, [...PWSH.prefix, '-NoProfile', '-NonInteractive', '-Command', command], {
      encoding: 'utf8',
      env: { ...process.env, FAKE_WINDOWS: JSON.stringify(machine), ProgramData: join(base, 'ProgramData'), SystemRoot: systemRoot },
      timeout: 60_000,
    });
    expect(child.stderr).toBe('');
    const lines = child.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    return JSON.parse(lines[0]!) as ScriptAnswer;
  }

  /** [System.Management.Automation.Language.Parser]::ParseFile: the number of parse errors. */
  function parseErrors(file: string): string {
    const command = `$t = $null; $e = $null; $null = [System.Management.Automation.Language.Parser]::ParseFile('${join(ASSETS, file)}', [ref]$t, [ref]$e); $e.Count`;
    return spawnSync(PWSH.file, [...PWSH.prefix, '-NoProfile', '-NonInteractive', '-Command', command], { encoding: 'utf8' }).stdout.trim();
  }

  return { run, parseErrors };
}
