import type { StateCreator } from 'zustand';
import type { Audience } from '../../../shared/target';
import { DEFAULT_NETWORK_TYPE, type NetworkType } from '../../../shared/network-type';
import type { WizardState } from './index';
import { call } from '../api';

export interface TargetSlice {
  hostText: string;
  portText: string;
  audience: Audience;
  /** How this computer reaches the server: orders and words the advice. */
  networkType: NetworkType;
  /** "I am on the computer people can't connect to": its server checks run here. */
  thisComputerIsServer: boolean;
  /** Errors are shown only after the first attempt to start, not while typing. */
  attempted: boolean;
  setHostText(v: string): void;
  setPortText(v: string): void;
  setAudience(v: Audience): void;
  setNetworkType(v: NetworkType): void;
  setThisComputerIsServer(v: boolean): void;
  /** The Remote Desktop client's recent computers, offered as suggestions (empty off Windows). */
  recentTargets: string[];
  loadRecentTargets(): Promise<void>;
}

export const createTargetSlice: StateCreator<WizardState, [], [], TargetSlice> = (set) => ({
  recentTargets: [],
  async loadRecentTargets() {
    try {
      set({ recentTargets: (await call('recentTargets', {})).targets });
    } catch {
      set({ recentTargets: [] });
    }
  },
  hostText: '',
  portText: '',
  audience: 'home',
  networkType: DEFAULT_NETWORK_TYPE,
  attempted: false,
  thisComputerIsServer: false,
  setThisComputerIsServer: (thisComputerIsServer) => set({ thisComputerIsServer }),
  setHostText: (hostText) => set({ hostText }),
  setPortText: (portText) => set({ portText }),
  setAudience: (audience) => set({ audience }),
  setNetworkType: (networkType) => set({ networkType }),
});
