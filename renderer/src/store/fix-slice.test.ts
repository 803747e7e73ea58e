import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RdpDoctorApi } from '../../../shared/ipc-contract';
import type { FixOutcome, JournalEntry, PendingChanges } from '../../../shared/results';
import { createWizardStore } from './index';

// The recovery and undo-all actions against a fake bridge: what the user would see change.
afterEach(() => vi.unstubAllGlobals());

const entry: JournalEntry = {
  id: 'j1',
  fixId: 'enable-firewall-rdp',
  target: { host: 'srv01', port: 3389 },
  state: 'backed-up',
  startedAt: '2026-11-21T09:00:00.000Z',
  updatedAt: '2026-11-21T09:00:01.000Z',
  backup: { rules: [] },
  changed: [],
  message: '',
};
const ok = <T>(value: T) => ({ ok: true as const, value });
const none: PendingChanges = { interrupted: [], awaitingRevert: [], notice: null };

function bridge(api: Partial<RdpDoctorApi>) {
  vi.stubGlobal('window', { rdpDoctor: { onScanProgress: () => () => undefined, ...api } });
}

describe('recovery', () => {
  it('rolling back an interrupted fix shows what happened and takes it off the list', async () => {
    const listInterrupted = vi
      .fn()
      .mockResolvedValueOnce(ok<PendingChanges>({ ...none, interrupted: [entry] }))
      .mockResolvedValueOnce(ok(none));
    const outcome: FixOutcome = {
      fixId: 'enable-firewall-rdp',
      journalId: 'j1',
      status: 'rolled-back',
      message: 'Rolled back: Firewall rule "RDP" disabled again.',
      changed: [],
      verification: [],
    };
    const resolveInterrupted = vi.fn(async () => ok(outcome));
    bridge({ listInterrupted, resolveInterrupted });
    const store = createWizardStore();
    await store.getState().loadPending();
    expect(store.getState().pending?.interrupted).toEqual([entry]);
    await store.getState().resolveInterrupted('j1', 'roll-back');
    expect(resolveInterrupted).toHaveBeenCalledWith({ journalId: 'j1', action: 'roll-back' });
    // Said with the wizard's one word for undo (the engine's journal line stays "Rolled back").
    expect(store.getState().resolved.j1).toEqual({
      kind: 'rolled-back',
      fixId: 'enable-firewall-rdp',
      message: 'Undone: Firewall rule "RDP" disabled again.',
    });
    expect(store.getState().pending?.interrupted).toEqual([]);
  });

  it('a roll-back that could not run keeps the fix listed and shows why', async () => {
    const listInterrupted = vi.fn(async () => ok<PendingChanges>({ ...none, interrupted: [entry] }));
    const resolveInterrupted = vi.fn(async () =>
      ok<FixOutcome>({
        fixId: 'enable-firewall-rdp',
        journalId: 'j1',
        status: 'cancelled',
        message: 'Administrator permission was not given.',
        changed: [],
        verification: [],
      }),
    );
    bridge({ listInterrupted, resolveInterrupted });
    const store = createWizardStore();
    await store.getState().resolveInterrupted('j1', 'roll-back');
    expect(store.getState().fixError).toEqual({ kind: 'cancelled', message: 'Administrator permission was not given.' });
    expect(store.getState().resolved).toEqual({});
    expect(store.getState().pending?.interrupted).toEqual([entry]);
  });

  it('keeping a weakened setting tells the main process, reverting it undoes it', async () => {
    const keepChange = vi.fn(async () => ok(entry));
    const undoFix = vi.fn(async () => ok({ journalId: 'j2', restored: ['x'], message: 'Undone: x.' }));
    bridge({ keepChange, undoFix, listInterrupted: async () => ok(none) });
    const store = createWizardStore();
    await store.getState().decideRevert('j1', false);
    await store.getState().decideRevert('j2', true);
    expect(keepChange).toHaveBeenCalledWith({ journalId: 'j1' });
    expect(store.getState().resolved.j1?.kind).toBe('kept');
    expect(store.getState().resolved.j2).toMatchObject({ kind: 'reverted', message: 'Undone: x.' });
    expect(store.getState().undone.j2?.message).toBe('Undone: x.');
  });

  it('undo all marks each undone change and keeps the overall message', async () => {
    const undoAll = vi.fn(async () =>
      ok({ undone: [{ journalId: 'a', restored: [], message: 'Undone: a.' }], failed: [], message: 'All 1 change was undone.' }),
    );
    bridge({ undoAll, listInterrupted: async () => ok(none) });
    const store = createWizardStore();
    await store.getState().undoAll();
    expect(store.getState().undoAllResult?.message).toBe('All 1 change was undone.');
    expect(Object.keys(store.getState().undone)).toEqual(['a']);
  });
});

