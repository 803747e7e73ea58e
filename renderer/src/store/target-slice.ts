import { parseTargetInput } from '../../../shared/target';
import { DEFAULT_NETWORK_TYPE } from '../../../shared/network-type';
import { call } from '../api';
import type { SliceCreator } from './slice';
import type { TargetSlice } from './state';

/** What Start over puts back. */
const targetStart = (): Pick<TargetSlice, 'attempted' | 'thisComputerIsServer' | 'ticketText'> => ({
  attempted: false,
  thisComputerIsServer: false,
  ticketText: '',
});

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

export const createTargetSlice: SliceCreator<TargetSlice> = (set, get) => {
  const showTechnical = rememberedShowTechnical();
  return {
    ...targetStart(),
    hostText: '',
    portText: '',
    audience: showTechnical ? 'helpdesk' : 'home',
    showTechnical,
    networkType: DEFAULT_NETWORK_TYPE,
    networkTypeChosen: false,
    recentTargets: [],
    async loadRecentTargets() {
      try {
        set({ recentTargets: (await call('recentTargets', {})).targets });
      } catch {
        set({ recentTargets: [] });
      }
    },
    setShowTechnical: (on) => {
      rememberShowTechnical(on);
      set({ showTechnical: on, audience: on ? 'helpdesk' : 'home' });
    },
    setThisComputerIsServer: (thisComputerIsServer) => set({ thisComputerIsServer }),
    setHostText: (hostText) => set({ hostText }),
    setTicketText: (ticketText) => set({ ticketText }),
    setPortText: (portText) => set({ portText }),
    setAudience: (audience) => set({ audience, showTechnical: audience === 'helpdesk' }),
    setNetworkType: (networkType) => set({ networkType, networkTypeChosen: true }),
    submitTarget() {
      set({ attempted: true });
      const { hostText, portText, audience, networkType, thisComputerIsServer } = get();
      const parsed = parseTargetInput(hostText, portText);
      return parsed.ok ? { target: parsed.target, audience, networkType, thisComputerIsServer } : null;
    },
    resetTarget: () => set(targetStart()),
  };
};
