import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeFixScript } from '../../electron/main/remote/fix-script';
import { psLiteral } from '../../electron/main/powershell/literal';
import { loadScriptTexts } from '../../electron/main/remote/script-texts';
import { ServerLocator } from '../../electron/main/server-place/locator';
import { SIMULATED_LAPTOP } from '../../electron/main/simulated/simulated-ports';
import { serverCheckScripts } from '../../shared/server-report';
import { healthyServer, writeMachine, RDP_GROUP } from './machines';
import { pwshPath, SCRIPTS_DIR } from './pwsh';

const run = promisify(execFile);
const FAKE = join(__dirname, '../fake-windows/FakeWindows.psm1');

/**
 * The check script's -Report mode, for real: the .ps1 the app generates runs under pwsh on a fake
 * Windows Server (SRV01, its Remote Desktop firewall rules off), writes its report file, and the
 * app reads that file back as the server's checks. Nothing on the server changes.
 */
describe("the server's report, made by the generated script under real PowerShell", () => {
  it('-Report runs every server check there, changes nothing, and its file is what the app accepts', async () => {
    const server = healthyServer();
    const rules = (server.firewall as { rules: Array<Record<string, unknown>> }).rules;
    for (const rule of rules) if (rule.group === RDP_GROUP) rule.enabled = 'False';
    const { machine, root } = await writeMachine(server, 'srv01');
    const dir = await mkdtemp(join(tmpdir(), 'rdpd-report-'));
    const target = { host: 'srv01', port: 3389 };
    const script = join(dir, 'rdp-doctor-check-srv01.ps1');
    await writeFile(script, makeFixScript([], target, loadScriptTexts(SCRIPTS_DIR)).content);
    const runReport = async (elevated: boolean) => {
      const out = join(dir, `report-${elevated}.json`);
      // Every path enters as a quoted literal (psLiteral), never pasted into the command text.
      const command = [
        `Import-Module -Name ${psLiteral(FAKE)}`,
        `Use-FakeMachine -Path ${psLiteral(machine)} -Root ${psLiteral(root)}`,
        `Set-FakeElevation -Elevated ${elevated ? '$true' : '$false'}`,
        `$env:COMPUTERNAME = 'SRV01'`,
        `[System.IO.File]::WriteAllText(${psLiteral(`${out}.before`)}, (Get-FakeMachineSnapshot))`,
        `& ${psLiteral(script)} -Report -ReportPath ${psLiteral(out)}`,
        `[System.IO.File]::WriteAllText(${psLiteral(`${out}.after`)}, (Get-FakeMachineSnapshot))`,
      ].join('; ');
      const { stdout } = await run(pwshPath(), ['-NoProfile', '-NonInteractive', '-Command', command], {
        env: { ...process.env, TERM: 'dumb' },
      });
      expect(stdout).toContain('RDP Doctor: checking SRV01 for srv01. Nothing is changed.');
      expect(stdout).toContain(`Report saved: ${out}`);
      // The server itself is as it was, whole (registry, services, certificates, files): -Report changes nothing.
      expect(JSON.parse(await readFile(`${out}.after`, 'utf8'))).toEqual(JSON.parse(await readFile(`${out}.before`, 'utf8')));
      return { stdout, text: await readFile(out, 'utf8') };
    };

    // Not as administrator: the admin-only check says so in the report, plainly; the rest answer.
    const standard = await runReport(false);
    expect(standard.stdout).toContain("Access to the certificate's key: could not check (Only administrators can read");
    expect(standard.stdout).toContain(
      '1 check(s) need administrator rights: run this again in PowerShell opened with "Run as administrator" for a full report.',
    );
    const partial = new ServerLocator(SIMULATED_LAPTOP, null);
    partial.loadReport(target, standard.text);
    expect(
      Object.entries(partial.report(target)!.checks)
        .filter(([, e]) => !e.ok)
        .map(([id]) => id),
    ).toEqual(['check-rdp-key-permissions']);

    // As administrator, as its header asks: every check answers.
    const { text, stdout } = await runReport(true);
    expect(stdout).not.toContain('need administrator rights');
    const locator = new ServerLocator(SIMULATED_LAPTOP, null);
    expect(locator.loadReport(target, text)).toMatchObject({ computer: 'SRV01', checks: serverCheckScripts.length });
    const report = locator.report(target)!;
    // Every server check answered with facts, and the firewall one saw the rules off.
    const failed = Object.entries(report.checks).filter(([, e]) => !e.ok);
    expect(failed).toEqual([]);
    const firewall = report.checks['check-firewall-rdp'];
    expect(firewall?.ok && (firewall.facts as { rules: Array<{ enabled: boolean }> }).rules.every((r) => !r.enabled)).toBe(true);
    expect(locator.placeFor(target)).toEqual({ kind: 'report', computer: 'SRV01', takenAt: report.takenAt });
  }, 60_000);
});