describe('temporary changes', () => {
  const scan = {
    scanId: 's',
    target: { host: 'srv01', port: 3389 },
    startedAt: '2026-11-21T09:00:00.000Z',
    finishedAt: '2026-11-21T09:00:01.000Z',
    results: [],
    findings: [],
  };
  const preview = {
    fixId: 'credssp-allow-vulnerable' as const,
    title: 't',
    plain: 'p',
    changes: [],
    side: 'client' as const,
    computer: 'LAPTOP',
    canApply: true,
    needsAdmin: true,
    risk: ['changes-security' as const],
    undoPlain: 'u',
    commands: [],
    revertChoices: [15, 60, null] as const,
  };

  it('applies a temporary fix with the shortest time unless another was chosen, and "until I undo it" only when chosen', async () => {
    const applyFix = vi.fn(async () =>
      ok<FixOutcome>({ fixId: 'credssp-allow-vulnerable', journalId: 'j9', status: 'fixed', message: '', changed: [], verification: [] }),
    );
    bridge({ applyFix });
    const store = createWizardStore();
    store.setState({ scan: scan as never, preview });
    await store.getState().applyFix(true);
    await store.getState().applyFix(true, null);
    await store.getState().applyFix(true, 60);
    expect(applyFix.mock.calls.map((c) => (c as unknown as [{ revertAfterMinutes: unknown }])[0].revertAfterMinutes)).toEqual([
      15,
      null,
      60,
    ]);
  });

  it('shows a change its timer put back as undone once the journal says so, and leaves the others', async () => {
    const listJournal = vi.fn(async () =>
      ok<JournalEntry[]>([
        {
          ...entry,
          id: 'j9',
          state: 'undone',
          undoneBy: 'timer',
          message: 'Put back by its timer at 09:15: Set AllowEncryptionOracle back to 0',
        },
        { ...entry, id: 'j8', state: 'verified' },
      ]),
    );
    bridge({ listJournal });
    const store = createWizardStore();
    await store.getState().settleTimers();
    expect(Object.keys(store.getState().undone)).toEqual(['j9']);
    expect(store.getState().undone.j9?.message).toMatch(/^Undone by its timer at 09:15: /);
  });
});

describe('the time a temporary fix stays, beyond applying one fix here', () => {
  const target = { host: 'office-pc', port: 3389 };
  const withScan = () => {
    const store = createWizardStore();
    store.setState({ scan: { target } as never });
    return store;
  };

  it("goes into the server's fix script as the user chose it; none chosen, the script's -Undo alone puts it back", async () => {
    const saveFixScript = vi.fn(async () =>
      ok({ id: 's1', fileName: 'rdp-doctor-fix-office-pc.ps1', path: '/d/rdp-doctor-fix-office-pc.ps1' }),
    );
    bridge({ saveFixScript } as Partial<RdpDoctorApi>);
    const store = withScan();
    await store.getState().saveFixScript(['rdp-security-isolation-test'], 60);
    await store.getState().saveFixScript(['enable-firewall-rdp']);
    expect(saveFixScript.mock.calls).toEqual([
      [{ fixIds: ['rdp-security-isolation-test'], target, revertAfterMinutes: 60 }],
      [{ fixIds: ['enable-firewall-rdp'], target }],
    ]);
  });

  it('goes with a batch to its temporary fixes', async () => {
    const applyFixes = vi.fn(async () => ok<FixOutcome[]>([]));
    bridge({ applyFixes } as Partial<RdpDoctorApi>);
    await withScan().getState().applyFixes(['reset-license-cache', 'disable-client-udp'], false, 15);
    expect(applyFixes).toHaveBeenCalledWith({
      fixIds: ['reset-license-cache', 'disable-client-udp'],
      target,
      confirmedSecurityChange: false,
      revertAfterMinutes: 15,
    });
  });
});
