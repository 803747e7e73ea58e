import { create } from 'zustand';
import { createTargetSlice, type TargetSlice } from './target-slice';
import { createScanSlice, type ScanSlice } from './scan-slice';
import { createFixSlice, type FixSlice } from './fix-slice';
import { createRemoteSlice, type RemoteSlice } from './remote-slice';
import { createDesktopSlice, type DesktopSlice } from './desktop-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';

export type { Step } from './session-slice';

export type WizardState = TargetSlice & ScanSlice & FixSlice & RemoteSlice & DesktopSlice & SessionSlice;

/**
 * One store from small slices (zustand's slices pattern). Each slice writes only its own fields
 * and has its own reset; the session slice holds what spans them. Every call to main goes
 * through an action here: the views import no bridge.
 */
export const createWizardStore = () =>
  create<WizardState>()((set, get) => ({
    ...createTargetSlice(set, get),
    ...createScanSlice(set, get),
    ...createFixSlice(set, get),
    ...createRemoteSlice(set, get),
    ...createDesktopSlice(set, get),
    ...createSessionSlice(set, get),
  }));

export const useWizard = createWizardStore();
