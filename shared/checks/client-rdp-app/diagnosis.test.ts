import { describe, expect, it } from 'vitest';
import { result } from '../../../test/support/client-results';
import type { ClientRdpAppFacts } from './catalog';
import { windowsName } from './diagnosis';

const os = (o: Partial<ClientRdpAppFacts['os']> = {}): ClientRdpAppFacts['os'] => ({
  build: 26100,
  ubr: 2033,
  productName: 'Windows 10 Pro',
  displayVersion: '24H2',
  ...o,
});
const app = (o: { mstsc?: boolean; mstscVersion?: string | null; windowsApp?: boolean; windowsAppVersion?: string | null } = {}) =>
  result('client-rdp-app', {
    os: os(),
    mstsc: { path: 'C:\\Windows\\System32\\mstsc.exe', exists: o.mstsc ?? true, version: o.mstscVersion ?? null },
    windowsApp: { installed: o.windowsApp ?? false, version: o.windowsAppVersion ?? null },
  });

describe('windowsName', () => {
  it('calls a build of 22000 or later Windows 11, although ProductName still says Windows 10', () => {
    expect(windowsName(os())).toBe('Windows 11 Pro 24H2 (build 26100.2033)');
    expect(windowsName(os({ build: 22000, ubr: 1, displayVersion: '21H2' }))).toBe('Windows 11 Pro 21H2 (build 22000.1)');
    expect(windowsName(os({ build: 19045, ubr: 5131, displayVersion: '22H2' }))).toBe('Windows 10 Pro 22H2 (build 19045.5131)');
    expect(windowsName(os({ build: 21999 }))).toBe('Windows 10 Pro 24H2 (build 21999.2033)');
  });

  it('leaves a server its own name (Server 2022 also has a build above 20000)', () => {
    expect(windowsName(os({ productName: 'Windows Server 2025 Datacenter', build: 26100, displayVersion: '24H2' }))).toBe(
      'Windows Server 2025 Datacenter 24H2 (build 26100.2033)',
    );
    expect(windowsName(os({ productName: 'Windows 10 server edition', build: 26100 }))).toBe(
      'Windows 10 server edition 24H2 (build 26100.2033)',
    );
  });

  it('says what it could read: no product name, no display version (before 20H2), no update revision', () => {
    expect(windowsName(os({ productName: null, displayVersion: null, ubr: null, build: 17763 }))).toBe('Windows (build 17763)');
    expect(windowsName(os({ ubr: 0 }))).toBe('Windows 11 Pro 24H2 (build 26100.0)');
  });
});

describe('client-rdp-app, as the user reads it', () => {
  it('passes with the app, its version and this Windows, and mentions Windows App when it is there too', () => {
    const r = app({ mstscVersion: '10.0.26100.1' });
    expect(r.status).toBe('pass');
    expect(r.summary).toBe('Remote Desktop Connection 10.0.26100.1 is installed on Windows 11 Pro 24H2 (build 26100.2033).');
    expect(app({ windowsApp: true, windowsAppVersion: '2.0.365.0' }).summary).toBe(
      'Remote Desktop Connection is installed on Windows 11 Pro 24H2 (build 26100.2033); Windows App 2.0.365.0 too.',
    );
    expect(app({ windowsApp: true }).summary).toBe(
      'Remote Desktop Connection is installed on Windows 11 Pro 24H2 (build 26100.2033); Windows App too.',
    );
  });

  it('warns when Remote Desktop Connection was removed but Windows App is there', () => {
    const r = app({ mstsc: false, windowsApp: true, windowsAppVersion: '2.0.365.0' });
    expect(r.status).toBe('warn');
    expect(r.summary).toBe(
      'Remote Desktop Connection is not installed on this computer (Windows 11 Pro 24H2 (build 26100.2033)); Windows App 2.0.365.0 is.',
    );
  });

  it('fails when neither app is there', () => {
    const r = app({ mstsc: false });
    expect(r.status).toBe('fail');
    expect(r.summary).toBe(
      'Remote Desktop Connection is not installed on this computer (Windows 11 Pro 24H2 (build 26100.2033)), and neither is Windows App.',
    );
  });
});
