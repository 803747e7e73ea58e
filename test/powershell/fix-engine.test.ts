import { describe, expect, it } from 'vitest';
import { createHandlers, type HandlerContext } from '../../electron/main/handlers';
import { createSimulatedPorts } from '../../electron/main/simulated/simulated-ports';
import type { SimulatedWindows } from '../../electron/main/simulated/simulated-windows';
import { getFix, type FixId } from '../../shared/catalog/fixes';
import { withoutBackups } from '../support/machine-snapshot';
import { cannotBeUndone } from './fixtures';

/*
 * The fix engine (journal, backup, apply, verify, roll back, undo) over the real scripts against
 * a fake Windows: the machine is compared whole before and after (but for the backups RDP Doctor
 * keeps on it). A fault in the middle of the apply, or PowerShell dying there, must leave the
 * machine as it was once the engine has rolled back (in a restarted session, which reloads the
 * machine from what was written to it).
 */
const ctx: HandlerContext = { emit: () => undefined };
const target = { host: '127.0.0.1', port: 3389 };

const cases: Array<[scenario: string, fix: FixId, partway: string]> = [
  ['firewall-rule-disabled', 'enable-firewall-rdp', 'Enable-NetFirewallRule@2'],
  ['rdp-disabled', 'enable-rdp', 'New-ItemProperty'],
  ['key-file-permissions', 'repair-rdp-key-permissions', 'icacls.exe@2'],
  ['tls12-disabled', 'enable-tls12-server', 'New-ItemProperty@2'],
];

/** The whole machine, without RDP Doctor's backup files. */
const machine = async (windows: SimulatedWindows) => withoutBackups(await windows.snapshot());

async function start(scenario: string) {
  const { ports, windows, journal } = createSimulatedPorts(scenario);
  return { handlers: createHandlers(ports), journal, windows, before: await machine(windows) };
}

describe.each(cases)('%s: %s through the fix engine and the real scripts', (scenario, fixId, partway) => {
  it('fixes, verifies, and its undo puts the whole machine back', async () => {
    const { handlers, journal, windows, before } = await start(scenario);
    const outcome = await handlers.applyFix({ fixId, target }, ctx);
    expect(outcome.status).toBe('fixed');
    expect(await machine(windows)).not.toEqual(before);
    await handlers.undoFix({ journalId: outcome.journalId! }, ctx);
    expect(await machine(windows)).toEqual(before);
    expect(journal.entries[0]?.state).toBe('undone');
  }, 60_000);

  it(`rolls back, leaving the machine as it was, when ${partway} fails partway through the apply`, async () => {
    const { handlers, journal, windows, before } = await start(scenario);
    await windows.injectFault(partway);
    const outcome = await handlers.applyFix({ fixId, target }, ctx);
    expect(outcome.status).toBe('rolled-back');
    expect(await machine(windows)).toEqual(before);
    expect(journal.entries[0]?.state).toBe('rolled-back');
  }, 60_000);

  it('rolls back in a restarted PowerShell when the session dies partway through the apply', async () => {
    const { handlers, windows, before } = await start(scenario);
    await windows.injectFault(`${partway}!crash`);
    const outcome = await handlers.applyFix({ fixId, target }, ctx);
    expect(outcome.status).toBe('rolled-back');
    expect(outcome.message).toMatch(/PowerShell/);
    expect(await machine(windows)).toEqual(before);
  }, 60_000);
});

/** Every fix in the catalog, in the scenario that plants the cause it repairs. */
const everyFix: Array<[FixId, string]> = [
  ['enable-firewall-rdp', 'firewall-websocket-only'],
  ['regenerate-rdp-certificate', 'certificate-expired'],
  ['repoint-rdp-certificate', 'ca-certificate-expired-renewed-beside'],
  ['start-rdp-services', 'termservice-stopped'],
  ['start-rdp-services', 'keyiso-disabled'],
  ['require-tls-security-layer', 'nla-without-tls'],
  ['rdp-security-isolation-test', 'nla-without-tls'],
  ['remove-saved-credentials', 'client-saved-credentials'],
  ['clear-connection-data', 'client-damaged-connection-data'],
  ['reset-license-cache', 'client-license-cache-damaged'],
  ['credssp-allow-vulnerable', 'client-credssp-force-updated'],
  ['disable-client-udp', 'client-vpn-drops-udp'],
];

describe.each(everyFix)('%s in %s through the fix engine and the real scripts', (fixId, scenario) => {
  it('is fixed and verified, and undo puts the whole machine back (or says what it cannot)', async () => {
    const { handlers, journal, windows, before } = await start(scenario);
    const fix = getFix(fixId);
    const outcome = await handlers.applyFix({ fixId, target, confirmedSecurityChange: fix.risk.includes('changes-security') }, ctx);
    expect(outcome.status, outcome.message).toBe('fixed');
    expect(outcome.verification.every((v) => v.status === 'pass')).toBe(true);
    const undo = await handlers.undoFix({ journalId: outcome.journalId! }, ctx);
    expect(journal.entries[0]?.state).toBe('undone');
    if (cannotBeUndone(fix)) {
      expect(undo.restored.join(' ')).toMatch(/cannot be put back/);
    } else {
      expect(await machine(windows)).toEqual(before);
    }
  }, 60_000);
});
