import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { readableScripts } from '../../shared/catalog/readable-commands';
import { scripts, type ScriptId } from '../../shared/catalog/scripts';
import { aliasesUsed, parseProblems, powershellParser, walk } from '../support/powershell-parser';

/*
 * The readable lines helpdesk reads and runs must say what the script really does: each is
 * valid PowerShell without aliases, and every command and registry value it names is one the
 * script (or lib/common.ps1, which every script loads) uses.
 */
const SCRIPTS = join(__dirname, '../../assets/scripts');
const library = readFileSync(join(SCRIPTS, 'lib/common.ps1'), 'utf8').toLowerCase();
const scriptText = (id: ScriptId) => readFileSync(join(SCRIPTS, scripts[id].file), 'utf8').toLowerCase();

/** <placeholders> outside quotes become a literal so the line parses as it will once filled in. */
const parseable = (line: string) =>
  line
    .replace(/(?<=\s)<[^>]+>/g, "'x'")
    .replaceAll('{host}', "'srv'")
    .replaceAll('{port}', '3389');

let parser: Parser;
beforeAll(async () => {
  parser = await powershellParser();
});

const ids = Object.keys(readableScripts) as ScriptId[];

describe('readable commands', () => {
  it('cover every catalog script', () => {
    expect(ids.sort()).toEqual((Object.keys(scripts) as ScriptId[]).sort());
  });

  it.each(ids)('%s: valid PowerShell, no aliases, only what the script itself uses', (id) => {
    const text = `${scriptText(id)}\n${library}`;
    for (const line of readableScripts[id]) {
      if (line.startsWith('#')) continue;
      const tree = parser.parse(parseable(line))!;
      expect(parseProblems(tree.rootNode), line).toEqual([]);
      expect(aliasesUsed(tree.rootNode), line).toEqual([]);
      const commands = [...walk(tree.rootNode)].filter((n) => n.type === 'command_name').map((n) => n.text.toLowerCase());
      expect(commands.length, line).toBeGreaterThan(0);
      for (const command of commands) expect(text, `${id} does not use ${command}`).toContain(command);
      for (const [, names] of line.matchAll(/-Name ((?:[A-Za-z]\w*)(?:, [A-Za-z]\w*)*)/g)) {
        for (const name of names!.split(', ')) expect(text, `${id} does not touch ${name}`).toContain(name.toLowerCase());
      }
    }
  });

  it('the check catches a line that names a cmdlet its script never calls', () => {
    // check-rdp-enabled only reads the registry: a firewall cmdlet in its line would be a lie.
    const text = `${scriptText('check-rdp-enabled')}\n${library}`;
    expect(text).not.toContain('enable-netfirewallrule');
  });
});
