import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scripts } from '../../shared/catalog/scripts';
import { aliasesUsed, parseProblems, powershellParser } from '../support/powershell-parser';

const root = join(__dirname, '../../assets/scripts');

function ps1Files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? ps1Files(join(dir, e.name)) : e.name.endsWith('.ps1') ? [join(dir, e.name)] : [],
  );
}

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
      expect(aliasesUsed(tree.rootNode)).toEqual([]);
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
