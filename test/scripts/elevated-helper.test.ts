import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { elevatedActionIds, elevatedScriptIds, weakeningScriptIds } from '../../electron/main/elevation/allow-list';
import { fixes } from '../../shared/catalog/fixes';
import type { FixDef } from '../../shared/catalog/types';
import { scripts, type ScriptId } from '../../shared/catalog/scripts';
import { powershellParser, walk } from '../support/powershell-parser';
import { HelperFixture, PWSH } from '../elevation/helper-harness';

// The helper runs as administrator, so what it may run comes from its installed manifest (written
// by the build from the catalog), never from the app.
// Its behaviour against hostile peers, under real pwsh, is in test/elevation/.
const dir = join(__dirname, '../../assets/scripts');
const text = readFileSync(join(dir, 'elevated-helper.ps1'), 'utf8');
const windowsCalls = readFileSync(join(dir, 'lib/windows-calls.ps1'), 'utf8');

/**
 * What the real helper, dot-sourced under pwsh from a folder set up as installed (the build's
 * manifest, edited by `edit`), allows.
 */
function allowedByHelper(edit?: (manifest: Record<string, unknown>) => unknown): {
  allowed: string[];
  fixes: string[];
  actions: string[];
  weakening: string[];
  timed: string[];
  targetArguments: string[];
  error?: string;
} {
  const fixture = new HelperFixture();
  try {
    const manifestPath = join(fixture.scripts, 'scripts.sha256.json');
    if (edit) writeFileSync(manifestPath, JSON.stringify(edit(JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>)));
    const script = `
      try { . '${join(fixture.scripts, 'elevated-helper.ps1')}' } catch { [Console]::Out.WriteLine((ConvertTo-Json -Compress -InputObject @{ error = $_.Exception.Message })); exit }
      [Console]::Out.WriteLine((ConvertTo-Json -Compress -InputObject @{ allowed = @(Get-AllowedScript); fixes = @($ElevatedFixes); actions = @($ElevatedActions); weakening = @($WeakeningScripts); timed = @($TimedFixScripts); targetArguments = @($TargetArgumentScripts) }))
    `;
    const out = spawnSync(PWSH.file, [...PWSH.prefix, '-NoProfile', '-NonInteractive', '-Command', script], {
      encoding: 'utf8',
      env: { ...process.env, ProgramData: '/tmp' },
    });
    return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as ReturnType<typeof allowedByHelper>;
  } finally {
    fixture.dispose();
  }
}

