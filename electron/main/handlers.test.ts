import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackAddress, type ServerAddress } from './simulated/listener';
import { firstNow, plantedMissingNow } from '../../test/support/first-finding-now';
import { createHandlers, type HandlerContext } from './handlers';
import { createSimulatedPorts } from './simulated/simulated-ports';
import { scenarios } from './simulated/scenarios';
import type { ScanProgress } from '../../shared/results';
import { withoutBackups } from '../../test/support/machine-snapshot';

// The scenario's server listens on this loopback port: what it answers comes from its state.
let server: ServerAddress;
let port = 0;
beforeAll(async () => {
  server = await loopbackAddress();
  port = server.port;
});
afterAll(() => server.close());

const ctx = (events: ScanProgress[] = []): HandlerContext => ({ emit: (_name, payload) => events.push(payload) });

describe('runScan over each scenario', () => {
  it.each(Object.entries(scenarios))('%s: the real scripts answer, and the top finding is the planted cause', async (name, scenario) => {
    // The wire comes from the scenario's state: the probe meets what its server would answer.
    const { ports } = createSimulatedPorts(name, {}, { targetPort: port, listeners: [server] });
    const events: ScanProgress[] = [];
    const result = await createHandlers(ports).runScan({ target: { host: '127.0.0.1', port }, audience: 'home' }, ctx(events));
    // LEAD: evidence model (test/support/first-finding-now.ts): the honest first finding now, where it is not the planted cause.
    expect(result.findings[0]?.id ?? null).toBe(firstNow[name] ?? scenario.expectedFinding);
    if (scenario.expectedFinding) {
      const ids = result.findings.map((f) => f.id);
      if (plantedMissingNow.has(name)) expect(ids).not.toContain(scenario.expectedFinding);
      else expect(ids).toContain(scenario.expectedFinding);
    }
    // Every check script ran on the scenario's machine and answered (no error, nothing it could not run).
    const scripted = result.results.filter((r) => r.command !== undefined);
    expect(scripted.length).toBeGreaterThan(15);
    expect(scripted.filter((r) => r.status === 'error' || r.status === 'unavailable').map((r) => `${r.checkId}: ${r.summary}`)).toEqual([]);
    // Progress: every check reported running, then done, once each. The network checks finish
    // when the probe does (it now meets a listener), so only the script checks keep catalog order.
    const done = events.filter((e) => e.state === 'done').map((e) => e.checkId);
    expect([...done].sort()).toEqual(result.results.map((r) => r.checkId).sort());
    const scriptIds = new Set(scripted.map((r) => r.checkId));
    expect(done.filter((id) => scriptIds.has(id))).toEqual(scripted.map((r) => r.checkId));
    expect(events.filter((e) => e.state === 'running')).toHaveLength(result.results.length);
  });

  it.each(['2026-12-08T01:31:00.000Z', '2026-12-08T16:45:00.000Z'])(
    'client-failure-after-update at %s: the update is named at any time of day (the simulated computers keep its day)',
    async (at) => {
      const clock = { now: () => new Date(at) };
      const { ports } = createSimulatedPorts('client-failure-after-update', { clock }, { targetPort: port, listeners: [server] });
      const result = await createHandlers(ports).runScan({ target: { host: '127.0.0.1', port }, audience: 'home' }, ctx());
      expect(result.findings[0]?.id).toBe('failure-after-update');
      expect(result.findings[0]?.plain).toMatch(
        /^Connecting worked on (\d{4}-\d{2}-\d{2}); KB5046617 was installed on (\d{4}-\d{2}-\d{2})/,
      );
    },
  );

  it('shows the exact PowerShell line for each script check', async () => {
    const { ports } = createSimulatedPorts('healthy', {}, { targetPort: port, listeners: [server] });
    const result = await createHandlers(ports).runScan({ target: { host: '127.0.0.1', port }, audience: 'helpdesk' }, ctx());
    const fw = result.results.find((r) => r.checkId === 'server-firewall');
    expect(fw?.command).toMatch(
      /^& 'C:\\Program Files\\RDP Doctor\\resources\\scripts\\check-firewall-rdp\.ps1' -EncodedArgs '[A-Za-z0-9+/=]+'$/,
    );
  });

  it('goes on with the network checks where Windows checks cannot run', async () => {
    const { ports, windows } = createSimulatedPorts('healthy', {}, { targetPort: port, listeners: [server] });
    windows.faults.crashOn = 'check-rdp-certificate';
    const result = await createHandlers(ports).runScan({ target: { host: '127.0.0.1', port }, audience: 'home' }, ctx());
    const byId = Object.fromEntries(result.results.map((r) => [r.checkId, r]));
    expect(byId['tcp-port']?.status).toBe('pass');
    expect(byId['server-certificate']?.status).toBe('error');
    expect(byId['server-certificate']?.summary).toMatch(/PowerShell process stopped/);
    expect(byId['server-firewall']?.status).toBe('pass');
  });
});

