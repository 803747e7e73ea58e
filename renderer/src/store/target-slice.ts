import { parseTargetInput, type Audience, type Target } from '../../../shared/target';
import { DEFAULT_NETWORK_TYPE, type NetworkType } from '../../../shared/network-type';
import { ask, call } from '../api';
import type { Envelope, LastDisconnect } from '../../../shared/ipc-contract';
import type { SliceCreator } from './slice';

/** What a scan is asked for: the parsed target and how to word and order what it finds. */
export interface ScanRequest {
  target: Target;
  audience: Audience;
  networkType: NetworkType;
  thisComputerIsServer: boolean;
}

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
  /** The error Remote Desktop showed, as typed or pasted (shared/reported-error.ts reads it); empty means 0x904 / 0x7. */
  errorText: string;
  setErrorText(v: string): void;
  /** "Read my last attempt": this computer's Remote Desktop log; the step shows the error itself. */
  readLastAttempt(): Promise<Envelope<LastDisconnect>>;
  /** The user asked to start: errors show from now on; the scan to run, or null when the input is not valid. */
  submitTarget(): ScanRequest | null;
  /** The helpdesk ticket number, typed on the summary: it goes into the report. */
  ticketText: string;
  setTicketText(v: string): void;
  /** Start over: the answers about the last computer go; what was typed and the preferences stay. */
  resetTarget(): void;
}

/** What Start over puts back. */
const targetStart = (): Pick<TargetSlice, 'attempted' | 'thisComputerIsServer' | 'ticketText' | 'errorText'> => ({
  attempted: false,
  errorText: '',
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
    setErrorText: (errorText) => set({ errorText }),
    readLastAttempt: () => ask('lastDisconnect', {}),
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
