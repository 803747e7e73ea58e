import { describe, expect, it } from 'vitest';
import { findingOf } from '../../../test/support/rule-alone';
import { NOW, result, security, tls } from '../../../test/support/server-results';
import type { CheckResult } from '../../results';
import { serverTlsVersionsDiagnosis } from './diagnosis';

type Key = { enabled: number | null; disabledByDefault: number | null };
const VERSIONS = ['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'] as const;
/** SCHANNEL's Server keys by version (a version not given has no key), on a server of this Windows version. */
const schannel = (keys: Partial<Record<(typeof VERSIONS)[number], Key>>, osVersion = '10.0.17763') =>
  result('server-tls-versions', {
    protocols: VERSIONS.map((version) =>
      keys[version]
        ? { version, keyExists: true, ...keys[version] }
        : { version, keyExists: false, enabled: null, disabledByDefault: null },
    ),
    osVersion,
  });
const OFF: Key = { enabled: 0, disabledByDefault: null };
const ON: Key = { enabled: 1, disabledByDefault: 0 };
const W2008R2 = '6.1.7601';
const installed = (...ids: string[]) =>
  result('server-updates', {
    hotfixes: ids.map((id) => ({ id, description: 'Update', installedOn: '2026-01-01T00:00:00.000Z' })),
    now: NOW,
  });
const rule = (...results: CheckResult[]) => findingOf(serverTlsVersionsDiagnosis, ...results);

describe('server-tls-versions: what it reads', () => {
  it('treat a missing SCHANNEL key as the OS default, and DisabledByDefault = 1 as off', () => {
    expect(tls(null).status).toBe('pass');
    expect(tls({ enabled: 0, disabledByDefault: null }).status).toBe('fail');
    expect(tls({ enabled: 1, disabledByDefault: 1 })).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(/^TLS 1.2 is turned off for the server unless a program asks for it;/),
    });
  });

  it('lists every version, TLS 1.3 as not available before build 20348', () => {
    expect(schannel({})).toMatchObject({
      status: 'pass',
      summary:
        'TLS 1.2 is available (TLS 1.0 default, TLS 1.1 default, TLS 1.2 default, TLS 1.3 not available; "default" means the key is missing, so Windows\' default applies).',
    });
    expect(schannel({ 'TLS 1.2': ON }, '10.0.20348').summary).toMatch(
      /^TLS 1\.2 is available \(TLS 1\.0 default, TLS 1\.1 default, TLS 1\.2 on, TLS 1\.3 default;/,
    );
    expect(schannel({}, '10.0').summary).toMatch(/TLS 1\.3 not available;/);
  });

  it('fails TLS 1.2 turned off, naming the value and what is left', () => {
    expect(schannel({ 'TLS 1.2': OFF })).toMatchObject({
      status: 'fail',
      summary:
        'TLS 1.2 is turned off for the server; only TLS 1.0 and TLS 1.1 are left (TLS 1.0 default, TLS 1.1 default, TLS 1.2 off, TLS 1.3 not available). Current clients need TLS 1.2 and drop the connection during the handshake.',
    });
    expect(schannel({ 'TLS 1.0': OFF, 'TLS 1.1': OFF, 'TLS 1.2': { enabled: 1, disabledByDefault: 1 } }, '10.0.20348').summary).toMatch(
      /^TLS 1\.2 is turned off for the server unless a program asks for it; only TLS 1\.3 is left \(/,
    );
    // TLS 1.3 switched on by its key counts even before build 20348.
    expect(schannel({ 'TLS 1.0': OFF, 'TLS 1.1': OFF, 'TLS 1.2': OFF, 'TLS 1.3': ON }).summary).toMatch(/only TLS 1\.3 is left/);
  });

  it('fails every version turned off', () => {
    expect(schannel({ 'TLS 1.0': OFF, 'TLS 1.1': OFF, 'TLS 1.2': OFF })).toMatchObject({
      status: 'fail',
      summary:
        'Every TLS version is turned off for the server (TLS 1.0 off, TLS 1.1 off, TLS 1.2 off, TLS 1.3 not available), so no TLS connection can be made.',
    });
    expect(schannel({ 'TLS 1.0': OFF, 'TLS 1.1': OFF, 'TLS 1.2': OFF }, W2008R2).summary).toMatch(
      /so no TLS connection can be made\. On Windows Server 2008 R2 \/ Windows 7, Remote Desktop also needs KB3080079 for TLS 1\.1 and 1\.2\.$/,
    );
  });

  it('warns about TLS 1.0 off on Windows Server 2008 R2 / Windows 7, which cannot see whether KB3080079 is there', () => {
    expect(schannel({ 'TLS 1.0': OFF }, W2008R2)).toMatchObject({
      status: 'warn',
      summary:
        'TLS 1.0 is turned off for the server, and on Windows Server 2008 R2 / Windows 7 Remote Desktop uses TLS 1.1 or 1.2 only once update KB3080079 is installed (TLS 1.0 off, TLS 1.1 default, TLS 1.2 default, TLS 1.3 not available).',
    });
    expect(schannel({ 'TLS 1.0': OFF })).toMatchObject({ status: 'pass' });
    expect(schannel({ 'TLS 1.2': OFF }, W2008R2).summary).toMatch(
      /during the handshake\. On Windows Server 2008 R2 \/ Windows 7, Remote Desktop also needs KB3080079/,
    );
  });
});

