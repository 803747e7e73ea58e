import type { FixId } from '../../../shared/catalog/fixes';
import type {
  ErrorInfo,
  FixOutcome,
  JournalEntry,
  FixPreview,
  PendingChanges,
  ResolveAction,
  RestartOutcome,
  UndoAllOutcome,
  UndoOutcome,
} from '../../../shared/results';
import { call, errorInfo } from '../api';
import type { SliceCreator } from './slice';

/** Journal states whose backup can still be replayed (as the fix engine's undo-all takes them). */
const UNDOABLE: readonly JournalEntry['state'][] = ['backed-up', 'applied', 'verified', 'not-verified'];

export interface FixSlice {
  preview: FixPreview | null;
  /** outcomes.length when the preview opened: the fix step shows only what happened since. */
  previewFrom: number;
  /** What "Undo all" will touch, read from the journal before asking: every change, any session. */
  undoAllPlan: JournalEntry[] | null;
  planUndoAll(): Promise<void>;
  cancelUndoAll(): void;
  fixBusy: boolean;
  fixError: ErrorInfo | null;
  /** Every fix applied in this session, newest last: the summary lists them with their undo. */
  outcomes: FixOutcome[];
  undone: Record<string, UndoOutcome>;
  /** What the journal holds that needs a decision: interrupted fixes, weakened settings. */
  pending: PendingChanges | null;
  /** What became of each interrupted fix or weakened setting the user decided about, by journal id. */
  resolved: Record<string, { kind: 'rolled-back' | 'finished' | 'reverted' | 'kept'; fixId: FixId | null; message: string }>;
  undoAllResult: UndoAllOutcome | null;
  /** Shows what a fix will change on the scanned target (the fix step opens it). */
  loadPreview(fixId: FixId): Promise<void>;
  applyFix(confirmedSecurityChange: boolean): Promise<void>;
  /** Several fixes under one administrator prompt. */
  applyFixes(fixIds: FixId[], confirmedSecurityChange: boolean): Promise<void>;
  undoFix(journalId: string): Promise<void>;
  undoAll(): Promise<void>;
  loadPending(): Promise<void>;
  resolveInterrupted(journalId: string, action: ResolveAction): Promise<void>;
  /** The user tested the connection: put the weakened setting back, or keep it. */
  decideRevert(journalId: string, revert: boolean): Promise<void>;
  /** A change that takes effect at startup: restarted now (scheduled), or left for later, by journal id. */
  /**
   * Per change that needs a restart: scheduled (with when and where), 'later', or called off
   * ('cancelled'; 'none-pending' when there was no restart left to call off).
   */
  restarts: Record<string, RestartOutcome | 'later' | 'cancelled' | 'none-pending'>;
  restartComputer(journalId: string): Promise<void>;
  /** "Cancel restart": shutdown.exe /a on the computer that was told to restart. */
  cancelRestart(journalId: string): Promise<void>;
  restartLater(journalId: string): void;
  /**
   * Start over: the open preview and its errors go. The session's changes stay (outcomes, undone,
   * decisions, restarts): the summary and "Undo all" list every change, whichever computer it was.
   */
  resetFix(): void;
}

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
    set((s) => ({ resolved: { ...s.resolved, [journalId]: { kind, fixId: fixOf(journalId), message } } }));

  return {
    ...fixStart(),
    fixBusy: false,
    outcomes: [],
    undone: {},
    restarts: {},
    pending: null,
    resolved: {},
    undoAllResult: null,

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

    async applyFix(confirmedSecurityChange) {
      const { preview, scan } = get();
      if (!preview || !scan) return;
      await busy(async () => {
        const outcome = await call('applyFix', { fixId: preview.fixId, target: scan.target, confirmedSecurityChange });
        set((s) => ({ outcomes: [...s.outcomes, outcome] }));
      });
    },

    async applyFixes(fixIds, confirmedSecurityChange) {
      const scan = get().scan;
      if (!scan || fixIds.length === 0) return;
      await busy(async () => {
        const outcomes = await call('applyFixes', { fixIds, target: scan.target, confirmedSecurityChange });
        set((s) => ({ outcomes: [...s.outcomes, ...outcomes] }));
      });
    },

    async undoFix(journalId) {
      await busy(async () => {
        const result = await call('undoFix', { journalId });
        set((s) => ({ undone: { ...s.undone, [journalId]: result } }));
      });
    },

    async planUndoAll() {
      await busy(async () => {
        const journal = await call('listJournal', {});
        set({ undoAllPlan: journal.filter((e) => UNDOABLE.includes(e.state)).reverse() });
      });
    },

    cancelUndoAll: () => set({ undoAllPlan: null }),

    async undoAll() {
      set({ undoAllPlan: null });
      await busy(async () => {
        const result = await call('undoAll', {});
        set((s) => ({
          undoAllResult: result,
          undone: { ...s.undone, ...Object.fromEntries(result.undone.map((u) => [u.journalId, u])) },
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
          set((s) => ({ undone: { ...s.undone, [journalId]: result } }));
          markResolved(journalId, 'reverted', result.message);
        } else {
          await call('keepChange', { journalId });
          markResolved(journalId, 'kept', 'Kept. You can still undo it from the summary or with "Undo all changes".');
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
