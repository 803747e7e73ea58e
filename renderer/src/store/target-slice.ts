import type { StateCreator } from 'zustand';
import type { Audience } from '../../../shared/target';
import { DEFAULT_NETWORK_TYPE, type NetworkType } from '../../../shared/network-type';
import type { WizardState } from './index';
import { call } from '../api';

export interface TargetSlice {
  hostText: string;
  portText: string;
  /** Derived from `showTechnical` (helpdesk = technical details on): main still receives an audience. */
  audience: Audience;
  /** "Show technical details": a switch remembered across launches, not a question each time. */
  showTechnical: boolean;
  setShowTechnical(v: boolean): void;
  /** How this computer reaches the server: orders and words the advice. */
  networkType: NetworkType;
  /** The user chose the network type (not the default): an inferred one is then only mentioned, never offered. */
  networkTypeChosen: boolean;
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

const SHOW_TECHNICAL_KEY = 'rdp-doctor.show-technical';

/** The remembered switch; storage may be missing (unit tests) or refused, which means "off". */
function rememberedShowTechnical(): boolean {
  try {
    return globalThis.localStorage?.getItem(SHOW_TECHNICAL_KEY) === 'on';
  } catch {
    return false;
  }
}

function rememberShowTechnical(on: boolean) {
  try {
    globalThis.localStorage?.setItem(SHOW_TECHNICAL_KEY, on ? 'on' : 'off');
  } catch {
    // Not remembered this time; the switch still works for this session.
  }
}

export const createTargetSlice: StateCreator<WizardState, [], [], TargetSlice> = (set) => {
  const showTechnical = rememberedShowTechnical();
  return {
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
  audience: showTechnical ? 'helpdesk' : 'home',
  showTechnical,
  setShowTechnical: (on) => {
    rememberShowTechnical(on);
    set({ showTechnical: on, audience: on ? 'helpdesk' : 'home' });
  },
  networkType: DEFAULT_NETWORK_TYPE,
  networkTypeChosen: false,
  attempted: false,
  thisComputerIsServer: false,
  setThisComputerIsServer: (thisComputerIsServer) => set({ thisComputerIsServer }),
  setHostText: (hostText) => set({ hostText }),
  setPortText: (portText) => set({ portText }),
  setAudience: (audience) => set({ audience, showTechnical: audience === 'helpdesk' }),
  setNetworkType: (networkType) => set({ networkType, networkTypeChosen: true }),
  };
};
