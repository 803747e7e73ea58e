import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../results';
import { diagnose } from '../diagnosis/rules';
import { result, ids, HOST, credentials, connectionData, license, credssp, tls, healthyClient } from '../../test/support/client-results';

/* The client checks together: a healthy client finds nothing, each planted cause one finding, all below the server's certificate. Each check's own tests are in its folder. */
describe('client rules', () => {
  it('find nothing on a healthy client', () => {
    expect(ids(healthyClient())).toEqual([]);
    expect(ids(healthyClient(), 'domain')).toEqual([]);
  });

  it('turn each planted client cause into one finding with its evidence and fix', () => {
    const cases: Array<[CheckResult, string, string[]]> = [
      [credentials(`Domain:target=TERMSRV/${HOST}`), 'stale-saved-credentials', ['remove-saved-credentials']],
      [connectionData({ badLines: 3 }), 'damaged-connection-data', ['clear-connection-data']],
      [license({ hasStore: false }), 'license-cache-damaged', ['reset-license-cache']],
      [credssp(0), 'credssp-policy-blocks', ['credssp-allow-vulnerable']],
      [tls({ enabled: 0, disabledByDefault: null }), 'client-tls-disabled', []],
    ];
    for (const [planted, id, fixIds] of cases) {
      const results = healthyClient().map((r) => (r.checkId === planted.checkId ? planted : r));
      const findings = diagnose(results, { networkType: 'home' });
      expect(findings.map((f) => f.id)).toEqual([id]);
      expect(findings[0]?.evidence.map((e) => e.checkId)).toEqual([planted.checkId]);
      expect(findings[0]?.fixIds).toEqual(fixIds);
      expect(findings[0]?.likelihood).toBe('possible');
    }
  });

  it('rank client causes below a broken server certificate', () => {
    const cert = result('server-certificate', {
      listenerThumbprint: 'A'.repeat(40),
      store: [
        {
          thumbprint: 'A'.repeat(40),
          subject: 'CN=srv',
          notBefore: '2025-01-01T00:00:00.000Z',
          notAfter: '2026-11-14T00:00:00.000Z',
          hasPrivateKey: true,
        },
      ],
      now: '2026-11-21T09:00:00.000Z',
    });
    const results = [cert, credentials(`TERMSRV/${HOST}`), license({ hasStore: false }), tls({ enabled: 0, disabledByDefault: null })];
    expect(ids(results)[0]).toBe('certificate-unusable');
  });
});
