import { afterAll, beforeAll, expect, it } from 'vitest';
import { probeTarget } from '../../electron/main/probe/probe';
import { probeFindings, probeVerdict } from '../../shared/diagnosis/probe-verdict';
import { makeFirewalledNamespace, type Netns } from '../harness/netns';

/**
 * Closed vs filtered against a real firewall: a namespace where port 3389 is dropped by iptables
 * and port 3390 has nothing listening (the kernel answers RST). Runs as root (CI); without root
 * the setup fails loudly rather than skipping.
 */

let ns: Netns;
beforeAll(async () => {
  ns = await makeFirewalledNamespace([3389]);
});
afterAll(async () => {
  await ns?.cleanup();
});

it('a dropped port is "filtered" within the connect timeout, and points at the firewall', async () => {
  const started = performance.now();
  const r = await probeTarget(ns.address, { port: 3389, timeoutMs: 2000 });
  const ms = performance.now() - started;
  expect(r.tcp.attempts).toEqual([expect.objectContaining({ address: ns.address, state: 'filtered' })]);
  // The connect budget is 40% of the overall timeout; the probe ends shortly after it.
  expect(r.tcp.attempts[0]!.ms).toBeGreaterThanOrEqual(790);
  expect(ms).toBeLessThan(2000);
  const [top] = probeFindings(r);
  // From the wire alone the blocker is not known (server, router, provider, VPN): no fix, the places to look.
  expect(top).toMatchObject({ id: 'port-filtered', kind: 'symptom', fixIds: [] });
  expect(top!.plain).toMatch(/firewall/);
  expect(top!.plain).toMatch(/VPN/);
  expect(top!.plain).toMatch(/internet provider/);
  expect(top!.plain).toMatch(/security software/);
  expect(probeVerdict(r)).toMatchObject({ severity: 'unreachable' });
});

it('a port with nothing listening is "refused" at once, and is told apart from filtered', async () => {
  const started = performance.now();
  const r = await probeTarget(ns.address, { port: 3390, timeoutMs: 2000 });
  expect(performance.now() - started).toBeLessThan(500);
  expect(r.tcp.attempts).toEqual([expect.objectContaining({ state: 'refused', error: 'ECONNREFUSED' })]);
  expect(probeFindings(r)[0]?.id).toBe('port-closed');
});