describe('server-tls-versions: what it finds', () => {
  it('offers to turn TLS 1.2 back on, and the isolation test where no policy sets the security layer', () => {
    const off = schannel({ 'TLS 1.2': OFF });
    const f = rule(off, security());
    expect(f?.id).toBe('tls-disabled');
    expect(f?.title).toBe('TLS 1.2 is turned off on the server');
    expect(f?.plain).toMatch(/Turning TLS 1\.2 back on fixes it once the server restarts\./);
    expect(f?.technical).toMatch(
      /^HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1\.2\\Server: Enabled = 0/,
    );
    expect(f?.learnMore).toMatch(/tls-registry-settings$/);
    expect([f?.likelihood, f?.score]).toEqual(['certain', 94]);
    expect(f?.evidence.map((e) => [e.checkId, e.label])).toEqual([['server-tls-versions', 'TLS versions']]);
    expect(f?.fixIds).toEqual(['enable-tls12-server', 'rdp-security-isolation-test']);
    expect(rule(off, security({}, { securityLayer: 2 }))?.fixIds).toEqual(['enable-tls12-server']);
    expect(rule(off)?.fixIds).toEqual(['enable-tls12-server']);
  });

  it('says so when every version is off', () => {
    expect(rule(schannel({ 'TLS 1.0': OFF, 'TLS 1.1': OFF, 'TLS 1.2': OFF }))?.title).toBe('Every TLS version is turned off on the server');
    const old: CheckResult = { checkId: 'server-tls-versions', status: 'fail', summary: 'TLS 1.2 is off.', durationMs: 1 };
    expect(rule(old)?.title).toBe('TLS 1.2 is turned off on the server');
  });

  it('on Windows Server 2008 R2 with TLS 1.0 off, blames the missing KB3080079 by the installed updates', () => {
    const legacy = schannel({ 'TLS 1.0': OFF }, W2008R2);
    const f = rule(legacy, installed('KB4534310'));
    expect(f?.id).toBe('tls-disabled');
    expect(f?.title).toBe('The server turned off the only TLS version its Remote Desktop can use');
    expect(f?.plain).toMatch(/Install update KB3080079 on the server/);
    expect(f?.technical).toBe(
      'Windows 6.1.7601: RDS uses TLS 1.1/1.2 only with KB3080079 (not installed); SCHANNEL\\Protocols\\TLS 1.0\\Server is off, so the listener has no protocol (Schannel 36871). Install KB3080079, or set TLS 1.0\\Server Enabled = 1 (temporary).',
    );
    expect(f?.learnMore).toMatch(/tls-registry-settings$/);
    expect([f?.likelihood, f?.score]).toEqual(['certain', 95]);
    expect(f?.evidence.map((e) => [e.checkId, e.label])).toEqual([
      ['server-tls-versions', 'TLS versions'],
      ['server-updates', 'Installed updates (no KB3080079)'],
    ]);
    expect(f?.fixIds).toEqual([]);

    const unread = rule(legacy);
    expect([unread?.likelihood, unread?.score]).toEqual(['likely', 80]);
    expect(unread?.technical).toMatch(/only with KB3080079 \(installed updates not read\);/);
    expect(unread?.evidence.map((e) => e.checkId)).toEqual(['server-tls-versions']);

    expect(rule(legacy, installed('KB4534310', 'kb3080079'))).toBeNull();
  });

  it('finds nothing when TLS 1.2 is there, or from a warning it cannot read', () => {
    expect(rule(schannel({}))).toBeNull();
    expect(rule(schannel({ 'TLS 1.0': OFF }))).toBeNull();
    expect(rule({ checkId: 'server-tls-versions', status: 'warn', summary: 'TLS 1.0 is off.', durationMs: 1 })).toBeNull();
    expect(rule()).toBeNull();
  });
});
