import { SERVER_REPORT_MAX_CHARS } from '../../../shared/server-report';
import { call, errorInfo } from '../api';
import type { SliceCreator } from './slice';
import type { RemoteSlice } from './state';

/** What Start over puts back. */
const remoteStart = (): Pick<RemoteSlice, 'scriptFixIds' | 'scriptError' | 'serverReport' | 'reportError'> => ({
  scriptFixIds: null,
  scriptError: null,
  serverReport: null,
  reportError: null,
});

export const createRemoteSlice: SliceCreator<RemoteSlice> = (set, get) => ({
  ...remoteStart(),
  remoteHost: '',
  remoteUser: '',
  remoteStatus: null,
  remoteOutcome: null,
  remoteBusy: false,
  remoteError: null,
  scriptBusy: false,
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

  async saveFixScript(fixIds, revertAfterMinutes) {
    const target = get().scan?.target;
    if (!target) return null;
    set({ scriptBusy: true, scriptError: null });
    try {
      return await call('saveFixScript', { fixIds, target, ...(revertAfterMinutes !== undefined ? { revertAfterMinutes } : {}) });
    } catch (err) {
      set({ scriptError: errorInfo(err) });
      return null;
    } finally {
      set({ scriptBusy: false });
    }
  },

  async loadServerReport(file) {
    const target = get().scan?.target;
    if (!target) return false;
    set({ reportError: null });
    // Refused before reading: a huge file is not a report and must not be read into memory.
    if (file.size > SERVER_REPORT_MAX_CHARS * 4) {
      set({ reportError: { kind: 'bad-request', message: `${file.name} is too large to be a server report from RDP Doctor.` } });
      return false;
    }
    try {
      const summary = await call('loadServerReport', { target, fileName: file.name.slice(0, 260), text: await file.text() });
      set({ serverReport: summary });
      return true;
    } catch (err) {
      set({ reportError: errorInfo(err) });
      return false;
    }
  },

  resetRemote: () => set(remoteStart()),
});
