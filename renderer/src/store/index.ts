import { create } from 'zustand';
import { createTargetSlice } from './target-slice';
import { createScanSlice } from './scan-slice';
import { createFixSlice } from './fix-slice';
import { createRemoteSlice } from './remote-slice';
import { createDesktopSlice } from './desktop-slice';
import { createSessionSlice } from './session-slice';

import type { WizardState } from './state';

export type { Step, WizardState } from './state';

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
