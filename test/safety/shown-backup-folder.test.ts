import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, type HandlerContext } from '../../electron/main/handlers';
import { createSimulatedPorts } from '../../electron/main/simulated/simulated-ports';
import { readableValues } from '../../shared/catalog/readable-commands';

/*
 * What helpdesk is shown is what runs: the key-permission fix's commands, shown before it runs,
 * name the backup folder its run then writes (the same journal id), and the key file the check
 * found, both as the Windows paths the simulated computer's folders stand for, never its folder
 * in this computer's temp folder.
 */
const ctx: HandlerContext = { emit: () => undefined };
const ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

describe('the backup folder and key file the commands name', () => {
  it('are the ones the fix then uses, shown as C:\\ paths', { timeout: 180_000 }, async () => {
    const sim = createSimulatedPorts('key-file-permissions');
    const handlers = createHandlers(sim.ports);
    const target = { host: '127.0.0.1', port: 3389 };
    const scan = await handlers.runScan({ target, audience: 'helpdesk' }, ctx);
    expect(JSON.stringify(scan)).not.toContain(sim.ports.backupDir);
    expect(JSON.stringify(scan)).not.toMatch(/rdp-doctor-simulated-/);
    const values = readableValues(scan.results);
    expect(values.keyFile).toMatch(/^C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\f686aace6942fb7f7ceb231212eef4a4_/);

    const d = await handlers.describeCommands({ kind: 'fix', fixId: 'repair-rdp-key-permissions', target, values }, ctx);
    const shown = [...d.readable, ...(d.undo ?? []), d.ps1, ...d.scripts.map((s) => s.args)].join('\n');
    expect(shown).not.toMatch(/\/tmp\/|<key file>|<backup folder>/);
    const save = d.readable.find((l) => l.includes('/save'))!;
    const [, id] = new RegExp(`'C:\\\\ProgramData\\\\RDP Doctor\\\\backups\\\\(${ID})\\\\machinekeys-acl-0\\.txt'`).exec(save) ?? [];
    expect(id, save).toBeDefined();
    expect(save.startsWith(`icacls.exe '${values.keyFile}' /save`)).toBe(true);
    // The preview's exact lines are the ones the commands show.
    const preview = await handlers.previewFix({ fixId: 'repair-rdp-key-permissions', target }, ctx);
    expect(d.scripts.slice(0, 2).map((s) => s.exact)).toEqual(preview.commands.slice(0, 2));

    const outcome = await handlers.applyFix({ fixId: 'repair-rdp-key-permissions', target }, ctx);
    expect(outcome.status, outcome.message).toBe('fixed');
    // The change is the one the commands named: its journal id, and the file in that folder.
    expect(outcome.journalId).toBe(id);
    expect(existsSync(join(sim.ports.backupDir, id!, 'machinekeys-acl-0.txt'))).toBe(true);
    // The next preview names a new folder: no second change writes into this one.
    const next = await handlers.describeCommands({ kind: 'fix', fixId: 'repair-rdp-key-permissions', target, values }, ctx);
    expect(next.readable.join('\n')).not.toContain(id!);
    await sim.close();
  });
});
