import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers, type HandlerContext } from '../../electron/main/handlers';
import { ProcessDied } from '../../electron/main/fixes/process-died';
import { restoredView, simulate } from '../support/simulated-fixes';
import { reversibleFix, restart, target, tempJournal } from './support';

// A damaged journal file (real files, the real JournalFile): the app says what happened, keeps
// the damaged copy, keeps every entry it can still read, and never changes the machine on load.

const ctx: HandlerContext = { emit: () => undefined };
const journals: Array<ReturnType<typeof tempJournal>> = [];
afterEach(() => journals.splice(0).forEach((j) => j.cleanup()));

function setUp(scenario: string) {
  const journal = tempJournal();
  journals.push(journal);
  const sim = simulate(scenario, { journal: journal.open() });
  return { ...sim, journal };
}

describe('a damaged journal', () => {
  it('cut short after an interrupted fix: that fix is still found and rolled back', async () => {
    const [fixId, def, scenario] = reversibleFix;
    const { ports, windows, journal } = setUp(scenario);
    const before = restoredView(fixId, await windows.snapshot());

    // The fix dies mid-apply; on the next start it is run again, completes, and is written after.
    windows.faults = { killAfter: def.script };
    await expect(createHandlers(ports).applyFix({ fixId, target, confirmedSecurityChange: true }, ctx)).rejects.toBeInstanceOf(ProcessDied);
    windows.faults = {};
    await createHandlers(restart(ports, journal.path)).applyFix({ fixId, target, confirmedSecurityChange: true }, ctx);

    // The disk loses the end of the file: the second entry is cut in half.
    const text = readFileSync(journal.path, 'utf8');
    const secondStart = text.indexOf('\n  {', text.indexOf('\n  {') + 1);
    expect(secondStart).toBeGreaterThan(0);
    writeFileSync(journal.path, text.slice(0, secondStart + 40));

    const next = createHandlers(restart(ports, journal.path));
    const pending = await next.listInterrupted({}, ctx);
    expect(pending.notice).toMatch(
      /^It was cut short or edited \(by a crash, a full disk or another program\)\. 1 change could still be read and was kept\. The damaged file was kept as .*journal\.json\.corrupt-\d+\.$/,
    );
    const copy = /kept as (.*)\.$/.exec(pending.notice!)![1]!;
    expect(existsSync(copy)).toBe(true);
    expect(pending.interrupted).toHaveLength(1);
    expect(pending.interrupted[0]).toMatchObject({ fixId, state: 'backed-up' });

    const outcome = await next.resolveInterrupted({ journalId: pending.interrupted[0]!.id, action: 'roll-back' }, ctx);
    expect(outcome.status).toBe('rolled-back');
    // The second run had found nothing left to change, so replaying the first backup is enough.
    expect(restoredView(fixId, await windows.snapshot())).toEqual(before);
    // The recovered journal was written back whole: a later start reads it without complaint.
    const third = createHandlers(restart(ports, journal.path));
    expect(await third.listInterrupted({}, ctx)).toEqual({ interrupted: [], awaitingRevert: [], notice: null });
    expect((await third.listJournal({}, ctx)).map((e) => e.state)).toEqual(['rolled-back']);
  });

  it('not JSON at all: says nothing could be read, keeps the file, changes nothing, and fixes still work', async () => {
    const [fixId, , scenario] = reversibleFix;
    const { ports, windows, journal } = setUp(scenario);
    const before = await windows.snapshot();
    writeFileSync(journal.path, '\u0000\u0000\u0000garbage from a failing disk');
    const handlers = createHandlers(ports);
    const pending = await handlers.listInterrupted({}, ctx);
    expect(pending.notice).toMatch(
      /^It was cut short or edited .*\. No change recorded in it could be read\. The damaged file was kept as /,
    );
    expect(pending.interrupted).toEqual([]);
    expect(await windows.snapshot()).toEqual(before);
    expect(windows.runs).toEqual([]);

    const outcome = await handlers.applyFix({ fixId, target, confirmedSecurityChange: true }, ctx);
    expect(outcome.status).toBe('fixed');
    expect(JSON.parse(readFileSync(journal.path, 'utf8'))).toHaveLength(1);
  });

  it('an entry edited into something unknown is dropped, the others kept', async () => {
    const [fixId, , scenario] = reversibleFix;
    const { ports, journal } = setUp(scenario);
    const handlers = createHandlers(ports);
    const outcome = await handlers.applyFix({ fixId, target, confirmedSecurityChange: true }, ctx);
    const entries = JSON.parse(readFileSync(journal.path, 'utf8'));
    entries.push({ ...entries[0], id: 'x'.repeat(65), fixId: 'Remove-Item C:\\ -Recurse' });
    writeFileSync(journal.path, JSON.stringify(entries));

    const next = createHandlers(restart(ports, journal.path));
    expect((await next.listInterrupted({}, ctx)).notice).toMatch(/1 change of 2 could still be read and was kept/);
    expect((await next.listJournal({}, ctx)).map((e) => e.id)).toEqual([outcome.journalId]);
  });

  it('a crash while saving leaves the previous journal whole (the half-written temp file is ignored)', async () => {
    const [fixId, , scenario] = reversibleFix;
    const { ports, journal } = setUp(scenario);
    const outcome = await createHandlers(ports).applyFix({ fixId, target, confirmedSecurityChange: true }, ctx);
    writeFileSync(`${journal.path}.tmp`, '[{"id":"half');
    const next = createHandlers(restart(ports, journal.path));
    expect(await next.listInterrupted({}, ctx)).toMatchObject({ notice: null, interrupted: [] });
    expect((await next.listJournal({}, ctx)).map((e) => [e.id, e.state])).toEqual([[outcome.journalId, 'verified']]);
  });
});
