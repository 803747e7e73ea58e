import { create } from 'zustand';
import { createTargetSlice, type TargetSlice } from './target-slice';
import { createScanSlice, type ScanSlice } from './scan-slice';
import { createFixSlice, type FixSlice } from './fix-slice';
import { createRemoteSlice, type RemoteSlice } from './remote-slice';

export type Step = 'target' | 'scan' | 'findings' | 'fix' | 'summary';

export interface NavigationSlice {
  step: Step;
  goTo(step: Step): void;
  startOver(): void;
}

export type WizardState = TargetSlice & ScanSlice & FixSlice & RemoteSlice & NavigationSlice;

/** One store from small slices (zustand's slices pattern). */
export const createWizardStore = () =>
  create<WizardState>()((...a) => ({
    ...createTargetSlice(...a),
    ...createScanSlice(...a),
    ...createFixSlice(...a),
    ...createRemoteSlice(...a),
    step: 'target',
    goTo: (step) => a[0]({ step }),
    startOver: () => a[0]({ step: 'target', scan: null, progress: {}, preview: null, scanError: null, fixError: null, scriptFixIds: null, scriptError: null, thisComputerIsServer: false, serverReport: null, reportError: null, undoAllPlan: null }),
  }));

export const useWizard = createWizardStore();
