import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RdpDoctorApi } from '../../../shared/ipc-contract';
import type { FixOutcome, FixPreview, PendingChanges, ScanResult } from '../../../shared/results';
import type { SessionReport } from '../../../shared/report/session-report';
import { createWizardStore, type WizardState } from './index';
import type { FixSlice } from './state';
import type { OwnSet } from './slice';

// The session slice against a fake bridge: Start over, a new scan, and the calls the views make
// through the store (the log, Remote Desktop, the session's report, a saved file's folder).
afterEach(() => vi.unstubAllGlobals());

const ok = <T>(value: T) => ({ ok: true as const, value });
const none: PendingChanges = { interrupted: [], awaitingRevert: [], notice: null };
const scanOf = (target: { host: string; port: number }): ScanResult => ({
  scanId: `scan-${target.host}`,
  target,
  startedAt: '2026-11-21T09:00:00.000Z',
  finishedAt: '2026-11-21T09:00:02.000Z',
  thisComputer: 'LAPTOP-JÜRGEN',
  server: { kind: 'remoting', computer: target.host.toUpperCase() },
  results: [],
  findings: [],
});
const preview = { fixId: 'enable-firewall-rdp', title: 'Turn on the Remote Desktop firewall rules' } as FixPreview;
const outcome: FixOutcome = {
  fixId: 'enable-firewall-rdp',
  journalId: 'j1',
  status: 'fixed',
  message: 'Fixed.',
  changed: ['Enabled "Remote Desktop - User Mode (TCP-In)"'],
  verification: [],
  computer: 'SRV01',
  at: '2026-11-21T09:01:00.000Z',
};

function bridge(api: Partial<RdpDoctorApi> = {}) {
  const runScan = vi.fn(async (r: { target: { host: string; port: number } }) => ok(scanOf(r.target)));
  const full = {
    onScanProgress: () => () => undefined,
    runScan,
    previewFix: async () => ok(preview),
    applyFix: async () => ok(outcome),
    undoFix: async () => ok({ journalId: 'j1', restored: ['the rules'], message: 'Undone: the rules.' }),
    listInterrupted: async () => ok(none),
    keepChange: async () => ok({} as never),
    getAppInfo: async () => ok({ version: '0.1.0', platform: 'win32', windowsBackend: 'windows', scenarios: [] }),
    ...api,
  } as unknown as RdpDoctorApi;
  vi.stubGlobal('window', { rdpDoctor: full });
  return { runScan };
}

/** The store's state without its actions: what the views show. */
const dataOf = (s: WizardState) => Object.fromEntries(Object.entries(s).filter(([, v]) => typeof v !== 'function'));

/** A session on srv01: a code reported, a try, a fix applied and undone, a server report opened. */
async function sessionOnSrv01() {
  const spies = bridge({ loadServerReport: async () => ok({ computer: 'SRV01', takenAt: '2026-11-21T08:00:00.000Z', checks: 12 }) });
  const store = createWizardStore();
  const s = () => store.getState();
  s().setHostText('srv01');
  s().setThisComputerIsServer(true);
  s().recordConnectTry({ answer: 'different-error', code: '0x204' });
  await s().startScan({ reportedError: '0x204' });
  await s().openFix('enable-firewall-rdp');
  await s().applyFix(false);
  await s().undoFix('j1');
  s().restartLater('j1');
  s().setScriptFixIds(['enable-firewall-rdp']);
  await s().openServerReport(new File(['{}'], 'report.json'));
  return { store, s, ...spies };
}

describe('Start over', () => {
  it("puts back everything about the last computer and keeps the session's changes and the typed name", async () => {
    const { s } = await sessionOnSrv01();
    expect(s()).toMatchObject({ step: 'findings', reportedError: '0x204', scriptFixIds: ['enable-firewall-rdp'], attempted: true });
    s().startOver();
    const fresh = createWizardStore().getState();
    expect(dataOf(s())).toEqual({
      ...dataOf(fresh),
      // What the user typed stays in the box; the changes made stay in the summary, with their undo.
      hostText: 'srv01',
      outcomes: [outcome],
      undone: { j1: { journalId: 'j1', restored: ['the rules'], message: 'Undone: the rules.' } },
      restarts: { j1: 'later' },
    });
  });

  it("does not send the code reported for the last computer with the next one's scan", async () => {
    const { s, runScan } = await sessionOnSrv01();
    expect(runScan).toHaveBeenLastCalledWith(expect.objectContaining({ reportedError: '0x204' }));
    s().startOver();
    s().setHostText('srv02');
    await s().startScan();
    expect(runScan).toHaveBeenLastCalledWith({
      target: { host: 'srv02', port: 3389 },
      audience: 'home',
      networkType: 'home',
      thisComputerIsServer: false,
    });
    expect(s()).toMatchObject({ step: 'findings', reportedError: null, connectTries: [] });
  });
});

