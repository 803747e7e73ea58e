import type { StateCreator } from 'zustand';
import type { Audience } from '../../../shared/target';
import type { WizardState } from './index';

export interface TargetSlice {
  hostText: string;
  portText: string;
  audience: Audience;
  /** Errors are shown only after the first attempt to start, not while typing. */
  attempted: boolean;
  setHostText(v: string): void;
  setPortText(v: string): void;
  setAudience(v: Audience): void;
}

export const createTargetSlice: StateCreator<WizardState, [], [], TargetSlice> = (set) => ({
  hostText: '',
  portText: '',
  audience: 'home',
  attempted: false,
  setHostText: (hostText) => set({ hostText }),
  setPortText: (portText) => set({ portText }),
  setAudience: (audience) => set({ audience }),
});
