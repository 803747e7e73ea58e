import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scripts } from '../../shared/catalog/scripts';
import { parseProblems, powershellParser, walk } from '../support/powershell-parser';

const root = join(__dirname, '../../assets/scripts');

function ps1Files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? ps1Files(join(dir, e.name)) : e.name.endsWith('.ps1') ? [join(dir, e.name)] : [],
  );
}

// Built-in aliases of Windows PowerShell 5.1 (Get-Alias), plus the Unix-looking ones: scripts
// spell out cmdlets so they read the same everywhere and no profile can redefine them.
const ALIASES = new Set(
  `% ? ac asnp cat cd chdir clc clear clhy cli clp cls clv cnsn compare copy cp cpi cpp curl cvpa dbp del diff dir dnsn ebp
  echo epal epcsv epsn erase etsn exsn fc fhx fl foreach ft fw gal gbp gc gcb gci gcm gcs gdr ghy gi gin gjb gl gm gmo gp gps
  gpv group gsn gsnp gsv gtz gu gv gwmi h history icm iex ihy ii ipal ipcsv ipmo ipsn irm ise iwmi iwr kill lp ls man md
  measure mi mount move mp mv nal ndr ni nmo npssc nsn nv ogv oh popd ps pushd pwd r rbp rcjb rcsn rd rdr ren ri rjb rm rmdir
  rmo rni rnp rp rsn rsnp rujb rv rvpa rwmi sajb sal saps sasv sbp sc scb select set shcm si sl sleep sls sort sp spjb spps
  spsv start stz sujb sv swmi tee trcm type wget where wjb write`.split(/\s+/),
);

const files = ps1Files(root);

describe('PowerShell scripts under assets/', () => {
  it('include every script the catalog names', () => {
    const names = files.map((f) => relative(root, f));
    for (const s of Object.values(scripts)) expect(names).toContain(s.file);
  });

  describe.each(files.map((f) => [relative(root, f), f]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');

    it('parses without ERROR or MISSING nodes', async () => {
      const tree = (await powershellParser()).parse(text)!;
      expect(parseProblems(tree.rootNode)).toEqual([]);
    });

    it('uses no aliases', async () => {
      const tree = (await powershellParser()).parse(text)!;
      const used = [...walk(tree.rootNode)]
        .filter((n) => n.type === 'command_name')
        .map((n) => n.text.toLowerCase())
        .filter((name) => ALIASES.has(name));
      expect(used).toEqual([]);
    });

    it('sets StrictMode Latest and stops on errors', () => {
      expect(text).toMatch(/^Set-StrictMode -Version Latest$/m);
      expect(text).toMatch(/^\$ErrorActionPreference = 'Stop'$/m);
    });

    it('never calls Invoke-Expression or builds commands from strings', () => {
      expect(text).not.toMatch(/Invoke-Expression|\[scriptblock\]::Create|-EncodedCommand/i);
    });
  });
});
