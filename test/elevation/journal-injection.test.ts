import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../shared/results';
import { ElevatedWindows, dotnetUnixPipePath } from '../../electron/main/elevation/elevated-windows';
import type { HelperLauncher, HelperStart, Launched } from '../../electron/main/elevation/launcher';
import { FixEngine } from '../../electron/main/fixes/run-fix';
import { JournalFile } from '../../electron/main/fixes/journal-file';
import { createSimulatedPorts } from '../../electron/main/simulated/simulated-ports';
import { failure } from '../support/windows-error';
import { HelperFixture } from './helper-harness';

// The journal-injection attack: the journal lives in the user's profile, so a standard user (or
// anything running as them) can plant an "interrupted fix" whose backup names their own files.
// Offered at the next start, one click on "Roll back" and one administrator's UAC consent used to
// run `reg import <their file>` as administrator. Here the real FixEngine reads a planted journal
// file and drives the real helper under pwsh; the helper itself must refuse, and nothing may run.

let fixture: HelperFixture;
afterEach(() => fixture?.dispose());

/** Starts the real helper as its launch mode would, once elevated (no UAC here). */
class PwshLauncher implements HelperLauncher {
  constructor(private readonly fx: HelperFixture) {}
  async launch(start: HelperStart): Promise<Launched> {
    const helper = this.fx.serve(start.appPid, {
      pipeName: start.pipeName,
      token: start.token,
      allowWeakening: start.allowWeakening.join(','),
    });
    return { processId: helper.child.pid ?? null };
  }
}

function engineWithPlantedJournal(entries: JournalEntry[]) {
  fixture = new HelperFixture();
  const journalPath = join(fixture.base, 'profile', 'journal.json');
  mkdirSync(join(fixture.base, 'profile'));
  writeFileSync(journalPath, JSON.stringify(entries, null, 2));
  return engineOver(fixture, journalPath);
}

/** The real engine, with the healthy simulated server's checks as the user and the real helper for what needs an administrator. */
function engineOver(helper: HelperFixture, journalPath: string) {
  const sim = createSimulatedPorts('healthy', { journal: new JournalFile(journalPath) });
  const windows = new ElevatedWindows({
    unelevated: sim.windows,
    launcher: new PwshLauncher(helper),
    pipePath: dotnetUnixPipePath,
    connectTimeoutMs: 15_000,
  });
  return new FixEngine({ ...sim.ports, windows });
}

function planted(over: Partial<JournalEntry>): JournalEntry {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    fixId: 'reset-license-cache',
    // RDP Doctor runs on the server (the simulated SRV-APP01): server fixes may run here at all.
    target: { host: 'SRV-APP01', port: 3389 },
    state: 'applied',
    startedAt: now,
    updatedAt: now,
    backup: { existed: true, exportPath: '/home/attacker/evil.reg' },
    changed: [],
    message: '',
    ...over,
  };
}

/** A key-permission backup whose "saved ACL" is the attacker's file, for `icacls /restore`. */
const KEY_BACKUP = {
  folder: 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys',
  files: [
    {
      path: 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\f686aace6942fb7f7ceb231212eef4a4_1',
      aclFile: 'C:\\Users\\Public\\evil.txt',
    },
  ],
};

describe('a planted journal entry', () => {
  it('offered as an interrupted fix and rolled back: the helper refuses, and no script runs as administrator', async () => {
    const entry = planted({});
    const engine = engineWithPlantedJournal([entry]);
    expect((await engine.pending()).interrupted.map((e) => e.id)).toEqual([entry.id]);
    const outcome = await engine.resolveInterrupted(entry.id, 'roll-back');
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(
      /The roll-back failed \(The administrator helper refused undo-client-license-cache: Refused: the administrator helper has no backup for change [0-9a-f-]{36}\. A journal entry cannot stand in for one\. Nothing was run\.\)/,
    );
    expect(fixture.ran()).toEqual([]);
  });

  it('"Undo" on a planted finished fix is refused the same way', async () => {
    const entry = planted({ state: 'verified', fixId: 'repair-rdp-key-permissions', backup: KEY_BACKUP });
    const engine = engineWithPlantedJournal([entry]);
    const err = await failure(engine.undo(entry.id));
    expect(err.kind).toBe('bad-request');
    expect(err.message).toMatch(/refused undo-repair-rdp-key-permissions: Refused: the administrator helper has no backup for change/);
    expect(fixture.ran()).toEqual([]);
  });

  it("naming a real backup of another fix: the helper will not pair it with this fix's undo", async () => {
    // A genuine license-cache backup made through the helper...
    const real = planted({ state: 'started' });
    let engine = engineWithPlantedJournal([real]);
    const base = fixture;
    const outcome = await engine.resolveInterrupted(real.id, 'finish');
    expect(base.ran().map((r) => r.script)).toEqual(['backup-client-license-cache', 'fix-client-license-cache']);
    expect(outcome.status).not.toBe('failed');
    // ...then a planted entry with the same id for a fix whose undo runs icacls /restore.
    const journalPath = join(base.base, 'profile', 'journal.json');
    const forged = planted({ id: real.id, fixId: 'repair-rdp-key-permissions', state: 'applied', backup: KEY_BACKUP });
    writeFileSync(journalPath, JSON.stringify([forged]));
    engine = engineOver(base, journalPath);
    const rolled = await engine.resolveInterrupted(forged.id, 'roll-back');
    expect(rolled.message).toMatch(/backup [0-9a-f-]{36} was made for another fix than undo-repair-rdp-key-permissions\. Nothing was run/);
    expect(base.ran().map((r) => r.script)).toEqual(['backup-client-license-cache', 'fix-client-license-cache']);
    expect(existsSync('/home/attacker/evil.reg')).toBe(false);
  });
});
