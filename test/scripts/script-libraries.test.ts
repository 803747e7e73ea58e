import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixes } from '../../shared/catalog/fixes';
import { makeFixScript } from '../../electron/main/remote/fix-script';
import { inlineLibraries, splitLibraryLines } from '../../electron/main/remote/script-libraries';
import { loadScriptTexts } from '../../electron/main/remote/script-texts';
import { combinedRemoteScript, inlinedRegions } from '../support/remote-combined';

/*
 * The libraries in assets/scripts/lib/ are listed nowhere but in the scripts' own dot-source
 * lines (lib/common.ps1 is the list every script loads). What carries them where a script cannot
 * load files (the fix script, a script sent over remoting) follows those lines; the elevated
 * helper checks every file of lib/ against the manifest (helper-paths.test.ts).
 */
const DIR = join(__dirname, '../../assets/scripts');
const texts = loadScriptTexts(DIR);
const scriptFiles = readdirSync(DIR).filter((n) => n.endsWith('.ps1'));
const libraryFiles = readdirSync(join(DIR, 'lib'))
  .filter((n) => n.endsWith('.ps1'))
  .map((n) => `lib/${n}`)
  .sort();
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');

/** Every library a file loads, and what those load, by following the dot-source lines. */
function loadedBy(file: string): string[] {
  const { loads } = splitLibraryLines(file, read(file));
  return inlinedRegions(inlineLibraries(loads, texts.libraries, new Set()));
}

const serverFixIds = fixes.filter((f) => f.side === 'server').map((f) => f.id);
const fixScript = makeFixScript(serverFixIds, { host: 'srv01', port: 3389 }, texts).content;
const remote = combinedRemoteScript('check-rdp-enabled.ps1');

describe("the scripts' libraries (assets/scripts/lib)", () => {
  it('are loaded only by the one dot-source line that can be inlined, and only from lib/', () => {
    // splitLibraryLines throws on any other dot-source line; inlineLibraries on a missing file.
    for (const file of [...scriptFiles, ...libraryFiles]) {
      const { loads } = splitLibraryLines(file, read(file));
      for (const library of loads) expect(libraryFiles, `${file} loads ${library}`).toContain(library);
    }
    expect(() =>
      splitLibraryLines('x.ps1', '. (Join-Path -Path $PSScriptRoot -ChildPath \'lib\\common.ps1\')\n. "$PSScriptRoot\\lib\\extra.ps1"'),
    ).toThrow(/dot-sources a file in a way RDP Doctor cannot inline/);
    expect(() => splitLibraryLines('x.ps1', ". (Join-Path -Path $PSScriptRoot -ChildPath 'tools\\extra.ps1')")).toThrow(
      /which is not in lib\//,
    );
  });

  it('are each loaded by something: a script, another library, the fix script or invoke-remote.ps1', () => {
    const reached = new Set([...scriptFiles.flatMap(loadedBy), ...inlinedRegions(fixScript), ...inlinedRegions(remote.text)]);
    expect(libraryFiles.filter((l) => !reached.has(l))).toEqual([]);
    // lib/common.ps1 holds no code of its own any more: it is the list of what every script loads.
    const code = splitLibraryLines('lib/common.ps1', read('lib/common.ps1')).lines.filter((l) => l.trim() && !l.startsWith('#'));
    expect(code).toEqual(['Set-StrictMode -Version Latest', "$ErrorActionPreference = 'Stop'"]);
  });

  it('go into a fix script each once, before the steps, so that it loads no file', () => {
    const regions = inlinedRegions(fixScript);
    expect(regions).toEqual([...new Set(regions)]);
    expect(regions).toEqual(
      expect.arrayContaining([
        ...loadedBy('check-rdp-enabled.ps1'),
        'lib/admin-store.ps1',
        'lib/windows-calls.ps1',
        'lib/fix-script-runtime.ps1',
      ]),
    );
    expect(fixScript).not.toContain('$PSScriptRoot');
    for (const region of regions) expect(fixScript.split(`#region ${region.replace('/', '\\')}\r\n`).length - 1, region).toBe(1);
  });

  it('go over remoting each once, as dot-sourcing runs them, then the remote answer, the store and its guard before the script', () => {
    const { text } = remote;
    expect(remote.printed).toBe('{"ok":true,"facts":{}}');
    const regions = inlinedRegions(text);
    // The same libraries in the same order as the app's own inlining of the same lines.
    const script = splitLibraryLines('check-rdp-enabled.ps1', read('check-rdp-enabled.ps1'));
    const expected = inlinedRegions(
      inlineLibraries([...script.loads, 'lib/remote-answer.ps1', 'lib/admin-store.ps1'], texts.libraries, new Set()),
    );
    expect(regions).toEqual(expected);
    expect(text).not.toContain('$PSScriptRoot');
    // The remote answer replaces the Write-Envelope of lib/script-answer.ps1, so it comes later.
    const envelopes = [...text.matchAll(/^function Write-Envelope \{/gm)].map((m) => m.index);
    expect(envelopes).toHaveLength(2);
    expect(text.indexOf('#region lib\\remote-answer.ps1')).toBeGreaterThan(envelopes[0]!);
    const guard = text.indexOf('\nAssert-RemoteBackupArguments -EncodedArgs $EncodedArgs');
    expect(guard).toBeGreaterThan(text.indexOf('function Assert-RemoteBackupArguments'));
    expect(guard).toBeLessThan(text.indexOf('Invoke-RdpDoctorScript -Body'));
    // The script's own text follows unchanged.
    const body = script.lines.join('\n');
    expect(text.replace(/\r\n/g, '\n')).toContain(body.slice(body.indexOf('Invoke-RdpDoctorScript -Body')));
  });
});
