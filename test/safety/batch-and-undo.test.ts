import { describe, expect, it } from 'vitest';
import { createHandlers, type HandlerContext } from '../../electron/main/handlers';
import { FixEngine } from '../../electron/main/fixes/run-fix';
import { getFix, type FixId } from '../../shared/catalog/fixes';
import type { FixDef } from '../../shared/catalog/types';
import { WindowsError, type WindowsPort } from '../../electron/main/ports';
import { restoredView, simulate } from '../support/simulated-fixes';
import { catalogFixes, target } from './support';

const ctx: HandlerContext = { emit: () => undefined };
// Fixes that need an administrator and ask for no confirmation (a weakening one is refused
// without it, which the last block tests on its own), in support.ts's order.
const adminFixes = catalogFixes.filter(([, def]) => def.needsAdmin && !def.risk.includes('changes-security'));

describe('one administrator prompt per batch', () => {
  it('two fixes applied together ask once; applied one by one they ask twice', async () => {
    expect(adminFixes.length).toBeGreaterThanOrEqual(2);
    const [[a, , scenario], [b]] = adminFixes as [(typeof adminFixes)[0], (typeof adminFixes)[0]];
    const together = simulate(scenario);
    const outcomes = await createHandlers(together.ports).applyFixes({ fixIds: [a, b], target }, ctx);
    expect(outcomes.map((o) => o.fixId)).toEqual([a, b]);
    expect(outcomes.every((o) => o.status === 'fixed')).toBe(true);
    expect(together.windows.prompts).toBe(1);
    // Both share one batch id in the journal.
    const batchIds = new Set(together.journal.entries.map((e) => e.batchId));
    expect(batchIds.size).toBe(1);
    expect([...batchIds][0]).toMatch(/^[0-9a-f-]{36}$/);

    const apart = simulate(scenario);
    const handlers = createHandlers(apart.ports);
    await handlers.applyFix({ fixId: a, target }, ctx);
    await handlers.applyFix({ fixId: b, target }, ctx);
    expect(apart.windows.prompts).toBe(2);
  });

  it('a declined prompt cancels the whole batch without asking again, and changes nothing', async () => {
    const [[a, , scenario], [b]] = adminFixes as [(typeof adminFixes)[0], (typeof adminFixes)[0]];
    const { ports, windows } = simulate(scenario);
    const before = await windows.snapshot();
    windows.faults.declineElevation = true;
    const outcomes = await createHandlers(ports).applyFixes({ fixIds: [a, b], target }, ctx);
    expect(outcomes.map((o) => [o.status, o.message])).toEqual([
      ['cancelled', 'Administrator permission was not given, so nothing was changed.'],
      ['cancelled', 'Not run: administrator permission was not given.'],
    ]);
    expect(windows.prompts).toBe(1);
    expect(await windows.snapshot()).toEqual(before);
  });

  it('a fix that needs no administrator runs every step as the user', async () => {
    const [fixId, , scenario] = adminFixes[0]!;
    const { ports, windows } = simulate(scenario);
    const requested: Array<[string, boolean]> = [];
    // Records what the engine asks for; the simulated machine is told "elevated" regardless, as
    // its scripts for this fix insist on it.
    const recording: WindowsPort = {
      description: windows.description,
      batch: (work) => windows.batch(work),
      run: (script, args, options) => {
        requested.push([script, options.elevated]);
        return windows.run(script, args, { ...options, elevated: true });
      },
    };
    const asUser = (id: FixId): FixDef => ({ ...getFix(id), needsAdmin: false });
    const engine = new FixEngine({ ...ports, windows: recording }, { lookup: asUser });
    const outcome = await engine.apply(fixId, target, false);
    await engine.undo(outcome.journalId!);
    expect(requested.length).toBeGreaterThanOrEqual(4);
    expect(requested.filter(([, elevated]) => elevated)).toEqual([]);
  });
});

