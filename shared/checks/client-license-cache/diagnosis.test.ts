import { describe, expect, it } from 'vitest';
import { attempt, healthyClient, license, log } from '../../../test/support/client-results';
import type { RdpClientEvent } from '../client-rdp-log/catalog';
import { diagnose } from '../../diagnosis/rules';

/** An attempt the server refused for want of a license: 1024, 1017, then 1026 (the server ended it). */
function refusedForLicense(time: string): RdpClientEvent[] {
  const [connecting, ended] = attempt(time, 3);
  return [connecting!, { id: 1017, time: ended!.time, activityId: connecting!.activityId, server: null, reason: null }, ended!];
}

const withLog = (...events: RdpClientEvent[][]) => healthyClient().map((r) => (r.checkId === 'client-rdp-log' ? log(...events) : r));

describe('client-license-cache', () => {
  it('reports a missing license cache as normal and an incomplete one as damaged', () => {
    expect(license({ exists: false }).status).toBe('pass');
    expect(license({ hasStore: false }).summary).toMatch(/incomplete: Store is missing/);
  });

  it('suspects a complete cache when this computer logged that the server refused its license (1017)', () => {
    const results = withLog(refusedForLicense('2026-11-21T08:00:00.000Z'));
    expect(results.find((r) => r.checkId === 'client-rdp-log')?.summary).toMatch(/ended without a license.*event 1017/);
    const [first] = diagnose(results);
    expect(first?.id).toBe('license-cache-damaged');
    expect(first?.likelihood).toBe('likely');
    expect(first?.fixIds).toEqual(['reset-license-cache']);
    expect(first?.plain).toMatch(/Run as administrator/);
    expect(first?.plain).toMatch(/no licenses left/);
    expect(first?.evidence.map((e) => e.checkId)).toEqual(['client-license-cache', 'client-rdp-log']);
  });

  it('does not suspect a complete cache when the refusal was an earlier attempt, or to another server', () => {
    const later = withLog(refusedForLicense('2026-11-20T08:00:00.000Z'), attempt('2026-11-21T08:00:00.000Z', 'ok'));
    expect(diagnose(later).map((f) => f.id)).not.toContain('license-cache-damaged');
    const other = withLog(refusedForLicense('2026-11-21T08:00:00.000Z').map((e) => (e.id === 1024 ? { ...e, server: 'other-pc' } : e)));
    expect(diagnose(other).map((f) => f.id)).not.toContain('license-cache-damaged');
    expect(diagnose(withLog(refusedForLicense('2026-11-21T08:00:00.000Z'))).map((f) => f.id)).toContain('license-cache-damaged');
  });

  it('suspects it for a licensing error the user reports, not for one that has other causes too', () => {
    const ids = (reportedError: string) => diagnose(healthyClient(), { networkType: 'home', reportedError }).map((f) => f.id);
    expect(ids('no-client-access-license')).toContain('license-cache-damaged');
    expect(ids('0x3/0x105')).toContain('license-cache-damaged');
    expect(ids('internal-error')).not.toContain('license-cache-damaged');
    expect(ids('0x904/0x7')).not.toContain('license-cache-damaged');
  });

  it('has nothing to reset when there is no cache', () => {
    const results = withLog(refusedForLicense('2026-11-21T08:00:00.000Z')).map((r) =>
      r.checkId === 'client-license-cache' ? license({ exists: false }) : r,
    );
    expect(diagnose(results).map((f) => f.id)).not.toContain('license-cache-damaged');
  });
});
