import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { elevatedScriptIds } from '../../electron/main/elevation/allow-list';
import { scripts } from '../../shared/catalog/scripts';
import { powershellParser, walk } from '../support/powershell-parser';

// The helper runs as administrator, so what it may run is fixed inside it, not sent by the app.
const text = readFileSync(join(__dirname, '../../assets/scripts/elevated-helper.ps1'), 'utf8');

function listAssigned(name: string): string[] {
  const block = new RegExp(`^\\$${name} = @\\(([^)]*)\\)`, 'm').exec(text)?.[1] ?? '';
  return [...block.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

describe('elevated-helper.ps1', () => {
  it('allows exactly the backup, fix and undo scripts of the catalog\'s fixes', () => {
    // A new fix needs its three scripts added to $AllowedScripts in the helper.
    expect(new Set(listAssigned('AllowedScripts'))).toEqual(new Set(elevatedScriptIds));
  });

  it('takes only the argument names those scripts declare', () => {
    const declared = new Set(
      [...elevatedScriptIds].flatMap((id) => Object.keys((scripts[id].args as unknown as { shape: object }).shape)),
    );
    expect(new Set(listAssigned('AllowedArgumentNames'))).toEqual(declared);
  });

  it('runs scripts only by a path built from its own folder and an allowed id', async () => {
    const tree = (await powershellParser()).parse(text)!;
    const invoked = [...walk(tree.rootNode)]
      .filter((n) => n.type === 'command' && n.text.startsWith('&'))
      .map((n) => n.text.split(/\s+/)[1]);
    expect(invoked).toEqual(['$path']);
    expect(text).toMatch(/\$path = Join-Path -Path \$PSScriptRoot -ChildPath \(\$ScriptId \+ '\.ps1'\)/);
    expect(text).toMatch(/if \(\$AllowedScripts -notcontains \$scriptId\)/);
  });

  it('elevates with Start-Process -Verb RunAs and reports a declined prompt by its error code', () => {
    expect(text).toMatch(/Start-Process -FilePath \$shell -ArgumentList \$argumentList -Verb RunAs/);
    expect(text).toMatch(/-is \[System\.ComponentModel\.Win32Exception\]\) \{ return \$current\.NativeErrorCode \}/);
    // The decision is the app's, by code (1223); no message text is compared here.
    expect(text).not.toMatch(/cancel/i);
  });
});
