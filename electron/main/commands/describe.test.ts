import { describe, expect, it } from 'vitest';
import { createHandlers } from '../handlers';
import { dispatch } from '../ipc/dispatch';
import { createSimulatedPorts } from '../simulated/simulated-ports';
import { previewFix } from '../fixes/fix-preview';
import { encodeArgs } from '../powershell/literal';
import { describeCommands } from './describe';
import { DescribeCommandsRequestSchema } from '../../../shared/commands';

const dispatchSchema = (request: unknown) => DescribeCommandsRequestSchema.parse(request);

const target = { host: 'office-pc', port: 3390 };

describe('describeCommands', () => {
  it("a network check shows Test-NetConnection and the probe's command line for the target", () => {
    const { ports } = createSimulatedPorts('healthy');
    const d = describeCommands(ports, { kind: 'check', checkId: 'tcp-port', target });
    expect(d.readable).toEqual([
      "Test-NetConnection -ComputerName 'office-pc' -Port 3390",
      "rdp-doctor probe office-pc:3390   # RDP Doctor's command line: the same probe, printed",
    ]);
    expect(d.scripts).toEqual([]);
    const v6 = describeCommands(ports, { kind: 'check', checkId: 'rdp-handshake', target: { host: 'fe80::1', port: 3389 } });
    expect(v6.readable.at(-1)).toMatch(/^rdp-doctor probe \[fe80::1\]/);
  });

  it('a script check shows readable PowerShell, the decoded arguments, the exact line and the script text', () => {
    const { ports } = createSimulatedPorts('healthy');
    const d = describeCommands(ports, { kind: 'check', checkId: 'server-listener', target });
    expect(d.readable).toContain('Get-NetTCPConnection -State Listen -LocalPort 3390');
    const [script] = d.scripts;
    expect(script?.file).toBe('check-rdp-listener.ps1');
    expect(JSON.parse(script!.args)).toEqual({ host: 'office-pc', port: 3390 });
    // "Exact command run" is the base64 line, and its argument is the same JSON.
    expect(script?.exact).toContain(`-EncodedArgs '${encodeArgs({ host: 'office-pc', port: 3390 })}'`);
    expect(script?.text).toContain('Get-NetTCPConnection');
  });

  it('a fix shows backup and change, the undo, and the same exact lines the fix preview shows', () => {
    const { ports } = createSimulatedPorts('firewall-rule-disabled');
    const d = describeCommands(ports, { kind: 'fix', fixId: 'enable-firewall-rdp', target });
    expect(d.readable.join('\n')).toContain('Enable-NetFirewallRule');
    expect(d.undo?.join('\n')).toContain('Disable-NetFirewallRule');
    expect(d.scripts.map((s) => s.role)).toEqual(['Back up', 'Change', 'Check again', 'Undo']);
    const preview = previewFix(ports, 'enable-firewall-rdp', target);
    expect(d.scripts.slice(0, 3).map((s) => s.exact)).toEqual(preview.commands);
    expect(d.computer).toBe(preview.computer);
  });

  it('a fix names the values the scan found as literals, in its lines and its .ps1: the rules that are off, not a placeholder', () => {
    const { ports } = createSimulatedPorts('firewall-rule-disabled');
    const values = { rulesOff: ['RemoteDesktop-UserMode-In-TCP', "It's-UDP"] };
    const d = describeCommands(ports, { kind: 'fix', fixId: 'enable-firewall-rdp', target, values });
    expect(d.readable).toContain("Enable-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP', 'It''s-UDP'");
    expect(d.undo).toContain("Disable-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP', 'It''s-UDP'");
    expect(d.ps1).toContain("Enable-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP', 'It''s-UDP'");
    expect(d.ps1).not.toContain('<each rule');
    // The channel refuses a value that is no name (a newline would start a second line).
    expect(() =>
      dispatchSchema({ kind: 'fix', fixId: 'enable-firewall-rdp', target, values: { rulesOff: ['a\nRemove-Item C:\\'] } }),
    ).toThrow();
  });

  it('a fix names the backup folder its run will use: in its lines, its undo, its .ps1 and its decoded arguments', () => {
    const { ports } = createSimulatedPorts('healthy');
    const folder = 'C:\\ProgramData\\RDP Doctor\\backups\\0b0e1a52-5d6a-4c1f-9a57-2f9c2f8f1f0e';
    const d = describeCommands(ports, { kind: 'fix', fixId: 'reset-license-cache', target }, folder);
    expect(d.readable).toContain(`reg.exe export 'HKLM\\SOFTWARE\\Microsoft\\MSLicensing' '${folder}\\MSLicensing.reg' /y /reg:64`);
    expect(d.undo).toEqual([`reg.exe import '${folder}\\MSLicensing.reg' /reg:64`]);
    expect(JSON.parse(d.scripts[0]!.args)).toEqual({ backupDir: folder });
    expect(d.ps1).toContain(`'${folder}\\MSLicensing.reg'`);
    // Every value is known: no line waits for one, and the header says none does.
    expect([...d.readable, ...d.undo!].join('\n')).not.toMatch(/<[a-z][^>]*>/);
    expect(d.ps1).not.toContain('need a value');
    // Where the folder is known only when the fix runs, the line says so, and so does the header.
    const unknown = describeCommands(ports, { kind: 'fix', fixId: 'reset-license-cache', target });
    expect(unknown.undo).toEqual(['reg.exe import <backup folder>\\MSLicensing.reg /reg:64']);
    expect(unknown.ps1).toContain('# Lines with <...> need a value known only when it runs: fill it in first.');
  });

  it('the .ps1 names the computer, runs the change, and leaves the undo commented out', () => {
    const { ports } = createSimulatedPorts('healthy');
    const d = describeCommands(ports, { kind: 'fix', fixId: 'disable-client-udp', target });
    const lines = d.ps1.split('\r\n');
    expect(lines[1]).toMatch(/^# Run on .+, in Windows PowerShell as administrator\.$/);
    expect(lines).toContain(
      "New-ItemProperty -LiteralPath 'Registry::HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client' -Name fClientDisableUDP -PropertyType DWord -Value 1 -Force",
    );
    const undoAt = lines.indexOf('# --- Undo (only to put it back)');
    expect(undoAt).toBeGreaterThan(0);
    expect(
      lines
        .slice(undoAt + 1)
        .filter((l) => l !== '')
        .every((l) => l.startsWith('#')),
    ).toBe(true);
  });

  it('a target value with a quote reaches the readable line only as a doubled-quote literal', () => {
    const { ports } = createSimulatedPorts('healthy');
    // TargetSchema refuses such a host at the IPC boundary; the quoting holds even without it.
    const d = describeCommands(ports, { kind: 'check', checkId: 'client-saved-credentials', target: { host: "a'b", port: 3389 } });
    expect(d.readable).toEqual(["cmdkey.exe /list:TERMSRV/'a''b'"]);
  });

  it('says the script text is not available rather than guessing, when this install cannot read it', () => {
    const { ports } = createSimulatedPorts('healthy');
    const d = describeCommands({ ...ports, remote: undefined }, { kind: 'check', checkId: 'server-firewall', target });
    expect(d.scripts[0]?.text).toBeNull();
    expect(d.readable[0]).toContain("Get-NetFirewallRule -Group '@FirewallAPI.dll,-28752'");
  });
});

describe('the describeCommands channel', () => {
  const TRUSTED = 'file:///app/index.html';
  const call = (payload: unknown) =>
    dispatch(createHandlers(createSimulatedPorts('healthy').ports), 'describeCommands', payload, { url: TRUSTED }, TRUSTED, {
      emit: () => undefined,
    });

  it('answers for a check named by id', async () => {
    const res = await call({ kind: 'check', checkId: 'dns', target });
    expect(res).toMatchObject({ ok: true, value: { readable: ["Resolve-DnsName -Name 'office-pc'"] } });
  });

  it('refuses anything but an id: script text, an unknown id, extra fields', async () => {
    for (const bad of [
      { kind: 'check', checkId: 'Remove-Item C:\\ -Recurse', target },
      { kind: 'fix', fixId: 'no-such-fix', target },
      { kind: 'check', checkId: 'dns', target, script: 'Get-Process' },
    ]) {
      expect(await call(bad)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    }
  });
});