describe('a new scan', () => {
  it('keeps the session: its changes, their undo and decisions, the tries and the reported code', async () => {
    const { s, runScan } = await sessionOnSrv01();
    await s().decideRevert('j1', false);
    const before = {
      outcomes: s().outcomes,
      undone: s().undone,
      resolved: s().resolved,
      restarts: s().restarts,
      connectTries: s().connectTries,
    };
    await s().startScan();
    expect(runScan).toHaveBeenLastCalledWith(expect.objectContaining({ reportedError: '0x204' }));
    expect(s()).toMatchObject({ ...before, step: 'findings', reportedError: '0x204' });
    expect(s().resolved.j1?.kind).toBe('kept');
  });

  it('from a server report: runs only when main took the report', async () => {
    const { runScan } = bridge({
      loadServerReport: async () => ({ ok: false, error: { kind: 'bad-request', message: 'Not a report of RDP Doctor.' } }),
    });
    const store = createWizardStore();
    store.getState().setHostText('srv01');
    await store.getState().startScan();
    await store.getState().openServerReport(new File(['x'], 'notes.txt'));
    expect(runScan).toHaveBeenCalledTimes(1);
    expect(store.getState().reportError).toEqual({ kind: 'bad-request', message: 'Not a report of RDP Doctor.' });
  });
});

describe('the calls the views make go through the store', () => {
  it('"Try connecting now" starts Remote Desktop on the scanned computer; a refusal comes back to show', async () => {
    const launchRemoteDesktop = vi.fn(async () => ({
      ok: false as const,
      error: { kind: 'unavailable' as const, message: 'Remote Desktop is only on Windows.' },
    }));
    bridge({ launchRemoteDesktop });
    const store = createWizardStore();
    store.getState().setHostText('srv01:3390');
    await store.getState().startScan();
    expect(await store.getState().launchRemoteDesktop()).toEqual({
      ok: false,
      error: { kind: 'unavailable', message: 'Remote Desktop is only on Windows.' },
    });
    expect(launchRemoteDesktop).toHaveBeenCalledWith({ target: { host: 'srv01', port: 3390 } });
  });

  it('"Show log" answers with the log\'s path, or why not', async () => {
    bridge({ showLog: async () => ok({ path: 'C:\\logs\\main.log' }) });
    expect(await createWizardStore().getState().showLog()).toEqual({ ok: true, value: 'C:\\logs\\main.log' });
    vi.stubGlobal('window', {});
    const missing = await createWizardStore().getState().showLog();
    expect(missing.ok ? '' : missing.error.message).toMatch(/without its bridge/);
  });

  it('"Open folder" names the saved file by its id', async () => {
    const showSavedFile = vi.fn(async () => ok({ shown: true as const }));
    bridge({ showSavedFile });
    const id = '0d7e4f6a-1b2c-4d3e-8f9a-0b1c2d3e4f5a';
    expect(await createWizardStore().getState().showSavedFile(id)).toEqual({ ok: true, value: { shown: true } });
    expect(showSavedFile).toHaveBeenCalledWith({ id });
  });

  it("the session's report carries the scan, the changes, the code and the tries, saved under the computer's name", async () => {
    const saveReport = vi.fn(async (r: { baseName: string }) =>
      ok({ id: 'f1', path: `C:\\Users\\jo\\Downloads\\${r.baseName}.json`, fileName: `${r.baseName}.json` }),
    );
    const { s } = await sessionOnSrv01();
    bridge({ saveReport, loadServerReport: async () => ok({ computer: 'SRV01', takenAt: '2026-11-21T08:00:00.000Z', checks: 12 }) });
    const saved = await s().saveReport('json');
    expect(saved).toMatchObject({ ok: true, value: { fileName: 'rdp-doctor-srv01-2026-11-21-09-00.json' } });
    const [request] = saveReport.mock.calls[0] as unknown as [{ format: string; baseName: string; text: string }];
    const report = JSON.parse(request.text) as SessionReport;
    expect(report).toMatchObject({ server: 'srv01', reportedError: '0x204', connectTries: [{ answer: 'different-error', code: '0x204' }] });
    expect(report.changes).toMatchObject([{ fixId: 'enable-firewall-rdp', undoState: 'undone', computer: 'SRV01' }]);
    const summary = await s().reportSummary();
    expect(summary.ok && summary.value).toContain('srv01');
  });

  it('a report that could not be saved says why', async () => {
    bridge({ saveReport: async () => ({ ok: false, error: { kind: 'internal', message: 'Downloads is full.' } }) });
    const store = createWizardStore();
    expect(await store.getState().saveReport('html')).toMatchObject({ ok: false });
    store.getState().setHostText('srv01');
    await store.getState().startScan();
    expect(await store.getState().saveReport('html')).toEqual({ ok: false, error: { kind: 'internal', message: 'Downloads is full.' } });
  });
});

describe('slices own their state', () => {
  it("a slice's set takes only its own fields (checked by the type checker)", () => {
    const set: OwnSet<FixSlice> = () => undefined;
    set({ preview: null });
    // @ts-expect-error `step` is the session slice's.
    set({ step: 'target' });
    // @ts-expect-error `scan` is the scan slice's, in the updater form too.
    set((s) => ({ outcomes: s.outcomes, scan: null }));
    expect(typeof set).toBe('function');
  });
});
