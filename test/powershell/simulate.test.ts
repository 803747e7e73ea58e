import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeWindowsComputer } from '../../electron/main/simulated/fake-windows-port';
import { SimulatedWindows } from '../../electron/main/simulated/simulated-windows';
import { SCRIPTS_DIR } from './pwsh';
import { createPorts } from '../../electron/main/compose';
import type { RoutingWindows } from '../../electron/main/remote/router';

/*
 * `--simulate <scenario>`: the app's own composition of two simulated computers, each running
 * the real scripts under real PowerShell against the fake Windows. (Every scenario scanned
 * through the real scripts, planted cause on top: electron/main/handlers.test.ts.)
 */
describe('npm start -- --simulate <scenario>', () => {
  it('runs the real scripts in pwsh on two simulated computers: this laptop, and the server over remoting', async () => {
    const ports = createPorts({
      platform: 'linux',
      version: '0.0.0-test',
      simulate: 'firewall-rule-disabled',
      scriptsDir: SCRIPTS_DIR,
      userDataDir: await mkdtemp(join(tmpdir(), 'rdpd-userdata-')),
      elevated: false,
    });
    const local = (ports.windows as RoutingWindows).local as SimulatedWindows;
    expect(local).toBeInstanceOf(SimulatedWindows);
    expect(local.computer).toBeInstanceOf(FakeWindowsComputer);
    const termService = (facts: unknown) =>
      (facts as { services: { name: string; status: string }[] }).services.find((s) => s.name === 'TermService')?.status;
    const options = { elevated: false, side: 'server' as const, timeoutMs: 30_000 };
    try {
      // This computer is a Windows 11 laptop as shipped: it hosts no Remote Desktop.
      expect(termService(await local.run('check-rdp-services', {}, { ...options, where: 'here' }))).toBe('Stopped');
      // The server, over (simulated) remoting: its firewall rules are off, its services run.
      expect((await ports.remote!.connect({ host: 'office-pc', username: 'admin', password: 'x' })).connected).toBe(true);
      expect(termService(await ports.windows.run('check-rdp-services', {}, { ...options, where: 'remoting' }))).toBe('Running');
      const firewall = (await ports.windows.run('check-firewall-rdp', {}, { ...options, where: 'remoting' })) as {
        rules: { enabled: boolean }[];
      };
      expect(firewall.rules.length).toBeGreaterThan(0);
      expect(firewall.rules.every((r) => !r.enabled)).toBe(true);
    } finally {
      await ports.remote!.disconnect();
      // --simulate has a pool of its own (the app's lifetime), ended as the app quits.
      await ports.dispose!();
    }
  }, 60_000);
});
