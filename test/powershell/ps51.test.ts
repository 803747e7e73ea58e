import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SCRIPTS_DIR, pwshPath } from './pwsh';

const run = promisify(execFile);

async function ps1Files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? ps1Files(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ps1') ? [join(dir, e.name)] : []),
    ),
  );
  return nested.flat();
}

interface Problem {
  file: string;
  line: number;
  rule: string;
  text: string;
}

/** Windows PowerShell 5.1 compatibility, checked on the real PowerShell parser's AST. */
async function problems(dir: string, files: string[]): Promise<Problem[]> {
  const list = join(dir, 'files.txt');
  await writeFile(list, files.join('\n'));
  const { stdout } = await run(pwshPath(), ['-NoProfile', '-NonInteractive', '-File', join(__dirname, 'ps51-rules.ps1'), '-List', list], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const parsed = JSON.parse(stdout.trim() || '[]') as Problem[] | Problem;
  return Array.isArray(parsed) ? parsed : [parsed];
}

describe('Windows PowerShell 5.1 compatibility (real parser, every product .ps1)', () => {
  it('flags every 5.1 rule it knows in a file that breaks each one, and the product scripts break none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rdpd-ps51-'));
    const violations = join(dir, 'violations.ps1');
    await copyFile(join(__dirname, 'ps51-violations.ps1.txt'), violations);
    const product = await ps1Files(SCRIPTS_DIR);
    const found = await problems(dir, [violations, ...product]);
    const lines = found.filter((p) => p.file === violations).map((p) => p.line);
    // Lines 2..14 of the violations file, one rule each (line 1 is its comment).
    expect([...new Set(lines)].sort((a, b) => a - b)).toEqual(Array.from({ length: 13 }, (_, i) => i + 2));
    expect(found.filter((p) => p.file !== violations)).toEqual([]);
    expect(product.length).toBeGreaterThan(60);
  });
});
