import { startHealthyRdpServer } from '../harness/healthy-rdp';
import type { FakeServer } from '../harness/fake-rdp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, type HandlerContext } from '../../electron/main/handlers';
import { createSimulatedPorts } from '../../electron/main/simulated/simulated-ports';
import { clientFixes } from '../../shared/catalog/client/fixes';
import { CREDSSP_KEY, RDP_CLIENT_POLICY_KEY } from '../../electron/main/simulated/client-state';
import type { MachineState } from '../../electron/main/simulated/machine-state';

const ctx: HandlerContext = { emit: () => undefined };
const target = { host: '127.0.0.1', port: 3389 };
const withoutFiles = ({ files: _files, ...rest }: MachineState) => rest;

// A listening port on loopback stands for the server's open RDP port (for the re-scans).
let server: FakeServer;
let port = 0;
beforeAll(async () => {
  server = await startHealthyRdpServer();
  port = server.port;
});
afterAll(() => server.close());

/** Every client fix, the scenario that plants its cause, and the finding it must clear. */
const cases = [
  ['client-saved-credentials', 'remove-saved-credentials', 'client-saved-credentials', 'stale-saved-credentials'],
  ['client-damaged-connection-data', 'clear-connection-data', 'client-connection-data', 'damaged-connection-data'],
  ['client-license-cache-damaged', 'reset-license-cache', 'client-license-cache', 'license-cache-damaged'],
  ['client-credssp-force-updated', 'credssp-allow-vulnerable', 'client-credssp', 'credssp-policy-blocks'],
  ['client-vpn-drops-udp', 'disable-client-udp', 'client-udp', 'vpn-drops-udp'],
] as const;

describe('client fixes in their scenarios', () => {
  it('cover every client fix', () => {
    expect(new Set(cases.map((c) => c[1]))).toEqual(new Set(clientFixes.map((f) => f.id)));
  });

  it.each(cases)('%s: %s is backed up, applied, verified, clears the finding, and is undone', async (scenario, fixId, checkId, findingId) => {
    const { ports, windows, journal } = createSimulatedPorts(scenario);
    const before = structuredClone(windows.state);
    const handlers = createHandlers(ports);
    const scan = (state: 'before' | 'after') =>
      handlers.runScan({ target: { host: '127.0.0.1', port }, audience: 'home' }, ctx).then((r) => {
        const ids = r.findings.map((f) => f.id);
        if (state === 'before') expect(ids[0]).toBe(findingId);
        else expect(ids).not.toContain(findingId);
      });
    await scan('before');

    const outcome = await handlers.applyFix({ fixId, target, confirmedSecurityChange: true }, ctx);
    expect(outcome.status, outcome.message).toBe('fixed');
    expect(outcome.changed.length).toBeGreaterThan(0);
    expect(outcome.verification.map((v) => [v.checkId, v.status])).toEqual([[checkId, 'pass']]);
    expect(journal.entries[0]?.state).toBe('verified');
    await scan('after');

    const undo = await handlers.undoFix({ journalId: outcome.journalId! }, ctx);
    expect(undo.restored.length).toBeGreaterThan(0);
    expect(journal.entries[0]?.state).toBe('undone');
    if (fixId === 'remove-saved-credentials') {
      // cmdkey cannot read a password back: the undo says so instead of pretending.
      expect(undo.message).toMatch(/cannot be put back .*type the password/);
      expect(windows.state.client.credentials).toEqual(before.client.credentials.filter((c) => !c.endsWith('TERMSRV/127.0.0.1')));
      expect(withoutFiles({ ...windows.state, client: { ...windows.state.client, credentials: before.client.credentials } })).toEqual(
        withoutFiles(before),
      );
    } else {
      expect(withoutFiles(windows.state)).toEqual(withoutFiles(before));
    }
  });
});

