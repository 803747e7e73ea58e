import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { inlineLibraries } from '../../electron/main/remote/script-libraries';
import { loadScriptTexts } from '../../electron/main/remote/script-texts';
import { fillReadable, readableScripts, readableValueLabels, readableValues } from '../../shared/catalog/readable-commands';
import type { CheckResult } from '../../shared/results';
import { scripts, type ScriptId } from '../../shared/catalog/scripts';
import { fixes } from '../../shared/catalog/fixes';
import { aliasesUsed, parseProblems, powershellParser, walk } from '../support/powershell-parser';

/*
 * The readable lines helpdesk reads and runs must say what the script really does: each is
 * valid PowerShell without aliases, and every command and registry value it names is one the
 * script (or the libraries lib/common.ps1 loads, which every script loads) uses.
 */
const SCRIPTS = join(__dirname, '../../assets/scripts');
const library = inlineLibraries(['lib/common.ps1'], loadScriptTexts(SCRIPTS).libraries, new Set()).toLowerCase();
const scriptText = (id: ScriptId) => readFileSync(join(SCRIPTS, scripts[id].file), 'utf8').toLowerCase();

/** <placeholders> outside quotes become a literal so the line parses as it will once filled in. */
const parseable = (line: string) =>
  fillReadable(line, {
    host: 'srv',
    port: 3389,
    rulesOff: ['a', 'b'],
    thumbprint: 'A'.repeat(40),
    keyFile: 'C:\\k',
    backupDir: 'C:\\b',
    fDenyTSConnections: 1,
    securityLayer: 2,
    userAuthentication: 1,
  }).replace(/(?<=\s)<[^>]+>/g, "'x'");

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

/** Where each {name} of a line stands: outside quotes, or inside a '...' or "..." string. */
function placeholderContexts(line: string): Array<{ name: string; inside: 'none' | 'single' | 'double' }> {
  const found: Array<{ name: string; inside: 'none' | 'single' | 'double' }> = [];
  let inside: 'none' | 'single' | 'double' = 'none';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (inside === 'none' && c === '{') {
      const m = /^\{(\w+)(?:\\[\w.-]+)?\}/.exec(line.slice(i));
      if (m && m[1]! in readableValueLabels) found.push({ name: m[1]!, inside });
    }
    if (inside === 'single' && line[i + 1] === "'" && c === "'") i++;
    else if (c === "'" && inside !== 'double') inside = inside === 'single' ? 'none' : 'single';
    else if (c === '"' && inside !== 'single') inside = inside === 'double' ? 'none' : 'double';
    else if (inside !== 'none' && /^\{\w+(?:\\[\w.-]+)?\}/.test(line.slice(i))) {
      const m = /^\{(\w+)(?:\\[\w.-]+)?\}/.exec(line.slice(i))!;
      if (m[1]! in readableValueLabels) found.push({ name: m[1]!, inside });
    }
  }
  return found;
}