function listAssigned(name: string): string[] {
  const block = new RegExp(`^\\$${name} = @\\(([^)]*)\\)`, 'm').exec(text)?.[1] ?? '';
  return [...block.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

describe('elevated-helper.ps1', () => {
  it("allows exactly the backup, fix and undo scripts of the catalog's administrator fixes, as triples, read from the installed manifest", () => {
    // Nothing to add to the helper for a new fix: the build writes the catalog's list into the manifest.
    const read = allowedByHelper();
    const catalog = (fixes as readonly FixDef[]).filter((f) => f.needsAdmin).map((f) => [f.backupScript, f.script, f.undoScript].join(' '));
    expect(new Set(read.fixes)).toEqual(new Set(catalog));
    expect(new Set(read.allowed)).toEqual(new Set([...elevatedScriptIds, ...elevatedActionIds]));
  });

  it("allows the app's stand-alone administrator actions (the restart), which take no arguments", () => {
    expect(new Set(allowedByHelper().actions)).toEqual(new Set(elevatedActionIds));
    for (const id of elevatedActionIds) expect(Object.keys((scripts[id].args as unknown as { shape: object }).shape)).toEqual([]);
  });

  it("refuses exactly the catalog's security-weakening fix scripts unless its prompt named them", () => {
    const catalog = (fixes as readonly FixDef[]).filter((f) => f.needsAdmin && f.risk.includes('changes-security')).map((f) => f.script);
    expect(catalog.length).toBeGreaterThanOrEqual(2);
    expect(new Set(allowedByHelper().weakening)).toEqual(new Set(catalog));
    expect(new Set(weakeningScriptIds)).toEqual(new Set(catalog));
  });

  it('refuses a manifest that lets a script take a time or the target from the app when it is not a fix or backup script it allows', () => {
    const timed = allowedByHelper((m) => ({ ...m, elevated: { ...(m.elevated as object), timed: ['restart-computer'] } }));
    expect(timed.error).toMatch(/lets restart-computer take a time from the app, but it is not the fix script of an allowed fix/);
    const target = allowedByHelper((m) => ({
      ...m,
      elevated: { ...(m.elevated as object), targetArguments: ['fix-rdp-security-isolation-test'] },
    }));
    expect(target.error).toMatch(/lets fix-rdp-security-isolation-test take the target from the app, but it is not the backup script/);
    // An older manifest without these lists lets no script take anything from the app.
    const older = allowedByHelper((m) => ({
      ...m,
      elevated: (({ timed: _t, targetArguments: _a, ...rest }) => rest)(m.elevated as Record<string, unknown>),
    }));
    expect(older).toMatchObject({ timed: [], targetArguments: [] });
    expect(older.fixes.length).toBeGreaterThan(0);
  }, 90_000);

  it('allows nothing from a manifest without the list, and refuses one that names a path instead of a script', () => {
    expect(allowedByHelper((m) => ({ algorithm: m.algorithm, files: m.files }))).toMatchObject({ allowed: [], fixes: [], weakening: [] });
    const path = allowedByHelper((m) => ({ ...m, elevated: { fixes: [], actions: ['..\\..\\Users\\Public\\evil'], weakening: [] } }));
    expect(path.error).toMatch(/the script manifest names \.\.\\\.\.\\Users\\Public\\evil, which is not a script id/);
  });

  it('makes every argument those scripts take itself (backup folder, backup); only the backup scripts the manifest names take the target from the app', () => {
    const keysOf = (id: ScriptId) => Object.keys((scripts[id].args as unknown as { shape: object }).shape);
    const targetScripts = new Set(allowedByHelper().targetArguments);
    const declared = new Set(
      [...elevatedScriptIds].flatMap((id) =>
        keysOf(id).filter((k) => !(targetScripts.has(id) && ['host', 'port'].includes(k)) && k !== 'revertAfterMinutes'),
      ),
    );
    expect(new Set(listAssigned('DerivedArgumentNames'))).toEqual(declared);
    // Exactly the elevated scripts that declare the target take it, and nothing else from the app.
    expect(targetScripts).toEqual(new Set([...elevatedScriptIds].filter((id) => keysOf(id).includes('host'))));
  });

  it("takes revertAfterMinutes for exactly the catalog's temporary fix scripts, as the installed manifest lists them", () => {
    const temporary = (fixes as readonly FixDef[]).filter((f) => f.temporary).map((f) => f.script);
    expect(temporary.length).toBe(3);
    // No hand-written list in the helper: a new temporary fix reaches it through the build's manifest.
    expect(text).not.toMatch(/^\$TimedFixScripts = @\('/m);
    expect(text).not.toMatch(/^\$TargetArgumentScripts = @\('/m);
    expect(new Set(allowedByHelper().timed)).toEqual(new Set(temporary));
    for (const id of temporary)
      expect(Object.keys((scripts[id].args as unknown as { shape: object }).shape)).toContain('revertAfterMinutes');
    const others = [...elevatedScriptIds].filter((id) => !(temporary as string[]).includes(id));
    for (const id of others)
      expect(Object.keys((scripts[id].args as unknown as { shape: object }).shape)).not.toContain('revertAfterMinutes');
  });

  it('runs scripts only by a path built from its own folder and an allowed id', async () => {
    const tree = (await powershellParser()).parse(text)!;
    const invoked = [...walk(tree.rootNode)]
      .filter((n) => n.type === 'command' && n.text.startsWith('&'))
      .map((n) => n.text.split(/\s+/)[1]);
    expect(invoked).toEqual(['$path']);
    expect(text).toMatch(/\$path = Join-Path -Path \$PSScriptRoot -ChildPath \(\$ScriptId \+ '\.ps1'\)/);
    expect(text).toMatch(/if \(\(Get-AllowedScript\) -notcontains \$scriptId\)/);
  });

  it('elevates with Process.Start and the runas verb (not Start-Process, which drops the error code)', () => {
    expect(windowsCalls).toMatch(/\$startInfo\.Verb = 'runas'/);
    expect(windowsCalls).toMatch(/\[System\.Diagnostics\.Process\]::Start\(\$startInfo\)/);
    expect(`${text}\n${windowsCalls}`).not.toMatch(/Start-Process -/);
    expect(text).toMatch(/-is \[System\.ComponentModel\.Win32Exception\]\) \{ return \$current\.NativeErrorCode \}/);
    // The decision is the app's, by code (1223); no message text is compared here.
    expect(text).not.toMatch(/cancel/i);
  });
});