describe('client fix details', () => {
  it('removes only the saved password of the target, never another computer\'s', async () => {
    const { ports, windows } = createSimulatedPorts('client-saved-credentials');
    const outcome = await createHandlers(ports).applyFix({ fixId: 'remove-saved-credentials', target }, ctx);
    expect(outcome.changed).toEqual(['Removed the saved password Domain:target=TERMSRV/127.0.0.1']);
    expect(windows.state.client.credentials).toEqual([
      'Domain:target=TERMSRV/fileserver.corp.example',
      'LegacyGeneric:target=TERMSRV/SRV-APP01.corp.example',
    ]);
  });

  it('runs the per-user fixes as the user and the machine-wide ones as administrator', async () => {
    for (const [scenario, fixId, elevated] of [
      ['client-saved-credentials', 'remove-saved-credentials', false],
      ['client-damaged-connection-data', 'clear-connection-data', false],
      ['client-license-cache-damaged', 'reset-license-cache', true],
      ['client-vpn-drops-udp', 'disable-client-udp', true],
    ] as const) {
      const { ports, windows } = createSimulatedPorts(scenario);
      await createHandlers(ports).applyFix({ fixId, target }, ctx);
      expect(windows.runs.filter((r) => !r.script.startsWith('check-')).map((r) => r.elevated)).toEqual([elevated, elevated]);
    }
  });

  it('never weakens CredSSP without explicit confirmation, and offers to revert it after testing', async () => {
    const { ports, windows } = createSimulatedPorts('client-credssp-force-updated');
    const handlers = createHandlers(ports);
    await expect(handlers.applyFix({ fixId: 'credssp-allow-vulnerable', target }, ctx)).rejects.toThrow(/explicit confirmation/);
    expect(windows.state.client.registry[CREDSSP_KEY]).toEqual({ AllowEncryptionOracle: 0 });
    const outcome = await handlers.applyFix({ fixId: 'credssp-allow-vulnerable', target, confirmedSecurityChange: true }, ctx);
    expect(outcome.revertAfterTest).toBe(true);
    expect(windows.state.client.registry[CREDSSP_KEY]).toEqual({ AllowEncryptionOracle: 2 });
  });

  it('removes a policy key it created when undone, and restores absence of a value', async () => {
    const { ports, windows } = createSimulatedPorts('client-vpn-drops-udp');
    expect(windows.state.client.registry[RDP_CLIENT_POLICY_KEY]).toBeUndefined();
    const handlers = createHandlers(ports);
    const outcome = await handlers.applyFix({ fixId: 'disable-client-udp', target }, ctx);
    expect(windows.state.client.registry[RDP_CLIENT_POLICY_KEY]).toEqual({ fClientDisableUDP: 1 });
    const undo = await handlers.undoFix({ journalId: outcome.journalId! }, ctx);
    expect(undo.restored).toEqual([
      `Removed fClientDisableUDP from ${RDP_CLIENT_POLICY_KEY} (it was not set before)`,
      `Removed the key ${RDP_CLIENT_POLICY_KEY} (the fix had created it)`,
    ]);
    expect(windows.state.client.registry[RDP_CLIENT_POLICY_KEY]).toBeUndefined();
  });

  it('puts back a previous policy value rather than deleting it', async () => {
    const { ports, windows } = createSimulatedPorts('client-vpn-drops-udp');
    windows.state.client.registry[RDP_CLIENT_POLICY_KEY] = { fClientDisableUDP: 0, fUsbRedirectionEnableMode: 1 };
    const handlers = createHandlers(ports);
    const outcome = await handlers.applyFix({ fixId: 'disable-client-udp', target }, ctx);
    await handlers.undoFix({ journalId: outcome.journalId! }, ctx);
    expect(windows.state.client.registry[RDP_CLIENT_POLICY_KEY]).toEqual({ fClientDisableUDP: 0, fUsbRedirectionEnableMode: 1 });
  });

  it('rolls the license cache back when deleting it fails half-way', async () => {
    const { ports, windows } = createSimulatedPorts('client-license-cache-damaged');
    const before = structuredClone(windows.state.client);
    windows.faults = { failOn: 'fix-client-license-cache', afterEffect: true };
    const outcome = await createHandlers(ports).applyFix({ fixId: 'reset-license-cache', target }, ctx);
    expect(outcome.status).toBe('rolled-back');
    expect(windows.state.client).toEqual(before);
  });

  it('keeps Default.rdp hidden and every cache file through clear and undo', async () => {
    const { ports, windows } = createSimulatedPorts('client-damaged-connection-data');
    const handlers = createHandlers(ports);
    const outcome = await handlers.applyFix({ fixId: 'clear-connection-data', target }, ctx);
    expect(windows.state.client.defaultRdp).toBeNull();
    expect(windows.state.client.bitmapCache).toBeNull();
    const undo = await handlers.undoFix({ journalId: outcome.journalId! }, ctx);
    expect(undo.restored).toEqual(['Default.rdp put back (hidden)', '4 bitmap cache files put back']);
    expect(windows.state.client.defaultRdp?.hidden).toBe(true);
  });
});
