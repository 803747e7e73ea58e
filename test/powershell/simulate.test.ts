import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHealthyRdpServer } from '../harness/healthy-rdp';
import type { FakeServer } from '../harness/fake-rdp-server';
import { createHandlers, type HandlerContext } from '../../electron/main/handlers';
import { createSimulatedPorts } from '../../electron/main/simulated/simulated-ports';
import { scenarios, scenarioState } from '../../electron/main/simulated/scenarios';
import { FakeWindowsComputer } from '../../electron/main/simulated/fake-windows-port';
import { SCRIPTS_DIR, fakeComputer } from './pwsh';
import { createPorts } from '../../electron/main/compose';
import type { RoutingWindows } from '../../electron/main/remote/router';

/*
 * `--simulate <scenario>` through the real scripts: each scenario's computer becomes a fake
 * Windows machine state, and a scan runs every check script under real PowerShell through the
 * node-powershell session. The planted cause must come out on top, as with the TS simulator.
 */
let rdp: FakeServer;
let computer: FakeWindowsComputer;
beforeAll(async () => {
  rdp = await startHealthyRdpServer();
  // RDP Doctor run as administrator on the scenario's server (see defect 6 for the unelevated case).
  computer = fakeComputer();
});
afterAll(async () => {
  rdp.close();
  await computer.dispose();
});

const ctx: HandlerContext = { emit: () => undefined };

describe.each(Object.entries(scenarios))('scan of the %s scenario with the real scripts', (name, scenario) => {
  it('puts the planted cause on top, and every check answers', async () => {
    await computer.load(scenarioState(name), 'SRV-APP01', rdp.port);
    // The server's own state decides, as in handlers.test.ts: the probe is out of reach (a healthy
    // listener would rightly contradict a certificate the scenario planted as expired).
    const network = { probe: () => Promise.reject(new Error('The network was not part of this test.')) };
    const { ports } = createSimulatedPorts(name, { windows: computer, network });
    const result = await createHandlers(ports).runScan({ target: { host: '127.0.0.1', port: rdp.port }, audience: 'home' }, ctx);
    const scripted = result.results.filter((r) => r.command !== undefined);
    expect(scripted.length).toBeGreaterThan(15);
    const broken = scripted.filter((r) => r.status === 'error' || r.status === 'unavailable').map((r) => `${r.checkId}: ${r.summary}`);
    expect(broken).toEqual([]);
    expect(result.findings[0]?.id ?? null).toBe(scenario.expectedFinding);
  }, 60_000);
});

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
    const local = (ports.windows as RoutingWindows).local;
    expect(local).toBeInstanceOf(FakeWindowsComputer);
    const termService = (facts: unknown) => (facts as { services: { name: string; status: string }[] }).services.find((s) => s.name === 'TermService')?.status;
    const options = { elevated: false, side: 'server' as const, timeoutMs: 30_000 };
    try {
      // This computer is a Windows 11 laptop as shipped: it hosts no Remote Desktop.
      expect(termService(await local.run('check-rdp-services', {}, { ...options, where: 'here' }))).toBe('Stopped');
      // The server, over (simulated) remoting: its firewall rules are off, its services run.
      expect((await ports.remote.connect({ host: 'office-pc', username: 'admin', password: 'x' })).connected).toBe(true);
      expect(termService(await ports.windows.run('check-rdp-services', {}, { ...options, where: 'remoting' }))).toBe('Running');
      const firewall = (await ports.windows.run('check-firewall-rdp', {}, { ...options, where: 'remoting' })) as { rules: { enabled: boolean }[] };
      expect(firewall.rules.length).toBeGreaterThan(0);
      expect(firewall.rules.every((r) => !r.enabled)).toBe(true);
    } finally {
      await ports.remote.disconnect();
      await (local as FakeWindowsComputer).dispose();
    }
  }, 60_000);
});
