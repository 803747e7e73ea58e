import type { SavedFile } from '../../../shared/saved-file';
import type { FixId } from '../../../shared/catalog/fixes';
import type { ErrorInfo } from '../../../shared/results';
import type { RemoteConnectOutcome, RemoteStatus } from '../../../shared/remote';
import { SERVER_REPORT_MAX_CHARS, type ServerReportSummary } from '../../../shared/server-report';
import { call, errorInfo } from '../api';
import type { SliceCreator } from './slice';

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
  /**
   * Has main make the script for the server and save it in Downloads; resolves with where it is,
   * or null when it could not be made (scriptError says why). fixIds empty: the check-only script.
   */
  saveFixScript(fixIds: FixId[]): Promise<SavedFile | null>;
  /** The server's report opened last, or why the file was refused. */
  serverReport: ServerReportSummary | null;
  reportError: ErrorInfo | null;
  /** Reads the file the user chose and hands it to main to validate; true when main took it. */
  loadServerReport(file: File): Promise<boolean>;
  /**
   * Start over: the fix script's choice and the server's report go. The remoting session stays
   * (it lives in main until disconnected), and so does what the connect form says.
   */
  resetRemote(): void;
}

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

  async saveFixScript(fixIds) {
    const target = get().scan?.target;
    if (!target) return null;
    set({ scriptBusy: true, scriptError: null });
    try {
      return await call('saveFixScript', { fixIds, target });
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