describe('undo all changes', () => {
  it('replays the journal backwards, so the machine ends as it started', async () => {
    const [fixId, def, scenario] = adminFixes[0]!;
    const { ports, windows } = simulate(scenario);
    const before = restoredView(fixId, await windows.snapshot());
    const handlers = createHandlers(ports);
    // The second run backs up the state the first one made. Undone oldest first, the second undo
    // would put the fixed state back; newest first ends at the original state.
    await handlers.applyFix({ fixId, target }, ctx);
    await handlers.applyFix({ fixId, target }, ctx);
    const promptsBefore = windows.prompts;

    const result = await handlers.undoAll({}, ctx);
    expect(result.message).toBe(`Undone, newest first (2): “${def.title}”, “${def.title}”.`);
    expect(result.failed).toEqual([]);
    expect(restoredView(fixId, await windows.snapshot())).toEqual(before);
    expect(windows.prompts - promptsBefore).toBe(1);
    expect((await handlers.listJournal({}, ctx)).map((e) => e.state)).toEqual(['undone', 'undone']);
    expect((await handlers.undoAll({}, ctx)).message).toBe('There were no changes to undo.');
  });

  it('goes on past a change it cannot undo, and says which one', async () => {
    const [[a, defA, scenario], [b]] = adminFixes as [(typeof adminFixes)[0], (typeof adminFixes)[0]];
    const { ports, windows } = simulate(scenario);
    const handlers = createHandlers(ports);
    await handlers.applyFix({ fixId: a, target }, ctx);
    await handlers.applyFix({ fixId: b, target }, ctx);
    windows.faults.failOn = defA.undoScript;
    const result = await handlers.undoAll({}, ctx);
    expect(result.undone).toHaveLength(1);
    expect(result.failed).toEqual([{ journalId: expect.any(String), fixId: a, message: `Simulated failure in ${defA.undoScript}.` }]);
    expect(result.message).toMatch(/^1 of 2 changes were undone; 1 could not be: Simulated failure/);
    // The one that failed stays undoable for another try.
    windows.faults = {};
    expect((await handlers.undoAll({}, ctx)).message).toMatch(/^Undone: “.+”\.$/);
  });
});

describe('fixes that weaken security', () => {
  // The catalog's own security-weakening fixes need client scenarios; the engine's handling is
  // the same for any fix marked so, so the firewall fix stands in with that risk.
  const [fixId, , scenario] = adminFixes[0]!;
  const weakening = (id: FixId): FixDef => (id === fixId ? { ...getFix(id), risk: ['changes-security'] } : getFix(id));

  it('are refused without explicit confirmation, before anything runs', async () => {
    const { ports, windows } = simulate(scenario);
    const engine = new FixEngine(ports, { lookup: weakening });
    await expect(engine.apply(fixId, target, false)).rejects.toThrow(/weakens security and needs your explicit confirmation/);
    await expect(engine.applyBatch([fixId], target, false)).rejects.toBeInstanceOf(WindowsError);
    expect(windows.runs).toEqual([]);
  });

  it('offer to revert after the test, until the user reverts or keeps them, also after a restart', async () => {
    const { ports, windows } = simulate(scenario);
    const before = restoredView(fixId, await windows.snapshot());
    const engine = new FixEngine(ports, { lookup: weakening });
    const outcome = await engine.apply(fixId, target, true);
    expect(outcome).toMatchObject({ status: 'fixed', revertAfterTest: true });
    const restarted = new FixEngine(ports, { lookup: weakening });
    expect((await restarted.pending()).awaitingRevert.map((e) => e.id)).toEqual([outcome.journalId]);

    await restarted.undo(outcome.journalId!);
    expect(restoredView(fixId, await windows.snapshot())).toEqual(before);
    expect((await restarted.pending()).awaitingRevert).toEqual([]);

    const kept = await restarted.apply(fixId, target, true);
    await restarted.keep(kept.journalId!);
    expect((await restarted.pending()).awaitingRevert).toEqual([]);
    await expect(restarted.keep(kept.journalId!)).rejects.toThrow(/not waiting for a decision/);
  });

  it('a fix that does not weaken security is not offered for revert', async () => {
    const { ports } = simulate(scenario);
    const outcome = await createHandlers(ports).applyFix({ fixId, target }, ctx);
    expect(outcome.revertAfterTest).toBe(false);
    expect((await createHandlers(ports).listInterrupted({}, ctx)).awaitingRevert).toEqual([]);
  });
});
