import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { elevatedActionIds, elevatedScriptIds, weakeningScriptIds } from '../../electron/main/elevation/allow-list';
import { fixes } from '../../shared/catalog/fixes';
import type { FixDef } from '../../shared/catalog/types';
import { scripts } from '../../shared/catalog/scripts';
import { powershellParser, walk } from '../support/powershell-parser';

// The helper runs as administrator, so what it may run is fixed inside it, not sent by the app.
// Its behaviour against hostile peers, under real pwsh, is in test/elevation/.
const dir = join(__dirname, '../../assets/scripts');
const text = readFileSync(join(dir, 'elevated-helper.ps1'), 'utf8');
const windowsCalls = readFileSync(join(dir, 'lib/windows-calls.ps1'), 'utf8');

function listAssigned(name: string): string[] {
  const block = new RegExp(`^\\$${name} = @\\(([^)]*)\\)`, 'm').exec(text)?.[1] ?? '';
  return [...block.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

describe('elevated-helper.ps1', () => {
  it("allows exactly the backup, fix and undo scripts of the catalog's administrator fixes, as triples", () => {
    // A new fix needs its three scripts added to $ElevatedFixes in the helper.
    const triples = listAssigned('ElevatedFixes').map((t) => t.split(' '));
    const catalog = (fixes as readonly FixDef[]).filter((f) => f.needsAdmin).map((f) => [f.backupScript, f.script, f.undoScript]);
    expect(new Set(triples.map((t) => t.join(' ')))).toEqual(new Set(catalog.map((t) => t.join(' '))));
    expect(new Set(triples.flat())).toEqual(new Set(elevatedScriptIds));
  });

  it("allows exactly the app's stand-alone administrator actions (the restart), with no arguments", () => {
    expect(new Set(listAssigned('ElevatedActions'))).toEqual(new Set(elevatedActionIds));
    for (const id of elevatedActionIds) expect(Object.keys((scripts[id].args as unknown as { shape: object }).shape)).toEqual([]);
  });

  it("refuses exactly the catalog's security-weakening fix scripts unless its prompt named them", () => {
    const catalog = (fixes as readonly FixDef[]).filter((f) => f.needsAdmin && f.risk.includes('changes-security')).map((f) => f.script);
    expect(catalog.length).toBeGreaterThanOrEqual(2);
    expect(new Set(listAssigned('WeakeningScripts'))).toEqual(new Set(catalog));
    expect(new Set(weakeningScriptIds)).toEqual(new Set(catalog));
  });

  it('makes every argument those scripts take itself (backup folder, backup); from the app only how long a temporary change stays', () => {
    const declared = new Set([...elevatedScriptIds].flatMap((id) => Object.keys((scripts[id].args as unknown as { shape: object }).shape)));
    expect(new Set([...listAssigned('DerivedArgumentNames'), 'revertAfterMinutes'])).toEqual(declared);
  });

  it("takes revertAfterMinutes for exactly the catalog's temporary fix scripts", () => {
    const temporary = (fixes as readonly FixDef[]).filter((f) => f.temporary).map((f) => f.script);
    expect(temporary.length).toBe(3);
    expect(new Set(listAssigned('TimedFixScripts'))).toEqual(new Set(temporary));
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
