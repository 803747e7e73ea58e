import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RdpDoctorApi } from '../../../shared/ipc-contract';
import type { ScanProgress, ScanResult } from '../../../shared/results';
import { createWizardStore } from './index';

// The store against a fake bridge: what the renderer does with answers, progress and errors.
function installBridge(overrides: Partial<RdpDoctorApi>) {
  let listener: ((e: ScanProgress) => void) | null = null;
  const api = {
    onScanProgress: (l: (e: ScanProgress) => void) => {
      listener = l;
      return () => (listener = null);
    },
    ...overrides,
  } as RdpDoctorApi;
  vi.stubGlobal('window', { rdpDoctor: api });
  return { emit: (e: ScanProgress) => listener?.(e) };
}
afterEach(() => vi.unstubAllGlobals());

const result: ScanResult = {
  scanId: 's1',
  target: { host: 'srv01', port: 3389 },
  startedAt: '2026-11-21T09:00:00.000Z',
  finishedAt: '2026-11-21T09:00:02.000Z',
  thisComputer: 'LAPTOP-JÜRGEN',
  server: { kind: 'remoting', computer: 'SRV01' },
  results: [],
  findings: [],
};

describe('wizard store', () => {
  it('does not start a scan for invalid input and shows errors only after trying', async () => {
    const runScan = vi.fn();
    installBridge({ runScan });
    const store = createWizardStore();
    store.getState().setHostText('bad host');
    expect(store.getState().attempted).toBe(false);
    await store.getState().startScan();
    expect(runScan).not.toHaveBeenCalled();
    expect(store.getState()).toMatchObject({ attempted: true, step: 'target' });
  });

  it('streams progress, then lands on the findings', async () => {
    // eslint-disable-next-line prefer-const -- assigned below, after the scan stub that reads it is made
    let bridge!: ReturnType<typeof installBridge>;
    const seen: string[] = [];
    const runScan = vi.fn(async () => {
      bridge.emit({ scanId: 's1', checkId: 'dns', state: 'running' });
      seen.push(String(store.getState().progress.dns));
      return { ok: true as const, value: result };
    });
    bridge = installBridge({ runScan });
    const store = createWizardStore();
    store.getState().setHostText('srv01:3390');
    await store.getState().startScan();
    expect(runScan).toHaveBeenCalledWith({
      target: { host: 'srv01', port: 3390 },
      audience: 'home',
      networkType: 'home',
      thisComputerIsServer: false,
    });
    expect(seen).toEqual(['running']);
    expect(store.getState()).toMatchObject({ step: 'findings', scan: result, scanId: 's1' });
  });

  it('sends the network type the user chose with the scan', async () => {
    const runScan = vi.fn(async () => ({ ok: true as const, value: result }));
    installBridge({ runScan });
    const store = createWizardStore();
    store.getState().setHostText('srv01');
    store.getState().setNetworkType('vpn');
    await store.getState().startScan();
    expect(runScan).toHaveBeenCalledWith({
      target: { host: 'srv01', port: 3389 },
      audience: 'home',
      networkType: 'vpn',
      thisComputerIsServer: false,
    });
  });

  it('keeps the readable error of a failed scan', async () => {
    installBridge({ runScan: async () => ({ ok: false, error: { kind: 'internal', message: 'boom' } }) });
    const store = createWizardStore();
    store.getState().setHostText('srv01');
    await store.getState().startScan();
    expect(store.getState()).toMatchObject({ step: 'scan', scanError: { kind: 'internal', message: 'boom' } });
  });
});

describe('"Show technical details"', () => {
  it('is remembered for the next launch and decides the audience main receives', async () => {
    const saved = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => saved.set(k, v) });
    const runScan = vi.fn(async () => ({ ok: true as const, value: result }));
    installBridge({ runScan });
    const first = createWizardStore();
    expect(first.getState()).toMatchObject({ showTechnical: false, audience: 'home' });
    first.getState().setShowTechnical(true);
    const next = createWizardStore();
    expect(next.getState()).toMatchObject({ showTechnical: true, audience: 'helpdesk' });
    next.getState().setHostText('srv01');
    await next.getState().startScan();
    expect(runScan).toHaveBeenCalledWith(expect.objectContaining({ audience: 'helpdesk' }));
  });

  it('works when storage is refused: off, and the switch still works for the session', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    });
    const store = createWizardStore();
    expect(store.getState().showTechnical).toBe(false);
    store.getState().setShowTechnical(true);
    expect(store.getState().audience).toBe('helpdesk');
  });
});

describe('"A different error now"', () => {
  it('sends the code with the scan and keeps it for the next ones', async () => {
    const runScan = vi.fn(async () => ({ ok: true as const, value: result }));
    installBridge({ runScan });
    const store = createWizardStore();
    store.getState().setHostText('srv01');
    store.getState().recordConnectTry({ answer: 'different-error', code: '0x204' });
    await store.getState().startScan({ reportedError: '0x204' });
    await store.getState().startScan();
    expect(runScan).toHaveBeenLastCalledWith(expect.objectContaining({ reportedError: '0x204' }));
    expect(store.getState().connectTries).toEqual([expect.objectContaining({ answer: 'different-error', code: '0x204' })]);
  });
});
