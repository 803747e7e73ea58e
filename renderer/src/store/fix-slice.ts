import type { StateCreator } from 'zustand';
import type { FixId } from '../../../shared/catalog/fixes';
import type { ErrorInfo, FixOutcome, FixPreview, UndoOutcome } from '../../../shared/results';
import { call, errorInfo } from '../api';
import type { WizardState } from './index';

export interface FixSlice {
  preview: FixPreview | null;
  fixBusy: boolean;
  fixError: ErrorInfo | null;
  /** Every fix applied in this session, newest last: the summary lists them with their undo. */
  outcomes: FixOutcome[];
  undone: Record<string, UndoOutcome>;
  openFix(fixId: FixId): Promise<void>;
  applyFix(confirmedSecurityChange: boolean): Promise<void>;
  undoFix(journalId: string): Promise<void>;
}

export const createFixSlice: StateCreator<WizardState, [], [], FixSlice> = (set, get) => ({
  preview: null,
  fixBusy: false,
  fixError: null,
  outcomes: [],
  undone: {},

  async openFix(fixId) {
    const target = get().scan?.target;
    if (!target) return;
    set({ step: 'fix', preview: null, fixError: null });
    try {
      set({ preview: await call('previewFix', { fixId, target }) });
    } catch (err) {
      set({ fixError: errorInfo(err) });
    }
  },

  async applyFix(confirmedSecurityChange) {
    const { preview, scan } = get();
    if (!preview || !scan) return;
    set({ fixBusy: true, fixError: null });
    try {
      const outcome = await call('applyFix', { fixId: preview.fixId, target: scan.target, confirmedSecurityChange });
      set((s) => ({ outcomes: [...s.outcomes, outcome] }));
    } catch (err) {
      set({ fixError: errorInfo(err) });
    } finally {
      set({ fixBusy: false });
    }
  },

  async undoFix(journalId) {
    set({ fixBusy: true, fixError: null });
    try {
      const result = await call('undoFix', { journalId });
      set((s) => ({ undone: { ...s.undone, [journalId]: result } }));
    } catch (err) {
      set({ fixError: errorInfo(err) });
    } finally {
      set({ fixBusy: false });
    }
  },
});
