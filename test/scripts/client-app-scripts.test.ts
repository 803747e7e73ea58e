import { describe, expect, it } from 'vitest';
import { scripts } from '../../shared/catalog/scripts';
import { diagnose } from '../../shared/diagnosis/rules';
import { address, cert, report, tls } from '../probe/fixtures';
import { result } from '../support/diagnosis-fixtures';
import { binary, dword, HKLM, str, type MachineState } from '../powershell/machines';
import { runOnMachines } from '../powershell/pwsh';

/*
 * The two client scripts of the client traps, run for real under pwsh on FakeWindows machines
 * (test/fake-windows, modelled on Microsoft's documentation, sources there), as the standard user
 * RDP Doctor runs as. What they print goes through the catalog schema, the evaluator and the rules.
 */
const VERSION_KEY = `${HKLM}\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion`;
const SERVERS = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Terminal Server Client\\Servers';
// Not a real executable: a file without version resources, as a stripped copy would be.
const MSTSC = { 'Windows/System32/mstsc.exe': { text: 'MZ' } };

const win11 = {
  CurrentBuildNumber: str('26100'),
  UBR: dword(4061),
  ProductName: str('Windows 10 Pro'),
  DisplayVersion: str('24H2'),
  EditionID: str('Professional'),
};

async function run(script: string, args: Record<string, unknown>, state: MachineState) {
  const [envelope] = await runOnMachines([{ state, script, args }]);
  return envelope!;
}

describe('check-client-rdp-app.ps1 under pwsh', () => {
  it('reads Windows 11 24H2 (ProductName still says Windows 10), Remote Desktop Connection present, no Windows App', async () => {
    const out = await run('check-client-rdp-app.ps1', {}, { registry: { [VERSION_KEY]: win11 }, appxPackages: [], files: MSTSC });
    expect(out.ok).toBe(true);
    const facts = scripts['check-client-rdp-app'].facts.parse(out.facts);
    expect(facts.os).toEqual({ build: 26100, ubr: 4061, productName: 'Windows 10 Pro', displayVersion: '24H2' });
    expect(facts.mstsc.exists).toBe(true);
    expect(facts.mstsc.version).toBeNull();
    expect(facts.windowsApp).toEqual({ installed: false, version: null });
    const checked = result('client-rdp-app', facts);
    expect(checked.status).toBe('pass');
    expect(checked.summary).toContain('Windows 11 Pro 24H2 (build 26100.4061)');
    expect(diagnose([checked]).map((f) => f.id)).not.toContain('rdp-app-missing');
  });

  it('after "mstsc /uninstall" with Windows App installed: a warning, and the finding says what to use', async () => {
    const out = await run(
      'check-client-rdp-app.ps1',
      {},
      {
        registry: { [VERSION_KEY]: win11 },
        appxPackages: [{ name: 'MicrosoftCorporationII.Windows365', version: '2.0.420.0' }],
      },
    );
    const facts = scripts['check-client-rdp-app'].facts.parse(out.facts);
    expect(facts.mstsc.exists).toBe(false);
    expect(facts.windowsApp).toEqual({ installed: true, version: '2.0.420.0' });
    const checked = result('client-rdp-app', facts);
    expect(checked.status).toBe('warn');
    const finding = diagnose([checked]).find((f) => f.id === 'rdp-app-missing');
    expect(finding?.likelihood).toBe('likely');
    expect(finding?.plain).toMatch(/install Remote Desktop Connection again/);
    expect(finding?.learnMore).toMatch(/uninstall-remote-desktop-connection$/);
  });

  it('an old Windows without UBR or DisplayVersion, and without the Appx module (Server Core): nulls, not errors', async () => {
    // No appxPackages: a machine without the Appx module, where Get-AppxPackage is no command.
    const out = await run(
      'check-client-rdp-app.ps1',
      {},
      {
        registry: { [VERSION_KEY]: { CurrentBuildNumber: str('7601'), ProductName: str('Windows 7 Professional') } },
      },
    );
    const facts = scripts['check-client-rdp-app'].facts.parse(out.facts);
    expect(facts.os).toEqual({ build: 7601, ubr: null, productName: 'Windows 7 Professional', displayVersion: null });
    expect(facts.windowsApp.installed).toBe(false);
    const finding = diagnose([result('client-rdp-app', facts)]).find((f) => f.id === 'rdp-app-missing');
    expect(finding?.likelihood).toBe('certain');
  });

  it("a missing version key is reported as the script's error, one JSON object", async () => {
    const out = await run('check-client-rdp-app.ps1', {}, { registry: {}, appxPackages: [], files: MSTSC });
    expect(out.ok).toBe(false);
    expect(out.error?.message).toMatch(/Cannot find path .*CurrentVersion.* because it does not exist/);
  });
});

describe('check-client-pinned-cert.ps1 under pwsh', () => {
  const pinned = 'AB'.repeat(20);

  it('reads CertHash as upper-case hex and UsernameHint, for the name and for name:port off 3389', async () => {
    const out = await run(
      'check-client-pinned-cert.ps1',
      { host: 'srv01.corp.example', port: 3390 },
      {
        registry: {
          [`${SERVERS}\\SRV01.corp.example`]: { CertHash: binary('0a'.repeat(20)), UsernameHint: str('CORP\\alex') },
          [`${SERVERS}\\srv01.corp.example:3390`]: { UsernameHint: str('CORP\\admin') },
          [`${SERVERS}\\other-pc`]: { CertHash: binary('ff'.repeat(20)) },
        },
      },
    );
    expect(out.ok).toBe(true);
    const facts = scripts['check-client-pinned-cert'].facts.parse(out.facts);
    expect(facts.servers).toEqual([
      // Registry names are case-insensitive; the key keeps the case it was created with.
      { name: 'SRV01.corp.example', certHash: '0A'.repeat(20), usernameHint: 'CORP\\alex' },
      { name: 'srv01.corp.example:3390', certHash: null, usernameHint: 'CORP\\admin' },
    ]);
  });

  it('no key for the server: nothing remembered', async () => {
    const out = await run('check-client-pinned-cert.ps1', { host: 'new-server', port: 3389 }, { registry: {} });
    const facts = scripts['check-client-pinned-cert'].facts.parse(out.facts);
    expect(facts.servers).toEqual([]);
    expect(result('client-pinned-certificate', facts).summary).toMatch(/has not remembered a certificate for new-server/);
  });

  it('a remembered certificate the server no longer shows becomes a finding with both thumbprints; the same one does not', async () => {
    const machine = { registry: { [`${SERVERS}\\server.example.com`]: { CertHash: binary(pinned.toLowerCase()) } } };
    const facts = scripts['check-client-pinned-cert'].facts.parse(
      (await run('check-client-pinned-cert.ps1', { host: 'server.example.com', port: 3389 }, machine)).facts,
    );
    const seen = (sha1: string) => {
      const t = tls({ certificate: cert({ sha1 }) });
      return result('rdp-handshake', report({ addresses: [address({ tls: t })] }));
    };
    const renewed = diagnose([result('client-pinned-certificate', facts), seen('CD'.repeat(20))]).find(
      (f) => f.id === 'pinned-certificate-changed',
    );
    expect(renewed?.technical).toContain(pinned);
    expect(renewed?.technical).toContain('CD'.repeat(20));
    expect(renewed?.plain).toMatch(/do not type your password/);
    expect(diagnose([result('client-pinned-certificate', facts), seen(pinned)]).map((f) => f.id)).not.toContain(
      'pinned-certificate-changed',
    );
  });
});
