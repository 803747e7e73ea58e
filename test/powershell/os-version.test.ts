import { describe, expect, it } from 'vitest';
import { evaluate } from '../../shared/diagnosis/evaluate';
import { healthyServer } from './machines';
import { runOnMachines } from './pwsh';

/*
 * The server's Windows version comes from the server (Win32_OperatingSystem), never from the
 * process's [Environment]::OSVersion: off Windows that is the host's kernel ("6.18.44"), which
 * once read as Windows 7 / 2008 R2 ("6.1") and asked a Server 2022 for KB3080079.
 */
describe("the server's Windows version", () => {
  it('is the machine’s own, in both scripts that report it', async () => {
    const [tls, credssp] = await runOnMachines([
      { state: healthyServer(), script: 'check-schannel-tls.ps1', elevated: true },
      { state: healthyServer(), script: 'check-credssp-version.ps1', elevated: true },
    ]);
    expect(tls).toMatchObject({ ok: true, facts: { osVersion: '10.0.20348' } });
    expect(credssp).toMatchObject({ ok: true, facts: { osVersion: '10.0.20348' } });
  });

  it('asks for the Windows 7 / 2008 R2 update only on 6.1, not on a version that merely starts with it', () => {
    // Every version turned off (Enabled = 0): the summary names the old-Windows update where it applies.
    const protocols = (['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'] as const).map((version) => ({
      version,
      keyExists: true,
      enabled: 0,
      disabledByDefault: 1,
    }));
    const on = (osVersion: string) => evaluate('server-tls-versions', { protocols, osVersion }).summary;
    expect(on('6.1.7601')).toMatch(/KB3080079/);
    expect(on('6.18.44')).not.toMatch(/KB3080079/);
    expect(on('10.0.17763')).not.toMatch(/KB3080079/);
  });
});
