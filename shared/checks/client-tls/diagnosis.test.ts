import { describe, expect, it } from 'vitest';
import { healthyClient, result, tls } from '../../../test/support/client-results';
import type { ClientTlsFacts } from './catalog';
import { diagnose } from '../../diagnosis/rules';
import { learnMore } from '../../catalog/learn-more';

type Version = ClientTlsFacts['protocols'][number]['version'];
type Key = { enabled: number | null; disabledByDefault: number | null };
/** SCHANNEL\Protocols\<version>\Client keys: only the versions named have a key. */
const keys = (set: Partial<Record<Version, Key>>) =>
  result('client-tls', {
    protocols: (['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'] as const).map((version) => ({
      version,
      keyExists: set[version] !== undefined,
      enabled: set[version]?.enabled ?? null,
      disabledByDefault: set[version]?.disabledByDefault ?? null,
    })),
  } satisfies ClientTlsFacts);

describe('client-tls', () => {
  it('treats a missing SCHANNEL key or value as the OS default, never as disabled', () => {
    expect(tls().status).toBe('pass');
    expect(tls({ enabled: 1, disabledByDefault: 1 }).status).toBe('fail');
  });

  it('says which way TLS 1.2 is off', () => {
    const off = keys({ 'TLS 1.2': { enabled: 0, disabledByDefault: null } });
    expect(off.status).toBe('fail');
    expect(off.summary).toBe(
      'TLS 1.2 is switched off for this computer as a client: off. Remote Desktop needs it for almost every server.',
    );
    expect(keys({ 'TLS 1.2': { enabled: 1, disabledByDefault: 1 } }).summary).toMatch(/: off unless a program asks for it\./);
  });

  it('passes with nothing configured, and lists what is configured otherwise', () => {
    expect(tls().summary).toBe('No TLS version is configured: Windows uses its defaults.');
    // A key without values is still the default.
    expect(keys({ 'TLS 1.3': { enabled: null, disabledByDefault: null } }).summary).toBe(
      'No TLS version is configured: Windows uses its defaults.',
    );
    expect(keys({ 'TLS 1.2': { enabled: 1, disabledByDefault: 0 } }).summary).toBe('TLS 1.2 is available. Configured: TLS 1.2 on.');
  });

  it('adds that old versions switched off are fine unless the server is very old', () => {
    const r = keys({ 'TLS 1.0': { enabled: 0, disabledByDefault: 1 }, 'TLS 1.1': { enabled: 1, disabledByDefault: 1 } });
    expect(r.status).toBe('pass');
    expect(r.summary).toBe(
      'TLS 1.2 is available. Configured: TLS 1.0 off, TLS 1.1 off unless a program asks for it (fine unless the server is very old).',
    );
    expect(keys({ 'TLS 1.3': { enabled: 1, disabledByDefault: null } }).summary).toBe('TLS 1.2 is available. Configured: TLS 1.3 on.');
  });

  it('names TLS 1.2 switched off as a possible cause, with where to switch it on, and a company policy on a company PC', () => {
    const off = keys({ 'TLS 1.2': { enabled: 0, disabledByDefault: null } });
    const results = healthyClient().map((r) => (r.checkId === 'client-tls' ? off : r));
    const home = diagnose(results, { networkType: 'home' }).find((f) => f.id === 'client-tls-disabled');
    expect(home?.title).toBe('TLS 1.2 is switched off on this computer');
    expect(home?.plain).toMatch(/Switch it back on and restart this computer\.$/);
    expect(home?.technical).toMatch(/SCHANNEL\\Protocols\\TLS 1\.2\\Client has Enabled = 0 or DisabledByDefault = 1/);
    expect(home?.learnMore).toBe(learnMore.tlsRegistry);
    expect(home?.likelihood).toBe('possible');
    expect(home?.fixIds).toEqual([]);
    expect(home?.evidence).toEqual([{ checkId: 'client-tls', label: 'TLS on this computer', value: off.summary }]);
    const domain = diagnose(results, { networkType: 'domain' }).find((f) => f.id === 'client-tls-disabled');
    expect(domain?.plain).toMatch(/restart this computer\. On a company PC a hardening policy may set this: ask IT\.$/);
    const vpn = diagnose(results, { networkType: 'vpn' }).find((f) => f.id === 'client-tls-disabled');
    expect(vpn?.plain).toMatch(/a company policy may set this: ask IT before changing it\.$/);
    expect(diagnose(healthyClient()).map((f) => f.id)).not.toContain('client-tls-disabled');
  });
});