describe('values the checks found, in the readable lines', () => {
  it('every {value} stands alone, outside quotes: it becomes a literal of its own, never text inside a string', () => {
    let seen = 0;
    for (const lines of Object.values(readableScripts)) {
      for (const line of lines) {
        if (line.startsWith('#')) continue;
        for (const p of placeholderContexts(line)) {
          seen++;
          expect(p.inside, `${p.name} in ${line}`).toBe('none');
        }
      }
    }
    // host, rulesOff (fix and undo), thumbprint (2), keyFile (6), previous values (3), ...
    expect(seen).toBeGreaterThan(12);
  });

  it('a value the checks find is never written as an <angle placeholder> (it is a {value} the scan fills in)', () => {
    const labels = Object.values(readableValueLabels);
    for (const lines of Object.values(readableScripts)) {
      for (const line of lines) for (const label of labels) expect(line, line).not.toContain(label);
    }
  });

  it('a hostile value stays one literal: the filled line is still the one command it was', async () => {
    const hostile = "RemoteDesktop'; Remove-Item -Recurse C:\\ ; '\u2019$(calc)";
    const line = fillReadable('Enable-NetFirewallRule -Name {rulesOff}', { rulesOff: [hostile, 'RemoteDesktop-UserMode-In-UDP'] });
    const tree = parser.parse(line)!;
    expect(parseProblems(tree.rootNode)).toEqual([]);
    const commands = [...walk(tree.rootNode)].filter((n) => n.type === 'command_name').map((n) => n.text);
    expect(commands).toEqual(['Enable-NetFirewallRule']);
    const literals = [...walk(tree.rootNode)].filter((n) => n.type === 'verbatim_string_characters').map((n) => n.text);
    expect(literals).toHaveLength(2);
  });

  it('an unknown value keeps its <label>; a known one replaces it', () => {
    expect(fillReadable('icacls.exe {keyFile} /L', {})).toBe('icacls.exe <key file> /L');
    expect(fillReadable('icacls.exe {keyFile} /L', { keyFile: 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\f686_1' })).toBe(
      "icacls.exe 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\f686_1' /L",
    );
    // A scriptblock's braces are PowerShell, not a value.
    expect(fillReadable('Where-Object -FilterScript { $_.Status }', { host: 'x' })).toBe('Where-Object -FilterScript { $_.Status }');
  });

  it('the backup folder the run will use: a file in it is one literal of the whole path; unknown, its <label>', () => {
    const folder = 'C:\\ProgramData\\RDP Doctor\\backups\\0b0e1a52-5d6a-4c1f-9a57-2f9c2f8f1f0e';
    expect(fillReadable('reg.exe import {backupDir\\MSLicensing.reg} /reg:64', { backupDir: folder })).toBe(
      `reg.exe import '${folder}\\MSLicensing.reg' /reg:64`,
    );
    expect(fillReadable('Copy-Item -LiteralPath x -Destination {backupDir}', { backupDir: folder })).toBe(
      `Copy-Item -LiteralPath x -Destination '${folder}'`,
    );
    expect(fillReadable('reg.exe import {backupDir\\MSLicensing.reg} /reg:64', {})).toBe(
      'reg.exe import <backup folder>\\MSLicensing.reg /reg:64',
    );
    // A folder with a quote (a user profile "O'Brien") stays one literal.
    expect(fillReadable('reg.exe import {backupDir\\a.reg}', { backupDir: "C:\\Users\\O'Brien\\x\\" })).toBe(
      "reg.exe import 'C:\\Users\\O''Brien\\x\\a.reg'",
    );
  });

  it("a file a line names in the backup folder is one its fix's backup script writes there (the name the user will look for)", () => {
    let seen = 0;
    for (const fix of fixes) {
      const backupText = scriptText(fix.backupScript);
      for (const script of [fix.backupScript, fix.script, fix.undoScript]) {
        for (const [, name] of readableScripts[script].join('\n').matchAll(/\{backupDir\\([\w.-]+)\}/g)) {
          seen++;
          expect(backupText, `${fix.backupScript} never writes ${name}`).toContain(`'${name!.toLowerCase()}'`);
        }
      }
    }
    expect(seen).toBeGreaterThanOrEqual(7);
  });

  it('readableValues: the rules that are off (not the WebSocket one), the listener certificate and its key file, previous values', () => {
    const key = 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\f686aace6942fb7f7ceb231212eef4a4_0f1e';
    const results = [
      {
        checkId: 'server-firewall',
        facts: {
          activeProfiles: ['Domain'],
          rules: [
            { name: 'RemoteDesktop-UserMode-In-TCP', displayName: 'TCP', enabled: false, profiles: ['Any'], protocol: 'TCP' },
            { name: 'RemoteDesktop-UserMode-In-UDP', displayName: 'UDP', enabled: true, profiles: ['Any'], protocol: 'UDP' },
            { name: 'RemoteDesktop-In-TCP-WS', displayName: 'WS', enabled: false, profiles: ['Any'], protocol: 'TCP', webSocket: true },
          ],
        },
      },
      {
        checkId: 'server-key-permissions',
        facts: {
          folder: 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys',
          files: [{ name: 'f', path: key, ownerSid: null, aces: [] }],
        },
      },
      {
        checkId: 'server-security-settings',
        facts: {
          local: { securityLayer: 1, userAuthentication: 1, minEncryptionLevel: 2, fAllowSecProtocolNegotiation: null },
          policy: { securityLayer: null, userAuthentication: null, minEncryptionLevel: null, fAllowSecProtocolNegotiation: null },
          fipsEnabled: 0,
        },
      },
      // Facts that do not parse give nothing.
      { checkId: 'server-rdp-enabled', facts: { fDenyTSConnections: 'one' } },
    ] as unknown as CheckResult[];
    expect(readableValues(results)).toEqual({
      rulesOff: ['RemoteDesktop-UserMode-In-TCP'],
      keyFile: key,
      securityLayer: 1,
      userAuthentication: 1,
    });
  });

  it('a value with a control character is left out, not shown', () => {
    const results = [
      {
        checkId: 'server-firewall',
        facts: { activeProfiles: [], rules: [{ name: 'a\nb', displayName: 'x', enabled: false, profiles: ['Any'], protocol: 'TCP' }] },
      },
    ] as unknown as CheckResult[];
    expect(readableValues(results)).toEqual({});
  });
});