describe('fixes', () => {
  const target = { host: '127.0.0.1', port: 3389 };

  it.each([
    ['firewall-rule-disabled', 'enable-firewall-rdp', 'server-firewall'],
    ['certificate-expired', 'regenerate-rdp-certificate', 'server-certificate'],
  ] as const)('%s: %s is backed up, applied, verified, and undone back to the original state', async (scenario, fixId, checkId) => {
    const { ports, windows, journal } = createSimulatedPorts(scenario);
    const before = await windows.snapshot();
    const certificateBefore = await windows.facts('check-rdp-certificate');
    const handlers = createHandlers(ports);
    const outcome = await handlers.applyFix({ fixId, target }, ctx());
    expect(outcome.status).toBe('fixed');
    expect(outcome.verification.map((v) => [v.checkId, v.status])).toEqual([[checkId, 'pass']]);
    expect(journal.entries[0]?.state).toBe('verified');
    expect(windows.runs.filter((r) => r.elevated).map((r) => r.script)).toEqual([
      expect.stringMatching(/^backup-/),
      expect.stringMatching(/^fix-/),
    ]);

    const undo = await handlers.undoFix({ journalId: outcome.journalId! }, ctx());
    expect(undo.restored.length).toBeGreaterThan(0);
    const restored = withoutBackups(await windows.snapshot());
    if (fixId === 'regenerate-rdp-certificate') {
      // Windows never lets the old key be exported: the new certificate stays, and undo says so.
      expect(undo.restored[0]).toMatch(/cannot be put back/);
      expect((await windows.facts('check-rdp-certificate')).listenerThumbprint).not.toBe(certificateBefore.listenerThumbprint);
      expect(restored.firewall).toEqual(before.firewall);
      expect(restored.registry).toEqual(before.registry);
    } else {
      expect(restored).toEqual(withoutBackups(before));
    }
    expect(journal.entries[0]?.state).toBe('undone');
  });

  it('rolls back a fix that fails after its backup, leaving the machine as it was', async () => {
    const { ports, windows, journal } = createSimulatedPorts('firewall-rule-disabled');
    const before = await windows.snapshot();
    windows.faults.failOn = 'fix-enable-firewall-rdp';
    const outcome = await createHandlers(ports).applyFix({ fixId: 'enable-firewall-rdp', target }, ctx());
    expect(outcome.status).toBe('rolled-back');
    // The fault strikes before the script changed anything, and the message says so.
    expect(outcome.message).toMatch(/^The fix failed \(Simulated failure in fix-enable-firewall-rdp\.\) before it had changed anything\.$/);
    expect(withoutBackups(await windows.snapshot())).toEqual(withoutBackups(before));
    expect(journal.entries[0]?.state).toBe('rolled-back');
  });

  it('changes nothing when the backup cannot be made', async () => {
    const { ports, windows } = createSimulatedPorts('certificate-expired');
    const before = await windows.snapshot();
    windows.faults.crashOn = 'backup-rdp-certificate';
    const outcome = await createHandlers(ports).applyFix({ fixId: 'regenerate-rdp-certificate', target }, ctx());
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(/Nothing was changed/);
    expect(await windows.snapshot()).toEqual(before);
  });

  it('refuses to undo twice', async () => {
    const { ports } = createSimulatedPorts('firewall-rule-disabled');
    const handlers = createHandlers(ports);
    const outcome = await handlers.applyFix({ fixId: 'enable-firewall-rdp', target }, ctx());
    await handlers.undoFix({ journalId: outcome.journalId! }, ctx());
    await expect(handlers.undoFix({ journalId: outcome.journalId! }, ctx())).rejects.toThrow(/cannot be undone: it is undone/);
  });
});
