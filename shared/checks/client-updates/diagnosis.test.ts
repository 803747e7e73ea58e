import { describe, expect, it } from 'vitest';
import { ids, updates, attempt, log, healthyClient } from '../../../test/support/client-results';
import { diagnose } from '../../diagnosis/rules';

describe('client-updates', () => {
  it('say when the failures began right after an update, and only then', () => {
    const events = [
      attempt('2026-11-14T08:00:00.000Z', 'ok'),
      attempt('2026-11-19T08:00:00.000Z', 2308),
      attempt('2026-11-20T08:00:00.000Z', 2308),
    ];
    const after = healthyClient().map((r) =>
      r.checkId === 'client-rdp-log'
        ? log(...events)
        : r.checkId === 'client-updates'
          ? updates(['KB5046617', '2026-11-18'], ['KB5044284', '2026-10-15'])
          : r,
    );
    const [f] = diagnose(after, { networkType: 'home' });
    expect(f?.id).toBe('failure-after-update');
    expect(f?.title).toBe('The error started after Windows update KB5046617');
    expect(f?.plain).toMatch(/Update history > Uninstall updates/);
    expect(f?.technical).toMatch(/wusa \/uninstall \/kb:5046617/);
    expect(f?.evidence.map((e) => e.checkId)).toEqual(['client-rdp-log', 'client-updates']);
    // An update before the last good connection explains nothing.
    const before = after.map((r) => (r.checkId === 'client-updates' ? updates(['KB5046617', '2026-11-12']) : r));
    expect(ids(before)).toEqual([]);
  });
});
