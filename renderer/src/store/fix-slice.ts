import { getFix, type FixId } from '../../../shared/catalog/fixes';
import type { JournalEntry } from '../../../shared/results';
import { inOneWord, WORDS } from '../../../shared/catalog/words';
import { call, errorInfo } from '../api';
import type { SliceCreator } from './slice';
import type { FixSlice } from './state';

/** Journal states whose backup can still be replayed (as the fix engine's undo-all takes them). */
const UNDOABLE: readonly JournalEntry['state'][] = ['backed-up', 'applied', 'verified', 'not-verified'];

/** What Start over puts back. */
const fixStart = (): Pick<FixSlice, 'preview' | 'previewFrom' | 'undoAllPlan' | 'fixError'> => ({
  preview: null,
  previewFrom: 0,
  undoAllPlan: null,
  fixError: null,
});

export const createFixSlice: SliceCreator<FixSlice> = (set, get) => {
  /** Runs one bridge call with the busy flag and the error banner handled the same way for all. */
  async function busy(work: () => Promise<void>) {
    set({ fixBusy: true, fixError: null });
    try {
      await work();
    } catch (err) {
      set({ fixError: errorInfo(err) });
    } finally {
      set({ fixBusy: false });
    }
  }
  const fixOf = (journalId: string): FixId | null =>
    [...(get().pending?.interrupted ?? []), ...(get().pending?.awaitingRevert ?? []), ...get().outcomes].find(
      (e) => ('journalId' in e ? e.journalId : e.id) === journalId,
    )?.fixId ?? null;
  const markResolved = (journalId: string, kind: FixSlice['resolved'][string]['kind'], message: string) =>
    set((s) => ({ resolved: { ...s.resolved, [journalId]: { kind, fixId: fixOf(journalId), message: inOneWord(message) } } }));

  return {
    ...fixStart(),
    fixBusy: false,
    outcomes: [],
    undone: {},
    restarts: {},
    pending: null,
    resolved: {},
    undoAllResult: null,
    undoAllLeftOut: [],

    async loadPreview(fixId) {
      const target = get().scan?.target;
      if (!target) return;
      set((s) => ({ preview: null, fixError: null, previewFrom: s.outcomes.length }));
      try {
        set({ preview: await call('previewFix', { fixId, target }) });
      } catch (err) {
        set({ fixError: errorInfo(err) });
      }
    },

    async applyFix(confirmedSecurityChange, revertAfterMinutes) {
      const { preview, scan } = get();
      if (!preview || !scan) return;
      // A temporary fix always says how long: the preview's first choice unless one was made.
      // (null is a choice: "only when I undo it"; undefined is none made.)
      const revert = preview.revertChoices
        ? { revertAfterMinutes: revertAfterMinutes === undefined ? (preview.revertChoices[0] ?? null) : revertAfterMinutes }
        : {};
      await busy(async () => {
        const outcome = await call('applyFix', { fixId: preview.fixId, target: scan.target, confirmedSecurityChange, ...revert });
        set((s) => ({ outcomes: [...s.outcomes, outcome] }));
      });
    },

    async applyFixes(fixIds, confirmedSecurityChange, revertAfterMinutes) {
      const scan = get().scan;
      if (!scan || fixIds.length === 0) return;
      await busy(async () => {
        const revert = revertAfterMinutes !== undefined ? { revertAfterMinutes } : {};
        const outcomes = await call('applyFixes', { fixIds, target: scan.target, confirmedSecurityChange, ...revert });
        set((s) => ({ outcomes: [...s.outcomes, ...outcomes] }));
      });
    },

    async undoFix(journalId) {
      await busy(async () => {
        const result = await call('undoFix', { journalId });
        set((s) => ({ undone: { ...s.undone, [journalId]: { ...result, message: inOneWord(result.message) } } }));
      });
    },

    async settleTimers() {
      try {
        const byTimer = (await call('listJournal', {})).filter((e) => e.undoneBy === 'timer' && !get().undone[e.id]);
        if (byTimer.length === 0) return;
        set((s) => ({
          undone: {
            ...s.undone,
            ...Object.fromEntries(byTimer.map((e) => [e.id, { journalId: e.id, restored: [], message: inOneWord(e.message) }])),
          },
        }));
      } catch (err) {
        set({ fixError: errorInfo(err) });
      }
    },

    async planUndoAll() {
      await busy(async () => {
        const journal = await call('listJournal', {});
        set({ undoAllPlan: journal.filter((e) => UNDOABLE.includes(e.state)).reverse() });
      });
    },

    cancelUndoAll: () => set({ undoAllPlan: null }),

    async undoAll() {
      // What cannot be undone stays, and the result says so, as the question did.
      set((s) => ({ undoAllPlan: null, undoAllLeftOut: (s.undoAllPlan ?? []).filter((e) => getFix(e.fixId).cannotUndo) }));
      await busy(async () => {
        const result = await call('undoAll', {});
        set((s) => ({
          undoAllResult: result,
          undone: { ...s.undone, ...Object.fromEntries(result.undone.map((u) => [u.journalId, { ...u, message: inOneWord(u.message) }])) },
        }));
      });
      await get().loadPending();
    },

    async loadPending() {
      try {
        set({ pending: await call('listInterrupted', {}) });
      } catch (err) {
        set({ fixError: errorInfo(err) });
      }
    },

    async resolveInterrupted(journalId, action) {
      await busy(async () => {
        const outcome = await call('resolveInterrupted', { journalId, action });
        const done = outcome.status === 'rolled-back' || outcome.status === 'fixed' || outcome.status === 'not-fixed';
        if (done) markResolved(journalId, action === 'finish' ? 'finished' : 'rolled-back', outcome.message);
        else set({ fixError: { kind: outcome.status === 'cancelled' ? 'cancelled' : 'script-error', message: outcome.message } });
        if (action === 'finish' && done) set((s) => ({ outcomes: [...s.outcomes, outcome] }));
      });
      await get().loadPending();
    },

    async decideRevert(journalId, revert) {
      await busy(async () => {
        if (revert) {
          const result = await call('undoFix', { journalId });
          set((s) => ({ undone: { ...s.undone, [journalId]: { ...result, message: inOneWord(result.message) } } }));
          markResolved(journalId, 'reverted', result.message);
        } else {
          await call('keepChange', { journalId });
          markResolved(journalId, 'kept', `Kept. You can still undo it from the summary or with “${WORDS.undoAll.replace('…', '')}”.`);
        }
      });
      await get().loadPending();
    },

    async restartComputer(journalId) {
      await busy(async () => {
        const outcome = await call('restartComputer', { journalId });
        set((s) => ({ restarts: { ...s.restarts, [journalId]: outcome } }));
      });
    },

    async cancelRestart(journalId) {
      await busy(async () => {
        const outcome = await call('cancelRestart', { journalId });
        set((s) => ({ restarts: { ...s.restarts, [journalId]: outcome.cancelled ? 'cancelled' : 'none-pending' } }));
      });
    },

    restartLater(journalId) {
      set((s) => ({ restarts: { ...s.restarts, [journalId]: 'later' } }));
    },

    resetFix: () => set(fixStart()),
  };
};
