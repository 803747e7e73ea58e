import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnosis/rules';
import {
  NOW,
  THUMB,
  result,
  cert,
  security,
  tls,
  services,
  rdpEnabled,
  dll,
  pressure,
  credssp,
  updates,
  handshake,
  healthy,
  lockedKey,
} from '../../test/support/server-results';
import type { CheckId } from '../catalog/checks';
import type { CheckResult } from '../results';

/* The server checks together: a healthy server, the certificate with what the probe saw, policies, ranking. Each check's own tests are in its folder. */
describe('server evaluators', () => {
  it('pass on a healthy server', () => {
    for (const r of healthy()) expect([r.checkId, r.status]).toEqual([r.checkId, 'pass']);
    expect(diagnose(healthy())).toEqual([]);
  });

  it('accept older certificate facts (no hashType, no key readability)', () => {
    const r = result('server-certificate', {
      listenerThumbprint: THUMB,
      store: [
        {
          thumbprint: THUMB,
          subject: 'CN=s',
          notBefore: '2026-01-01T00:00:00.000Z',
          notAfter: '2026-11-14T00:00:00.000Z',
          hasPrivateKey: true,
        },
      ],
      now: NOW,
    });
    expect(r.summary).toBe('The Remote Desktop certificate expired on 2026-11-14.');
  });
});

describe('server rules: one finding per cause, with all its evidence', () => {
  it('makes failure 3 from the probe and a certificate expired last week one finding with both pieces of evidence', () => {
    const findings = diagnose([handshake(3), cert({ notAfter: '2026-11-14T00:00:00.000Z' })]);
    expect(findings.map((f) => f.id)).toEqual(['certificate-unusable']);
    expect(findings[0]?.evidence.map((e) => e.checkId)).toEqual(['rdp-handshake', 'server-certificate']);
    expect(findings[0]?.evidence[0]?.value).toMatch(/SSL_CERT_NOT_ON_SERVER/);
    expect(findings[0]?.likelihood).toBe('certain');
    expect(findings[0]?.fixIds).toContain('regenerate-rdp-certificate');
  });

  it('leaves failure 3 to the wire when the server was not read: no Windows fix for a server that may not be Windows', () => {
    const notRead = (checkId: CheckId): CheckResult => ({
      checkId,
      status: 'not-checked',
      summary: 'Not checked from this computer.',
      durationMs: 0,
    });
    expect(diagnose([handshake(3), notRead('server-certificate'), notRead('server-key-permissions')])).toEqual([]);
    const [f] = diagnose([handshake(3), notRead('server-certificate'), lockedKey()]);
    expect(f?.id).toBe('rdp-key-unreadable');
    expect(f?.score).toBe(99);
  });

  it('ignores other probe failures and results whose facts are another shape', () => {
    expect(diagnose([handshake(5)])).toEqual([]);
    expect(diagnose([{ ...handshake(3), facts: 'not an object' }])).toEqual([]);
  });

  it('does not offer to regenerate a custom certificate', () => {
    const [f] = diagnose([cert({ notAfter: '2026-11-14T00:00:00.000Z', hashType: 3, my: true })]);
    expect(f?.id).toBe('certificate-unusable');
    expect(f?.fixIds).not.toContain('regenerate-rdp-certificate');
    expect(f?.plain).toMatch(/renew it/);
  });

  it('reports policies and offers no fix that would overwrite them', () => {
    const [disabled] = diagnose([rdpEnabled(0, 1)]);
    expect(disabled?.title).toMatch(/group policy/);
    expect(disabled?.fixIds).toEqual([]);
    const [conflict] = diagnose([security({ userAuthentication: 1 }, { securityLayer: 0 })]);
    expect(conflict?.id).toBe('security-settings-conflict');
    expect(conflict?.fixIds).toEqual([]);
    const [local] = diagnose([security({ securityLayer: 0, userAuthentication: 1 })]);
    expect(local?.fixIds).toEqual(['require-tls-security-layer', 'rdp-security-isolation-test']);
  });

  it('advises restricting exposure for a brute-force flood, and shows how to uninstall an update without running it', () => {
    const [flood] = diagnose([pressure(2000)]);
    expect(flood?.id).toBe('connection-flood');
    expect(flood?.plain).toMatch(/VPN|Gateway/);
    expect(flood?.fixIds).toEqual([]);
    const [update] = diagnose([updates('2026-11-19T00:00:00.000Z')]);
    expect(update?.technical).toContain('wusa /uninstall /kb:5046616');
    expect(update?.fixIds).toEqual([]);
    expect(diagnose([pressure(null)])).toEqual([]);
  });

  it('ranks by how well each explains 0x904/0x7', () => {
    const findings = diagnose([
      updates('2026-11-19T00:00:00.000Z'),
      credssp('10.0.14393.1884'),
      pressure(2000),
      dll('C:\\Program Files\\RDP Wrapper\\rdpwrap.dll'),
      security({}, {}, 1),
      services('Running', 'Disabled'),
      rdpEnabled(1),
      tls({ enabled: 0, disabledByDefault: 1 }),
      cert({ notAfter: '2026-11-14T00:00:00.000Z' }),
    ]);
    // KeyIso disabled: Windows cannot renew the expired certificate, so the services come first
    // and take the certificate in (shared/diagnosis/causes.ts).
    expect(findings.map((f) => f.id)).toEqual([
      'rdp-services-stopped',
      'tls-disabled',
      'rdp-disabled',
      'termservice-dll-replaced',
      'connection-flood',
      'credssp-outdated',
      'fips-required',
      'server-recent-update',
    ]);
  });
});
