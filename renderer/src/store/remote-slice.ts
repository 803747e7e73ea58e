import type { StateCreator } from 'zustand';
import type { FixId } from '../../../shared/catalog/fixes';
import type { ErrorInfo } from '../../../shared/results';
import type { FixScriptFile, RemoteConnectOutcome, RemoteStatus } from '../../../shared/remote';
import { call, errorInfo } from '../api';
import type { WizardState } from './index';

/**
 * The remote computer: helpdesk's PowerShell remoting session and the fix script for the server.
 * The password is never kept here: the form holds it only until it is sent.
 */
export interface RemoteSlice {
  /** What the connect form shows; empty means "the scanned target". */
  remoteHost: string;
  remoteUser: string;
  remoteStatus: RemoteStatus | null;
  /** The last connect attempt: connected, or why not and what to do. */
  remoteOutcome: RemoteConnectOutcome | null;
  remoteBusy: boolean;
  remoteError: ErrorInfo | null;
  /** The fixes chosen for the fix script; null means the ones the findings suggest. */
  scriptFixIds: FixId[] | null;
  scriptBusy: boolean;
  scriptError: ErrorInfo | null;
  setRemoteHost(v: string): void;
  setRemoteUser(v: string): void;
  setScriptFixIds(ids: FixId[]): void;
  refreshRemoteStatus(): Promise<void>;
  connectRemote(password: string): Promise<void>;
  disconnectRemote(): Promise<void>;
  makeFixScript(fixIds: FixId[]): Promise<FixScriptFile | null>;
}

export const createRemoteSlice: StateCreator<WizardState, [], [], RemoteSlice> = (set, get) => ({
  remoteHost: '',
  remoteUser: '',
  remoteStatus: null,
  remoteOutcome: null,
  remoteBusy: false,
  remoteError: null,
  scriptFixIds: null,
  scriptBusy: false,
  scriptError: null,
  setRemoteHost: (remoteHost) => set({ remoteHost }),
  setRemoteUser: (remoteUser) => set({ remoteUser }),
  setScriptFixIds: (scriptFixIds) => set({ scriptFixIds }),

  async refreshRemoteStatus() {
    try {
      set({ remoteStatus: await call('remoteStatus', {}) });
    } catch {
      // Not available in this mode: the card says so when helpdesk tries to connect.
    }
  },

  async connectRemote(password) {
    const host = get().remoteHost.trim() || get().scan?.target.host || '';
    set({ remoteBusy: true, remoteError: null, remoteOutcome: null });
    try {
      const outcome = await call('connectRemote', { host, username: get().remoteUser.trim(), password });
      set({ remoteOutcome: outcome, remoteStatus: outcome.status });
    } catch (err) {
      set({ remoteError: errorInfo(err) });
    } finally {
      set({ remoteBusy: false });
    }
  },

  async disconnectRemote() {
    set({ remoteBusy: true, remoteError: null });
    try {
      set({ remoteStatus: await call('disconnectRemote', {}), remoteOutcome: null });
    } catch (err) {
      set({ remoteError: errorInfo(err) });
    } finally {
      set({ remoteBusy: false });
    }
  },

  async makeFixScript(fixIds) {
    const target = get().scan?.target;
    if (!target || fixIds.length === 0) return null;
    set({ scriptBusy: true, scriptError: null });
    try {
      return await call('makeFixScript', { fixIds, target });
    } catch (err) {
      set({ scriptError: errorInfo(err) });
      return null;
    } finally {
      set({ scriptBusy: false });
    }
  },
});
